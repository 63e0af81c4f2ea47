package assistant_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// englishPhrases are the assistant's English words: none of them may show
// in a reply to someone who speaks another language.
var englishPhrases = []string{"I understood", "Save", "Cancel", "Undo", "twitching", "woke", "caffeine", "stretch",
	"Saved", "Updated", "the night to", "of water", "reminder", "Today so far", "Okay", "every day", "Undone", "Added"}

// commandRe is a command with its arguments.
var commandRe = regexp.MustCompile(`/[a-z]+(?: [a-z0-9:*-]+)*`)

// noEnglish fails the test if a reply meant to be in lang holds English:
// what featuretest.EnglishLeft finds, or one of the assistant's own
// English phrases, in its text or on a button.
func noEnglish(t *testing.T, lang string, rs []bot.Response) {
	t.Helper()
	if e := featuretest.EnglishLeft(lang, rs); len(e) > 0 {
		t.Errorf("English left %q in:\n%s", e, featuretest.AllText(rs))
	}
	var all []string
	for _, r := range rs {
		all = append(all, r.Text)
		for _, row := range r.Buttons {
			for _, b := range row {
				all = append(all, b.Label)
			}
		}
	}
	// A command shown to learn ("/remind stretch 21:30") is typed as it
	// is in every language.
	text := commandRe.ReplaceAllString(strings.Join(all, "\n"), "")
	for _, p := range englishPhrases {
		if regexp.MustCompile(`\b` + p + `\b`).MatchString(text) {
			t.Errorf("English %q in a reply:\n%s", p, text)
		}
	}
}

// labelled is the payload of the button labelled label.
func labelled(t *testing.T, rs []bot.Response, label string) string {
	t.Helper()
	for _, r := range rs {
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Label == label {
					return b.Payload
				}
			}
		}
	}
	t.Fatalf("no %q button: %s", label, featuretest.Text(rs))
	return ""
}

// storedAsTold checks the night both walks tell: a 6 that woke them
// twice, legs from 22:30, late coffee and no stretching.
func storedAsTold(t *testing.T, h *featuretest.Harness) {
	t.Helper()
	ns := h.Nights()
	if len(ns) != 1 || ns[0].Severity != 6 || ns[0].Woke == nil || !*ns[0].Woke || ns[0].LateCaffeine == nil || !*ns[0].LateCaffeine ||
		ns[0].Stretched == nil || *ns[0].Stretched {
		t.Fatalf("stored night: %+v", ns)
	}
	ds, err := h.Store.Diaries(context.Background(), h.UserID, "2026-11-25", "2026-11-25")
	if err != nil || len(ds) != 1 || ds[0].Awakenings == nil || *ds[0].Awakenings != 2 || ds[0].SymptomStart == nil || *ds[0].SymptomStart != bot.Clock(22*60+30) {
		t.Fatalf("stored diary: %v %+v", err, ds)
	}
}

// TestStatementsInSpanish walks the assembled bot in Spanish: a night told
// in words is shown back in Spanish with every field and saved as told,
// undone and told again; water and a reminder in words; a typed "no"
// cancels. No English shows.
func TestStatementsInSpanish(t *testing.T) {
	h := featuretest.Consented(t)
	h.Press("ln/es")

	out := h.Send("anoche un 6, me desperté dos veces, las piernas empezaron a las diez y media, tomé un café a las 5 de la tarde y no estiré")
	featuretest.MustContain(t, out, "Entendí, para la noche del 24 al 25/11", "tirones 6/10", "te despertaron", "cafeína tarde",
		"no estiraste", "te despertaste 2 veces", "piernas inquietas desde las 22:30", "¿Lo guardo?")
	noEnglish(t, "es", out)
	if len(h.Nights()) != 0 {
		t.Fatal("saved before it was confirmed")
	}
	out = h.Press(labelled(t, out, "Guardar"))
	featuretest.MustContain(t, out, "Guardé la noche del 24 al 25/11 ✓", "tirones 6/10")
	noEnglish(t, "es", out)
	storedAsTold(t, h)

	// Undo, typed.
	out = h.Send("deshacer")
	featuretest.MustContain(t, out, "Deshecho: la noche del 24 al 25/11 ya no está anotada")
	noEnglish(t, "es", out)
	if len(h.Nights()) != 0 {
		t.Fatal("undo kept the night")
	}

	// Water in words, confirmed with a typed "sí".
	out = h.Send("me tomé dos vasos de agua")
	featuretest.MustContain(t, out, "500 ml de agua")
	noEnglish(t, "es", out)
	out = h.Send("sí")
	featuretest.MustContain(t, out, "Anoté 500 ml de agua ✓", "Hoy llevas 500 ml", "2–2,5 L")
	noEnglish(t, "es", out)

	// A reminder in words.
	out = h.Send("recuérdame estirar a las nueve y media")
	featuretest.MustContain(t, out, "Estiramientos de la noche", "21:30", "todos los días")
	noEnglish(t, "es", out)
	out = h.Press(labelled(t, out, "Guardar"))
	featuretest.MustContain(t, out, "21:30")
	noEnglish(t, "es", out)

	// A typed "no" cancels.
	out = h.Send("pausa los recordatorios 3 dias")
	featuretest.MustContain(t, out, "pausar todos los recordatorios durante 3 días")
	noEnglish(t, "es", out)
	out = h.Send("no")
	featuretest.MustContain(t, out, "Vale, no cambié nada.")
}

