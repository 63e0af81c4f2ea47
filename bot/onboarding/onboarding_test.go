package onboarding_test

import (
	"context"
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
	featuretest.MustContain(t, out, "Thank you", "Your time zone", "Type it as Area/City")
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
	out := h.Send("why do my legs jump at night when I try to sleep?")
	if strings.Contains(featuretest.Text(out), "time zone") {
		t.Fatalf("question was taken as a zone: %s", featuretest.Text(out))
	}
	if c, err := h.Store.Conversation(ctx, h.UserID); err == nil && c.Flow == "onboarding" {
		t.Fatal("onboarding kept running after the user moved on")
	}
}

func TestOnboardingTakesACityAndAnHourInWords(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/start")
	h.Send("yes")
	featuretest.MustContain(t, h.Send("madrid"), "Europe/Madrid", "Your bedtime")
	featuretest.MustContain(t, h.Send("half past ten"), "Bedtime set to 22:30", "You're all set")
}
