package insights_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/insights"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/reminders"
)

// journalWalk is what a user in one language sees of the journal views.
type journalWalk struct {
	lang string
	med  string // the medicine the user logs, in their own words
	// want are phrases each step's replies must hold.
	want map[string][]string
	// pdf are phrases the report's text must hold.
	pdf []string
}

var journalWalks = []journalWalk{{
	lang: "ru", med: "Железо",
	want: map[string][]string{
		"no consent":         {"Вести дневник я могу только с твоего разрешения"},
		"weekly, no consent": {"Подводить итоги пока не по чему"},
		"/journal empty":     {"В твоём дневнике пока нет записей за последние 7 ночей"},
		"/journal 1":         {"В твоём дневнике пока нет записей за последнюю 1 ночь"},
		"/journal 500":       {"Укажи число ночей от 1 до 90, например /journal 30."},
		"/journal x":         {"Укажи число ночей от 1 до 90"},
		"/chart empty":       {"В твоём дневнике пока ничего нет за последние 30 ночей"},
		"/report empty":      {"В твоём дневнике пока ничего нет за последние 30 ночей"},
		"/journal one night": {"**Твои последние 7 ночей**", "- чт, 19 нояб. · нет записи", "- ср, 25 нояб. · ▰▰▰▱▱ 5/10 · «ноги гудят»",
			"- Отмечено ночей: 1 из 7", "- Растяжка перед сном: 0 ночей", "Когда отмеченных ночей будет 7 или больше"},
		"/journal": {"**Твои последние 7 ночей**", "- ср, 25 нояб. · ▰▰▰▱▱ 6/10 · будили тебя · поздний кофеин · растяжка · стресс 1/5 накануне",
			"**Сводка**", "- Средняя сила подёргиваний: 4,3/10", "- Растяжка перед сном: 3 ночи", "- Стресс: в среднем 2,6/5 (оценки за 7 дней)",
			"**Наблюдения** (закономерности в твоих собственных заметках",
			"- Поздний кофеин: в среднем 6,0 после позднего кофеина (4 ночи) против 2,0 без него (3 ночи)",
			"- Железо: в среднем", "после дня с приёмом", "/chart нарисует это в виде графика"},
		"/journal 30": {"**Твои последние 30 ночей**", "- вс, 1 нояб. ·", "- Растяжка перед сном: 10 ночей",
			"- Стресс: в среднем 4,0 после дней с сильным стрессом (4–5 из 5) (12 ночей) против 4,0 после остальных дней с оценкой (18 ночей)",
			"- Алкоголь: в среднем 4,0 после алкоголя вечером (6 ночей) против 4,0 без него (24 ночи)"},
		"/week": {"- Стресс: в среднем 2,6/5 (оценки за 7 дней); на предыдущей неделе — 3,1", "**Наблюдения за четыре недели** (закономерности",
			"- Вода: в среднем", "после дня с нормой воды"},
		"/chart": {"Твои последние 30 ночей: синие столбики — сила подёргиваний (0–10)", "Твои ноги по ночам, последние 30 ночей",
			"По твоему дневнику сна: синяя линия — эффективность сна", "Эффективность сна и начало симптомов, последние 30 ночей"},
		"/report":   {"Вот сводка за твои последние 30 ночей, чтобы показать врачу", "Сводка Calm Nights для врача"},
		"checklist": {"_По твоему дневнику: подёргивания были в 7 из последних 7 ночей (отмечено ночей: 7)._"},
		"weekly":    {"- Отмечено ночей: 7 из 7", "**Наблюдения за четыре недели**"},
	},
	pdf: []string{"Сон и подёргивания ног: сводка", "Ночи на 27.10.2026 – 25.11.2026 (30 ночей)", "Отмечено ночей", "30 из 30",
		"Ночей с подёргиваниями (1–10)", "Кофеин после 14:00", "15 дней", "По неделям", "19.11 – 25.11.2026", "7 (больше 3)",
		"Дневник сна (средние по заполненным ночам)", "Ферритин: 38,5 нг/мл", "Насыщение трансферрина: 17%",
		"Последний чек-лист (25.11.2026)", "подёргивания больше трёх ночей в неделю", "Стресс, от 1 до 5", "Страница 1 из 2",
		"ср 25.11", "будили, кофеин, растяжка", "ноги с 21:30"},
}, {
	lang: "es", med: "Hierro",
	want: map[string][]string{
		"no consent":         {"Solo puedo llevar un diario si me das permiso"},
		"weekly, no consent": {"Todavía no hay diario que resumir"},
		"/journal empty":     {"Tu diario todavía no tiene nada de las últimas 7 noches"},
		"/journal 1":         {"Tu diario todavía no tiene nada de la última noche"},
		"/journal 500":       {"Indica un número de noches del 1 al 90, por ejemplo /journal 30."},
		"/journal x":         {"Indica un número de noches del 1 al 90"},
		"/chart empty":       {"Tu diario todavía no tiene nada de las últimas 30 noches"},
		"/report empty":      {"Tu diario todavía no tiene nada de las últimas 30 noches"},
		"/journal one night": {"**Tus últimas 7 noches**", "- jue 19 nov · sin anotar", "- mié 25 nov · ▰▰▰▱▱ 5/10 · «ноги гудят»",
			"- Noches anotadas: 1 de 7", "- Estiramientos antes de dormir: 0 noches", "Cuando tengas 7 noches anotadas o más"},
		"/journal": {"**Tus últimas 7 noches**", "- mié 25 nov · ▰▰▰▱▱ 6/10 · te despertó · cafeína tarde · estiramientos · estrés 1/5 el día anterior",
			"**Resumen**", "- Intensidad media de los tirones: 4,3/10", "- Estiramientos antes de dormir: 3 noches",
			"- Estrés: 2,6/5 en promedio (7 días con valoración)", "**Observaciones** (patrones en tus propias notas",
			"- Cafeína tarde: media de 6,0 después de tomar cafeína tarde (4 noches) frente a 2,0 sin ella (3 noches)",
			"- Hierro: media de", "tras un día en que se tomó", "/chart lo convierte en un gráfico"},
		"/journal 30": {"**Tus últimas 30 noches**", "- dom 1 nov ·", "- Estiramientos antes de dormir: 10 noches",
			"- Estrés: media de 4,0 tras días de mucho estrés (4–5 de 5) (12 noches) frente a 4,0 tras los demás días valorados (18 noches)"},
		"/week": {"- Estrés: 2,6/5 en promedio (7 días con valoración); 3,1 la semana anterior", "**Observaciones de las últimas cuatro semanas** (patrones"},
		"/chart": {"Tus últimas 30 noches: las barras azules muestran los tirones (0–10)", "Tus piernas por la noche, últimas 30 noches",
			"Según tu diario de sueño: la línea azul es tu eficiencia del sueño", "Eficiencia del sueño e inicio de los síntomas, últimas 30 noches"},
		"/report":   {"Aquí tienes un resumen de tus últimas 30 noches para enseñárselo a tu médico", "Resumen de Calm Nights para tu médico"},
		"checklist": {"_Según tu diario: tirones en 7 de las últimas 7 noches (7 anotadas)._"},
		"weekly":    {"- Noches anotadas: 7 de 7", "**Observaciones de las últimas cuatro semanas**"},
	},
	pdf: []string{"Resumen de sueño y tirones en las piernas", "Noches que terminan del 27/10/2026 al 25/11/2026 (30 noches)",
		"Noches anotadas", "30 de 30", "Cafeína después de las 14:00", "15 días", "Semana a semana", "19/11 – 25/11/2026", "7 (más de 3)",
		"Ferritina: 38,5 ng/mL", "Saturación de transferrina: 17 %", "Última lista de comprobación (25/11/2026)", "Estrés, de 1 a 5",
		"Página 1 de 2", "mié 25/11", "despertó, cafeína, estiró", "piernas desde las 21:30"},
}}

