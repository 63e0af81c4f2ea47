package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
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

func TestFiguresAndTrend(t *testing.T) {
	ns := nights(8, 7, 8, -1, 6, 2, 1, 2, 0, 1)
	f := Compute(ns)
	if f.Logged != 9 || f.Twitching != 8 || f.Woke != 3 || f.LateCaffeine != 3 || f.WaterGoal != 5 { // night 4 (index 3) is not logged
		t.Fatalf("figures: %+v", f)
	}
	if got := f.Trend(ns); !strings.HasPrefix(got, "lower in the second half (1.2, from 7.2)") {
		t.Errorf("trend: %q", got)
	}
	if got := Compute(nights(1, 2)).Trend(nights(1, 2)); !strings.HasPrefix(got, "not enough nights") {
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
