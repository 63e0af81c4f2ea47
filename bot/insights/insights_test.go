package insights_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/insights"
	"github.com/calmnights/calmnights/reminders"
)

var ctx = context.Background()

// decorator is the insights as the reminder scheduler sees them.
func decorator(h *featuretest.Harness) reminders.Decorator {
	return insights.New(insights.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
}

func TestJournalSummaryAndObservations(t *testing.T) {
	h := featuretest.Consented(t)
	h.Send("/log 5")
	out := h.Send("/journal")
	featuretest.MustContain(t, out, "Your last 7 nights", "Thu 19 Nov · not logged", "Wed 25 Nov · ▰▰▰▱▱ 5/10", "Nights logged: 1 of 7", "With 7 or more logged nights")
	if !out[0].Personal {
		t.Error("journal not marked personal")
	}
	featuretest.SeedNights(h, 14)
	h.Store.AddWater(ctx, h.UserID, "2026-11-24", 2100) // the day before the 25th
	out = h.Send("/journal 14")
	featuretest.MustContain(t, out, "Nights logged: 14 of 14", "Late-caffeine days: 7", "Days at the water goal (2 L+): 1",
		"Observations (patterns in your own notes, not proof of cause",
		"Late caffeine: average 6.0 after late caffeine (7 nights) vs 2.0 without (7 nights)",
		"Stretching: average")
	if strings.Contains(featuretest.Text(out), "Water: average") {
		t.Error("water compared with only one night at the goal")
	}
	featuretest.MustContain(t, h.Send("/journal 500"), "from 1 to 90")
	featuretest.MustContain(t, h.Send("/checklist"), "Your journal: twitching on 7 of the last 7 nights (7 logged)")
}

func TestChartAndReport(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/chart"), "nothing in your journal")
	featuretest.SeedNights(h, 20)
	h.Store.SaveChecklistResult(ctx, bot.ChecklistResult{UserID: h.UserID, TakenAt: featuretest.FixedNow, Yes: 2, Total: 7, SeeDoctor: true, Answers: map[string]bool{"nights": true, "wakes": true}})
	out := h.Send("/chart")
	if len(out) != 1 || out[0].Image == nil || !out[0].Personal {
		t.Fatalf("chart reply: %+v", out)
	}
	img, err := png.Decode(bytes.NewReader(out[0].Image.Data))
	if err != nil || img.Bounds().Dx() < 600 {
		t.Fatalf("chart is not a usable PNG: %v", err)
	}
	out = h.Send("/report")
	if len(out) != 1 || out[0].File == nil || out[0].File.MIME != "application/pdf" {
		t.Fatalf("report reply: %+v", out)
	}
	pdf := out[0].File.Data
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.")) || !bytes.Contains(pdf[len(pdf)-1024:], []byte("%%EOF")) || bytes.Count(pdf, []byte("/Type /Page\n")) > 2 {
		t.Fatalf("report is not a PDF of one or two pages (%d bytes)", len(pdf))
	}
}