// TestStatementsInRussian walks the assembled bot in Russian: a night
// told in words, shown back in Russian with every field, saved as told and
// undone in words; water and a reminder in words; a typed "нет" cancels.
// No English shows.
func TestStatementsInRussian(t *testing.T) {
	h := featuretest.Consented(t)
	h.Press("ln/ru")

	out := h.Send("прошлой ночью 6, просыпался два раза, ноги начали беспокоить в половине одиннадцатого, пил кофе в 5 вечера, растяжку не делал")
	featuretest.MustContain(t, out, "Понял, про ночь на 25.11", "подёргивания 6/10", "они тебя будили", "поздний кофеин",
		"растяжки не было", "просыпался(ась) 2 раза", "ноги беспокоили с 22:30", "Сохранить?")
	noEnglish(t, "ru", out)
	if len(h.Nights()) != 0 {
		t.Fatal("saved before it was confirmed")
	}
	out = h.Press(labelled(t, out, "Сохранить"))
	featuretest.MustContain(t, out, "Сохранил ночь на 25.11 ✓", "подёргивания 6/10")
	noEnglish(t, "ru", out)
	storedAsTold(t, h)

	// Undo, typed, then the night told again with a score asked for.
	out = h.Send("отмени")
	featuretest.MustContain(t, out, "Отменено: ночь на 25.11 больше не записана.")
	noEnglish(t, "ru", out)
	out = h.Send("ужасная ночь, судороги в икрах")
	featuretest.MustContain(t, out, "заметка «судороги в икрах»", "от 0 (спокойно) до 10")
	noEnglish(t, "ru", out)
	out = h.Send("5")
	featuretest.MustContain(t, out, "Сохранил ночь на 25.11 ✓", "подёргивания 5/10")
	if ns := h.Nights(); len(ns) != 1 || ns[0].Severity != 5 || ns[0].Note != "судороги в икрах" {
		t.Fatalf("stored night: %+v", ns)
	}

	// Water in words, confirmed with a typed "да".
	out = h.Send("выпил 2 стакана воды")
	featuretest.MustContain(t, out, "500 мл воды")
	noEnglish(t, "ru", out)
	out = h.Send("да")
	featuretest.MustContain(t, out, "Записал 500 мл воды ✓", "Сегодня всего: 500 мл", "2–2,5 л")
	noEnglish(t, "ru", out)

	// A reminder in words.
	out = h.Send("напомни сделать растяжку в половине десятого")
	featuretest.MustContain(t, out, "«Вечерняя растяжка»", "каждый день в 21:30")
	noEnglish(t, "ru", out)
	out = h.Press(labelled(t, out, "Сохранить"))
	featuretest.MustContain(t, out, "21:30")
	noEnglish(t, "ru", out)

	// A typed "нет" cancels.
	out = h.Send("поставь напоминания на паузу на 3 дня")
	featuretest.MustContain(t, out, "приостановить все напоминания на 3 дня")
	noEnglish(t, "ru", out)
	out = h.Send("нет")
	featuretest.MustContain(t, out, "Хорошо, я ничего не менял.")
}

// TestStatementsInPortugueseAndGerman: the same statements, shown back,
// saved with a typed word and undone, in Portuguese and in German.
func TestStatementsInPortugueseAndGerman(t *testing.T) {
	h := featuretest.Consented(t)
	h.Walk("pt", []featuretest.Step{
		{"!ln/pt", "português"},
		{"ontem a noite foi um 6, acordei duas vezes, tomei café às 5 da tarde e não alonguei", "espasmos 6/10, acordaram você, cafeína tarde, você não alongou, acordou 2 vezes"},
		{"salvar", "Salvei a noite de 24 para 25/11 ✓"},
		{"desfazer", "Desfeito: a noite de 24 para 25/11 não está mais anotada."},
		{"tomei 2 copos de água", "500 ml de água"},
		{"sim", "Anotei 500 ml de água ✓"},
		{"me lembra de alongar às nove e meia", "o lembrete Alongamento da noite às 21:30 todos os dias"},
		{"não", "Tudo bem, não mudei nada."},
	})
	if len(h.Nights()) != 0 {
		t.Fatal("the night undone is still stored")
	}
	h.Walk("de", []featuretest.Step{
		{"!ln/de", "Deutsch"},
		{"letzte Nacht eine 6, bin zweimal aufgewacht, um 17 Uhr Kaffee getrunken, nicht gedehnt", "Zucken 6/10, es hat dich geweckt, spätes Koffein, du hast dich nicht gedehnt, 2-mal aufgewacht"},
		{"speichern", "Gespeichert: die Nacht zum 25.11. ✓"},
		{"hab 2 Gläser Wasser getrunken", "500 ml Wasser"},
		{"ja", "500 ml Wasser eingetragen ✓"},
		{"erinnere mich um halb zehn ans Dehnen", "die Erinnerung Abend-Dehnung jeden Tag um 21:30"},
		{"nein", "Okay, ich habe nichts geändert."},
	})
	if ns := h.Nights(); len(ns) != 1 || ns[0].Severity != 6 {
		t.Fatalf("stored nights: %+v", ns)
	}
}
