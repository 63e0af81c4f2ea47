package nightlog

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/understand"
)

// The /log wizard's steps take answers the way people give them, read in
// the step's own context: an evening onset "10" is 22:00, a bedtime "11"
// is 23:00, "maybe an hour" to fall asleep is 60 minutes, "twice" is 2,
// "yeah a bit" is yes, "not sure" skips the question.

// hedges are the words around an answer that do not change it.
var hedges = regexp.MustCompile(`^(?:(?:about|around|roughly|approx|approximately|maybe|probably|perhaps|like|at|i think|i guess|say|prob|just|only|it was|it took|took|was)\s+)+|\s*(?:ish|or so|i think|maybe|probably|roughly|tops|max|at most)$`)

// unhedged is s lower-cased and trimmed, without its hedges ("about 11ish"
// is "11").
func unhedged(s string) string {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(s), ".!?, "))
	for range 3 {
		u := strings.TrimSpace(hedges.ReplaceAllString(t, ""))
		u = strings.TrimSuffix(u, "ish")
		if u == t {
			break
		}
		t = u
	}
	return t
}

// unsure are the ways of saying one does not know: the question is
// skipped, nothing is guessed.
var unsure = words(
	"dont know", "don't know", "do not know", "dunno", "idk", "not sure", "no idea",
	"can't remember", "cant remember", "cannot remember", "don't remember", "dont remember",
	"not sure really", "no clue", "?", "skip", "skip it", "pass", "-", "next",
	// ru, es, pt, de: the wizard asks in the user's language.
	"не знаю", "не помню", "хз", "без понятия", "не уверен", "не уверена", "пропустить", "пропусти", "пропуск", "дальше",
	"no sé", "no se", "ni idea", "no me acuerdo", "no recuerdo", "saltar", "omitir", "siguiente",
	"não sei", "nao sei", "não lembro", "nao lembro", "sei lá", "sei la", "pular", "próxima", "proxima",
	"weiß nicht", "weiss nicht", "keine ahnung", "weiß ich nicht", "weiss ich nicht", "überspringen", "weiter", "nächste",
)

// words is a set of words.
func words(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// Words of the wizard in every language it asks in: stopping it, skipping
// the note, and the sleep diary's "same as usual" and "fill in".
var (
	stopWords = words("cancel", "stop", "отмена", "отменить", "стоп", "хватит", "cancelar", "parar", "para", "pare",
		"abbrechen", "stopp", "abbruch")
	noteSkipWords = words("skip", "no", "none", "пропустить", "пропусти", "нет", "ничего", "дальше", "saltar", "omitir",
		"nada", "pular", "não", "nao", "überspringen", "nein", "nichts", "weiter")
	sameWords = words("same", "same as usual", "usual", "as usual", "like usual", "normal",
		"как обычно", "обычно", "как всегда", "так же", "como siempre", "lo de siempre", "igual", "como sempre", "o de sempre",
		"wie immer", "wie sonst", "wie üblich")
	fillWords = words("fill", "fill in", "fill it in", "заполнить", "заполню", "rellenar", "completar", "preencher", "ausfüllen")
)

// yesWords and noWords are yes and no in their everyday forms.
var (
	yesWords = map[string]bool{
		"yes": true, "y": true, "yeah": true, "yep": true, "yup": true, "ya": true, "yea": true, "sure": true, "definitely": true,
		"i did": true, "did": true, "it did": true, "they did": true, "yes i did": true, "yes it did": true, "a bit": true,
		"a little": true, "a little bit": true, "yes a bit": true, "yeah a bit": true, "kind of": true, "kinda": true, "sort of": true,
		"some": true, "slightly": true, "correct": true, "right": true, "true": true, "of course": true, "absolutely": true, "ok": true,
		"aye": true, "yes please": true, "yeah it did": true, "yeah i did": true, "twice": true, "once": true, "loads": true, "a lot": true,
	}
	noWords = map[string]bool{
		"no": true, "n": true, "nope": true, "nah": true, "not really": true, "i didn't": true, "i didnt": true, "didn't": true,
		"didnt": true, "it didn't": true, "it didnt": true, "none": true, "not at all": true, "no way": true, "never": true,
		"no it didn't": true, "no i didn't": true, "not once": true, "nothing": true, "not this time": true, "nah not really": true,
		"no not really": true, "false": true, "negative": true,
	}
	// yesElsewhere and noElsewhere are yes and no in the wizard's other
	// languages (ru, es, pt, de), commas dropped.
	yesElsewhere = words("да", "ага", "угу", "конечно", "да немного", "немного", "чуть-чуть", "слегка", "было", "да было", "ещё как",
		"sí", "si", "claro", "un poco", "sí un poco", "si un poco", "algo", "bastante", "sí claro",
		"sim", "um pouco", "sim um pouco", "um pouquinho", "bastante", "com certeza",
		"ja", "jep", "jo", "klar", "etwas", "ein bisschen", "ja etwas", "ja ein bisschen", "genau", "ja klar")
	noElsewhere = words("нет", "неа", "не", "нет не было", "не было", "совсем нет", "ни разу", "нисколько",
		"no", "nada", "para nada", "no nada", "en absoluto", "nop",
		"não", "nao", "não não", "de jeito nenhum", "nem um pouco",
		"nein", "nö", "ne", "nee", "gar nicht", "überhaupt nicht", "nicht wirklich", "nein gar nicht")
)

// scoreLead is a score said inside a sentence: "like an 8", "a 7 I'd
// say", "6/10", "8 out of 10".
var scoreLead = regexp.MustCompile(`\b(?:an?|like an?|about an?|maybe an?|say an?|call it an?|give it an?|probably an?)\s+(10|\d)\b|\b(10|\d)\s*(?:/|out of|outta|of)\s*10\b`)

// scoreInWords reads the score of the first step told in a sentence
// rather than alone; a question is none.
func scoreInWords(text string) (int, bool) {
	if strings.Contains(text, "?") {
		return 0, false
	}
	m := scoreLead.FindStringSubmatch(text)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1] + m[2])
	return n, err == nil && n >= 0 && n <= 10
}