// TestJournalViewsInRussianAndSpanish walks every reply of /journal,
// /week, /chart and /report, their errors and empty states, the journal's
// line over /checklist and the weekly reminder, as a Russian and a Spanish
// user: each says what it should in the user's language, and no English is
// left in it (no Latin word in Russian; none of the English catalog's
// phrases in Spanish). With pdftotext installed, the PDF report's text is
// checked too; CALMNIGHTS_JOURNAL_OUT=dir writes the charts and the PDF
// there to look at.
func TestJournalViewsInRussianAndSpanish(t *testing.T) {
	english := englishPhrases(t)
	if len(english) < 100 {
		t.Fatalf("only %d English phrases to look for", len(english))
	}
	for _, walk := range journalWalks {
		t.Run(walk.lang, func(t *testing.T) {
			got := map[string]string{}
			see := func(step string, rs []bot.Response) {
				var parts []string
				for _, r := range rs {
					parts = append(parts, r.Text)
					for _, row := range r.Buttons {
						for _, b := range row {
							parts = append(parts, b.Label)
						}
					}
					for _, a := range []*bot.Attachment{r.Image, r.File} {
						if a != nil {
							parts = append(parts, a.Caption)
						}
					}
				}
				got[step] += strings.Join(parts, "\n")
			}

			// Not allowed to keep notes yet.
			h := featuretest.New(t)
			h.Press("ln/" + walk.lang)
			see("no consent", h.Send("/journal"))
			u := h.User()
			r := bot.Response{}
			decorator(h).Decorate(ctx, reminders.Weekly, u, &r)
			see("weekly, no consent", []bot.Response{r})

			h = featuretest.Consented(t)
			h.Press("ln/" + walk.lang)
			see("/journal empty", h.Send("/journal"))
			see("/journal 1", h.Send("/journal 1"))
			see("/journal 500", h.Send("/journal 500"))
			see("/journal x", h.Send("/journal all"))
			see("/chart empty", h.Send("/chart"))
			see("/report empty", h.Send("/report"))
			note := "ноги гудят"
			h.Store.SaveNight(ctx, bot.Night{UserID: h.UserID, Date: featuretest.FixedNow.Format(bot.DateLayout), Severity: 5, Note: note, LoggedAt: featuretest.FixedNow})
			see("/journal one night", h.Send("/journal"))

			seedJournal(t, h, walk.med)
			for _, cmd := range []string{"/journal", "/journal 30", "/week", "/chart", "/report"} {
				rs := h.Send(cmd)
				see(cmd, rs)
				if cmd == "/report" && len(rs) == 1 && rs[0].File != nil {
					got["pdf"] = pdfText(t, walk.lang, rs[0].File.Data)
				}
				if dir := os.Getenv("CALMNIGHTS_JOURNAL_OUT"); dir != "" {
					for i, r := range rs {
						for _, a := range []*bot.Attachment{r.Image, r.File} {
							if a != nil {
								os.WriteFile(filepath.Join(dir, walk.lang+"-"+strconv.Itoa(i)+"-"+a.Name), a.Data, 0o600)
							}
						}
					}
				}
			}
			u = h.User()
			in := insights.New(insights.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
			see("checklist", []bot.Response{{Text: in.Week(ctx, &u)}})
			r = bot.Response{}
			decorator(h).Decorate(ctx, reminders.Weekly, u, &r)
			see("weekly", []bot.Response{r})

			for step, phrases := range walk.want {
				for _, p := range phrases {
					if !strings.Contains(got[step], p) {
						t.Errorf("%s: lacks %q:\n%s", step, p, got[step])
					}
				}
			}
			if got["pdf"] != "" {
				flat := strings.Join(strings.Fields(got["pdf"]), " ")
				for _, p := range walk.pdf {
					if !strings.Contains(flat, p) {
						t.Errorf("report PDF lacks %q:\n%s", p, got["pdf"])
					}
				}
			}
			for step, text := range got {
				if step == "no consent" {
					continue // the core's reply, not the journal's
				}
				for _, e := range englishLeft(walk.lang, markup.Plain(text), english) {
					t.Errorf("%s: English left: %q", step, e)
				}
			}
		})
	}
}

// seedJournal stores 30 nights (bot/features/featuretest.SeedNights) with
// a sleep diary each, the water and stress of the days before, doses of
// med, two iron tests and a checklist result.
func seedJournal(t *testing.T, h *featuretest.Harness, med string) {
	t.Helper()
	featuretest.SeedNights(h, 30)
	for i := 0; i < 30; i++ {
		day := featuretest.FixedNow.AddDate(0, 0, -i)
		key := day.Format(bot.DateLayout)
		bed, wake, start := bot.Clock(22*60+45+(i%3)*15), bot.Clock(6*60+45), bot.Clock(21*60+30-(29-i)*2)
		lat, awake, q, alc := 20+(i%4)*10, i%3, 2+i%3, i%5 == 0
		if err := h.Store.SaveDiary(ctx, bot.Diary{UserID: h.UserID, Date: key, InBed: &bed, LatencyMin: &lat, Awakenings: &awake, FinalWake: &wake, OutOfBed: &wake, Quality: &q, SymptomStart: &start, Alcohol: &alc, UpdatedAt: featuretest.FixedNow}); err != nil {
			t.Fatal(err)
		}
		if i%3 != 0 {
			if _, err := h.Store.LogDose(ctx, bot.Dose{UserID: h.UserID, Name: med, Dose: "65 mg", TakenAt: day.Add(3*time.Hour + time.Duration(i)*time.Minute), Day: key}); err != nil {
				t.Fatal(err)
			}
		}
		before := day.AddDate(0, 0, -1).Format(bot.DateLayout)
		h.Store.AddWater(ctx, h.UserID, before, 1500+(i%3)*400)
		h.Press("st/" + before + "/" + strconv.Itoa(1+i%5))
	}
	for _, l := range []bot.Lab{{Test: bot.LabFerritin, Value: 38.5, Date: "2026-09-14"}, {Test: bot.LabTSAT, Value: 17, Date: "2026-09-14"}} {
		l.UserID, l.LoggedAt = h.UserID, featuretest.FixedNow
		if _, err := h.Store.AddLab(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Store.SaveChecklistResult(ctx, bot.ChecklistResult{UserID: h.UserID, TakenAt: featuretest.FixedNow, Yes: 2, Total: 7, SeeDoctor: true, Answers: map[string]bool{"nights": true, "wakes": true}}); err != nil {
		t.Fatal(err)
	}
}

// pdfText is the report's text by pdftotext, "" when it is not installed.
func pdfText(t *testing.T, lang string, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext is not installed: the report's text is not checked")
		return ""
	}
	path := filepath.Join(t.TempDir(), lang+".pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// englishPhrases are the phrases of two words or more of the journal
// views' English messages (content/locales/insights/en.yaml), without
// their template fields and commands: none may be left in a reply in
// another language.
func englishPhrases(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../../content/locales/insights/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var msgs map[string]any
	if err := yaml.Unmarshal(data, &msgs); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for id, v := range msgs {
		if !strings.HasPrefix(id, "Ins") || strings.HasPrefix(id, "InsDate") || id == "InsWeekdays" || id == "InsMonths" {
			continue
		}
		switch v := v.(type) {
		case string:
			texts = append(texts, v)
		case map[string]any:
			for _, form := range v {
				if s, ok := form.(string); ok {
					texts = append(texts, s)
				}
			}
		}
	}
	cut := regexp.MustCompile(`\{\{[^}]*\}\}|/[a-z]+( [0-9]+)?|[.,:;()–—·“”"*_]`)
	var out []string
	for _, s := range texts {
		for _, p := range cut.Split(s, -1) {
			p = strings.TrimSpace(p)
			if len(strings.Fields(p)) >= 2 && regexp.MustCompile(`[a-z]{3}`).MatchString(p) && p != "Calm Nights" {
				out = append(out, p)
			}
		}
	}
	return out
}

// latin are runs of Latin letters; names are the ones a Russian reply may
// hold.
var (
	latin = regexp.MustCompile(`\p{Latin}+`)
	// command is a command with its arguments, the same in every
	// language: "/remind weekly friday 19:30".
	command = regexp.MustCompile(`/[a-z]+(?: [a-z0-9:]+)*`)
	names   = map[string]bool{"Calm": true, "Nights": true, "PDF": true, "UTC": true, "mg": true}
)

// englishLeft is the English in a reply in lang: in Russian every Latin
// word but the names and commands, in other languages the English
// phrases.
func englishLeft(lang, text string, english []string) []string {
	var out []string
	if lang == "ru" {
		for _, f := range strings.Fields(command.ReplaceAllString(text, "")) {
			for _, w := range latin.FindAllString(f, -1) {
				if !names[w] {
					out = append(out, w)
				}
			}
		}
		return out
	}
	for _, p := range english {
		if strings.Contains(text, p) {
			out = append(out, p)
		}
	}
	return out
}
