package settings_test

import (
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

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
	featuretest.MustContain(t, h.Send("/timezone atlantis"), "I don't know a place or time zone called “atlantis”")
	featuretest.MustContain(t, h.Send("/bedtime half past ten"), "Bedtime set to 22:30")
	featuretest.MustContain(t, h.Send("/waketime quarter past six"), "06:15")
	featuretest.MustContain(t, h.Send("/bedtime 11"), "Bedtime set to 23:00")
}
