package assistant_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// save presses the Save button of a confirmation.
func save(t *testing.T, h *featuretest.Harness, out []bot.Response) []bot.Response {
	t.Helper()
	for _, p := range featuretest.Payloads(out) {
		if strings.HasPrefix(p, "nl/ok/") {
			return h.Press(p)
		}
	}
	t.Fatalf("no Save button: %s", featuretest.Text(out))
	return nil
}

// undoPayload is the Undo button's payload under a saved change.
func undoPayload(t *testing.T, out []bot.Response) string {
	t.Helper()
	for _, p := range featuretest.Payloads(out) {
		if strings.HasPrefix(p, "nl/undo/") {
			return p
		}
	}
	t.Fatalf("no Undo button: %s", featuretest.Text(out))
	return ""
}

func TestUndoRestoresTheNightExactly(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.SeedNights(h, 1) // the night to 25 Nov: 6/10, late caffeine, stretched, woke
	before := h.Nights()[0]
	out := h.Send("last night was a 2, calves again, didnt wake me")
	featuretest.MustContain(t, out, "already logged (6/10): this changes it")
	out = save(t, h, out)
	featuretest.MustContain(t, out, "Updated the night to Wed 25 Nov", "2/10", "calves again")
	if n := h.Nights()[0]; n.Severity != 2 || *n.Woke || n.Note != "calves again" || !*n.LateCaffeine {
		t.Fatalf("saved night = %+v", n)
	}
	undo := undoPayload(t, out)
	featuretest.MustContain(t, h.Press(undo), "back to 6/10")
	after := h.Nights()[0]
	if after.Severity != before.Severity || *after.Woke != *before.Woke || after.Note != before.Note ||
		*after.LateCaffeine != *before.LateCaffeine || *after.Stretched != *before.Stretched || !after.LoggedAt.Equal(before.LoggedAt) {
		t.Fatalf("after undo %+v, want %+v", after, before)
	}
	featuretest.MustContain(t, h.Press(undo), "nothing to undo")

	// A new night without a score asks for one; undo removes the night.
	out = h.Send("stretched the night before last")
	featuretest.MustContain(t, out, "the night to Tue 24 Nov", "you stretched", "Tap a score")
	out = h.Press("nl/s/" + strings.Split(featuretest.Payloads(out)[0], "/")[2] + "/7")
	featuretest.MustContain(t, out, "Saved the night to Tue 24 Nov", "7/10")
	featuretest.MustContain(t, h.Press(undoPayload(t, out)), "is not logged any more")
	if n := len(h.Nights()); n != 1 {
		t.Fatalf("%d nights after undoing a new one, want 1", n)
	}
}

func TestStaleButtonsAndTypedAnswers(t *testing.T) {
	h := featuretest.Consented(t)
	first := h.Send("drank 2 glasses of water")
	second := h.Send("drank a litre of water")
	featuretest.MustContain(t, save(t, h, first), "already saved, cancelled or replaced")
	featuretest.MustContain(t, h.Send("yes"), "Added 1 L of water")
	featuretest.MustContain(t, save(t, h, second), "already saved")
	featuretest.MustContain(t, h.Send("undo"), "Undone: took 1 L off", "0 ml")
	out := h.Send("had a bottle of water")
	featuretest.MustContain(t, h.Send("nope"), "didn't change anything")
	featuretest.MustContain(t, save(t, h, out), "already saved")
	h.Send("had a glass of water")
	featuretest.MustContain(t, h.Send("ok"), "Added 250 ml") // the everyday yes
	featuretest.MustContain(t, h.Send("undo that"), "Undone: took 250 ml off")
	// A question left behind by another message answers nothing later.
	h.Send("had a glass of water")
	h.Send("does coffee make it worse?")
	if got := featuretest.Text(h.Send("yes")); strings.Contains(got, "Added") {
		t.Fatalf("a yes after an unrelated message saved the old question: %s", got)
	}
	if w, _ := h.Store.Water(context.Background(), h.UserID, "2026-11-25", "2026-11-25"); w["2026-11-25"] != 0 {
		t.Fatalf("water = %v, want 0", w)
	}
}

func TestWarningsWinAndNothingWithoutConsent(t *testing.T) {
	h := featuretest.New(t)
	out := h.Send("had 2 glasses of water")
	featuretest.MustContain(t, out, "permission to store health notes")
	out = h.Send("my legs twitch and now my arms twitch too, last night was an 8")
	featuretest.MustContain(t, out, "This is worth seeing a doctor about")
	for _, p := range featuretest.Payloads(out) {
		if strings.HasPrefix(p, "nl/") {
			t.Fatalf("a warning sign offered to save something: %v", featuretest.Payloads(out))
		}
	}
	// Settings need no consent, and are confirmed too.
	out = h.Send("i go to bed at 11")
	featuretest.MustContain(t, out, "bedtime to 23:00")
	featuretest.MustContain(t, save(t, h, out), "Bedtime set to 23:00")
	if u := h.User(); u.Bedtime == nil || u.Bedtime.String() != "23:00" {
		t.Fatalf("bedtime = %v", u.Bedtime)
	}
	// In a group, chatter not addressed to the bot gets no answer at all.
	req := h.Request()
	req.Private, req.ChatID, req.Text, req.Unaddressed = false, "-100", "had 2 glasses of water", true
	if out := h.Bot.Handle(context.Background(), req); len(out) != 0 {
		t.Fatalf("group chatter got %v", featuretest.Text(out))
	}
	// Addressed to it (a mention), the answer (here: consent first) goes to private.
	req = h.Request()
	req.Private, req.ChatID, req.Text = false, "-100", "had 2 glasses of water"
	out = h.Bot.Handle(context.Background(), req)
	if len(out) != 2 || out[0].To != "" || !strings.Contains(out[0].Text, "private chat") || out[1].To != "42" || !strings.Contains(out[1].Text, "permission") {
		t.Fatalf("a change asked for in a group: %+v", out)
	}
	h.Send("no")
	// /ask reads statements too.
	featuretest.MustContain(t, h.Send("/ask remind me to stretch at 9pm"), "stretch reminder at 21:00")
}

// TestFollowUpContinuesTheTopic: a question the bot cannot place on its
// own is read as a follow-up of the topic just answered.
func TestFollowUpContinuesTheTopic(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("why do my legs jump just as I fall asleep?"), "hypnic jerk")
	out := featuretest.Text(h.Send("how common is that?"))
	if !strings.Contains(out, "hypnic") {
		t.Fatalf("the follow-up lost the topic:\n%s", out)
	}
	// A statement still reads as one, and the context never blocks it.
	featuretest.MustContain(t, h.Send("drank 2 glasses of water"), "500 ml")
}
