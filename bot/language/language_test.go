package language_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/language"
)

// /language shows the five languages, each named in itself; a button or
// "/language es" switches, the answer comes in the new language and the
// choice is stored; a name the bot does not speak gets the list again.
func TestLanguageCommand(t *testing.T) {
	h := featuretest.New(t)
	rs := h.Send("/language")
	got := featuretest.Payloads(rs)
	for _, p := range []string{"ln/en", "ln/es", "ln/pt", "ln/de", "ln/ru"} {
		if !strings.Contains(strings.Join(got, " "), p) {
			t.Fatalf("/language buttons %v lack %s", got, p)
		}
	}
	var labels []string
	for _, row := range rs[0].Buttons {
		for _, b := range row {
			labels = append(labels, b.Label)
		}
	}
	if got := strings.Join(labels, " "); got != "English Español Português Deutsch Русский" {
		t.Fatalf("labels %q", got)
	}
	featuretest.MustContain(t, h.Press("ln/ru"), "по-русски")
	if u := h.User(); u.Language != "ru" {
		t.Fatalf("language after the button = %q", u.Language)
	}
	featuretest.MustContain(t, h.Send("/language Español"), "español")
	if u := h.User(); u.Language != "es" {
		t.Fatalf("language after /language Español = %q", u.Language)
	}
	featuretest.MustContain(t, h.Send("/language klingon"), "Elige")
	if u := h.User(); u.Language != "es" {
		t.Fatalf("an unknown language changed it to %q", u.Language)
	}
	// It survives a restart, and /tips comes in it.
	h.Open()
	featuretest.MustContain(t, h.Send("/tips"), "litros")
}

// The platform's language picks the bot's on first contact.
func TestPlatformLanguageOnFirstContact(t *testing.T) {
	for _, c := range []struct{ locale, want string }{{"pt-BR", "pt"}, {"es-419", "es"}, {"de", "de"}, {"ru", "ru"}, {"en-GB", "en"}, {"fr", ""}, {"", ""}} {
		h := featuretest.New(t)
		req := h.Request()
		req.Locale, req.Command = c.locale, "help"
		h.Bot.Handle(context.Background(), req)
		if u := h.User(); u.Language != c.want {
			t.Errorf("locale %q: language %q, want %q", c.locale, u.Language, c.want)
		}
	}
}

// A question written in another language is answered from that
// language's article, with an offer to switch; in the user's own
// language, without one.
func TestQuestionInAnotherLanguage(t *testing.T) {
	h := featuretest.New(t)
	rs := h.Send("¿El café por la tarde puede hacer que me tiemblen las piernas por la noche?")
	featuretest.MustContain(t, rs, "14:00", "Si quieres, a partir de ahora te hablo en español")
	if !strings.Contains(strings.Join(featuretest.Payloads(rs), " "), "ln/es") {
		t.Fatalf("no switch button: %v", featuretest.Payloads(rs))
	}
	h.Press("ln/es")
	rs = h.Send("¿El café por la tarde puede hacer que me tiemblen las piernas por la noche?")
	if strings.Contains(featuretest.Text(rs), "Si quieres") {
		t.Fatalf("offered to switch to the user's own language: %s", featuretest.Text(rs))
	}
	// Browsing follows the user's language.
	featuretest.MustContain(t, h.Send("/topics"), "Lo que puedo explicar")
	// An English question is still answered in English.
	featuretest.MustContain(t, h.Send("Can coffee in the afternoon make my legs twitch at night?"), "2 p.m.")
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{"es": "es", "Español": "es", "german": "de", "pt-BR": "pt", "РУССКИЙ": "ru", "fr": "", "": ""} {
		if got, _ := language.Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
	if got := bot.PlatformLanguage("es_419", []string{"en", "es"}); got != "es" {
		t.Errorf("PlatformLanguage(es_419) = %q", got)
	}
}

// The checklist runs in the user's language: its questions, buttons, a
// typed "sí", and the result with the article's rule.
func TestChecklistInSpanish(t *testing.T) {
	h := featuretest.New(t)
	h.Press("ln/es")
	rs := h.Send("/checklist")
	featuretest.MustContain(t, rs, "Pregunta 1 de 7")
	if got := rs[len(rs)-1].Buttons[0][0].Label; got != "Sí" {
		t.Fatalf("yes button %q", got)
	}
	for _, a := range []string{"sí", "sí", "no", "no", "no", "no"} {
		h.Send(a)
	}
	rs = h.Send("no")
	featuretest.MustContain(t, rs, "2 de 7")
	if strings.Contains(featuretest.Text(rs), "You answered") {
		t.Fatalf("an English result: %s", featuretest.Text(rs))
	}
}

// Every command has a menu description in every other language, within
// Telegram's and Discord's limits.
func TestCommandsDescribedInEveryLanguage(t *testing.T) {
	h := featuretest.New(t)
	for _, c := range h.Bot.Router().Commands() {
		for _, lang := range []string{"es", "pt", "de", "ru"} {
			d := c.Localized[lang]
			if n := len([]rune(d)); n < 3 || n > 100 {
				t.Errorf("/%s in %s: %q (%d characters)", c.Name, lang, d, n)
			}
		}
	}
}

// /help speaks the user's language, descriptions included.
func TestHelpInRussian(t *testing.T) {
	h := featuretest.New(t)
	h.Press("ln/ru")
	rs := h.Send("/help")
	featuretest.MustContain(t, rs, "Вот что я умею", "/checklist", "/language")
	if strings.Contains(featuretest.Text(rs), "Everything I can do") {
		t.Fatalf("an English description: %s", featuretest.Text(rs))
	}
}
