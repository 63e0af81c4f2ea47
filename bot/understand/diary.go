package understand

import (
	"regexp"
	"strconv"
	"strings"
)

// A night told in words holds more than a score: when the legs started,
// how often it woke the person, when the coffee was, and the sleep diary's
// times ("went to bed at 11:10, took about 40 minutes to drop off, woke
// three times, up at 6:50"). nightFacts reads them into the intent's
// values: start, bed and wake (HH:MM), lat (minutes), awk (count), and
// caffeine by the clock (after 2 p.m. is late).

var (
	// timeWord is a clock time as people write it: "10", "10pm", "6:50",
	// "11.10", "half 10".
	timeWord = `(\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)?)`

	bedAtRe   = regexp.MustCompile(`\b(?:went to bed|got into bed|got to bed|in bed|into bed|hit the sack|turned in|lights out)\s+(?:at|around|about|by|just after|just before)?\s*(?:about |around )?` + timeWord)
	wakeAtRe  = regexp.MustCompile(`\b(?:up at|woke up at|woke at|awake at|got up at|out of bed at|alarm at|finally woke at|finally up at)\s+(?:about |around )?` + timeWord)
	latencyRe = regexp.MustCompile(`\b(?:took|taking|takes)\s+(?:me\s+)?(?:about\s+|around\s+|maybe\s+|roughly\s+|like\s+|over\s+|nearly\s+)?((?:\d+(?:\.\d+)?|an?|half an?|one|two|three)\s*(?:hours?|hrs?|h|minutes?|mins?|m)(?:\s+and\s+a\s+half)?)\s+to\s+(?:fall asleep|drop off|get to sleep|go to sleep|nod off|get off|sleep)`)
	startRe   = regexp.MustCompile(`\b(?:legs?|calves|crawling|creeping|twitch\w*|jerk\w*|restless\w*|kicking|jumping|it)\b[^.;]{0,30}?\b(?:from|since|started at|starting at|kicked in at|began at|at)\s+(?:about |around )?` + timeWord + `(?:\s*(?:till|until|to|-)\s*` + timeWord + `)?`)
	awakeRe   = regexp.MustCompile(`\b(?:woke|woken|waking|got up|was up|up)\b(?:\s+me)?(?:\s+up)?\s+(once|twice|three times|four times|five times|a couple of times|a few times|\d+\s*(?:times|x))`)
	coffeeAt  = regexp.MustCompile(`\b(?:coffee|tea|coke|cola|espresso|latte|cappuccino|energy drink|red bull|caffeine)\b[^.;]{0,15}?\b(?:at|around|about)\s+` + timeWord)
)

// countOf reads "twice", "three times", "3x" as a number.
func countOf(s string) (int, bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "once":
		return 1, true
	case "twice", "a couple of times":
		return 2, true
	case "three times", "a few times":
		return 3, true
	case "four times":
		return 4, true
	case "five times":
		return 5, true
	}
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "times"), "x"))
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 50
}

// nightFacts reads the diary's and the night's facts from t into v and
// reports how many it found.
func nightFacts(t string, v map[string]string) int {
	found := 0
	clock := func(key, s string, hint meridiem) {
		c, ok := ParseTimeOfDay(strings.ReplaceAll(s, ".", ":"), hint)
		if !ok {
			return
		}
		mins := int(c)
		// "went to bed at 11:10" is 23:10: an evening time written
		// without am or pm is read as evening, minutes or not.
		if hint == evening && !strings.Contains(s, "m") && c.Hour() >= 5 && c.Hour() <= 11 {
			mins += 12 * 60
		}
		v[key] = ClockString(mins)
		found++
	}
	if m := bedAtRe.FindStringSubmatch(t); m != nil {
		clock("bed", m[1], evening)
	}
	if m := wakeAtRe.FindStringSubmatch(t); m != nil {
		clock("wake", m[1], morning)
	}
	if m := latencyRe.FindStringSubmatch(t); m != nil {
		if n, ok := ParseIn(m[1]); ok && n <= 720 {
			v["lat"] = strconv.Itoa(n)
			found++
		}
	}
	if m := startRe.FindStringSubmatch(t); m != nil && !strings.Contains(m[0], "bed") {
		clock("start", m[1], evening)
	}
	if m := awakeRe.FindStringSubmatch(t); m != nil {
		if n, ok := countOf(m[1]); ok {
			v["awk"] = strconv.Itoa(n)
			if n > 0 {
				v["woke"] = "true"
			}
			found++
		}
	}
	if m := coffeeAt.FindStringSubmatch(t); m != nil {
		if c, ok := ParseTimeOfDay(strings.ReplaceAll(m[1], ".", ":"), daytime); ok {
			v["caffeine"] = strconv.FormatBool(c.Hour() >= 14)
		}
	}
	return found
}

var (
	// nightBeforeRe is a second night's score: "the night before 7",
	// "night before last was a 5".
	nightBeforeRe = regexp.MustCompile(`\b(?:the )?night before(?: that| last)?(?: was| it was)?(?: a| an| like)?\s+(10|\d)\b`)
	// meantRe corrects a score just given: "oh wait I meant 4 not 7".
	meantRe = regexp.MustCompile(`\b(?:i )?meant(?: to say)?(?: a| an)?\s+(10|\d)\b`)
	// forgotWokeRe adds that the night woke them: "you forgot that it
	// woke me up", "also it woke me".
	forgotWokeRe = regexp.MustCompile(`\b(?:you forgot|forgot to (?:say|mention|add)|i forgot|also|and|plus)\b.{0,20}\b(?:it |they |the legs |my legs )?(?:woke me|kept me up|kept me awake)`)
)

// diaryStory reports whether t tells a night's diary (two facts or
// more: a bedtime and how long it took, say) rather than setting a
// usual bedtime.
func diaryStory(t string) bool {
	return nightFacts(t, map[string]string{}) >= 2
}
