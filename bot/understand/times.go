package understand

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
	"github.com/calmnights/calmnights/content/pattern"
	"github.com/olebedev/when"
	"github.com/olebedev/when/rules/common"
	"github.com/olebedev/when/rules/en"
)

// Clock times and relative times are read by github.com/olebedev/when
// ("10 pm", "21:45", "10:30pm", "in 2 hours", "tomorrow at 7am"), after
// normalize has written words as digits ("half past nine" -> "9:30").
// Recurrence ("every 90 minutes", "every weekday") is ours: neither when
// nor go-dateparser reads it.

var (
	whenOnce   sync.Once
	whenParser *when.Parser
)

func parser() *when.Parser {
	whenOnce.Do(func() {
		whenParser = when.New(nil)
		whenParser.Add(en.All...)
		whenParser.Add(common.All...)
	})
	return whenParser
}

// base is a fixed reference moment for when: only the clock it reads
// matters, never the date.
var base = time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)

var (
	dotClock  = pattern.MustCompile(`\b(\d{1,2})\.([0-5]\d)(\s?(?:am|pm)|\b)`)
	bareClock = pattern.MustCompile(`\b(?:at|by|around|about|for|to|from|til|till|until|is|@)\s+(?:like\s+|~)?(\d{1,2})(?::([0-5]\d))?(\s?(?:am|pm))?\b`)
	// notClockAfter is what makes "about 5" an amount, not a time: "about
	// 5 minutes", "about 2 glasses" ("at 7 hours" is still 7 o'clock).
	notClockAfter = pattern.MustCompile(`^\s*(?:min|mins|minutes?|hours?|hrs?|h\b|times|x\b|glass|cups?|mugs?|bottles?|litres?|liters?|ml|days?|nights?|weeks?|months?|years?|out of|/)`)
	hhmm          = pattern.MustCompile(`\b(\d{1,2}):([0-5]\d)\s?(am|pm)?\b|\b(\d{1,2})\s?(am|pm)\b`)
)

// meridiem says how to read an hour from 1 to 12 given without am or pm.
type meridiem int

const (
	evening meridiem = iota // 5..11 is pm, 1..4 after midnight
	morning                 // as written (am)
	daytime                 // 1..7 is pm, 8..11 am
)

// clockIn finds a time of day in normalized text. Explicit am/pm and
// 24-hour times are taken as written; a bare hour is read with m.
func clockIn(t string, m meridiem) (int, bool) {
	loc := hhmm.FindStringSubmatchIndex(t)
	var bare []string
	for _, m := range bareClock.FindAllStringSubmatchIndex(t, -1) {
		lead := t[m[0]:m[1]]
		amount := strings.HasPrefix(lead, "about") || strings.HasPrefix(lead, "around") || strings.HasPrefix(lead, "for")
		if !amount || !notClockAfter.MatchString(t[m[1]:]) {
			bare = submatches(t, m)
			break
		}
	}
	if loc == nil && bare == nil {
		bare = oclockIn(t)
	}
	if loc == nil && bare == nil {
		return 0, false
	}
	if loc != nil {
		frag := t[loc[0]:loc[1]]
		if r, err := parser().Parse(frag, base); err == nil && r != nil {
			mins := r.Time.Hour()*60 + r.Time.Minute()
			explicit := strings.Contains(frag, "am") || strings.Contains(frag, "pm") || r.Time.Hour() > 12 || r.Time.Hour() == 0 || strings.HasPrefix(frag, "0")
			if explicit {
				return mins, true
			}
			return adjust(r.Time.Hour(), r.Time.Minute(), m), true
		}
	}
	if bare != nil {
		h, err := strconv.Atoi(bare[1])
		if err != nil || h > 23 {
			return 0, false
		}
		mi := 0
		if bare[2] != "" {
			mi, _ = strconv.Atoi(bare[2])
		}
		switch strings.TrimSpace(bare[3]) {
		case "am":
			return (h%12)*60 + mi, h >= 1 && h <= 12
		case "pm":
			return (h%12+12)*60 + mi, h >= 1 && h <= 12
		}
		if h > 12 || h == 0 {
			return h*60 + mi, true
		}
		return adjust(h, mi, m), true
	}
	return 0, false
}

// oclock is an hour said with "o'clock" and no word before it: "wake up
// 7 o'clock".
var oclock = pattern.MustCompile(`\b(\d{1,2})()()\s?(?:o ?clock|o'clock)\b`)

