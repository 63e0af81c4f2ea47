package nightlog_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/reminders"
)

// englishPhrases are pieces of the journal's English replies and buttons:
// none may be left in a reply in another language.
var englishPhrases = []string{
	"How were your legs", "the night to", "no twitching", "the worst", "Skip", "Yes", "wake you",
	"caffeine after", "stretch before", "Any alcohol", "Sleep diary", "optional", "Same as usual", "Fill in",
	"get into bed", "Tap one", "fall asleep", "under 15", "hours", "finally", "get out of bed", "sleep quality",
	"very poor", "bothering", "moving", "beyond your legs", "Anything else", "Please", "Here is where",
	"That button", "earlier log", "Saved", "Updated", "See your week", "Stopped here", "kept what",
	"to add the rest", "Cancelled", "nothing was saved", "Nothing was saved", "already been saved",
	"in bed", "asleep in", "woke", "awake at", "up at", "quality", "efficiency", "legs from", "eased",
	"beyond the legs", "late caffeine", "stretched", "Your log is waiting", "Took ", "Examples",
	"is not a date", "hasn't happened", "can be logged", "doesn't exist", "score", "a bit long", "characters",
	"glass", "bottle", "isn't an amount", "Added", "Today", "goal", "older check-in", "usual night",
}

// latin are words in Latin letters: in a Russian reply, English left over.
var latin = regexp.MustCompile(`\p{Latin}[\p{Latin}'’]+`)

// checkLang fails when a reply in lang holds an English phrase, or, in
// Russian, any Latin word outside a command and its arguments (/log
// yesterday 3 is syntax in every language).
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
	if w := latin.FindAllString(strings.Join(featuretest.WithoutCommands(all), " "), -1); len(w) > 0 {
		t.Errorf("ru %s: Latin words %q in:\n%s", step, w, all)
	}
}

// walk sends or presses (a payload is "press:...") and checks the reply
// is in lang and holds every want.
func walk(t *testing.T, h *featuretest.Harness, lang, in string, want ...string) []bot.Response {
	t.Helper()
	var out []bot.Response
	if p, ok := strings.CutPrefix(in, "press:"); ok {
		out = h.Press(p)
	} else {
		out = h.Send(in)
	}
	checkLang(t, lang, in, out)
	featuretest.MustContain(t, out, want...)
	return out
}

