package journal_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/journal"
	"github.com/calmnights/calmnights/reminders"
)

func TestMedicines(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/meds"), "list of medicines and supplements is empty", "what to take and how much is for you and your doctor")
	out := h.Send("/med iron 65 mg")
	featuretest.MustContain(t, out, "Noted: iron 65 mg at 18:00, Wed 25 Nov")
	if !out[0].Personal {
		t.Fatal("a dose reply is not personal")
	}
	featuretest.MustContain(t, h.Send("/med vitamin d 1000 IU"), "vitamin d 1000 IU")
	featuretest.MustContain(t, h.Send("/med "+strings.Repeat("x", 61)), "under 60 characters", "Nothing was saved")
	out = h.Send("/meds")
	featuretest.MustContain(t, out, "iron 65 mg: last taken Wed 25 Nov 18:00 (1 in the last 30 days)", "vitamin d 1000 IU")
	p := featuretest.Payloads(out)
	if len(p) != 2 || !strings.HasPrefix(p[0], "md/t/") || !strings.HasSuffix(p[0], "/20261125") {
		t.Fatalf("taken buttons: %v", p)
	}
	featuretest.MustContain(t, h.Press(p[0]), "Noted: iron 65 mg at 18:00")
	// A button from another day logs nothing.
	old := strings.TrimSuffix(p[0], "20261125") + "20261124"
	featuretest.MustContain(t, h.Press(old), "from an earlier day, so I logged nothing", "/med iron")
	doses, _ := h.Store.Doses(ctx, h.UserID, "2026-11-01", "2026-11-30")
	if len(doses) != 3 {
		t.Fatalf("%d doses stored, want 3", len(doses))
	}
	featuretest.MustContain(t, h.Send("/meds remove Vitamin D"), "Took “Vitamin D” off your list")
	featuretest.MustContain(t, h.Press(strings.Replace(p[1], "/20261125", "/20261125", 1)), "no longer on your list")
	featuretest.MustContain(t, h.Send("/meds remove aspirin"), "not on your list")
	undo := featuretest.Payloads(h.Send("/med ibuprofen 200 mg"))
	if len(undo) != 1 || !strings.HasPrefix(undo[0], "md/u/") {
		t.Fatalf("undo button: %v", undo)
	}
	featuretest.MustContain(t, h.Press(undo[0]), "Removed that dose")
	featuretest.MustContain(t, h.Press(undo[0]), "already removed")
}

func TestLabs(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/lab"), "no iron test results", "/lab ferritin 45")
	featuretest.MustContain(t, h.Send("/lab ferritin 45 2026-11-02"), "Saved: ferritin 45 ng/mL, test of 2 Nov 2026", "question for them")
	featuretest.MustContain(t, h.Send("/lab tsat 18%"), "Saved: transferrin saturation (tsat) 18%, test of 25 Nov 2026")
	featuretest.MustContain(t, h.Send("/lab ferritin 38 µg/l yesterday"), "ferritin 38 ng/mL, test of 24 Nov 2026")
	for _, bad := range []struct{ in, want string }{
		{"/lab tsat 180", "from 0 to 100"},
		{"/lab ferritin lots", "not a number"},
		{"/lab vitamin 3", "ferritin and tsat"},
		{"/lab ferritin 40 2027-01-01", "in the future"},
		{"/lab ferritin 40 pmol/l", "don't understand"},
	} {
		featuretest.MustContain(t, h.Send(bad.in), bad.want, "Nothing was saved")
	}
	wrong := featuretest.Payloads(h.Send("/lab ferritin 450"))
	featuretest.MustContain(t, h.Press(wrong[0]), "Removed that test result")
	out := h.Send("/lab")
	if strings.Contains(featuretest.Text(out), "450") {
		t.Error("an undone result is still listed")
	}
	featuretest.MustContain(t, out, "Ferritin", "2 Nov 2026: 45 ng/mL", "24 Nov 2026: 38 ng/mL", "Transferrin saturation (TSAT)", "25 Nov 2026: 18%")
	for _, word := range []string{"low", "normal", "deficien"} {
		if strings.Contains(strings.ToLower(featuretest.Text(out)), word) {
			t.Errorf("the lab history judges the values (%q)", word)
		}
	}
}

