package features_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// TestSafetyInAGroupShowsNothingOfTheUser: a crisis statement in a group
// is answered there with the lines of the platform's language (or the
// worldwide ones), never those of the user's time zone, which is their
// own setting; the copy in their private chat has their country's lines.
// An emergency is answered in the group too, and nothing is logged.
func TestSafetyInAGroupShowsNothingOfTheUser(t *testing.T) {
	h := featuretest.Consented(t)
	h.Send("/timezone Europe/Lisbon")
	req := h.Request()
	req.Private, req.ChatID, req.Text, req.Unaddressed = false, "-100", "i just want to end it all", true
	out := h.Bot.Handle(context.Background(), req)
	if len(out) != 2 || out[0].To != "" || out[1].To != "42" {
		t.Fatalf("want the answer in the group and a copy in private: %+v", out)
	}
	if strings.Contains(out[0].Text, "1411") || !strings.Contains(out[0].Text, "findahelpline.com") {
		t.Errorf("the group answer shows the user's country or lacks the fallback:\n%s", out[0].Text)
	}
	if !strings.Contains(out[1].Text, "1411") {
		t.Errorf("the private copy lacks Portugal's line:\n%s", out[1].Text)
	}
	req.Locale = "en-GB"
	if out := h.Bot.Handle(context.Background(), req); !strings.Contains(out[0].Text, "116 123") {
		t.Errorf("the group answer ignores the platform's language (en-GB):\n%s", out[0].Text)
	}
	req.Text, req.Unaddressed = "/log 4 my calf is red, hot and swollen since the flight", false
	req.Command, req.Args = "log", "4 my calf is red, hot and swollen since the flight"
	out = h.Bot.Handle(context.Background(), req)
	if len(out) < 1 || !strings.Contains(out[0].Text, "urgent medical care") || out[0].To != "" {
		t.Fatalf("an emergency inside /log in a group: %+v", out)
	}
	if n := len(h.Nights()); n != 0 {
		t.Fatalf("the night with the emergency was logged (%d nights)", n)
	}
}
