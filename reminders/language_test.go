package reminders_test

import (
	"fmt"
	"regexp"
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

// A Russian or Spanish user goes through /remind's usage and every one of
// its refusals, /pause, /resume and /quiet, and a change the assistant
// understood from their words: every reply is in their language, with the
// commands and their arguments as they are and no English left.
func TestReminderRepliesInTheUsersLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		steps [][2]string // a command and a phrase of its reply
		typed string      // the refusal of quiet hours that start when they end
	}{
		{"ru", [][2]string{
			{"/remind", "Напиши, какое напоминание и что с ним сделать"},
			{"/remind teeth 21:00", "Напоминания «teeth» у меня нет."},
			{"/remind stretch 25:99", "«25:99» мне здесь непонятно."},
			{"/remind weekly sunday 99:99", "Не понимаю время «99:99»."},
			{"/remind stretch every 2h", "только для напоминаний о воде"},
			{"/remind water every 9h", "от 30 минут до 6 часов"},
			{"/remind stretch in 3 days", "не позже чем через сутки"},
			{"/remind stretch in 10h", "23:00 — это внутри твоих тихих часов"},
			{"/remind stretch 23:30", "23:30: это внутри твоих тихих часов (с 22:30 до 07:00, от отхода ко сну до подъёма)"},
			{"/remind stretch cron * * * * *", "оно срабатывало бы чаще 48 раз в день"},
			{"/remind stretch cron 0 0 30 2 *", "оно никогда не срабатывает"},
			{"/remind stretch cron nonsense", "не получается его прочитать"},
			{"/pause 500", "Укажи число дней от 1 до 90"},
			{"/pause 2", "Напоминания на паузе до 27.11.2026 в 13:00."},
			{"/pause", "Напоминания на паузе до твоей команды."},
			{"/resume", "С возвращением: напоминания снова работают."},
			{"/resume", "Твои напоминания и так не были на паузе."},
			{"/quiet", "Тихие часы: с 22:30 до 07:00, от отхода ко сну до подъёма. В это время напоминания не приходят"},
			{"/quiet 22:00-22:00", "Укажи начало и конец тихих часов"},
			{"/quiet 22:00-06:00", "Готово, тихие часы: с 22:00 до 06:00."},
			{"/quiet off", "Готово, тихие часы: выключены."},
			{"/quiet default", "Готово, тихие часы: с 22:30 до 07:00, от отхода ко сну до подъёма."},
		}, "Укажи начало и конец тихих часов"},
		{"es", [][2]string{
			{"/remind", "Dime qué recordatorio y qué hacer con él"},
			{"/remind teeth 21:00", "No conozco ningún recordatorio llamado “teeth”."},
			{"/remind stretch 25:99", "No entiendo “25:99” aquí."},
			{"/remind weekly sunday 99:99", "No entiendo la hora “99:99”."},
			{"/remind stretch every 2h", "solo tiene sentido para los recordatorios de agua"},
			{"/remind water every 9h", "de 30 minutos a 6 horas"},
			{"/remind stretch in 3 days", "como mucho un día"},
			{"/remind stretch in 10h", "23:00 cae dentro de tus horas de silencio"},
			{"/remind stretch 23:30", "23:30: cae dentro de tus horas de silencio (de 22:30 a 07:00, es decir, de tu hora de acostarte a la de despertarte)"},
			{"/remind stretch cron * * * * *", "sonaría más de 48 veces al día"},
			{"/remind stretch cron 0 0 30 2 *", "nunca llegaría a sonar"},
			{"/remind stretch cron nonsense", "no consigo leerla"},
			{"/pause 500", "Indica un número de días de 1 a 90"},
			{"/pause 2", "Recordatorios en pausa hasta el 27/11/2026 a las 13:00."},
			{"/pause", "Recordatorios en pausa hasta que los vuelvas a activar."},
			{"/resume", "¡Hola de nuevo! Tus recordatorios vuelven a funcionar."},
			{"/resume", "Tus recordatorios no estaban en pausa."},
			{"/quiet", "Horas de silencio: de 22:30 a 07:00, es decir, de tu hora de acostarte a la de despertarte. En ese horario"},
			{"/quiet 22:00-22:00", "Indica dos horas distintas"},
			{"/quiet 22:00-06:00", "Listo, horas de silencio: de 22:00 a 06:00."},
			{"/quiet off", "Listo, horas de silencio: desactivadas."},
			{"/quiet default", "Listo, horas de silencio: de 22:30 a 07:00, es decir"},
		}, "Indica dos horas distintas"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			e := newEnv(t, utc("2026-11-25 12:00"))
			u := e.user("8"+tc.lang, "Europe/Madrid", "22:30", "07:00")
			e.send(u, "/language "+tc.lang)
			for _, s := range tc.steps {
				got := e.send(u, s[0])
				mustContain(t, got, s[1])
				noEnglishIn(t, tc.lang, s[0], got)
			}
			usr, err := e.store.User(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []bot.ReminderChange{
				{Op: bot.QuietHours, At: bot.Clock(22 * 60), Until: bot.Clock(22 * 60)},
				{Op: bot.RemindOn, Kind: "sudoku"},
				{Op: bot.PauseReminders, PauseDays: 400},
			} {
				rs, err := e.svc.ChangeReminders(ctx, &usr, c)
				if err != nil {
					t.Fatal(err)
				}
				noEnglishIn(t, tc.lang, fmt.Sprintf("typed %+v", c), plain(rs))
				if c.Op == bot.QuietHours {
					mustContain(t, plain(rs), tc.typed)
				}
			}
		})
	}
}

// englishPhrases are English words of the reminders' replies, none of
// which may be left in another language's.
var englishPhrases = []string{
	"Nothing was changed", "Tell me which reminder", "for example", "I don't know", "isn't", "Please", "Quiet hours",
	"quiet hours", "paused", "Welcome back", "cron spec", "only makes sense", "how long from now", "wake time",
	"bedtime", "never fires", "times a day", "Pick another time", "Reminders:", "Choose one of",
}

var (
	// zoneName is a time zone such as Europe/Madrid; command is a command
	// with its arguments. Both stay as they are in every language.
	zoneName = regexp.MustCompile(`\b[A-Z][a-z]+/[A-Za-z_/]+`)
	command  = regexp.MustCompile(`/[a-z_]+(?: +[!-~]+)*`)
	latin    = regexp.MustCompile(`\p{Latin}{2,}`)
)

// noEnglishIn fails the test when text, a reply to step, holds an English
// phrase of the reminders, or, in Russian, a Latin word outside commands,
// time zones, UTC and what the user typed.
func noEnglishIn(t *testing.T, lang, step, text string) {
	t.Helper()
	for _, p := range englishPhrases {
		if strings.Contains(text, p) {
			t.Errorf("%s: English %q left in:\n%s", step, p, text)
		}
	}
	if lang != "ru" {
		return
	}
	for _, w := range latin.FindAllString(command.ReplaceAllString(zoneName.ReplaceAllString(text, ""), ""), -1) {
		if w != "UTC" && w != "teeth" && w != "sudoku" && w != "nonsense" {
			t.Errorf("%s: Latin word %q in:\n%s", step, w, text)
		}
	}
}
