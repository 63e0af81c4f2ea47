package settings_test

import (
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// A Russian and a Spanish user go through every reply of /timezone,
// /bedtime and /waketime, with their errors and confirmations: each is in
// their language, with no English left.
func TestSettingsSpeakTheUsersLanguage(t *testing.T) {
	places := []string{"Portland, Oregon, United States", "Portland, Maine, United States", "Lisbon, Lisboa, Portugal", "America/Los Angeles", "America/New York"}
	for lang, steps := range map[string][]featuretest.Step{
		"ru": {
			{"/timezone", "Я пока не знаю твой часовой пояс"},
			{"!" + bot.ShareLocationPayload, "только в Telegram"},
			{"/timezone xanadu", "Я не знаю места или часового пояса «xanadu»"},
			{"/timezone Mars/Olympus", "Ничего не изменилось."},
			{"/timezone Portland", "Какой из них твой?"},
			{"Maine", "теперь твой часовой пояс — America/New_York"},
			{"/timezone Lisbn", "Ты про одно из этих?"},
			{"/timezone", "Твой часовой пояс — America/New_York, там сейчас 13:00."},
			{"/bedtime", "Время отхода ко сну ещё не задано, поэтому я исхожу из 23:00."},
			{"/bedtime 25:99", "Не понимаю, какое это время: «25:99»."},
			{"/bedtime 7:00", "не может совпадать со временем подъёма (07:00)"},
			{"/bedtime 22:30", "Время отхода ко сну: 22:30."},
			{"/bedtime", "Ты обычно ложишься спать в 22:30."},
			{"/waketime", "Время подъёма ещё не задано"},
			{"/waketime soon", "Напиши время подъёма в 24-часовом формате"},
			{"/waketime 22:30", "Время подъёма не может совпадать"},
			{"/waketime 6:15", "Время подъёма: 06:15. Получается 7 ч 45 мин"},
			{"/waketime", "Ты обычно встаёшь в 06:15."},
		},
		"es": {
			{"/timezone", "Todavía no sé tu zona horaria"},
			{"!" + bot.ShareLocationPayload, "solo funciona en Telegram"},
			{"/timezone xanadu", "que se llame «xanadu»"},
			{"/timezone Mars/Olympus", "No he cambiado nada."},
			{"/timezone Portland", "¿Cuál es la tuya?"},
			{"Maine", "tu zona horaria ahora es America/New_York"},
			{"/timezone Lisbn", "¿Quizás querías decir uno de estos?"},
			{"/timezone", "Tu zona horaria es America/New_York; allí son las 13:00."},
			{"/bedtime", "supongo que son las 23:00"},
			{"/bedtime 25:99", "No entiendo «25:99» como hora de acostarte."},
			{"/bedtime 7:00", "no puede ser la misma que la de levantarte (07:00)"},
			{"/bedtime 22:30", "Hora de acostarte: 22:30."},
			{"/bedtime", "Tu hora de acostarte es 22:30."},
			{"/waketime", "Todavía no has configurado tu hora de levantarte"},
			{"/waketime soon", "No entiendo «soon» como hora de levantarte."},
			{"/waketime 22:30", "Tu hora de levantarte no puede ser la misma"},
			{"/waketime 6:15", "Hora de levantarte: 06:15. Así pasas 7 h 45 min"},
			{"/waketime", "Sueles levantarte a las 06:15."},
		},
	} {
		h := featuretest.New(t)
		h.Press("ln/" + lang)
		h.Walk(lang, steps, places...)
	}
}

// The share-location button's label and note are the user's language's.
func TestShareLocationButtonInRussian(t *testing.T) {
	h := featuretest.New(t)
	h.Press("ln/ru")
	out := h.Send("/timezone")
	if len(out[0].Buttons) != 1 || out[0].Buttons[0][0].Label != "📍 Поделиться геопозицией" {
		t.Fatalf("buttons %+v", out[0].Buttons)
	}
	featuretest.MustContain(t, out, "я сохраню только часовой пояс")
}

// englishLeft finds English, and lets commands, zones, quoted input and
// names through.
func TestEnglishLeftFindsEnglish(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		want       int
	}{
		{"ru", "Saved: stress 4/5 for today ✓", 4},
		{"ru", "Готово: пояс **Europe/Moscow**. Отправь /lab ferritin 45 2026-11-02 или /timezone New York, «Atlantis», Calm Nights, UTC.", 0},
		{"es", "Nothing was changed.", 3},
		{"es", "No he cambiado nada: «the» /remind water every 2h.", 0},
	} {
		if got := featuretest.EnglishLeft(c.lang, []bot.Response{{Text: c.text}}); len(got) != c.want {
			t.Errorf("%s %q: %q, want %d words", c.lang, c.text, got, c.want)
		}
	}
}