// oclockIn reads an hour said with "o'clock" as bareClock's groups, or
// nil.
func oclockIn(t string) []string {
	m := oclock.FindStringSubmatchIndex(t)
	if m == nil {
		return nil
	}
	return submatches(t, m)
}

// submatches turns a match's indexes into its strings, "" for a group
// that did not take part.
func submatches(t string, m []int) []string {
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = t[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

// adjust reads an hour from 1 to 12 without am or pm.
func adjust(h, mi int, m meridiem) int {
	if h == 12 {
		if m == evening {
			return mi // midnight-ish bedtime is rare; 12 means noon elsewhere
		}
		return 12*60 + mi
	}
	switch m {
	case evening:
		if h >= 5 {
			return (h+12)*60 + mi
		}
	case daytime:
		if h <= 7 {
			return (h+12)*60 + mi
		}
	}
	return h*60 + mi
}

// inDuration reads "in 2 hours", "in 30 mins" as minutes from now.
func inDuration(t string) (int, bool) {
	i := strings.Index(t, " in ")
	if i < 0 {
		if !strings.HasPrefix(t, "in ") {
			return 0, false
		}
		i = -1
	}
	frag := t[i+1:]
	r, err := parser().Parse(frag, base)
	if err != nil || r == nil || !strings.HasPrefix(r.Text, "in ") {
		return 0, false
	}
	d := r.Time.Sub(base)
	if d <= 0 {
		return 0, false
	}
	return int(d / time.Minute), true
}

var (
	wholeClock = pattern.MustCompile(`^\d{1,2}(?::[0-5]\d)?\s?(?:am|pm)?$`)
	andAHalf   = pattern.MustCompile(`^in (\d+|an?|one|two|three) hours? and (?:a )?half$`)
	shortHours = pattern.MustCompile(`\b(\d+|an?|one)\s*(?:h|hr|hrs)\b`)
	// padWords are words said inside a duration that the parser does not
	// read: "a good hour an a half" is an hour and a half.
	padWords  = strings.NewReplacer(" good ", " ", " solid ", " ", " full ", " ", " an a half", " and a half")
	shortMins = pattern.MustCompile(`\b(\d+)\s*(?:m|min|mins)\b`)
)

// everyHourAndHalf and everyHalfHour are the intervals said in words.
var (
	everyHourAndHalf = pattern.MustCompile(`\bevery (?:an? |one |1 )?(?:hour|hr) (?:and|an|n|&) (?:a )?half\b|\bevery 60 minutes (?:and|an|n|&) (?:a )?half\b|\bevery 1\.5 ?(?:hours|hrs|h)\b`)
	everyHalfHour    = pattern.MustCompile(`\bevery half (?:an )?hour\b`)
)

var everyRe = pattern.MustCompile(`\bevery\s+(\d+(?:\.\d+)?)?\s*(minutes|minute|mins|min|m|hours|hour|hrs|hr|h)\b`)

// everyMinutes reads "every 2 hours", "every 90 minutes", "every hour".
func everyMinutes(t string) (int, bool) {
	switch {
	case everyHourAndHalf.MatchString(t):
		return 90, true
	case everyHalfHour.MatchString(t):
		return 30, true
	}
	m := everyRe.FindStringSubmatch(t)
	if m == nil {
		if strings.Contains(t, "hourly") {
			return 60, true
		}
		return 0, false
	}
	n := 1.0
	if m[1] != "" {
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return 0, false
		}
		n = v
	}
	if strings.HasPrefix(m[2], "h") {
		n *= 60
	}
	return int(n), n >= 1
}

// daysIn reads "weekdays", "every weekday", "on school days", "on
// weekends".
func daysIn(t string) string {
	switch {
	case strings.Contains(t, "weekday") || strings.Contains(t, "work day") || strings.Contains(t, "workday") || strings.Contains(t, "school day") || strings.Contains(t, "schoolday") || strings.Contains(t, "monday to friday") || strings.Contains(t, "mon-fri"):
		return "weekdays"
	case strings.Contains(t, "weekend"):
		return "weekends"
	}
	return ""
}

// ClockString writes minutes after midnight as "HH:MM".
func ClockString(mins int) string {
	return pad(mins/60) + ":" + pad(mins%60)
}

// Hint says how to read an hour from 1 to 12 written without am or pm.
type Hint = meridiem

// The hints: Evening reads 5 to 11 as pm (bedtime, stretch), Morning as
// written (wake time), Daytime 1 to 7 as pm (caffeine, water).
const (
	Evening = evening
	Morning = morning
	Daytime = daytime
)

// ParseTimeOfDay reads a time of day as people type it: "22:30", "10pm",
// "half past nine", "quarter to eleven", "noon", "8.30 pm". A bare hour
// ("11", "half past ten") is read with hint; "7:00" is 07:00, as before. It is what every command that takes a time uses.
func ParseTimeOfDay(s string, hint Hint) (bot.Clock, bool) {
	if c, err := bot.ParseClock(s); err == nil {
		// "7:00", "0700" and "7 am" are taken as written; only a bare
		// hour ("11") is read with the hint.
		if t := strings.TrimSpace(s); len(t) > 2 || c.Hour() == 0 || c.Hour() > 12 || strings.HasPrefix(t, "0") {
			return c, true
		}
		return bot.Clock(adjust(c.Hour(), c.Minute(), hint)), true
	}
	t := strings.TrimPrefix(normalize(s), "at ")
	t = dotClock.ReplaceAllString(t, "$1:$2$3")
	if !wholeClock.MatchString(t) { // the words must be a time and nothing else
		return 0, false
	}
	mins, ok := clockIn("at "+t, hint)
	if !ok || mins < 0 || mins >= 24*60 {
		return 0, false
	}
	return bot.Clock(mins), true
}

// ParseTimeOfDayIn is ParseTimeOfDay for a time written in any of the
// bot's languages ("a las once y media", "halb elf", "às onze e meia",
// "в половине двенадцатого"): each language's gloss writes it in English
// first, and the first reading that is a time wins.
func ParseTimeOfDayIn(s string, hint Hint) (bot.Clock, bool) {
	if c, ok := ParseTimeOfDay(s, hint); ok {
		return c, true
	}
	c := defaultClassifier()
	for _, lang := range content.Languages {
		g, err := c.glossFor(lang)
		if err != nil || g == nil {
			continue
		}
		t := strings.TrimSpace(g.gloss(s))
		for _, lead := range []string{"at about ", "at around ", "around ", "about ", "at "} {
			t = strings.TrimPrefix(t, lead)
		}
		// Read as "at …", so that the hint applies to an hour the gloss
		// wrote as "10:30" ("halb elf" at bedtime is 22:30).
		if clock, ok := ParseTimeOfDay("at "+t, hint); ok {
			return clock, true
		}
	}
	return 0, false
}

// defaultClassifier is the classifier of the embedded content, for the
// times other languages write.
var defaultClassifier = sync.OnceValue(func() *Classifier { return New(nil) })

// ParseEvery reads an interval: "90m", "90 minutes", "2h", "1.5 hours",
// "an hour and a half", in minutes.
func ParseEvery(s string) (int, bool) {
	t := normalize(s)
	if !strings.HasPrefix(t, "every") {
		t = "every " + t
	}
	return everyMinutes(t)
}

// ParseIn reads a delay: "in 2 hours", "in 45m", "in half an hour", in
// minutes.
func ParseIn(s string) (int, bool) {
	t := normalize(s)
	if !strings.HasPrefix(t, "in ") {
		t = "in " + t
	}
	t = padWords.Replace(t)
	t = shortHours.ReplaceAllString(t, "$1 hours")
	t = shortMins.ReplaceAllString(t, "$1 minutes")
	if m := andAHalf.FindStringSubmatch(t); m != nil {
		// "an hour and a half", "2 hours and a half": the parser reads
		// the whole hours only.
		n, ok := inDuration("in " + m[1] + " hours")
		return n + 30, ok
	}
	return inDuration(t)
}

// ParseDays reads a number of days: "3", "3 days", "3d", "a week", "two
// weeks", "a fortnight".
func ParseDays(s string) (int, bool) {
	t := strings.TrimPrefix(strings.TrimSpace(normalize(s)), "for ")
	if m := weeksRe.FindStringSubmatch(t); m != nil {
		n, err := strconv.Atoi(m[1])
		return n * 7, err == nil
	}
	m := wholeDays.FindStringSubmatch(t)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

var (
	weeksRe   = pattern.MustCompile(`^(\d+)\s*(?:weeks?|w)$`)
	wholeDays = pattern.MustCompile(`^(\d+)\s*(?:days?|d)?$`)
)
