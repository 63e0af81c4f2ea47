package language_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// A new user whose app is in Spanish, or in Russian, walks in: the
// welcome and consent, their city in their own spelling, a bedtime, the
// reminders offer, then a question and a warning sign in their words.
// Every step it takes comes in their language.
func TestFirstWalkInSpanishAndRussian(t *testing.T) {
	for _, c := range []struct {
		locale, city, zone           string
		welcome, zoneSet, allSet     string
		question, answer, sign, care string
	}{
		{"es-ES", "vivo en Madrid", "Europe/Madrid", "Te doy la bienvenida", "Europe/Madrid", "✅",
			"¿el café por la tarde puede empeorar los tirones de las piernas?", "14:00",
			"de repente no puedo mover el brazo derecho y tengo la cara torcida", "urgencias"},
		{"ru", "я живу в Москве", "Europe/Moscow", "Calm Nights", "Europe/Moscow", "✅",
			"почему у меня ночью дёргаются ноги?", "стресс",
			"внезапно онемела левая рука и нога, и лицо перекосило", "112"},
	} {
		h := featuretest.New(t)
		send := func(text string) []bot.Response {
			req := h.Request()
			req.Locale = c.locale
			req.Command, req.Args = bot.ParseInput(text)
			if req.Command == "" {
				req.Text = text
			}
			return h.Bot.Handle(context.Background(), req)
		}
		featuretest.MustContain(t, send("/start"), c.welcome)
		if strings.Contains(featuretest.Text(send("/start")), "Welcome to Calm Nights") {
			t.Fatalf("%s: an English welcome", c.locale)
		}
		rs := h.Press(bot.ConsentPayload)
		if strings.Contains(featuretest.Text(rs), "Your time zone") {
			t.Fatalf("%s: English after consent: %s", c.locale, featuretest.Text(rs))
		}
		featuretest.MustContain(t, send(c.city), c.zoneSet)
		if u := h.User(); u.TimeZone != c.zone {
			t.Fatalf("%s: zone %q", c.locale, u.TimeZone)
		}
		rs = h.Press("start/bed/23:00")
		featuretest.MustContain(t, rs, c.allSet, "23:00")
		if strings.Contains(featuretest.Text(rs), "You're all set") || strings.Contains(featuretest.Text(rs), "Would you like reminders") {
			t.Fatalf("%s: English summary: %s", c.locale, featuretest.Text(rs))
		}
		featuretest.MustContain(t, send(c.question), c.answer)
		featuretest.MustContain(t, send(c.sign), c.care)
	}
}
