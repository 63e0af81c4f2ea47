package settings_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

var ctx = context.Background()

func TestSettings(t *testing.T) {
	h := featuretest.New(t)
	tests := []struct {
		name  string
		input string
		want  []string
		check func(u bot.User) bool
	}{
		{"zone unset", "/timezone", []string{"don't know your time zone yet"}, func(u bot.User) bool { return u.TimeZone == "" }},
		{"set zone", "/timezone Europe/Berlin", []string{"Europe/Berlin", "19:00"}, func(u bot.User) bool { return u.TimeZone == "Europe/Berlin" }},
		{"show zone", "/timezone", []string{"Your time zone is Europe/Berlin"}, nil},
		{"bad zone", "/timezone Mars/Olympus", []string{"Mars/Olympus", "Nothing was changed"}, func(u bot.User) bool { return u.TimeZone == "Europe/Berlin" }},
		{"bedtime unset", "/bedtime", []string{"assume 23:00"}, func(u bot.User) bool { return u.Bedtime == nil }},
		{"set bedtime", "/bedtime 22:30", []string{"Bedtime set to 22:30", "8 h 30 min"}, func(u bot.User) bool { return u.Bedtime.String() == "22:30" }},
		{"bad bedtime", "/bedtime 25:99", []string{"“25:99” isn't a time", "Nothing was changed"}, func(u bot.User) bool { return u.Bedtime.String() == "22:30" }},
		{"bedtime equals wake", "/bedtime 7:00", []string{"can't be the same"}, func(u bot.User) bool { return u.Bedtime.String() == "22:30" }},
		{"set wake", "/waketime 6:15", []string{"Wake time set to 06:15", "7 h 45 min"}, func(u bot.User) bool { return u.WakeTime.String() == "06:15" }},
		{"bad wake", "/waketime soon", []string{"“soon” isn't a time", "wake time"}, func(u bot.User) bool { return u.WakeTime.String() == "06:15" }},
		{"show wake", "/waketime", []string{"You usually get up at 06:15"}, nil},
		{"escaped input", "/timezone **x**", []string{"“**x**”"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			featuretest.MustContain(t, h.Send(tt.input), tt.want...)
			if tt.check != nil && !tt.check(h.User()) {
				t.Fatalf("stored user after %q: %+v", tt.input, h.User())
			}
		})
	}
}

func TestSettingsSurviveRestart(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/timezone Asia/Tokyo")
	h.Send("/bedtime 21:45")
	h.Open()
	featuretest.MustContain(t, h.Send("/timezone"), "Asia/Tokyo")
	featuretest.MustContain(t, h.Send("/bedtime"), "21:45")
}

func TestTimezoneFromAPlaceAndNaturalTimes(t *testing.T) {
	h := featuretest.New(t)
	featuretest.MustContain(t, h.Send("/timezone madrid"), "Europe/Madrid")
	if got := h.User().TimeZone; got != "Europe/Madrid" {
		t.Fatalf("zone after /timezone madrid = %q", got)
	}
	out := h.Send("/timezone usa")
	featuretest.MustContain(t, out, "more than one time zone")
	if got := h.User().TimeZone; got != "Europe/Madrid" {
		t.Fatalf("an ambiguous place changed the zone to %q", got)
	}
	var denver string
	for _, p := range featuretest.Payloads(out) {
		if p == "tz/America/Denver" {
			denver = p
		}
	}
	if denver == "" {
		t.Fatalf("no Denver in the pick-list %v", featuretest.Payloads(out))
	}
	featuretest.MustContain(t, h.Press(denver), "America/Denver")
	featuretest.MustContain(t, h.Send("/timezone xanadu"), "I don't know a place or time zone called “xanadu”")
	featuretest.MustContain(t, h.Send("/bedtime half past ten"), "Bedtime set to 22:30")
	featuretest.MustContain(t, h.Send("/waketime quarter past six"), "06:15")
	featuretest.MustContain(t, h.Send("/bedtime 11"), "Bedtime set to 23:00")
}

func TestTimezoneInPeoplesWords(t *testing.T) {
	h := featuretest.New(t)
	for _, tc := range []struct{ args, zone string }{
		{"I'm in Lisbon", "Europe/Lisbon"},
		{"I live in Bristol, UK", "Europe/London"},
		{"Portland, Oregon", "America/Los_Angeles"},
		{"portland me", "America/New_York"},
		{"Cordoba Spain", "Europe/Madrid"},
		{"Bristol UK", "Europe/London"},
		{"Europe/Berlin", "Europe/Berlin"},
		{"UTC", "UTC"},
	} {
		featuretest.MustContain(t, h.Send("/timezone "+tc.args), tc.zone)
		if got := h.User().TimeZone; got != tc.zone {
			t.Errorf("/timezone %s set %q, want %q", tc.args, got, tc.zone)
		}
	}
}

func TestTimezonePickListAndTypedChoice(t *testing.T) {
	h := featuretest.New(t)
	out := h.Send("/timezone Portland")
	featuretest.MustContain(t, out, "Which one is yours", "Portland, Oregon, United States", "Portland, Maine, United States")
	if got := featuretest.Payloads(out); len(got) != 2 || got[0] != "tz/America/Los_Angeles" || got[1] != "tz/America/New_York" {
		t.Fatalf("buttons = %v", got)
	}
	if h.User().TimeZone != "" {
		t.Fatalf("an ambiguous place set %q", h.User().TimeZone)
	}
	featuretest.MustContain(t, h.Send("Maine"), "America/New_York")
	if h.User().TimeZone != "America/New_York" {
		t.Fatalf("typed choice set %q", h.User().TimeZone)
	}
	if _, err := h.Store.Conversation(ctx, h.UserID); err == nil {
		t.Fatal("the pick-list's flow outlived the choice")
	}

	featuretest.MustContain(t, h.Send("/timezone Córdoba"), "Córdoba, Argentina", "Cordoba, Andalucía, Spain")
	featuretest.MustContain(t, h.Send("the second one"), "Europe/Madrid")

	out = h.Send("/timezone the US")
	featuretest.MustContain(t, out, "more than one time zone", "America/Chicago")
	featuretest.MustContain(t, h.Press("tz/America/Chicago"), "America/Chicago")
	if _, err := h.Store.Conversation(ctx, h.UserID); err == nil {
		t.Fatal("the pick-list's flow outlived the button")
	}

	// Something else typed after a pick-list goes on as usual.
	h.Send("/timezone Portland")
	out = h.Send("why do my legs jump at night when I try to sleep?")
	if strings.Contains(featuretest.Text(out), "time zone") || h.User().TimeZone != "America/Chicago" {
		t.Fatalf("a question after the pick-list: %s (zone %q)", featuretest.Text(out), h.User().TimeZone)
	}
	if c, err := h.Store.Conversation(ctx, h.UserID); err == nil && c.Flow == "timezone" {
		t.Fatal("the pick-list's flow is still running")
	}
}

// TestTimezonePickListDuringOnboarding: /timezone's pick-list at /start's
// time zone step; a typed reply picks from it and onboarding goes on.
func TestTimezonePickListDuringOnboarding(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/start")
	h.Send("yes")
	featuretest.MustContain(t, h.Send("/timezone Cordoba"), "Which one is yours")
	featuretest.MustContain(t, h.Send("Spain"), "Europe/Madrid", "Your bedtime")
	featuretest.MustContain(t, h.Send("22:30"), "You're all set")
}
