package onboarding_test

import (
	"context"
	"github.com/calmnights/calmnights/bot"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

var ctx = context.Background()

func TestOnboardingWithButtons(t *testing.T) {
	h := featuretest.New(t)
	out := h.Send("/start")
	featuretest.MustContain(t, out, "Welcome to Calm Nights", "not a doctor", "May I keep those notes")
	if got := featuretest.Payloads(out); len(got) != 2 || got[0] != "start/yes" || got[1] != "start/no" {
		t.Fatalf("consent buttons = %v", got)
	}
	if h.User().Consented() {
		t.Fatal("consent recorded before it was given")
	}

	out = h.Press("start/yes")
	featuretest.MustContain(t, out, "Thank you", "Your time zone", "Which city do you live in")
	if u := h.User(); u.ConsentAt == nil || !u.ConsentAt.Equal(featuretest.FixedNow) {
		t.Fatalf("consent = %v", u.ConsentAt)
	}

	out = h.Press("start/zone/UTC")
	featuretest.MustContain(t, out, "Your bedtime")
	if h.User().TimeZone != "UTC" {
		t.Fatalf("zone = %q", h.User().TimeZone)
	}

	out = h.Press("start/bed/22:30")
	featuretest.MustContain(t, out, "Bedtime set to 22:30", "You're all set", "Time zone: UTC")
	if u := h.User(); u.Bedtime == nil || u.Bedtime.String() != "22:30" {
		t.Fatalf("bedtime = %v", u.Bedtime)
	}
	if _, err := h.Store.Conversation(ctx, h.UserID); err == nil {
		t.Fatal("onboarding still running after the last step")
	}

	// A second /start is a short welcome back, not the consent question.
	out = h.Send("/start")
	featuretest.MustContain(t, out, "Welcome back", "Bedtime: 22:30")
	if len(featuretest.Payloads(out)) != 0 {
		t.Fatalf("welcome back has buttons: %v", featuretest.Payloads(out))
	}
}

func TestOnboardingTypedAndCommands(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/start")
	featuretest.MustContain(t, h.Send("no"), "won't keep any notes", "Your time zone")
	if h.User().Consented() {
		t.Fatal("consent stored after no")
	}
	featuretest.MustContain(t, h.Send("Mars/Olympus"), "I don't know a time zone called “Mars/Olympus”", "Your time zone")
	featuretest.MustContain(t, h.Send("/timezone america/new_york"), "America/New_York", "Your bedtime")
	featuretest.MustContain(t, h.Send("22;30"), "isn't a time I understand", "Your bedtime")
	out := h.Send("10:45 pm")
	featuretest.MustContain(t, out, "Bedtime set to 22:45", "You're all set", "America/New_York")
}

func TestOnboardingSurvivesRestart(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/start")
	h.Press("start/yes")
	h.Open() // restart: new store connection, new Bot
	out := h.Send("Europe/Berlin")
	featuretest.MustContain(t, out, "Europe/Berlin", "Your bedtime")
	h.Open()
	featuretest.MustContain(t, h.Send("23:15"), "You're all set")
	if u := h.User(); u.TimeZone != "Europe/Berlin" || u.Bedtime.String() != "23:15" || !u.Consented() {
		t.Fatalf("after restarts: %+v", u)
	}
}

func TestOnboardingLetsAQuestionThrough(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/start")
	h.Press("start/yes")
	// A side question is answered, and getting started resumes where it
	// was (issue 23: it used to drop the time-zone step silently).
	out := h.Send("why do my legs jump at night when I try to sleep?")
	featuretest.MustContain(t, out, "Why the legs, and why at night", "Back to getting started", "Your time zone")
	if strings.Contains(featuretest.Text(out), "I don't know") {
		t.Fatalf("question was taken as a zone: %s", featuretest.Text(out))
	}
	if c, err := h.Store.Conversation(ctx, h.UserID); err != nil || c.Flow != "onboarding" {
		t.Fatalf("onboarding stopped after a side question: %+v %v", c, err)
	}
	featuretest.MustContain(t, h.Send("I'm in Lisbon"), "Europe/Lisbon")
	if u := h.User(); u.TimeZone != "Europe/Lisbon" {
		t.Fatalf("zone after resuming: %q", u.TimeZone)
	}
	// "stop" leaves it.
	h.Send("stop")
	if c, err := h.Store.Conversation(ctx, h.UserID); err == nil && c.Flow == "onboarding" {
		t.Fatal("onboarding kept running after stop")
	}
}

func TestOnboardingTakesACityAndAnHourInWords(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/start")
	h.Send("yes")
	featuretest.MustContain(t, h.Send("madrid"), "Europe/Madrid", "Your bedtime")
	featuretest.MustContain(t, h.Send("half past ten"), "Bedtime set to 22:30", "You're all set")
}

// startAtZone starts onboarding and answers its consent question, so
// that the next message answers the time zone step.
func startAtZone(t *testing.T) *featuretest.Harness {
	t.Helper()
	h := featuretest.New(t)
	h.Send("/start")
	featuretest.MustContain(t, h.Send("yes"), "Your time zone")
	return h
}

func TestOnboardingTakesAPlaceInWords(t *testing.T) {
	for _, tc := range []struct{ say, zone string }{
		{"I'm in Lisbon", "Europe/Lisbon"},
		{"I live in Bristol, UK", "Europe/London"},
		{"i live near bristol, england, thanks", "Europe/London"},
		{"Portland, Oregon", "America/Los_Angeles"},
		{"Portland OR", "America/Los_Angeles"},
		{"Cordoba Spain", "Europe/Madrid"},
		{"Bristol, England", "Europe/London"},
		{"Córdoba, Argentina", "America/Argentina/Cordoba"},
	} {
		t.Run(tc.say, func(t *testing.T) {
			h := startAtZone(t)
			featuretest.MustContain(t, h.Send(tc.say), tc.zone, "Your bedtime")
			if got := h.User().TimeZone; got != tc.zone {
				t.Fatalf("%q set the zone to %q, want %q", tc.say, got, tc.zone)
			}
		})
	}
}

func TestOnboardingOffersChoicesForAnAmbiguousPlace(t *testing.T) {
	h := startAtZone(t)
	out := h.Send("Portland")
	featuretest.MustContain(t, out, "Which one is yours", "Portland, Oregon, United States", "Portland, Maine, United States", "America/Los_Angeles", "America/New_York")
	if got := featuretest.Payloads(out); len(got) != 3 || got[0] != "start/zone/America/Los_Angeles" || got[1] != "start/zone/America/New_York" || got[2] != "start/skip" {
		t.Fatalf("Portland's buttons = %v", got)
	}
	for _, row := range out[0].Buttons[:2] {
		if l := row[0].Label; !strings.Contains(l, "Portland, ") || !strings.Contains(l, "United States") || !strings.Contains(l, "America/") {
			t.Errorf("button %q does not name the city, state, country and zone", l)
		}
	}
	if h.User().TimeZone != "" {
		t.Fatalf("an ambiguous place set the zone to %q", h.User().TimeZone)
	}
	featuretest.MustContain(t, h.Press("start/zone/America/New_York"), "America/New_York", "Your bedtime")
	if h.User().TimeZone != "America/New_York" {
		t.Fatalf("zone after the button = %q", h.User().TimeZone)
	}
}

func TestOnboardingReadsATypedChoice(t *testing.T) {
	for _, tc := range []struct{ place, reply, zone string }{
		{"Portland", "Maine", "America/New_York"},
		{"I live in Portland", "the first one", "America/Los_Angeles"},
		{"Córdoba", "Spain", "Europe/Madrid"},
		{"cordoba", "2", "Europe/Madrid"},
		{"the US", "Denver", "America/Denver"},
		{"Portland", "Lisbon", "Europe/Lisbon"}, // another place altogether
	} {
		t.Run(tc.place+" "+tc.reply, func(t *testing.T) {
			h := startAtZone(t)
			featuretest.MustContain(t, h.Send(tc.place), "Which one is yours")
			featuretest.MustContain(t, h.Send(tc.reply), tc.zone, "Your bedtime")
			if got := h.User().TimeZone; got != tc.zone {
				t.Fatalf("%q then %q set %q, want %q", tc.place, tc.reply, got, tc.zone)
			}
		})
	}
}

func TestOnboardingCountryWithSeveralZones(t *testing.T) {
	h := startAtZone(t)
	featuretest.MustContain(t, h.Send("Portland"), "Portland, Maine")
	out := h.Send("I live in the US") // fits both Portlands: read as a place of its own
	featuretest.MustContain(t, out, "Which one is yours", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
	if n := len(featuretest.Payloads(out)); n < 5 {
		t.Fatalf("the US offered %d buttons", n)
	}
	// A question typed instead is answered, and the step asked again.
	out = h.Send("why do my legs jump at night when I try to sleep?")
	featuretest.MustContain(t, out, "Why the legs, and why at night", "Back to getting started")
}

func TestOnboardingUnknownPlace(t *testing.T) {
	h := startAtZone(t)
	featuretest.MustContain(t, h.Send("Xanadu"), "I don't know a place or time zone called “Xanadu”", "Your time zone")
	for _, typo := range []string{"Lisbn", "Portlnad, Oregn", ",,,", "🙂"} {
		h.Send(typo) // must not panic
	}
	if h.User().TimeZone != "" {
		t.Fatalf("a typo set the zone to %q", h.User().TimeZone)
	}
}

func TestOnboardingAsksAboutAMisspeltPlace(t *testing.T) {
	h := startAtZone(t)
	out := h.Send("I live in Bristl")
	featuretest.MustContain(t, out, "Did you mean", "Bristol, United Kingdom")
	if h.User().TimeZone != "" {
		t.Fatalf("a guess set the zone to %q", h.User().TimeZone)
	}
	featuretest.MustContain(t, h.Send("1"), "Europe/London", "Your bedtime")
}

// At the time-zone step the bot asks "I have Etc/UTC. Is that right?":
// a typed yes keeps the zone and moves on, a typed no asks for the city.
func TestZoneStepTakesTypedYesAndNo(t *testing.T) {
	for answer, want := range map[string]string{"yes": "Your bedtime", "yep that's right": "Your bedtime", "no": "Which city do you live in"} {
		h := featuretest.New(t)
		h.Send("/start")
		if _, err := h.Store.UpdateUser(context.Background(), h.UserID, func(u *bot.User) error { u.TimeZone = "Etc/UTC"; return nil }); err != nil {
			t.Fatal(err)
		}
		featuretest.MustContain(t, h.Press("start/no"), "I have Etc/UTC")
		featuretest.MustContain(t, h.Send(answer), want)
		if u := h.User(); u.TimeZone != "Etc/UTC" {
			t.Errorf("%q changed the zone to %q", answer, u.TimeZone)
		}
	}
}

// A user whose zone is already known (the console's, or one set before)
// confirms it with "Yes, that's right" and goes on to the bedtime.
func TestOnboardingConfirmsAKnownZone(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/start")
	if _, err := h.Store.UpdateUser(ctx, h.UserID, func(u *bot.User) error { u.TimeZone = "Europe/Lisbon"; return nil }); err != nil {
		t.Fatal(err)
	}
	out := h.Press("start/yes")
	featuretest.MustContain(t, out, "I have Europe/Lisbon")
	if got := featuretest.Payloads(out); len(got) == 0 || got[0] != "start/zone" {
		t.Fatalf("zone buttons = %v", got)
	}
	featuretest.MustContain(t, h.Press("start/zone"), "Your bedtime")
	if z := h.User().TimeZone; z != "Europe/Lisbon" {
		t.Fatalf("zone = %q", z)
	}
}
