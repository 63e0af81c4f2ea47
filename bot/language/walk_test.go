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
// reminders offer, their reminders turned on, a night, their week, then a
// question and a warning sign in their words. Every step it takes comes
// in their language.
func TestFirstWalkInSpanishAndRussian(t *testing.T) {
	for _, c := range []struct {
		locale, city, zone           string
		welcome, zoneSet, allSet     string
		reminders, allOn, night      string
		week, weekAvg                string
		question, answer, sign, care string
	}{
		{"es-ES", "vivo en Madrid", "Europe/Madrid", "Te doy la bienvenida", "Europe/Madrid", "✅",
			"Tus recordatorios", "Listo: todos los recordatorios", "Guardada la noche del",
			"Tu semana", "6,0/10",
			"¿el café por la tarde puede empeorar los tirones de las piernas?", "14:00",
			"de repente no puedo mover el brazo derecho y tengo la cara torcida", "urgencias"},
		{"ru", "я живу в Москве", "Europe/Moscow", "Calm Nights", "Europe/Moscow", "✅",
			"Твои напоминания", "Готово: все напоминания", "Сохранил ночь на",
			"Твоя неделя", "6,0/10",
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
		english := func(step string, rs []bot.Response, words ...string) {
			t.Helper()
			for _, w := range words {
				if strings.Contains(featuretest.Text(rs), w) {
					t.Fatalf("%s: English %q in %s: %s", c.locale, w, step, featuretest.Text(rs))
				}
			}
		}
		rs = send("/reminders")
		featuretest.MustContain(t, rs, c.reminders)
		english("/reminders", rs, "Your reminders", "Quiet hours", "Turn on")
		featuretest.MustContain(t, h.Press("rm/setup"), c.allOn)
		rs = send("/log 6")
		featuretest.MustContain(t, rs, c.night)
		english("/log 6", rs, "Saved", "twitching", "Add the details")
		rs = send("/week")
		featuretest.MustContain(t, rs, c.week, c.weekAvg)
		english("/week", rs, "Your week", "Nights logged", "Average score", "A record of your own notes", "Want this every week")
		featuretest.MustContain(t, send(c.question), c.answer)
		featuretest.MustContain(t, send(c.sign), c.care)
	}
}

// The core's own replies speak the user's language too: health notes
// asked for before consent, with the button that allows them, and a
// button that no longer works, in Spanish and in Russian.
func TestCoreRepliesInTheUsersLanguage(t *testing.T) {
	for _, c := range []struct{ locale, consent, allow, stale string }{
		{"es-ES", "notas de salud", "Permitir", "Ese botón ya no funciona"},
		{"ru", "заметки о здоровье", "Разрешить", "Эта кнопка больше не работает"},
	} {
		h := featuretest.New(t)
		req := h.Request()
		req.Locale = c.locale
		req.Command = "week"
		rs := h.Bot.Handle(context.Background(), req)
		featuretest.MustContain(t, rs, c.consent)
		if len(rs) == 0 || len(rs[0].Buttons) == 0 || !strings.HasPrefix(rs[0].Buttons[0][0].Label, c.allow) {
			t.Fatalf("%s: consent button %+v", c.locale, rs)
		}
		if strings.Contains(featuretest.Text(rs), "permission") {
			t.Fatalf("%s: English left: %s", c.locale, featuretest.Text(rs))
		}
		featuretest.MustContain(t, h.Press("zz/1"), c.stale)
	}
}