// TestLogWizardInRussianAndSpanish walks every step of /log as a Russian
// and a Spanish user, with typed answers, wrong answers, buttons of
// another question and of another night, the summary, stopping and
// cancelling: every question, button and reply is in the user's
// language, and typed answers in it are read.
func TestLogWizardInRussianAndSpanish(t *testing.T) {
	for _, c := range []struct {
		lang                                                                  string
		score, woke, yes, no, notYesNo, caffeine, stretched, alcohol, diary   string
		fill, bed, bedAt, latency, latencyIn, awake, twice, wake, out, qual   string
		badQual, start, moving, spread, note, tooLong, summary, line, diaryIn string
		side, waiting, otherQuestion, earlier, stopped, cancel, cancelled     string
		done, cancelBtn                                                       string
	}{
		{
			lang: "ru", score: "Как вели себя ноги в ночь на 25.11?", woke: "Подёргивания тебя будили?", yes: "да", no: "нет",
			notYesNo: "может", caffeine: "кофеин после 14:00", stretched: "растяжка перед сном", alcohol: "алкоголь",
			diary: "Дневник сна", fill: "заполнить", bed: "лёг(ла) в постель", bedAt: "около 23:00", latency: "уснуть",
			latencyIn: "20 мин", awake: "просыпался(ась)", twice: "дважды", wake: "окончательно проснулся(ась)",
			out: "встал(а) с постели", qual: "качество сна", badQual: "Выбери от 1 (очень плохо) до 5 (очень хорошо).",
			start: "начали беспокоить", moving: "Движение", spread: "за пределы ног", note: "Хочешь что-то добавить?",
			tooLong: "Заметка длинновата: уложись, пожалуйста, в 500 символов.",
			summary: "Сохранил ночь на 25.11 ✓", line: "▰▰▰▰▱ 7/10 · будили ночью · растяжка · «икры ныли»",
			diaryIn: "в постели с 23:00 · уснуть удалось за ~20 мин · ночных пробуждений: 2 · пробуждение в 07:00",
			side:    "почему ноги дёргаются, когда я засыпаю?", waiting: "Запись ждёт продолжения:",
			otherQuestion: "Эта кнопка относится к другому вопросу. Вот где мы сейчас:",
			earlier:       "Эта кнопка из прошлой записи, про другую ночь.",
			stopped:       "Остановимся на этом. Вот что я сохранил про ночь на 24.11:", cancel: "отмена",
			cancelled: "Отменено, ничего не сохранено.", done: "Эта запись уже сохранена или отменена.", cancelBtn: "Отмена",
		},
		{
			lang: "es", score: "¿Cómo estuvieron tus piernas la noche del 25/11?", woke: "¿Los tirones te despertaron?", yes: "sí",
			no: "no", notYesNo: "quizás", caffeine: "cafeína después de las 14:00", stretched: "estiramientos antes de dormir",
			alcohol: "alcohol", diary: "Diario de sueño", fill: "rellenar", bed: "metiste en la cama", bedAt: "a las 23:00",
			latency: "dormirte", latencyIn: "20 minutos", awake: "despertaste", twice: "dos veces", wake: "despertaste del todo",
			out: "levantaste de la cama", qual: "calidad de tu sueño", badQual: "Elige del 1 (muy mala) al 5 (muy buena).",
			start: "empezaron a molestarte", moving: "Moverte", spread: "más allá de las piernas", note: "¿Algo más que anotar?",
			tooLong: "La nota es un poco larga: que no pase de 500 caracteres, por favor.",
			summary: "Guardada la noche del 25/11 ✓", line: "▰▰▰▰▱ 7/10 · te despertó · estiramientos · «me dolían las pantorrillas»",
			diaryIn: "en la cama a las 23:00 · te dormiste en ~20 min · despertares: 2 · te despertaste a las 07:00",
			side:    "¿por qué me tiemblan las piernas al dormirme?", waiting: "Tu registro te espera:",
			otherQuestion: "Ese botón es de otra pregunta. Aquí es donde estás:",
			earlier:       "Ese botón es de un registro anterior, de otra noche.",
			stopped:       "Lo dejamos aquí. Guardé lo que me contaste de la noche del 24/11:", cancel: "cancelar",
			cancelled: "Cancelado; no se guardó nada.", done: "Ese registro ya se guardó o se canceló.", cancelBtn: "Cancelar",
		},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := featuretest.Consented(t)
			h.Press("ln/" + c.lang)
			note := "икры ныли"
			if c.lang == "es" {
				note = "me dolían las pantorrillas"
			}
			out := walk(t, h, c.lang, "/log", c.score)
			if l := out[0].Buttons[2][0].Label; l != c.cancelBtn {
				t.Errorf("cancel button %q", l)
			}
			walk(t, h, c.lang, "press:lg/s/7", c.woke)
			walk(t, h, c.lang, "press:lg/s/3", c.otherQuestion, c.woke)
			walk(t, h, c.lang, c.side, c.waiting, c.woke) // a question: answered, and the log waits
			walk(t, h, c.lang, c.notYesNo, c.woke)
			walk(t, h, c.lang, c.yes, c.caffeine)
			walk(t, h, c.lang, "press:lg/c/n", c.stretched)
			walk(t, h, c.lang, "press:lg/t/y", c.alcohol)
			walk(t, h, c.lang, c.no, c.diary)
			walk(t, h, c.lang, "press:lg/d/20261125/u/what", c.diary)
			walk(t, h, c.lang, c.fill, c.bed)
			walk(t, h, c.lang, "press:lg/d/20261125/b/9999", c.bed)
			walk(t, h, c.lang, c.bedAt, c.latency)
			walk(t, h, c.lang, "press:lg/d/20261125/l/x", c.latency)
			walk(t, h, c.lang, c.latencyIn, c.awake)
			walk(t, h, c.lang, "press:lg/d/20261125/k/x", c.awake)
			walk(t, h, c.lang, c.twice, c.wake)
			walk(t, h, c.lang, "7:00", c.out)
			walk(t, h, c.lang, "7:00", c.qual)
			walk(t, h, c.lang, "9", c.badQual, c.qual)
			walk(t, h, c.lang, "4", c.start)
			walk(t, h, c.lang, "press:lg/d/20261124/r/1260", c.otherQuestion, c.start)
			walk(t, h, c.lang, "21:30", c.moving)
			walk(t, h, c.lang, "press:lg/d/20261125/v/maybe", c.moving)
			walk(t, h, c.lang, c.yes, c.spread)
			walk(t, h, c.lang, c.no, c.note)
			walk(t, h, c.lang, strings.Repeat("a", 501), c.tooLong, c.note)
			walk(t, h, c.lang, note, c.summary, c.line, c.diaryIn)
			walk(t, h, c.lang, "press:lg/t/y", c.done)
			ns := h.Nights()
			if len(ns) != 1 || ns[0].Severity != 7 || !*ns[0].Woke || *ns[0].LateCaffeine || !*ns[0].Stretched || ns[0].Note != note {
				t.Fatalf("stored: %+v", ns)
			}

			// Stopping after the score keeps it; cancelling before keeps nothing.
			old := featuretest.Payloads(walk(t, h, c.lang, "/log yesterday"))
			walk(t, h, c.lang, "press:lg/s/2", c.woke)
			walk(t, h, c.lang, "press:lg/x", c.stopped, "2/10", "/log yesterday")
			walk(t, h, c.lang, "/log 3 days ago")
			walk(t, h, c.lang, c.cancel, c.cancelled)
			walk(t, h, c.lang, "/log")
			walk(t, h, c.lang, "press:"+old[7], c.earlier, c.score)
			walk(t, h, c.lang, "press:lg/x", c.cancelled)
			if n := len(h.Nights()); n != 2 {
				t.Fatalf("%d nights stored, want 2", n)
			}
		})
	}
}

