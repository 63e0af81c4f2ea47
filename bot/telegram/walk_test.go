package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// A new user whose Telegram is in Spanish, or in Russian, walks through
// the real client library against the fake: /start, consent, their city,
// a bedtime, their reminders turned on, a night, their week, a question
// and a warning sign. Every reply comes in their language.
func TestFirstWalkInSpanishAndRussianOnTelegram(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		user                                      telegramtest.User
		welcome, city, zone, reminders, allOn     string
		night, week, question, answer, sign, care string
		english                                   []string
	}{
		{telegramtest.User{ID: 71, FirstName: "Lucía", LanguageCode: "es"},
			"Te doy la bienvenida", "vivo en Madrid", "Europe/Madrid", "Tus recordatorios", "Listo: todos los recordatorios",
			"Guardada la noche del", "Tu semana", "¿el café por la tarde puede empeorar los tirones de las piernas?", "14:00",
			"de repente no puedo mover el brazo derecho y tengo la cara torcida", "urgencias",
			[]string{"Welcome to Calm Nights", "Your reminders", "Saved", "Your week", "Turn on"}},
		{telegramtest.User{ID: 72, FirstName: "Олег", LanguageCode: "ru"},
			"Calm Nights", "я живу в Москве", "Europe/Moscow", "Твои напоминания", "Готово: все напоминания",
			"Сохранил ночь на", "Твоя неделя", "почему у меня ночью дёргаются ноги?", "стресс",
			"внезапно онемела левая рука и нога, и лицо перекосило", "112",
			[]string{"Welcome to Calm Nights", "Your reminders", "Saved", "Your week", "Turn on"}},
	} {
		e := newEnv(t)
		e.limits = unpaced
		e.start(telegram.WebhookOptions{})
		chat := telegramtest.PrivateChat(c.user.ID)
		// step sends text (or presses data on the last reply) and returns
		// the replies once the pipeline is idle.
		var last telegramtest.Sent
		step := func(text, data string, wants ...string) string {
			t.Helper()
			before := len(e.srv.Sent(c.user.ID))
			if data != "" {
				e.srv.PressButton(chat, c.user, last.MessageID, data)
			} else {
				e.srv.SendMessage(chat, c.user, text)
			}
			e.srv.WaitSent(c.user.ID, before+1, 10*time.Second)
			e.idle()
			got := e.srv.Sent(c.user.ID)
			if len(got) <= before {
				t.Fatalf("%s %q%s: no reply", c.user.LanguageCode, text, data)
			}
			last = got[len(got)-1]
			var all []string
			for _, s := range got[before:] {
				all = append(all, s.Plain)
			}
			out := strings.Join(all, "\n")
			for _, w := range wants {
				if !strings.Contains(out, w) {
					t.Errorf("%s %q%s: reply lacks %q:\n%s", c.user.LanguageCode, text, data, w, out)
				}
			}
			for _, w := range c.english {
				if strings.Contains(out, w) {
					t.Errorf("%s %q%s: English %q left:\n%s", c.user.LanguageCode, text, data, w, out)
				}
			}
			return out
		}
		step("/start", "", c.welcome)
		step("", "start/yes")
		step(c.city, "", c.zone)
		step("", "start/bed/23:00", "23:00")
		step("/reminders", "", c.reminders)
		step("", "rm/setup", c.allOn)
		step("/log 6", "", c.night)
		step("/week", "", c.week, "6,0/10")
		step(c.question, "", c.answer)
		step(c.sign, "", c.care)
	}
}
