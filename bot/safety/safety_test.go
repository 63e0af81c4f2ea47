package safety_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/safety"
)

func TestCountry(t *testing.T) {
	for _, tt := range []struct {
		zone, locale, want string
	}{
		{"Europe/Lisbon", "", "PT"},
		{"America/Sao_Paulo", "en-US", "BR"}, // the zone wins over the language
		{"", "pt-BR", "BR"},
		{"", "en_GB", "GB"},
		{"", "en", ""},
		{"UTC", "de-DE", "DE"},
		{"", "", ""},
	} {
		req := &bot.Request{Private: true, Locale: tt.locale, User: &bot.User{TimeZone: tt.zone}}
		if got := safety.Country(req); got != tt.want {
			t.Errorf("zone %q locale %q: %q, want %q", tt.zone, tt.locale, got, tt.want)
		}
		// In a group the zone, a setting of the user's, is not shown.
		req.Private = false
		if got, want := safety.Country(req), safety.Country(&bot.Request{Private: true, Locale: tt.locale}); got != want {
			t.Errorf("in a group, zone %q locale %q: %q, want %q (the locale's)", tt.zone, tt.locale, got, want)
		}
	}
}

func TestScreen(t *testing.T) {
	s := safety.New(nil)
	ctx := context.Background()
	user := &bot.User{TimeZone: "Europe/Berlin"}
	for _, tt := range []struct {
		req  bot.Request
		want string // "" for no safety answer
	}{
		{bot.Request{Text: "I don't want to live anymore", User: user}, "0800 111 0 111"},
		{bot.Request{Command: "log", Args: "3 thinking about killing myself", User: user}, "not alone"},
		{bot.Request{Command: "ask", Args: "my left arm and face went numb all of a sudden", User: user}, "urgent medical care"},
		{bot.Request{Text: "my legs are killing me tonight", User: user}, ""},
		{bot.Request{Text: "I'm dying to know if magnesium helps", User: user}, ""},
		{bot.Request{Text: "can restless legs kill you?", User: user}, ""},
		{bot.Request{Command: "log", Args: "6 calves", User: user}, ""},
		{bot.Request{Text: "   ", User: user}, ""},
	} {
		tt.req.Private = true
		out := s.Screen(ctx, &tt.req)
		switch {
		case tt.want == "" && len(out) != 0:
			t.Errorf("%q%q: unexpected safety answer %q", tt.req.Text, tt.req.Args, out[0].Text)
		case tt.want != "" && (len(out) != 1 || !strings.Contains(out[0].Text, tt.want)):
			t.Errorf("%q%q: %+v, want %q", tt.req.Text, tt.req.Args, out, tt.want)
		}
	}
	if s.Check("anyone else twitching at night?") != safety.None || s.Check("i want to end it all") != safety.Crisis ||
		s.Check("my face droops on one side since this morning") != safety.Urgent {
		t.Error("Check tells chatter, a crisis and an emergency apart wrongly")
	}
}
