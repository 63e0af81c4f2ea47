package stress_test

import (
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/stress"
	"github.com/calmnights/calmnights/content"
	"github.com/calmnights/calmnights/reminders"
)

// A Russian and a Spanish user rate their days with /stress, its buttons
// and the evening check-in, and type a wrong rating: every reply is in
// their language, with no English left.
func TestStressSpeaksTheUsersLanguage(t *testing.T) {
	yesterday := featuretest.FixedNow.AddDate(0, 0, -1).Format(bot.DateLayout)
	for lang, steps := range map[string][]featuretest.Step{
		"ru": {
			{"/stress", "Насколько напряжённым был сегодняшний день? 1 — спокойно, 5 — очень напряжённо."},
			{"/stress 9", "Оцени стресс за сегодня от 1 (спокойно) до 5 (очень напряжённо)"},
			{"/stress 4", "Сохранил: стресс 4/5 за сегодня ✓"},
			{"!st/" + yesterday + "/2", "Сохранил: стресс 2/5 за 24.11 ✓"},
			{"/stress", "Последние семь дней:\n• 24.11 · 2/5\n• 25.11 · 4/5"},
			{"!st/yesterday/3", "Эта кнопка больше не работает."},
		},
		"es": {
			{"/stress", "¿Cuánto estrés tuviste hoy? 1 es tranquilo, 5 es muy estresante."},
			{"/stress 9", "Valora el estrés de hoy de 1 (tranquilo) a 5 (muy estresante)"},
			{"/stress 4", "Guardado: estrés 4/5 de hoy ✓"},
			{"!st/" + yesterday + "/2", "Guardado: estrés 2/5 del 24/11 ✓"},
			{"/stress", "Tus últimos siete días:\n• 24/11 · 2/5\n• 25/11 · 4/5"},
			{"!st/yesterday/3", "Ese botón ya no funciona."},
		},
	} {
		h := featuretest.Consented(t)
		h.Press("ln/" + lang)
		h.Walk(lang, steps)

		d := features.Decorator(features.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
		r := bot.Response{}
		d.Decorate(ctx, reminders.WindDown, h.User(), &r)
		want := map[string]string{"ru": "Насколько напряжённым был сегодняшний день? Нажми на цифру", "es": "¿Cuánto estrés tuviste hoy? Toca de 1"}[lang]
		if !strings.Contains(r.Text, want) {
			t.Errorf("%s evening check-in: %q", lang, r.Text)
		}
		if e := featuretest.EnglishLeft(lang, []bot.Response{r}); len(e) > 0 {
			t.Errorf("%s evening check-in: English left %q", lang, e)
		}
	}
}

// The rating's name in each language, for the features that show it.
func TestStressNamesInEachLanguage(t *testing.T) {
	s := stress.New(stress.Options{Content: content.Default()})
	for lang, want := range map[string][3]string{
		"en": {"Stress", "high-stress days (4–5 of 5)", "stress 4/5"},
		"es": {"Estrés", "días de mucho estrés (4–5 de 5)", "estrés 4/5"},
		"pt": {"Estresse", "dias de muito estresse (4–5 de 5)", "estresse 4/5"},
		"de": {"Stress", "Tage mit viel Stress (4–5 von 5)", "Stress 4/5"},
		"ru": {"Стресс", "дни с сильным стрессом (4–5 из 5)", "стресс 4/5"},
	} {
		if got := [3]string{s.LabelIn(lang), s.HighDaysIn(lang), s.RatingIn(lang, 4)}; got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if s.LabelIn("en") != s.Label() || s.HighDaysIn("en") != s.HighDays() || s.RatingIn("en", 4) != bot.FacetText(s, 4) {
		t.Error("the English names differ from the Facet's")
	}
}
