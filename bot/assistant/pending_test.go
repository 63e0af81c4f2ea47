package assistant_test

import (
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
