package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/insights/internal/words"
)

func nights(sevs ...int) []Night {
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var out []Night
	yes := true
	for i, s := range sevs {
		n := Night{Date: day.AddDate(0, 0, i), WaterML: 2100 * (i % 2)}
		if s >= 0 {
			n.Logged, n.Severity = true, s
			if i%3 == 0 {
				n.Woke, n.LateCaffeine = &yes, &yes
			}
		}
		out = append(out, n)
	}
	return out
}

// en is the report's English.
var en = words.In(nil, "en")

func TestFiguresAndTrend(t *testing.T) {
	ns := nights(8, 7, 8, -1, 6, 2, 1, 2, 0, 1)
	f := Compute(ns)
	if f.Logged != 9 || f.Twitching != 8 || f.Woke != 3 || f.LateCaffeine != 3 || f.WaterGoal != 5 { // night 4 (index 3) is not logged
		t.Fatalf("figures: %+v", f)
	}
	if got := f.trend(en, ns); !strings.HasPrefix(got, "lower in the second half (1.2, from 7.2)") {
		t.Errorf("trend: %q", got)
	}
	if got := Compute(nights(1, 2)).trend(en, nights(1, 2)); !strings.HasPrefix(got, "not enough nights") {
		t.Errorf("trend with two nights: %q", got)
	}
}

func TestPDFHoldsTheFiguresOnOnePage(t *testing.T) {
	ns := nights(8, 7, 8, -1, 6, 2, 1, 2, 0, 1)
	d := Data{Generated: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), TimeZone: "Europe/Berlin", Nights: ns,
		Checklist: &Checklist{TakenAt: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Yes: 3, Total: 7, SeeDoctor: true, YesItems: []string{"twitching on more than three nights a week"}}}
	pdf, err := PDF(d) // uncompressed: the text is readable in the file
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || bytes.Count(pdf, []byte("/Type /Page\n")) != 1 {
		t.Fatal("not a one-page PDF")
	}
	if _, err := PDF(Data{}); err == nil {
		t.Error("a report with no nights was made")
	}
}

// The report speaks the reader's language: its words, its decimal mark,
// and a page that still holds in Russian and German.
func TestReportInOtherLanguages(t *testing.T) {
	ns := nights(8, 7, 8, -1, 6, 2, 1, 2, 0, 1)
	f := Compute(ns)
	for lang, want := range map[string]string{
		"ru": "ниже во второй половине (1,2 против 7,2)",
		"es": "más baja en la segunda mitad (1,2, frente a 7,2)",
		"pt": "menor na segunda metade (1,2, antes 7,2)",
		"de": "niedriger in der zweiten Hälfte (1,2, vorher 7,2)",
	} {
		if got := f.trend(words.In(nil, lang), ns); got != want {
			t.Errorf("%s trend: %q, want %q", lang, got, want)
		}
		d := Data{Lang: lang, Generated: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), Nights: ns,
			Weeks: []Week{{From: ns[0].Date, To: ns[6].Date, Logged: 6, Symptoms: 5, Average: 4.5, Start: "21:00", Efficiency: 91}}}
		pdf, err := PDF(d)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Count(pdf, []byte("/Type /Page\n")) != 1 {
			t.Errorf("%s: the report is not one page", lang)
		}
	}
}