// TestLogInOneMessageInRussianAndSpanish: /log in one message and every
// way it refuses one, in the user's language.
func TestLogInOneMessageInRussianAndSpanish(t *testing.T) {
	for lang, want := range map[string][]string{
		"ru": {
			"Сохранил ночь на 25.11: подёргивания 6/10.",
			"Оценка подёргиваний — от 0 (не было) до 10 (хуже некуда). Ничего не сохранено.",
			"Эта ночь ещё не наступила. Ничего не сохранено.\nПримеры: /log 6, /log 7 ноги ныли до утра, /log yesterday 3",
			"Записывать можно только ночи не старше 365 дней. Ничего не сохранено.",
			"Не понимаю, какая это ночь: «когда-то».",
			"Даты 29.02.2026 не существует.",
			"Заметка длинновата: уложись, пожалуйста, в 500 символов. Ничего не сохранено.",
		},
		"es": {
			"Guardada la noche del 25/11: tirones 6/10.",
			"La puntuación de los tirones va de 0 (nada) a 10 (lo peor). No se guardó nada.",
			"Esa noche todavía no ha llegado. No se guardó nada.\nEjemplos: /log 6, /log 7 me desperté dos veces, /log yesterday 3",
			"Solo se pueden registrar noches de los últimos 365 días. No se guardó nada.",
			"No entiendo «algún día» como fecha",
			"La fecha 29/02/2026 no existe.",
			"La nota es un poco larga: que no pase de 500 caracteres, por favor. No se guardó nada.",
		},
	} {
		t.Run(lang, func(t *testing.T) {
			h := featuretest.Consented(t)
			h.Press("ln/" + lang)
			someday := map[string]string{"ru": "когда-то", "es": "algún día"}[lang]
			for i, in := range []string{"/log 6", "/log 11", "/log 2026-12-24 5", "/log 2020-01-01 5", "/log " + someday + " 5", "/log 29.2 5", "/log 4 " + strings.Repeat("a", 501)} {
				walk(t, h, lang, in, want[i])
			}
		})
	}
}