// seedWeeks stores 14 nights: symptoms on 5 of the last 7, with diaries
// (in bed 23:00, 30 min to sleep, up at 07:00) and the legs from 21:00.
func seedWeeks(t *testing.T, h *featuretest.Harness) {
	for i := 0; i < 14; i++ {
		day := featuretest.FixedNow.AddDate(0, 0, -i).Format(bot.DateLayout)
		sev := 0
		if i < 7 && i%7 < 5 {
			sev = 4
		} else if i >= 7 {
			sev = 6
		}
		caf, str := i%2 == 0, true
		if _, err := h.Store.SaveNight(ctx, bot.Night{UserID: h.UserID, Date: day, Severity: sev, LateCaffeine: &caf, Stretched: &str, LoggedAt: featuretest.FixedNow}); err != nil {
			t.Fatal(err)
		}
		bed, wake, start, lat, awake := bot.Clock(23*60), bot.Clock(7*60), bot.Clock(21*60), 30, 1
		if err := h.Store.SaveDiary(ctx, bot.Diary{UserID: h.UserID, Date: day, InBed: &bed, LatencyMin: &lat, Awakenings: &awake, FinalWake: &wake, OutOfBed: &wake, SymptomStart: &start, UpdatedAt: featuretest.FixedNow}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWeekSummary(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/week"), "Nothing logged these seven nights")
	seedWeeks(t, h)
	out := h.Send("/week")
	featuretest.MustContain(t, out,
		"Your week (nights to Thu 19 Nov – Wed 25 Nov)",
		"Nights logged: 7 of 7",
		"Nights with symptoms: 5: more than three nights a week, which is one of the seven questions of the article's checklist (two or more “yes” of seven",
		"Average score: 2.9/10 (3.1 lower than the week before, 6.0)",
		"Sleep efficiency: 94% on average (7 nights with a sleep diary); 94% the week before",
		"about 30 min to fall asleep, 1.0 awakenings a night",
		"Legs started bothering you around 21:00",
		"caffeine cutoff kept 3 of 7 days, stretched 7 nights",
		"Streaks in a row: logging 14 nights, stretching 14 nights",
		"not a diagnosis",
		"/remind weekly friday 19:30",
	)
	if p := featuretest.Payloads(out); len(p) != 1 || p[0] != "rm/on/weekly" {
		t.Fatalf("/week buttons: %v", p)
	}
	if !out[0].Personal {
		t.Fatal("/week is not personal")
	}
}

func TestWeeklyReminderCarriesTheSummary(t *testing.T) {
	h := featuretest.Consented(t)
	seedWeeks(t, h)
	featuretest.MustContain(t, h.Press("rm/on/weekly"), "Weekly summary: Sundays at 18:00, on")
	featuretest.MustContain(t, h.Send("/remind weekly friday 19:30"), "Weekly summary")
	rs, err := h.Store.Reminders(ctx, h.UserID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rs {
		if r.Kind == reminders.Weekly {
			found = true
			if r.Spec != "30 19 * * 5" || !r.Enabled || r.NextDue.Weekday() != time.Friday {
				t.Fatalf("weekly reminder: %+v", r)
			}
		}
	}
	if !found {
		t.Fatal("no weekly reminder")
	}
	resp := bot.Response{Text: "Your week"}
	decorator(h).Decorate(ctx, reminders.Weekly, h.User(), &resp)
	if !resp.Personal || !strings.Contains(resp.Text, "Nights with symptoms") {
		t.Fatalf("weekly reminder text: %+v", resp)
	}
}

func TestJournalShowsHealthPatterns(t *testing.T) {
	h := featuretest.Consented(t)
	for i := 0; i < 10; i++ {
		day := featuretest.FixedNow.AddDate(0, 0, -i)
		alc := i%2 == 0
		sev := 2
		if alc {
			sev = 7
		}
		h.Store.SaveNight(ctx, bot.Night{UserID: h.UserID, Date: day.Format(bot.DateLayout), Severity: sev, LoggedAt: featuretest.FixedNow})
		h.Store.SaveDiary(ctx, bot.Diary{UserID: h.UserID, Date: day.Format(bot.DateLayout), Alcohol: &alc, UpdatedAt: featuretest.FixedNow})
	}
	featuretest.MustContain(t, h.Send("/journal 10"), "Alcohol: average 7.0 after alcohol in the evening (5 nights) vs 2.0 without (5 nights)", "not proof")
}

// TestReportWithTheNewData makes the report from four weeks of nights,
// diaries, doses and iron tests: two pages, the first the summary. With
// CALMNIGHTS_REPORT_OUT set it writes the PDF and chart there to look at.
func TestReportWithTheNewData(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.SeedNights(h, 30)
	for i := 0; i < 30; i++ {
		day := featuretest.FixedNow.AddDate(0, 0, -i)
		bed, wake := bot.Clock(22*60+45+(i%3)*15), bot.Clock(6*60+45)
		start := bot.Clock(21*60 + 30 - (29-i)*2) // starting earlier over the weeks
		lat, awake, q := 20+(i%4)*10, i%3, 2+i%3
		alc := i%5 == 0
		h.Store.SaveDiary(ctx, bot.Diary{UserID: h.UserID, Date: day.Format(bot.DateLayout), InBed: &bed, LatencyMin: &lat, Awakenings: &awake, FinalWake: &wake, OutOfBed: &wake, Quality: &q, SymptomStart: &start, Alcohol: &alc, UpdatedAt: featuretest.FixedNow})
		if i%3 != 0 {
			h.Store.LogDose(ctx, bot.Dose{UserID: h.UserID, Name: "Iron", Dose: "65 mg", TakenAt: day.Add(3*time.Hour + time.Duration(i)*time.Minute), Day: day.Format(bot.DateLayout)})
		}
	}
	h.Send("/lab ferritin 38 2026-09-14")
	h.Send("/lab tsat 17 2026-09-14")
	h.Send("/lab ferritin 52 2026-11-16")
	h.Store.SaveChecklistResult(ctx, bot.ChecklistResult{UserID: h.UserID, TakenAt: featuretest.FixedNow, Yes: 2, Total: 7, SeeDoctor: true, Answers: map[string]bool{"nights": true, "wakes": true}})
	out := h.Send("/report")
	if len(out) != 1 || out[0].File == nil || !out[0].Personal {
		t.Fatalf("report reply: %+v", out)
	}
	pdf := out[0].File.Data
	if n := bytes.Count(pdf, []byte("/Type /Page\n")); n != 2 {
		t.Fatalf("report has %d pages, want 2", n)
	}
	charts := h.Send("/chart")
	if len(charts) != 2 || charts[1].Image == nil || !charts[1].Personal || !strings.Contains(charts[1].Text, "sleep efficiency") {
		t.Fatalf("/chart with a sleep diary: %d replies", len(charts))
	}
	if dir := os.Getenv("CALMNIGHTS_REPORT_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, "sleep.png"), charts[1].Image.Data, 0o600)
		os.WriteFile(filepath.Join(dir, "report.pdf"), pdf, 0o600)
		if c := h.Send("/chart"); len(c) == 1 && c[0].Image != nil {
			os.WriteFile(filepath.Join(dir, "chart.png"), c[0].Image.Data, 0o600)
		}
	}
}

// TestWeekSummaryExported covers WeekSummary called directly, without
// /week in front of it (moved from bot/nightlog's exported helpers test).
func TestWeekSummaryExported(t *testing.T) {
	h := featuretest.Consented(t)
	in := insights.New(insights.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
	u := h.User()
	if _, err := in.WeekSummary(ctx, &u); err != nil {
		t.Fatal(err)
	}
}
