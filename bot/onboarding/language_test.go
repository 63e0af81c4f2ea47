package onboarding_test

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// A Russian and a Spanish user go through every step of getting started,
// typing wrong answers on the way: each reply and button is in their
// language, with no English left.
func TestOnboardingSpeaksTheUsersLanguage(t *testing.T) {
	places := []string{"Portland, Oregon, United States", "Portland, Maine, United States", "America/Los Angeles", "America/New York"}
	for lang, steps := range map[string][]featuretest.Step{
		"ru": {
			{"/start", "Добро пожаловать в Calm Nights"},
			{"Atlantis", "напиши да или нет"},
			{"да", "В каком городе ты живёшь"},
			{"Mars/Olympus", "Я не знаю часового пояса «Mars/Olympus». Напиши его в виде Регион/Город"},
			{"Xanadu", "Я не знаю места или часового пояса «Xanadu»"},
			{"Portland", "«Portland» может быть в разных часовых поясах. Какой из них твой?"},
			{"2", "теперь твой часовой пояс — America/New_York"},
			{"25:99", "Не понимаю, какое это время: «25:99»."},
			{"!start/bed/22:30", "Всё готово"},
			{"/start", "С возвращением"},
		},
		"es": {
			{"/start", "Te doy la bienvenida a Calm Nights"},
			{"Atlantis", "escribe sí o no"},
			{"sí", "¿En qué ciudad vives"},
			{"Mars/Olympus", "No conozco ninguna zona horaria llamada «Mars/Olympus». Usa la forma Región/Ciudad"},
			{"Xanadu", "que se llame «Xanadu»"},
			{"Portland", "«Portland» puede estar en más de una zona horaria. ¿Cuál es la tuya?"},
			{"2", "tu zona horaria ahora es America/New_York"},
			{"25:99", "No entiendo «25:99» como hora de acostarte."},
			{"!start/bed/22:30", "Todo listo"},
			{"/start", "Qué bueno verte de nuevo"},
		},
	} {
		h := featuretest.New(t)
		h.Press("ln/" + lang)
		h.Walk(lang, steps, places...)
	}
}

// The skip buttons, the pick-list's skip button, an out-of-date zone
// button, a typed yes or no at the known time zone, skipping and stopping
// all answer in Russian.
func TestOnboardingStepsInRussian(t *testing.T) {
	h := featuretest.New(t)
	h.Press("ln/ru")
	h.Send("/start")
	if _, err := h.Store.UpdateUser(ctx, h.UserID, func(u *bot.User) error { u.TimeZone = "Europe/Moscow"; return nil }); err != nil {
		t.Fatal(err)
	}
	h.Walk("ru", []featuretest.Step{
		{"!start/no", "У меня указан Europe/Moscow"},
		{"нет", "В каком городе ты живёшь"},
		{"!start/zone/Nowhere/Atlantis", "Эта кнопка часового пояса уже устарела."},
		{"да", "Во сколько ты обычно ложишься спать?"}, // a typed yes keeps the zone
		{"пропустить", "настроить можно позже через /bedtime"},
	}, "Portland, Oregon, United States", "Portland, Maine, United States", "America/Los Angeles", "America/New York")
	if u := h.User(); u.TimeZone != "Europe/Moscow" {
		t.Errorf("zone %q", u.TimeZone)
	}

	h = featuretest.New(t)
	h.Press("ln/ru")
	h.Send("/start")
	h.Send("да")
	if out := h.Send("Portland"); !strings.Contains(buttonLabels(out), "[Пропустить пока]") {
		t.Errorf("the pick-list's skip button: %s", buttonLabels(out))
	}
	featuretest.MustContain(t, h.Send("пропустить"), "Без проблем, настроить можно позже через /timezone.")
	featuretest.MustContain(t, h.Send("стоп"), "я остановил начальную настройку")
}

// buttonLabels joins the labels of the replies' buttons.
func buttonLabels(rs []bot.Response) string {
	var sb strings.Builder
	for _, r := range rs {
		for _, row := range r.Buttons {
			for _, b := range row {
				sb.WriteString("\n[" + b.Label + "]")
			}
		}
	}
	return sb.String()
}
