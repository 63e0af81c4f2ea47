package checklist_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// A Russian or Spanish user walks every step of /checklist: Back on the
// first question and after an answer, a button of another question and
// one of an earlier run, a question typed in between, /checklist in the
// middle with its buttons, a wrong argument, Stop, a button after Stop,
// the whole checklist answered in their words, and the history, with and
// without their permission. Every step is in their language, with no
// English left.
func TestChecklistInTheUsersLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, yes, question                       string
		q1, q2, first, backYes, other, earlier    string
		waiting, partway, resume, restart, usage  string
		stopped, ended, startButton, none         string
		result, heading, line, disclaimer, noKeep string
	}{
		{
			lang: "ru", yes: "да", question: "от чего ноги дёргаются по ночам?",
			q1: "Вопрос 1 из 7", q2: "Вопрос 2 из 7", first: "Это первый вопрос.", backYes: "Здесь твой ответ был «Да».",
			other: "Эта кнопка относится к другому вопросу.", earlier: "Эта кнопка из прошлого прохождения опросника.",
			waiting: "Опросник ждёт тебя на вопросе 2", partway: "ответов 1 из 7. Продолжить с вопроса 2 или начать заново?",
			resume: "Продолжить", restart: "Начать заново", usage: "чтобы посмотреть прошлые результаты",
			stopped: "Опросник остановлен, твои ответы стёрты.", ended: "Этот опросник уже закончен.", startButton: "Пройти опросник",
			none: "Сохранённых результатов опросника пока нет.", result: "Я сохранил этот результат",
			heading: "Твои результаты опросника, сначала новые:", line: "25.11.2026: «да» — 7 из 7; стоит показаться неврологу или сомнологу",
			disclaimer: "Это не диагноз", noKeep: "Без твоего разрешения хранить заметки о здоровье я не сохраняю результаты опросника",
		},
		{
			lang: "es", yes: "sí", question: "¿por qué me tiemblan las piernas por la noche?",
			q1: "Pregunta 1 de 7", q2: "Pregunta 2 de 7", first: "Esta es la primera pregunta.", backYes: "Aquí habías respondido Sí.",
			other: "Ese botón es de otra pregunta.", earlier: "Ese botón es de una lista anterior.",
			waiting: "Tu lista te espera en la pregunta 2", partway: "1 de 7 respondidas. ¿Sigues desde la pregunta 2 o empiezas de nuevo?",
			resume: "Continuar", restart: "Empezar de nuevo", usage: "para ver tus resultados anteriores",
			stopped: "He detenido la lista y borrado tus respuestas.", ended: "Esa lista ya terminó.", startButton: "Empezar la lista",
			none: "Todavía no tienes resultados guardados de la lista.", result: "He guardado este resultado",
			heading: "Tus resultados de la lista, del más reciente al más antiguo:", line: "25/11/2026: sí en 7 de 7; vale la pena ver a un neurólogo",
			disclaimer: "Esto no es un diagnóstico", noKeep: "No guardo los resultados de la lista sin tu permiso",
		},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := featuretest.Consented(t)
			h.Press("ln/" + c.lang)
			step := func(name string, rs []bot.Response, want ...string) []bot.Response {
				t.Helper()
				featuretest.MustContain(t, rs, want...)
				noEnglish(t, c.lang, name, rs)
				return rs
			}
			run := featuretest.Payloads(step("/checklist", h.Send("/checklist"), c.q1))
			step("Back on the first question", h.Press(strings.Replace(run[2], "stop", "back", 1)), c.first, c.q1)
			step("yes", h.Press(run[0]), c.q2)
			step("Back", h.Press(strings.Replace(run[2], "stop", "back", 1)), c.backYes, c.q1)
			h.Press(run[0])
			step("another question's button", h.Press(run[1]), c.other, c.q2)
			step("a question in between", h.Send(c.question), c.waiting)
			rs := step("/checklist in the middle", h.Send("/checklist"), c.partway)
			if got := labels(rs); got != c.resume+" | "+c.restart {
				t.Errorf("partway buttons: %s", got)
			}
			step("Continue", h.Press("ck/resume"), c.q2)
			step("a wrong argument", h.Send("/checklist sideways"), c.usage)
			now := featuretest.Payloads(step("Start over", h.Press("ck/restart"), c.q1))
			step("an earlier run's button", h.Press(run[2]), c.earlier, c.q1)
			step("Stop", h.Press(now[2]), c.stopped)
			rs = step("a button after Stop", h.Press(now[0]), c.ended)
			if got := labels(rs); got != c.startButton {
				t.Errorf("ended button: %s", got)
			}
			step("empty history", h.Send("/checklist history"), c.none)
			h.Send("/checklist")
			for i := 0; i < 6; i++ {
				h.Send(c.yes)
			}
			step("the result", h.Send(c.yes), c.result, c.disclaimer)
			step("history", h.Send("/checklist history"), c.heading, c.line, c.disclaimer)
			if err := h.Store.DeleteUser(ctx, h.UserID); err != nil { // a new user, who has not allowed health notes
				t.Fatal(err)
			}
			h.Press("ln/" + c.lang)
			step("history without permission", h.Send("/checklist history"), c.noKeep)
		})
	}
}

// labels joins the replies' button labels.
func labels(rs []bot.Response) string {
	var out []string
	for _, r := range rs {
		for _, row := range r.Buttons {
			for _, b := range row {
				out = append(out, b.Label)
			}
		}
	}
	return strings.Join(out, " | ")
}

// englishPhrases are the checklist's English words, none of which may be
// left in another language's reply.
var englishPhrases = []string{
	"Question", "This is the first", "Going back", "You had answered", "belongs to another question", "earlier checklist",
	"Here is where", "waiting at question", "partway", "Continue", "Start over", "Send /checklist", "stopped", "already ended",
	"Start the checklist", "no saved checklist", "Your checklist results", "newest first", "self-care", "worth seeing",
	"not a diagnosis", "I've saved", "Your journal", "permission",
}

var (
	// command is a command with its arguments, which stay as they are.
	command = regexp.MustCompile(`/[a-z_]+(?: +[!-~]+)*`)
	latin   = regexp.MustCompile(`\p{Latin}{2,}`)
)

// noEnglish fails the test when a reply of step, text or button, holds an
// English phrase of the checklist, or, in Russian, any Latin word outside
// a command.
func noEnglish(t *testing.T, lang, step string, rs []bot.Response) {
	t.Helper()
	texts := []string{featuretest.Text(rs), labels(rs)}
	for _, text := range texts {
		for _, p := range englishPhrases {
			if strings.Contains(text, p) {
				t.Errorf("%s: English %q left in %q", step, p, text)
			}
		}
		if lang != "ru" {
			continue
		}
		if w := latin.FindAllString(command.ReplaceAllString(text, ""), -1); len(w) > 0 {
			t.Errorf("%s: Latin words %q in %q", step, w, text)
		}
	}
}
