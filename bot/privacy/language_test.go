package privacy_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// A Russian or Spanish user goes through every step of the privacy
// commands: /privacy with and without their permission, its offer answered
// in their words (no, withdraw, allow), withdrawing in the middle of a
// /log, /export's message with its plurals and the files' captions, and
// /forget's question, cancel and done. Every step is in their language,
// with no English left.
func TestPrivacyInTheUsersLanguage(t *testing.T) {
	for _, c := range []struct {
		lang                                   string
		no, withdrawWord, allowWord, yes       string
		intro, ratings, given, notGiven, yours string
		withdrawButton, allowButton            string
		nothing, withdrawn, stopped, allowed   string
		export, caption, csv, csvCaption       string
		ask, cancelled, done                   string
	}{
		{
			lang: "ru", no: "нет", withdrawWord: "отозвать", allowWord: "разрешить", yes: "да",
			intro: "Что я храню", ratings: "оценки, которые ты ставишь: стресс.", given: "Твоё разрешение: дано 25.11.2026.",
			notGiven: "Твоё разрешение: не дано", yours: "напиши отозвать",
			withdrawButton: "Отозвать разрешение", allowButton: "Разрешить заметки о здоровье",
			nothing: "Хорошо, ничего не меняю.", withdrawn: "Готово: разрешение отозвано",
			stopped: "То, чем мы сейчас занимались, я тоже остановил", allowed: "Спасибо: я буду хранить твои заметки",
			export:  "Вот всё, что я о тебе храню: 5 ночей, вода за 1 день, 2 результата опросника и твои настройки.",
			caption: "Всё, что Calm Nights хранит о тебе", csv: "Твой дневник в формате CSV.", csvCaption: "Твой дневник",
			ask: "Удалить всё?", cancelled: "Отменено: ничего не удалено.", done: "Готово. Я удалил всё",
		},
		{
			lang: "es", no: "no", withdrawWord: "retirar", allowWord: "permitir", yes: "sí",
			intro: "Qué guardo", ratings: "valoraciones diarias que me das: estrés.", given: "Tu permiso: dado el 25/11/2026.",
			notGiven: "Tu permiso: no lo has dado", yours: "escribe retirar",
			withdrawButton: "Retirar el permiso", allowButton: "Permitir notas de salud",
			nothing: "Vale, no ha cambiado nada.", withdrawn: "Hecho: has retirado tu permiso",
			stopped: "También he parado lo que estábamos haciendo", allowed: "Gracias: guardaré tus notas de salud",
			export:  "Aquí tienes todo lo que tengo guardado sobre ti: 5 noches, el agua de 1 día, 2 resultados de la lista y tus ajustes.",
			caption: "Todo lo que Calm Nights guarda sobre ti", csv: "Tu diario en CSV.", csvCaption: "Tu diario",
			ask: "¿Borrar todo?", cancelled: "Cancelado: no se ha borrado nada.", done: "Hecho. He borrado todo",
		},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := featuretest.Consented(t)
			featuretest.SeedNights(h, 5)
			h.Store.AddWater(ctx, h.UserID, "2026-11-24", 750)
			for i := 0; i < 2; i++ {
				h.Store.SaveChecklistResult(ctx, bot.ChecklistResult{UserID: h.UserID, TakenAt: featuretest.FixedNow, Total: 7, Answers: map[string]bool{}})
			}
			h.Press("ln/" + c.lang)
			step := func(name string, rs []bot.Response, want ...string) []bot.Response {
				t.Helper()
				featuretest.MustContain(t, rs, want...)
				noEnglish(t, c.lang, name, rs)
				return rs
			}
			rs := step("/privacy", h.Send("/privacy"), c.intro, c.ratings, c.given, c.yours)
			if label := button(rs, bot.WithdrawPayload); label != c.withdrawButton {
				t.Errorf("withdraw button %q, want %q", label, c.withdrawButton)
			}
			step("no to the offer", h.Send(c.no), c.nothing)
			if !h.User().Consented() {
				t.Fatal("a typed no withdrew the permission")
			}
			h.Send("/privacy")
			step("typed withdraw", h.Send(c.withdrawWord), c.withdrawn)
			if h.User().Consented() {
				t.Fatal("the typed withdraw word did not withdraw")
			}
			rs = step("/privacy without permission", h.Send("/privacy"), c.notGiven)
			if label := button(rs, bot.ConsentPayload); label != c.allowButton {
				t.Errorf("allow button %q, want %q", label, c.allowButton)
			}
			step("typed allow", h.Send(c.allowWord), c.allowed)
			if !h.User().Consented() {
				t.Fatal("the typed allow word did not give the permission")
			}
			h.Send("/privacy")
			step("typed yes withdraws", h.Send(c.yes), c.withdrawn)
			h.Press(bot.ConsentPayload)
			h.Send("/log")
			step("withdraw in a /log", h.Press(bot.WithdrawPayload), c.withdrawn, c.stopped)
			h.Press(bot.ConsentPayload)
			rs = step("/export", h.Send("/export"), c.export, c.csv)
			if len(rs) != 2 || rs[0].File == nil || rs[1].File == nil || rs[0].File.Caption != c.caption || rs[1].File.Caption != c.csvCaption {
				t.Fatalf("export files: %+v", rs)
			}
			step("/forget", h.Send("/forget"), c.ask)
			step("/forget → cancel", h.Press("fg/no"), c.cancelled)
			h.Send("/forget")
			step("/forget → yes", h.Press("fg/yes"), c.done)
		})
	}
}

// button is the label of the replies' button with payload, "" if none.
func button(rs []bot.Response, payload string) string {
	for _, r := range rs {
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Payload == payload {
					return b.Label
				}
			}
		}
	}
	return ""
}

// englishPhrases are the privacy commands' English words, none of which
// may be left in another language's reply.
var englishPhrases = []string{
	"Your privacy", "What I store", "Your permission", "given on", "not given", "Your data is yours", "Withdraw",
	"withdrawn", "Allow health notes", "nothing changed", "Thank you", "Here is everything", "checklist result",
	"of water", "Your journal", "stores about you", "Delete everything", "Cancelled", "nothing was deleted", "Done",
}

var (
	// command is a command with its arguments, which stay as they are.
	command = regexp.MustCompile(`/[a-z_]+(?: +[!-~]+)*`)
	latin   = regexp.MustCompile(`\p{Latin}{2,}`)
	// keep are the Latin words a Russian reply may hold.
	keep = map[string]bool{"Calm": true, "Nights": true, "JSON": true, "CSV": true}
)

// noEnglish fails the test when a reply of step, text or button, holds an
// English phrase of the privacy commands, or, in Russian, any Latin word
// but names and commands.
func noEnglish(t *testing.T, lang, step string, rs []bot.Response) {
	t.Helper()
	texts := []string{featuretest.Text(rs)}
	for _, r := range rs {
		if r.File != nil {
			texts = append(texts, r.File.Caption)
		}
		for _, row := range r.Buttons {
			for _, b := range row {
				texts = append(texts, b.Label)
			}
		}
	}
	for _, text := range texts {
		for _, p := range englishPhrases {
			if strings.Contains(text, p) {
				t.Errorf("%s: English %q left in %q", step, p, text)
			}
		}
		if lang != "ru" {
			continue
		}
		for _, w := range latin.FindAllString(command.ReplaceAllString(text, ""), -1) {
			if !keep[w] {
				t.Errorf("%s: Latin word %q in %q", step, w, text)
			}
		}
	}
}
