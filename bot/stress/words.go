package stress

import (
	"regexp"
	"strconv"
	"strings"
)

// Reading a rating told in plain words: "stressful day, 4 out of 5",
// "stress 3", "work was manic, stress level 5/5", "very stressful day",
// "no stress today". It is careful: a question about stress ("does stress
// make it worse?") or a night's report ("last night was a 6") is no rating.

var (
	// stressWord names the day's stress.
	stressWord = regexp.MustCompile(`\b(?:stress|stressed|stressful|stressy|anxious|anxiety|tense|frazzled|frantic|hectic|overwhelmed|manic)\b`)
	// outOfFive is a number given on the rating's scale.
	outOfFive = regexp.MustCompile(`\b([0-9]|10)\s*(?:/|out of|outta|of)\s*5\b`)
	// stressNumber is a number said of the stress: "stress 4", "stress
	// level: 2", "stress was a 3", "a 4 for stress".
	stressNumber = regexp.MustCompile(`\b(?:stress|stressed|stressful|anxiety)(?: level| levels| rating| score)?(?: today| was| is| at| of)?\s*[:=]?\s*(?:a |an |about |around |like )?([0-9]|10)\b(?:\s*(?:/|out of)\s*(\d+))?|\b(?:a |an )?([0-9]|10) (?:for|on) (?:the )?stress\b`)
	// tenScale is a score out of ten: a night's, not a stress rating.
	tenScale = regexp.MustCompile(`\b(?:/|out of|outta)\s*10\b`)
	// nightWords mark a night's report, which the journal reads instead.
	nightWords = regexp.MustCompile(`\b(?:last night|tonight|slept|sleep|woke|legs?|twitch\w*|jerk\w*|calves|cramps?|restless)\b`)
	// questionStart asks rather than tells.
	questionStart = regexp.MustCompile(`^(?:what|why|how|can|could|does|do|is|are|should|would|will|which|when)\b`)
)

// stressLevels are ratings said in words, strongest first.
var stressLevels = []struct {
	re *regexp.Regexp
	v  int
}{
	{regexp.MustCompile(`\b(?:extremely|incredibly|insanely|massively|super|horribly|awfully|unbelievably) (?:stressful|stressed|anxious|tense|hectic)\b|\b(?:stressed out of my mind|worst day|hell of a day|nightmare of a day)\b`), 5},
	{regexp.MustCompile(`\b(?:very|really|so|pretty|seriously) (?:stressful|stressed|anxious|tense|hectic)\b|\b(?:lots of|a lot of|loads of|tons of|so much) stress\b`), 4},
	{regexp.MustCompile(`\b(?:quite|fairly|moderately|somewhat|kind of|kinda|sort of) (?:stressful|stressed|anxious|tense|hectic)\b|\b(?:some|average|normal amount of) stress\b`), 3},
	{regexp.MustCompile(`\b(?:a bit|a little|slightly|mildly|bit of a) (?:stressful|stressed|anxious|tense|hectic)\b|\b(?:a bit of|a little|a little bit of|not much) stress\b`), 2},
	{regexp.MustCompile(`\b(?:no stress|stress free|stress-free|zero stress|not stressed|not stressful|no anxiety|relaxed day|calm day|chilled day|chill day)\b`), 1},
}

// readRating reads a stress rating from 1 to 5 told in text.
func readRating(text string) (int, bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	if strings.Contains(t, "?") || questionStart.MatchString(t) || tenScale.MatchString(t) {
		return 0, false
	}
	calmDay := stressLevels[len(stressLevels)-1].re.MatchString(t)
	if !stressWord.MatchString(t) && !calmDay {
		return 0, false
	}
	if m := stressNumber.FindStringSubmatch(t); m != nil && (m[2] == "" || m[2] == "5") {
		return inScale(m[1] + m[3])
	}
	if m := outOfFive.FindStringSubmatch(t); m != nil {
		return inScale(m[1])
	}
	// In words only when the message is about the day, not a night.
	if nightWords.MatchString(t) || len(strings.Fields(t)) > 14 {
		return 0, false
	}
	for _, l := range stressLevels {
		if l.re.MatchString(t) {
			return l.v, true
		}
	}
	return 0, false
}

// inScale reads a number that must be a rating from 1 to 5.
func inScale(s string) (int, bool) {
	v, err := strconv.Atoi(s)
	return v, err == nil && v >= 1 && v <= scale
}