// TestWaterInRussianAndSpanish: /water's replies, its note of how glasses
// were counted, its error and its buttons, with units and decimal commas
// as each language writes them, and amounts typed in the user's words.
func TestWaterInRussianAndSpanish(t *testing.T) {
	for lang, steps := range map[string][][]string{
		"ru": {
			{"/water 2 стакана", "Добавил 500 мл (2 стакана по 250 мл).", "💧 Сегодня: 500 мл из цели 2–2,5 л", "До 2 л осталось 1,5 л."},
			{"/water 1 стакан", "Добавил 250 мл (1 стакан по 250 мл)."},
			{"/water 5 стаканов", "Добавил 1,25 л (5 стаканов по 250 мл)."},
			{"/water 1,5 стакана", "(1,5 стакана по 250 мл)"},
			{"/water 0,5 л", "Добавил 500 мл."},
			{"/water -1 бутылка", "Убрал 500 мл."},
			{"/water много", "«много» — не понимаю, сколько это. Попробуй /water 0,5 (литра), /water 500 мл или /water 2 стакана (в стакане 250 мл). Ничего не сохранено."},
			{"press:wt/500", "Добавил 500 мл."},
		},
		"es": {
			{"/water 2 vasos", "He sumado 500 ml (2 vasos de 250 ml).", "💧 Hoy: 500 ml de la meta de 2–2,5 L", "Te faltan 1,5 L para llegar a 2 L."},
			{"/water 1 botella", "He sumado 500 ml (1 botella de 500 ml)."},
			{"/water 1,5 vasos", "(1,5 vasos de 250 ml)"},
			{"/water 1,25", "He sumado 1,25 L."},
			{"/water mucha", "No entiendo «mucha» como cantidad. Prueba /water 0,5 (litros), /water 500 ml o /water 2 vasos (un vaso son 250 ml). No se guardó nada."},
		},
	} {
		t.Run(lang, func(t *testing.T) {
			h := featuretest.Consented(t)
			h.Press("ln/" + lang)
			for _, s := range steps {
				out := walk(t, h, lang, s[0], s[1:]...)
				if strings.HasPrefix(s[0], "/water 2 ") {
					want := map[string]string{"ru": "+250 мл", "es": "+250 ml"}[lang]
					if l := out[0].Buttons[0][0].Label; l != want {
						t.Errorf("water button %q, want %q", l, want)
					}
				}
			}
		})
	}
}

// TestMorningCheckInInRussianAndSpanish: the morning check-in's "same as
// usual" button and its replies, and the water reminder's progress.
func TestMorningCheckInInRussianAndSpanish(t *testing.T) {
	for lang, want := range map[string][]string{
		"ru": {"Дневник сна: как обычно", "Сохранил ночь на 25.11 как обычную: в постели с 23:00 · пробуждение в 07:00 · подъём в 07:00",
			"У ночи на 25.11 уже есть дневник сна:", "Эта кнопка из старой утренней отметки.", "+250 мл", "Сегодня: 0 мл"},
		"es": {"Diario de sueño: como siempre", "Guardé la noche del 25/11 como una noche normal: en la cama a las 23:00 · te despertaste a las 07:00 · en pie a las 07:00",
			"La noche del 25/11 ya tiene diario de sueño:", "Ese botón es de un aviso de la mañana anterior.", "+250 ml", "Hoy: 0 ml"},
	} {
		t.Run(lang, func(t *testing.T) {
			h := featuretest.Consented(t)
			h.Press("ln/" + lang)
			u := h.User()
			r := bot.Response{Text: "…"}
			decorator(h).Decorate(ctx, reminders.Morning, u, &r)
			checkLang(t, lang, "morning", []bot.Response{r})
			if l := r.Buttons[2][0].Label; l != want[0] {
				t.Errorf("same-as-usual button %q, want %q", l, want[0])
			}
			walk(t, h, lang, "press:sd/usual/20261125", want[1])
			walk(t, h, lang, "press:sd/usual/20261125", want[2])
			walk(t, h, lang, "press:sd/usual/20261101", want[3])
			w := bot.Response{Text: "…"}
			decorator(h).Decorate(ctx, reminders.Hydration, u, &w)
			checkLang(t, lang, "water reminder", []bot.Response{w})
			if w.Buttons[0][0].Label != want[4] || !strings.Contains(markup.Plain(w.Text), want[5]) {
				t.Errorf("water reminder: %q %+v", w.Text, w.Buttons)
			}
		})
	}
}
