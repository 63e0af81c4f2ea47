package nightlog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/nightlog"
	"github.com/calmnights/calmnights/reminders"
)

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

// TestExportedHelpersRefuseBadInput covers the functions the plain-words
// feature calls directly, without a command's parsing in front of them.
// (LogMedicine and AddLab are covered in bot/medicines, WeekSummary in
// bot/insights.)
func TestExportedHelpersRefuseBadInput(t *testing.T) {
	h := featuretest.Consented(t)
	j := nightlog.New(nightlog.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
	u := h.User()
	start := bot.Clock(21 * 60)
	d, err := j.SaveDiary(ctx, &u, "2026-11-25", func(d *bot.Diary) { d.SymptomStart = &start })
	if err != nil || d.SymptomStart == nil || d.InBed != nil {
		t.Fatalf("SaveDiary: %+v, %v", d, err)
	}
	if d, saved, err := j.DiaryAsUsual(ctx, &u, "2026-11-25"); err != nil || !saved || d.SymptomStart == nil || d.InBed == nil {
		t.Fatalf("DiaryAsUsual keeps the symptom start and adds the usual night: %+v %v %v", d, saved, err)
	}
}
