package library_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/library"
	"github.com/calmnights/calmnights/content"
)

// englishPhrases are pieces of the library's English replies and buttons.
var englishPhrases = []string{"What would you like", "Type your question", "for example", "browse", "Browse", "topics",
	"What I can explain", "All parts", "Thanks for telling", "Hello", "You're welcome", "Send /help", "can dehydration"}

// latin are words in Latin letters: in a Russian reply, English left
// over; command are the commands, which every language writes alike.
var (
	latin   = regexp.MustCompile(`\p{Latin}[\p{Latin}'’]+`)
	command = regexp.MustCompile(`/[a-z]+`)
)

// checkLang fails when a reply in lang holds an English phrase or, in
// Russian, a Latin word (the temperature's °F and commands aside).
func checkLang(t *testing.T, lang, step string, rs []bot.Response) {
	t.Helper()
	all := featuretest.AllText(rs)
	for _, e := range englishPhrases {
		if strings.Contains(all, e) {
			t.Errorf("%s %s: English %q left in:\n%s", lang, step, e, all)
		}
	}
	if lang != "ru" {
		return
	}
	if w := latin.FindAllString(command.ReplaceAllString(all, ""), -1); len(w) > 0 {
		t.Errorf("ru %s: Latin words %q in:\n%s", step, w, all)
	}
}

// TestLibraryInRussianAndSpanish walks /ask without a question (its
// example asked as it is written), /topics with every section and topic
// button, and /tips as a Russian and a Spanish user.
func TestLibraryInRussianAndSpanish(t *testing.T) {
	for lang, want := range map[string][]string{
		"ru": {"Что ты хочешь узнать? Напиши вопрос после /ask, например:\n/ask может ли обезвоживание вызывать подёргивания ног?\n\nИли посмотри, что я могу объяснить:", "Темы", "Обезвоживание"},
		"es": {"¿Qué te gustaría saber? Escribe tu pregunta después de /ask, por ejemplo:\n/ask ¿la deshidratación puede causar tirones en las piernas?\n\nO mira lo que puedo explicar:", "Ver temas", "Deshidratación"},
	} {
		t.Run(lang, func(t *testing.T) {
			h := featuretest.Consented(t)
			h.Press("ln/" + lang)
			out := h.Send("/ask")
			checkLang(t, lang, "/ask", out)
			featuretest.MustContain(t, out, want[0])
			if p := featuretest.Payloads(out); len(out) != 1 || len(p) != 1 || p[0] != "tp/s" || out[0].Buttons[0][0].Label != want[1] {
				t.Fatalf("/ask buttons: %+v", out)
			}
			// The example answers as it is written.
			example := strings.SplitN(want[0], "\n", 3)[1]
			featuretest.MustContain(t, h.Send(example), want[2])

			sections := h.Press("tp/s")
			checkLang(t, lang, "tp/s", sections)
			for _, s := range featuretest.Payloads(sections) {
				topics := h.Press(s)
				checkLang(t, lang, s, topics)
				for _, p := range featuretest.Payloads(topics) {
					if p != "tp/s" {
						checkLang(t, lang, p, h.Press(p))
					}
				}
			}
			checkLang(t, lang, "/topics", h.Send("/topics"))
			checkLang(t, lang, "/tips", h.Send("/tips"))
		})
	}
}

// TestLibraryWordsInEachLanguage: the answer to a statement about one's
// night and to greetings and thanks, in each language the bot speaks;
// English as it always was.
func TestLibraryWordsInEachLanguage(t *testing.T) {
	lib := content.Default()
	for lang, want := range map[string][3]string{
		"en": {"Thanks for telling me how it went. Send /log", "Hello! Ask me anything", "You're welcome."},
		"ru": {"Спасибо, что рассказываешь, как прошла ночь. Отправь /log", "Привет! Спрашивай", "Пожалуйста! Пусть ночи станут спокойнее."},
		"es": {"Gracias por contarme cómo te fue. Envía /log", "¡Hola! Pregúntame", "De nada."},
		"pt": {"Obrigado por me contar como foi. Mande /log", "Oi! Pergunte", "De nada."},
		"de": {"Danke, dass du mir erzählst, wie es war. Schick /log", "Hallo! Frag mich", "Gern geschehen."},
	} {
		r, answered := library.Compose(lib, content.Answer{Lang: lang, Statement: true})
		if answered || !strings.HasPrefix(r.Text, want[0]) || len(r.Buttons) != 1 {
			t.Errorf("%s statement: %v %q", lang, answered, r.Text)
		}
		for i, in := range []string{"hello", "thanks!"} {
			if got, ok := library.SmallTalk(lib, lang, in); !ok || !strings.HasPrefix(got, want[i+1]) {
				t.Errorf("%s %q: %q", lang, in, got)
			}
		}
	}
	for _, in := range []string{"привет", "Спасибо!", "¡Hola!", "gracias", "obrigada", "Danke schön", "guten Morgen"} {
		if _, ok := library.SmallTalk(lib, "ru", in); !ok {
			t.Errorf("%q is not read as small talk", in)
		}
	}
	if _, ok := library.SmallTalk(lib, "ru", "почему ноги дёргаются?"); ok {
		t.Error("a question read as small talk")
	}
}