// readYesNo reads a yes/no step's answer: "y", "n", skipAnswer when the
// person does not know, "" when it is not an answer.
func readYesNo(text string) string {
	t := unhedged(text)
	other := strings.Join(strings.Fields(strings.ReplaceAll(t, ",", " ")), " ") // "да, немного"
	switch {
	case unsure[t] || unsure[other]:
		return skipAnswer
	case yesWords[t] || yesElsewhere[other]:
		return "y"
	case noWords[t] || noElsewhere[other]:
		return "n"
	}
	switch bot.TypedAnswer(t) { // "yeah it did, twice", "nah not last night"
	case bot.AnswerYes:
		return "y"
	case bot.AnswerNo:
		return "n"
	}
	return ""
}

// readStepClock reads a time of day in the step's context: evening
// onset and bedtime read a bare hour from 5 to 11 as evening ("10" is
// 22:00), and after midnight as it comes ("1" is 01:00); waking and
// getting up read it as morning.
func readStepClock(text string, step int) (bot.Clock, bool) {
	t := clockTail.ReplaceAllString(numberLead.ReplaceAllString(unhedged(text), ""), "")
	hint := understand.Morning
	if step == stepStart || step == stepBed {
		hint = understand.Evening
	}
	c, ok := understand.ParseTimeOfDayIn(t, hint)
	if !ok {
		return 0, false
	}
	// An evening onset or a bedtime of "12" is midnight, not noon.
	if (step == stepStart || step == stepBed) && c.Hour() == 12 && !strings.Contains(t, "pm") && !strings.Contains(t, "noon") {
		c -= 12 * 60
	}
	return c, true
}

// readMinutes reads a duration in minutes: "40", "40 min", "an hour",
// "half an hour", "1.5 hours", "an hour and a half".
func readMinutes(text string) (int, bool) {
	t := numberLead.ReplaceAllString(unhedged(text), "")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "for "), "in ")
	if n, err := strconv.Atoi(t); err == nil {
		return n, n >= 0 && n <= 720
	}
	if n, ok := minutesElsewhere[t]; ok {
		return n, true
	}
	if m := localDuration.FindStringSubmatch(t); m != nil { // "20 мин", "1,5 часа", "2 Stunden"
		v, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
		if m[3] != "" {
			v *= 60
		}
		n := int(v + 0.5)
		return n, err == nil && n >= 0 && n <= 720
	}
	switch t {
	case "no time", "straight away", "straightaway", "instantly", "right away", "immediately", "seconds":
		return 0, true
	case "ages", "forever", "hours":
		return 0, false
	}
	n, ok := understand.ParseIn(t)
	return n, ok && n >= 0 && n <= 720
}