func TestLabsAndMedsNeedConsent(t *testing.T) {
	h := featuretest.New(t)
	for _, cmd := range []string{"/med iron", "/lab ferritin 45", "/week", "/meds"} {
		out := h.Send(cmd)
		if len(featuretest.Payloads(out)) == 0 || !strings.Contains(featuretest.Text(out), "health") {
			t.Errorf("%s without consent: %s", cmd, featuretest.Text(out))
		}
	}
	if ms, _ := h.Store.Medicines(ctx, h.UserID); len(ms) != 0 {
		t.Fatal("a medicine was stored without consent")
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
	reminders.New(reminders.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }}).Register(h.Bot.Router())
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

func TestMorningSameAsUsualAndTakenButtons(t *testing.T) {
	h := featuretest.Consented(t)
	h.Send("/med magnesium")
	r := bot.Response{Text: "Good morning"}
	decorator(h).Decorate(ctx, reminders.Morning, h.User(), &r)
	p := featuretest.Payloads([]bot.Response{r})
	if len(p) != 13 || p[11] != "sd/usual/20261125" || !strings.HasPrefix(p[12], "md/t/") {
		t.Fatalf("morning payloads: %v", p)
	}
	featuretest.MustContain(t, h.Press(p[11]), "Saved the night to Wed 25 Nov as a usual night: in bed 23:00 · awake at 07:00")
	featuretest.MustContain(t, h.Press(p[11]), "already has a sleep diary")
	featuretest.MustContain(t, h.Press("sd/usual/20261101"), "older check-in")
	featuretest.MustContain(t, h.Press(p[12]), "Noted: magnesium")
	for _, pl := range p {
		if len(pl) > bot.MaxPayloadBytes {
			t.Errorf("payload %q too long", pl)
		}
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

// TestExportedHelpersRefuseBadInput covers the functions the plain-words
// feature calls directly, without a command's parsing in front of them.
func TestExportedHelpersRefuseBadInput(t *testing.T) {
	h := featuretest.Consented(t)
	j := journal.New(journal.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
	u := h.User()
	if _, err := j.LogMedicine(ctx, &u, "iron", "", featuretest.FixedNow.Add(time.Hour)); err == nil {
		t.Error("a dose in the future was logged")
	}
	if _, err := j.LogMedicine(ctx, &u, " ", "", featuretest.FixedNow); err == nil {
		t.Error("a dose without a name was logged")
	}
	if d, err := j.LogMedicine(ctx, &u, "iron", "65 mg", featuretest.FixedNow.Add(-2*time.Hour)); err != nil || d.Day != "2026-11-25" {
		t.Errorf("LogMedicine: %+v, %v", d, err)
	}
	for _, bad := range []struct {
		test string
		v    float64
		date string
	}{{bot.LabTSAT, 120, "2026-11-20"}, {bot.LabFerritin, 45, "2026-12-20"}, {bot.LabFerritin, 45, "20 Nov"}, {"b12", 300, "2026-11-20"}} {
		if _, err := j.AddLab(ctx, &u, bad.test, bad.v, bad.date); err == nil {
			t.Errorf("AddLab(%v) was saved", bad)
		}
	}
	start := bot.Clock(21 * 60)
	d, err := j.SaveDiary(ctx, &u, "2026-11-25", func(d *bot.Diary) { d.SymptomStart = &start })
	if err != nil || d.SymptomStart == nil || d.InBed != nil {
		t.Fatalf("SaveDiary: %+v, %v", d, err)
	}
	if d, saved, err := j.DiaryAsUsual(ctx, &u, "2026-11-25"); err != nil || !saved || d.SymptomStart == nil || d.InBed == nil {
		t.Fatalf("DiaryAsUsual keeps the symptom start and adds the usual night: %+v %v %v", d, saved, err)
	}
	if _, err := j.WeekSummary(ctx, &u); err != nil {
		t.Fatal(err)
	}
}
