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
var unsure = map[string]bool{
	"dont know": true, "don't know": true, "do not know": true, "dunno": true, "idk": true, "not sure": true, "no idea": true,
	"can't remember": true, "cant remember": true, "cannot remember": true, "don't remember": true, "dont remember": true,
	"not sure really": true, "no clue": true, "?": true, "skip": true, "skip it": true, "pass": true, "-": true, "next": true,
}

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
	switch {
	case unsure[t]:
		return skipAnswer
	case yesWords[t]:
		return "y"
	case noWords[t]:
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
	t := unhedged(text)
	hint := understand.Morning
	if step == stepStart || step == stepBed {
		hint = understand.Evening
	}
	c, ok := understand.ParseTimeOfDay(t, hint)
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
	t := unhedged(text)
	t = strings.TrimPrefix(strings.TrimPrefix(t, "for "), "in ")
	if n, err := strconv.Atoi(t); err == nil {
		return n, n >= 0 && n <= 720
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

// countRe is "3", "3 times", "3x".
var countRe = regexp.MustCompile(`^(\d+)\s*(?:times?|x)?$`)

// readCount reads how many times: "2", "twice", "3 times", "a couple of
// times", "didn't".
func readCount(text string) (int, bool) {
	t := unhedged(text)
	if n, ok := countWords[t]; ok {
		return n, true
	}
	if m := countRe.FindStringSubmatch(t); m != nil {
		n, err := strconv.Atoi(m[1])
		return n, err == nil && n <= 50
	}
	return 0, false
}
