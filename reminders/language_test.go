package reminders_test

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
)

// The reminders list, its buttons and the replies to them speak the
// user's language: nothing of the English catalog is left in Spanish or
// Russian.
func TestRemindersInTheUsersLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang, heading, turnOn, allOn string
	}{
		{"es", "Tus recordatorios", "Activar:", "Listo: todos los recordatorios"},
		{"ru", "Твои напоминания", "Включить:", "Готово: все напоминания"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			e := newEnv(t, utc("2026-11-25 12:00"))
			u := e.user("7"+tc.lang, "Europe/Madrid", "22:30", "07:00")
			if got := e.send(u, "/language "+tc.lang); got == "" {
				t.Fatal("/language gave no reply")
			}
			list := e.send(u, "/reminders")
			for _, english := range []string{"Your reminders", "Quiet hours", "Change one with", "Morning check-in", "Turn them all on", " and "} {
				if strings.Contains(list, english) {
					t.Errorf("English %q left in:\n%s", english, list)
				}
			}
			if !strings.Contains(list, tc.heading) {
				t.Errorf("list lacks %q:\n%s", tc.heading, list)
			}
			rs := e.core.Handle(ctx, &bot.Request{Platform: bot.PlatformTelegram, UserID: u, ChatID: strings.TrimPrefix(u, "tg:"), Private: true, Command: "reminders"})
			if len(rs) == 0 || len(rs[0].Buttons) == 0 || !strings.HasPrefix(rs[0].Buttons[0][0].Label, tc.turnOn) {
				t.Fatalf("buttons: %+v", rs)
			}
			if got := e.press(u, "rm/setup"); !strings.Contains(got, tc.allOn) {
				t.Errorf("all on: %s", got)
			}
		})
	}
}
