package nightlog_test

import (
	"context"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// TestWizardTakesEverydayAnswers walks /log answering every step the way
// people do, and checks what is stored: each answer is read in its
// step's context (an evening onset "10" is 22:00, a bedtime "11" is
// 23:00, "maybe an hour" is 60 minutes, "twice" is 2) and "not sure"
// skips a question without guessing.
func TestWizardTakesEverydayAnswers(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/log"), "How were your legs")
	for _, step := range []struct{ say, next string }{
		{"about a 6", "wake you up"},
		{"yeah a bit", "caffeine after 2 p.m."},
		{"not sure", "stretch before bed"},
		{"nah", "alcohol"},
		{"no", "Sleep diary"},
		{"fill in", "get into bed"},
		{"around 11", "fall asleep"},
		{"maybe an hour", "wake up"},
		{"twice", "finally wake up"},
		{"7ish", "get out of bed"},
		{"7:20", "sleep quality"},
		{"3", "start bothering you"},
		{"10", "moving"},
		{"a little", "beyond your legs"},
		{"not really", "Anything else to note"},
		{"skip", "Saved"},
	} {
		featuretest.MustContain(t, h.Send(step.say), step.next)
	}
	ns := h.Nights()
	if len(ns) != 1 || ns[0].Severity != 6 || ns[0].Woke == nil || !*ns[0].Woke || ns[0].LateCaffeine != nil || ns[0].Stretched == nil || *ns[0].Stretched {
		t.Fatalf("stored night: %+v", ns)
	}
	ds, err := h.Store.Diaries(context.Background(), h.UserID, "0000-01-01", "9999-12-31")
	if err != nil || len(ds) != 1 {
		t.Fatalf("diaries: %v %+v", err, ds)
	}
	d := ds[0]
	want := map[string]bool{
		"in bed 23:00":     d.InBed != nil && *d.InBed == bot.Clock(23*60),
		"asleep in 60 min": d.LatencyMin != nil && *d.LatencyMin == 60,
		"woke twice":       d.Awakenings != nil && *d.Awakenings == 2,
		"awake at 07:00":   d.FinalWake != nil && *d.FinalWake == bot.Clock(7*60),
		"legs from 22:00":  d.SymptomStart != nil && *d.SymptomStart == bot.Clock(22*60),
		"moving eased it":  d.MovingEased != nil && *d.MovingEased,
		"not beyond legs":  d.Spread != nil && !*d.Spread,
	}
	for what, ok := range want {
		if !ok {
			t.Errorf("%s: stored %+v", what, d)
		}
	}
}

// TestWizardKeepsEachAnswer: a person who answers the score and stops
// (the chat closes) has that score saved; a later answer adds to it.
func TestWizardKeepsEachAnswer(t *testing.T) {
	h := featuretest.Consented(t)
	h.Send("/log")
	h.Send("8")
	if ns := h.Nights(); len(ns) != 1 || ns[0].Severity != 8 || ns[0].Woke != nil {
		t.Fatalf("after the score: %+v", ns)
	}
	h.Open() // a restart
	h.Send("yes")
	if ns := h.Nights(); len(ns) != 1 || ns[0].Woke == nil || !*ns[0].Woke {
		t.Fatalf("after 'woke': %+v", ns)
	}
}
