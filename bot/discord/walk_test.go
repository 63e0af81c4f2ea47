package discord_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot/discord/discordtest"
)

// A new user whose Discord is in Spanish, or in Russian, walks in with
// slash commands and buttons through discordgo against the fake: /start,
// consent, their city, their reminders turned on, a night, their week, a
// question and a warning sign with /ask. Every answer comes in their
// language.
func TestFirstWalkInSpanishAndRussianOnDiscord(t *testing.T) {
	t.Parallel() // it waits on its own fakes; others overlap it
	for _, c := range []struct {
		locale                                    discordgo.Locale
		welcome, city, zone, reminders, allOn     string
		night, week, question, answer, sign, care string
	}{
		{discordgo.SpanishES, "Te doy la bienvenida", "Madrid", "Europe/Madrid", "Tus recordatorios", "Listo: todos los recordatorios",
			"Guardada la noche del", "Tu semana", "¿el café por la tarde puede empeorar los tirones de las piernas?", "14:00",
			"de repente no puedo mover el brazo derecho y tengo la cara torcida", "urgencias"},
		{discordgo.Russian, "Calm Nights", "Москва", "Europe/Moscow", "Твои напоминания", "Готово: все напоминания",
			"Сохранил ночь на", "Твоя неделя", "почему у меня ночью дёргаются ноги?", "стресс",
			"внезапно онемела левая рука и нога, и лицо перекосило", "112"},
	} {
		e := newEnv(t, 2*time.Second)
		var lastID string // the message the last answer was, for its buttons
		step := func(src interactionSource, wants ...string) {
			t.Helper()
			in := src()
			in.Locale = c.locale
			e.srv.Interaction(in)
			answered := false
			for deadline := time.Now().Add(10 * time.Second); !answered && time.Now().Before(deadline); {
				for _, call := range e.srv.Responses(in.ID) {
					if call.Kind != discordtest.KindCallback || call.ResponseType() == 4 {
						answered = true
					}
				}
				if !answered {
					time.Sleep(10 * time.Millisecond)
				}
			}
			settle(e.srv, 200*time.Millisecond)
			var all []string
			for _, call := range e.srv.Responses(in.ID) {
				if s := call.Content(); s != "" {
					all = append(all, s)
				}
			}
			out := strings.Join(all, "\n")
			if !answered || out == "" {
				t.Fatalf("%s %s: no answer", c.locale, in.ID)
			}
			if msg, ok := e.srv.OriginalResponse(in.ID); ok {
				lastID = msg.ID
			}
			for _, w := range wants {
				if !strings.Contains(plain(out), w) {
					t.Errorf("%s: answer lacks %q:\n%s", c.locale, w, out)
				}
			}
			for _, w := range []string{"Welcome to Calm Nights", "Your reminders", "Saved", "Your week", "Turn on"} {
				if strings.Contains(out, w) {
					t.Errorf("%s: English %q left:\n%s", c.locale, w, out)
				}
			}
		}
		dm := func(customID string) interactionSource { return press(customID, "", "", lastID) }
		step(slash("start", "", "", ""), c.welcome)
		step(dm("start/yes"))
		step(slash("timezone", c.city, "", ""), c.zone)
		step(slash("reminders", "", "", ""), c.reminders)
		step(dm("rm/setup"), c.allOn)
		step(slash("log", "6", "", ""), c.night)
		step(slash("week", "", "", ""), c.week, "6,0/10")
		step(slash("ask", c.question, "", ""), c.answer)
		step(slash("ask", c.sign, "", ""), c.care)
	}
}