// countWords are the counts people write in words.
var countWords = map[string]int{
	"none": 0, "no": 0, "zero": 0, "never": 0, "not once": 0, "didnt": 0, "didn't": 0, "not at all": 0, "i didnt": 0, "i didn't": 0,
	"once": 1, "one": 1, "one time": 1, "just once": 1, "a single time": 1,
	"twice": 2, "two": 2, "two times": 2, "a couple": 2, "a couple of times": 2, "couple of times": 2, "couple times": 2,
	"three": 3, "three times": 3, "thrice": 3, "a few": 3, "a few times": 3, "few times": 3,
	"four": 4, "four times": 4, "five": 5, "five times": 5, "six": 6, "lots": 5, "loads": 5, "many times": 5, "a lot": 5,
}

// countRe is "3", "3 times", "3x", "3 раза", "3 veces", "3 vezes", "3 mal".
var countRe = regexp.MustCompile(`^(\d+)\s*(?:times?|x|раза?|veces|vez|vezes|mal)?$`)

// countElsewhere are counts in words in the wizard's other languages.
var countElsewhere = map[string]int{
	"ни разу": 0, "ноль": 0, "один раз": 1, "раз": 1, "однажды": 1, "дважды": 2, "два раза": 2, "два": 2, "пару раз": 2, "три раза": 3, "три": 3, "несколько раз": 3,
	"ninguna": 0, "ninguna vez": 0, "una vez": 1, "una": 1, "dos veces": 2, "dos": 2, "tres veces": 3, "tres": 3, "varias veces": 3,
	"nenhuma": 0, "nenhuma vez": 0, "uma vez": 1, "uma": 1, "duas vezes": 2, "duas": 2, "três vezes": 3, "três": 3, "várias vezes": 3,
	"keinmal": 0, "kein mal": 0, "einmal": 1, "zweimal": 2, "dreimal": 3, "mehrmals": 3, "ein paar mal": 3,
}

// numberLead are the words before a time or a duration in the wizard's
// other languages ("около 23:00", "a las 11", "às 7", "gegen 23 Uhr").
var numberLead = regexp.MustCompile(`^(?:(?:около|примерно|где-то|приблизительно|наверное|в|во|за|a las|a la|sobre las|hacia las|como|unos|unas|más o menos|às|as|lá pelas|por volta das|cerca de|uns|umas|mais ou menos|em|gegen|um|etwa|ungefähr|so|circa|ca\.|nach)\s+)+`)

// clockTail is the word after an hour: "23 Uhr", "23 ч", "23 h".
var clockTail = regexp.MustCompile(`\s*(?:uhr|ч|час(?:а|ов)?|h|hs|horas?)$`)

// localDuration is minutes or hours with their unit in the wizard's
// other languages.
var localDuration = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)\s*(?:(мин\S*|min\S*|minutos?|minuten?)|(ч|час\S*|h|horas?|stunden?|std\.?))$`)

// minutesElsewhere are durations said in words in the wizard's other
// languages.
var minutesElsewhere = map[string]int{
	"сразу": 0, "мгновенно": 0, "полчаса": 30, "час": 60, "целый час": 60, "полтора часа": 90, "два часа": 120,
	"enseguida": 0, "de inmediato": 0, "media hora": 30, "una hora": 60, "hora y media": 90, "una hora y media": 90, "dos horas": 120,
	"na hora": 0, "na mesma hora": 0, "meia hora": 30, "uma hora": 60, "uma hora e meia": 90, "hora e meia": 90, "duas horas": 120,
	"sofort": 0, "gleich": 0, "halbe stunde": 30, "eine halbe stunde": 30, "eine stunde": 60, "anderthalb stunden": 90, "eineinhalb stunden": 90, "zwei stunden": 120,
}

// readCount reads how many times: "2", "twice", "3 times", "a couple of
// times", "didn't".
func readCount(text string) (int, bool) {
	t := numberLead.ReplaceAllString(unhedged(text), "")
	if n, ok := countWords[t]; ok {
		return n, true
	}
	if n, ok := countElsewhere[t]; ok {
		return n, true
	}
	if m := countRe.FindStringSubmatch(t); m != nil {
		n, err := strconv.Atoi(m[1])
		return n, err == nil && n <= 50
	}
	return 0, false
}
