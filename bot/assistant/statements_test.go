package assistant_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// TestNightToldInWords: every field of a night told in one message is
// shown back before anything is saved, then kept (the night and its sleep
// diary); a second night's score in the same message is saved too; a
// correction and a forgotten detail change the night; undo restores the
// diary and the night before as they were.
func TestNightToldInWords(t *testing.T) {
	ctx := context.Background()
	h := featuretest.Consented(t)
	out := h.Send("terrible night, legs crawling from 10 till 1, got up twice, had a coffee at 5pm")
	featuretest.MustContain(t, out, "woke 2×", "legs from 22:00", "late caffeine", "Tap a score")
	if len(h.Nights()) != 0 {
		t.Fatal("saved before it was confirmed")
	}
	out = h.Send("3")
	featuretest.MustContain(t, out, "Saved the night to Wed 25 Nov", "3/10")
	ns := h.Nights()
	if len(ns) != 1 || ns[0].Severity != 3 || ns[0].LateCaffeine == nil || !*ns[0].LateCaffeine {
		t.Fatalf("stored night: %+v", ns)
	}
	ds, err := h.Store.Diaries(ctx, h.UserID, "2026-11-25", "2026-11-25")
	if err != nil || len(ds) != 1 || ds[0].Awakenings == nil || *ds[0].Awakenings != 2 || ds[0].SymptomStart == nil || *ds[0].SymptomStart != bot.Clock(22*60) {
		t.Fatalf("stored diary: %v %+v", err, ds)
	}

	// A correction in words.
	out = h.Send("oh wait I meant 4 not 3")
	featuretest.MustContain(t, out, "twitching 4/10", "already logged (3/10)")
	save(t, h, out)
	if n := h.Nights()[0]; n.Severity != 4 {
		t.Fatalf("after the correction: %+v", n)
	}

	// The sleep diary in words is a night, not a new usual bedtime.
	out = h.Send("went to bed at 11:10, took about 40 minutes to drop off, woke three times, up at 6:50")
	featuretest.MustContain(t, out, "in bed 23:10", "asleep in 40 min", "woke 3×", "awake at 06:50")
	out = save(t, h, out)
	if u := h.User(); u.Bedtime != nil && *u.Bedtime == bot.Clock(23*60+10) {
		t.Fatal("a night's bedtime became the usual bedtime")
	}
	ds, _ = h.Store.Diaries(ctx, h.UserID, "2026-11-25", "2026-11-25")
	if len(ds) != 1 || ds[0].InBed == nil || *ds[0].InBed != bot.Clock(23*60+10) || *ds[0].LatencyMin != 40 || *ds[0].Awakenings != 3 || *ds[0].FinalWake != bot.Clock(6*60+50) {
		t.Fatalf("diary after the story: %+v", ds)
	}
	h.Press(undoPayload(t, out))
	ds, _ = h.Store.Diaries(ctx, h.UserID, "2026-11-25", "2026-11-25")
	if len(ds) != 1 || ds[0].InBed != nil || ds[0].Awakenings == nil || *ds[0].Awakenings != 2 {
		t.Fatalf("undo did not restore the diary: %+v", ds)
	}

	// Two nights in one message.
	out = h.Send("last night 4, the night before 7")
	featuretest.MustContain(t, out, "7/10 the night before")
	out = save(t, h, out)
	featuretest.MustContain(t, out, "the night to Tue 24 Nov: 7/10")
	if ns := h.Nights(); len(ns) != 2 {
		t.Fatalf("two nights told, %d stored", len(ns))
	}
	h.Press(undoPayload(t, out))
	if ns := h.Nights(); len(ns) != 1 {
		t.Fatalf("undo left %d nights, want the one there before", len(ns))
	}

	// A detail added afterwards.
	h.Send("/start") // any other step ends the pending undo
	out = h.Send("you forgot that it woke me up")
	featuretest.MustContain(t, out, "it woke you", "already logged")
}

// TestToldBeforeConsent: a night told before permission to keep health
// notes is not stored; allowing them offers it back to confirm, and only
// Save keeps it. Without permission, nothing of it is kept.
func TestToldBeforeConsent(t *testing.T) {
	h := featuretest.New(t)
	out := h.Send("last night was a 6, woke me twice")
	featuretest.MustContain(t, out, "only keep a journal with your permission", "show you what you just told me")
	if n := len(h.Nights()); n != 0 {
		t.Fatalf("%d nights stored before permission", n)
	}
	out = h.Press("nl/allow")
	featuretest.MustContain(t, out, "Thank you", "twitching 6/10", "it woke you", "Save it?")
	if n := len(h.Nights()); n != 0 {
		t.Fatal("stored before Save")
	}
	save(t, h, out)
	if ns := h.Nights(); len(ns) != 1 || ns[0].Severity != 6 {
		t.Fatalf("after Save: %+v", ns)
	}
	// Nothing held: allowing again just thanks.
	featuretest.MustContain(t, h.Press("nl/allow"), "Thank you")
}

// TestConsentTypedAfterHeld: a typed yes (or "allow") answers the
// request for permission like its button, and offers the night back; a
// typed no keeps nothing and asks nothing more.
func TestConsentTypedAfterHeld(t *testing.T) {
	h := featuretest.New(t)
	h.Send("last night was a 6, woke me twice")
	out := h.Send("yes")
	featuretest.MustContain(t, out, "Thank you", "twitching 6/10", "Save it?")
	if u := h.User(); !u.Consented() {
		t.Fatal("a typed yes gave no permission")
	}
	save(t, h, out)
	if ns := h.Nights(); len(ns) != 1 || ns[0].Severity != 6 {
		t.Fatalf("after Save: %+v", ns)
	}

	h = featuretest.New(t)
	h.Send("last night was a 6, woke me twice")
	featuretest.MustContain(t, h.Send("no"), "didn't change anything")
	if u := h.User(); u.Consented() {
		t.Fatal("a typed no gave permission")
	}
	if n := len(h.Nights()); n != 0 {
		t.Fatalf("%d nights stored after no", n)
	}
	// Nothing is held any more: allowing later only thanks.
	featuretest.MustContain(t, h.Press("nl/allow"), "Thank you")
	if n := len(h.Nights()); n != 0 {
		t.Fatal("a night was kept after no")
	}
}

// TestShortMessageInAnotherLanguage: a request too short for its
// language to be told ("muéstrame mi semana") is read in the language
// whose words make a request of it.
func TestShortMessageInAnotherLanguage(t *testing.T) {
	h := featuretest.Consented(t)
	for _, text := range []string{"muéstrame mi semana", "zeig mir meine woche", "mostra minha semana"} {
		featuretest.MustContain(t, h.Send(text), "Your week")
	}
}

// TestPlaceInWordsNamesItsChoices: "i live in portland" outside any flow
// offers both Portlands by name, not only their zones.
func TestPlaceInWordsNamesItsChoices(t *testing.T) {
	h := featuretest.Consented(t)
	out := h.Send("i live in portland")
	var labels []string
	for _, r := range out {
		for _, row := range r.Buttons {
			for _, b := range row {
				labels = append(labels, b.Label)
			}
		}
	}
	featuretest.MustContain(t, []bot.Response{{Text: strings.Join(labels, "\n")}}, "Portland, Oregon", "Portland, Maine")
}
