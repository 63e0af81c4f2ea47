package assistant_test

import (
	"context"
	"testing"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// "yes" to a night told without a score asks for the score again and
// keeps the night pending; an undo with nothing to undo says so instead
// of answering the last question again.
func TestYesWithoutScoreAndUndoWithNothing(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("terrible night, legs crawling from 10 till 1, woke me twice"), "How were your legs")
	featuretest.MustContain(t, h.Send("yes"), "I need the score first")
	if n := len(h.Nights()); n != 0 {
		t.Fatalf("%d nights saved without a score", n)
	}
	featuretest.MustContain(t, h.Send("6"), "Saved the night", "6/10")
	featuretest.MustContain(t, h.Send("undo"), "Undone")
	h.Send("can stress make it worse?")
	featuretest.MustContain(t, h.Send("undo"), "nothing for me to undo")
}

// A dose told in words is shown back, logged on Save like /med, and
// taken back by Undo.
func TestDoseInWords(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("took 2 paracetamol at 9"), "I understood: you took paracetamol (×2) at 09:00", "Add it to your medicines log?")
	featuretest.MustContain(t, h.Send("yes"), "Noted: paracetamol ×2 at 09:00")
	doses := func() int {
		ds, err := h.Store.Doses(context.Background(), h.UserID, "2000-01-01", "2100-01-01")
		if err != nil {
			t.Fatal(err)
		}
		return len(ds)
	}
	if n := doses(); n != 1 {
		t.Fatalf("%d doses logged", n)
	}
	featuretest.MustContain(t, h.Send("undo"), "Undone")
	if n := doses(); n != 0 {
		t.Fatalf("%d doses left after undo", n)
	}
	stranger := featuretest.New(t)
	stranger.Send("/help")
	stranger.Send("took my iron")
	stranger.Send("yes")
	if ds, _ := stranger.Store.Doses(context.Background(), stranger.UserID, "2000-01-01", "2100-01-01"); len(ds) != 0 {
		t.Fatal("a dose was logged without permission")
	}
}

// "I want to stop you storing my health notes" withdraws consent, as the
// button under /privacy does.
func TestStopYouStoringWithdraws(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("I want to stop you storing my health notes"), "withdrawn your permission")
	if h.User().Consented() {
		t.Fatal("consent still given")
	}
}
