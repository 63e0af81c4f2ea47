package features_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// withdraw takes consent back through /privacy's button.
func withdraw(t *testing.T, h *featuretest.Harness) {
	t.Helper()
	featuretest.MustContain(t, h.Press("privacy/withdraw"), "withdrawn your permission")
}

// TestFlowsStopWhenConsentIsWithdrawn walks every health flow, typed and
// by its buttons, with consent withdrawn in the middle: the flow ends at
// once and nothing given after it is kept.
func TestFlowsStopWhenConsentIsWithdrawn(t *testing.T) {
	ctx := context.Background()
	t.Run("log typed", func(t *testing.T) {
		h := featuretest.Consented(t)
		featuretest.MustContain(t, h.Send("/log"), "0")
		withdraw(t, h)
		h.Send("6")
		h.Send("yes")
		if n := len(h.Nights()); n != 0 {
			t.Fatalf("%d nights saved after consent was withdrawn", n)
		}
	})
	t.Run("log buttons", func(t *testing.T) {
		h := featuretest.Consented(t)
		out := h.Send("/log")
		payloads := featuretest.Payloads(out)
		withdraw(t, h)
		for _, p := range payloads {
			h.Press(p)
		}
		if n := len(h.Nights()); n != 0 {
			t.Fatalf("%d nights saved after consent was withdrawn", n)
		}
	})
	t.Run("log mid-way, withdrawn from /privacy", func(t *testing.T) {
		h := featuretest.Consented(t)
		h.Send("/log")
		h.Send("6")
		// /privacy leaves the running /log alone; its button withdraws.
		featuretest.MustContain(t, h.Send("/privacy"), "Your privacy")
		withdraw(t, h)
		if _, err := h.Store.Conversation(ctx, h.UserID); err != bot.ErrNotFound {
			t.Fatalf("the /log still runs after consent was withdrawn: %v", err)
		}
		for _, a := range []string{"yes", "no", "no", "skip", "skip"} {
			h.Send(a)
		}
		// The score was given, and saved, while consent stood (each
		// answer is kept as it is given); nothing after the withdrawal
		// is: withdrawing stops new notes, /forget deletes the old.
		ns := h.Nights()
		if len(ns) != 1 || ns[0].Severity != 6 || ns[0].Woke != nil || ns[0].LateCaffeine != nil {
			t.Fatalf("after consent was withdrawn mid-way, stored %+v; want only the score given before", ns)
		}
	})
	t.Run("a step refused ends the flow", func(t *testing.T) {
		h := featuretest.Consented(t)
		h.Send("/log")
		// Consent gone by another way (an older bot, another replica):
		// the next step is refused by the flow's own middleware.
		if _, err := h.Store.UpdateUser(ctx, h.UserID, func(u *bot.User) error { u.ConsentAt = nil; return nil }); err != nil {
			t.Fatal(err)
		}
		featuretest.MustContain(t, h.Send("6"), "stopped here and kept nothing more")
		if _, err := h.Store.Conversation(ctx, h.UserID); err != bot.ErrNotFound {
			t.Fatalf("the refused flow is still running: %v", err)
		}
		if n := len(h.Nights()); n != 0 {
			t.Fatalf("%d nights saved", n)
		}
	})
	t.Run("save it typed and by button", func(t *testing.T) {
		h := featuretest.Consented(t)
		out := h.Send("last night was a 6, woke me twice")
		save := featuretest.Payloads(out)[0]
		withdraw(t, h)
		h.Send("yes")
		h.Press(save)
		if n := len(h.Nights()); n != 0 {
			t.Fatalf("%d nights saved after consent was withdrawn", n)
		}
	})
	t.Run("checklist typed and by buttons", func(t *testing.T) {
		h := featuretest.Consented(t)
		out := h.Send("/checklist")
		payloads := featuretest.Payloads(out)
		withdraw(t, h)
		for range 7 {
			h.Send("yes")
		}
		for _, p := range payloads {
			if strings.HasPrefix(p, "ck/") {
				h.Press(p)
			}
		}
		res, err := h.Store.ChecklistResults(ctx, h.UserID, 10)
		if err != nil || len(res) != 0 {
			t.Fatalf("checklist results after consent was withdrawn: %v %v", res, err)
		}
	})
}
