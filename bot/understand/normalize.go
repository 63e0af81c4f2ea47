package understand

import (
	"strconv"
	"strings"

	"github.com/calmnights/calmnights/content/pattern"
)

// numberWords are the numbers people write in words.
var numberWords = map[string]int{
	"zero": 0, "nought": 0, "nil": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// phraseSubs rewrite quantities, durations and clock times written in
// words into digits, longest first, before anything else reads the text.
var phraseSubs = []struct{ from, to string }{
	{"an hour and a half", "90 minutes"}, {"one hour and a half", "90 minutes"}, {"1 hour and a half", "90 minutes"},
	{"one and a half hours", "90 minutes"}, {"1 and a half hours", "90 minutes"}, {"1.5 hours", "90 minutes"},
	{"1.5 hrs", "90 minutes"}, {"1.5h", "90 minutes"}, {"an hour and a quarter", "75 minutes"},
	{"two and a half hours", "150 minutes"}, {"2.5 hours", "150 minutes"},
	{"half an hour", "30 minutes"}, {"half hour", "30 minutes"}, {"a half hour", "30 minutes"},
	{"quarter of an hour", "15 minutes"}, {"a quarter hour", "15 minutes"},
	{"a couple of", "2"}, {"a couple", "2"}, {"couple of", "2"}, {"couple glasses", "2 glasses"}, {"couple bottles", "2 bottles"}, {"couple cups", "2 cups"}, {"a few", "3"}, {"a pair of", "2"},
	{"a litre and a half", "1500 ml"}, {"one litre and a half", "1500 ml"}, {"1 litre and a half", "1500 ml"}, {"one liter and a half", "1500 ml"}, {"in like", "in"}, {"a liter and a half", "1500 ml"}, {"one and a half litres", "1500 ml"},
	{"half a litre", "500 ml"}, {"half a liter", "500 ml"}, {"half litre", "500 ml"}, {"half liter", "500 ml"},
	{"half a l", "500 ml"}, {"half a bottle", "250 ml"}, {"half a glass", "125 ml"}, {"half a cup", "125 ml"},
	{"a week", "7 days"}, {"one week", "7 days"}, {"a fortnight", "14 days"}, {"two weeks", "14 days"}, {"2 weeks", "14 days"},
	{"an hour", "60 minutes"}, {"one hour", "60 minutes"}, {"a day", "1 days"}, {"one day", "1 days"},
	{"noon", "12:00"}, {"midday", "12:00"}, {"midnight", "0:00"},
	{"remember me to", "remind me to"}, {"remember me in", "remind me in"}, {"remember me at", "remind me at"},
	{"o'clock", "oclock"}, {"o clock", "oclock"}, {"o'", "of"}, {"a.m.", "am"}, {"p.m.", "pm"},
}

// clockWords are the hours in clock phrases ("half past nine").
var clockWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

// partOfDay is a clock time with the part of the day after it.
var partOfDay = pattern.MustCompile(`\b(\d{1,2})(:\d\d)? (?:o'?clock )?(?:in the |at )(morning|afternoon|evening|night)\b([,.!?;]?)`)

// bareDayPart is a clock time with the morning or afternoon after it and
// nothing between: "8 morning", "2 afternoon" (not "7 night", which
// names a night).
var bareDayPart = pattern.MustCompile(`\b(\d{1,2}(?::\d\d)?) ((?:o'?clock )?)(morning|afternoon)\b`)

// normalize lowercases text, folds punctuation people use loosely and
// writes numbers, durations and clock phrases in digits: "a couple of
// glasses" becomes "2 glasses", "half past nine" "9:30", "an hour and a
// half" "90 minutes".
func normalize(text string) string {
	t := strings.ToLower(text)
	t = strings.NewReplacer("’", "'", "‘", "'", "–", "-", "—", "-", "\n", " ", "\t", " ").Replace(t)
	t = " " + strings.Join(strings.Fields(t), " ") + " "
	for _, p := range phraseSubs {
		if strings.Contains(t, p.from) {
			for _, after := range []string{" ", ",", ".", "!", "?", ";", ":"} {
				t = strings.ReplaceAll(t, " "+p.from+after, " "+p.to+after)
			}
		}
	}
	words := strings.Fields(t)
	out := words[:0]
	for i := 0; i < len(words); i++ {
		w := words[i]
		// clock phrases: half past nine, quarter past 6, quarter to ten, ten thirty
		if w == "a" && i+3 < len(words) && words[i+1] == "quarter" && (words[i+2] == "past" || words[i+2] == "to" || words[i+2] == "after") {
			continue // "a quarter past ten" is "quarter past ten"
		}
		if (w == "half" || w == "quarter") && i+2 < len(words) && (words[i+1] == "past" || words[i+1] == "to" || words[i+1] == "after") {
			h, ok := hourWord(words[i+2])
			if ok {
				m := 30
				if w == "quarter" {
					m = 15
				}
				if words[i+1] == "to" {
					if w == "half" {
						out = append(out, w, words[i+1])
						continue
					}
					h, m = (h+11)%12, 45
					if h == 0 {
						h = 12
					}
				}
				suffix := trailingPunct(words[i+2])
				out = append(out, strconv.Itoa(h)+":"+pad(m)+suffix)
				i += 2
				continue
			}
		}
		if h, ok := clockWords[strings.Trim(w, ",.")]; ok && i+1 < len(words) {
			next := strings.Trim(words[i+1], ",.")
			if mins, ok := map[string]int{"thirty": 30, "fifteen": 15, "forty-five": 45, "fortyfive": 45, "fifty": 50, "twenty": 20, "ten": 10, "forty": 40}[next]; ok && isClockContext(out) {
				out = append(out, strconv.Itoa(h)+":"+pad(mins)+trailingPunct(words[i+1]))
				i++
				continue
			}
		}
		core, punct := strings.TrimRight(w, ",.!?;:"), trailingPunct(w)
		if fixed, ok := typos[core]; ok {
			w, core = fixed+punct, fixed
		}
		// "half seven", "half 10": half past, as British English says it.
		if core == "half" && i+1 < len(words) && (i+2 >= len(words) || !strings.HasPrefix(words[i+2], "hour")) {
			if h, ok := hourWord(words[i+1]); ok {
				out = append(out, strconv.Itoa(h)+":30"+trailingPunct(words[i+1]))
				i++
				continue
			}
		}
		if n, ok := numberWords[core]; ok && core != "none" {
			if core == "one" && (i+1 < len(words) && (words[i+1] == "of" || words[i+1] == "more") || len(out) > 0 && oneAfter[out[len(out)-1]]) {
				out = append(out, w)
				continue
			}
			// "twenty five" -> 25
			if n >= 20 && n%10 == 0 && i+1 < len(words) {
				if u, ok := numberWords[strings.TrimRight(words[i+1], ",.!?;:")]; ok && u > 0 && u < 10 {
					out = append(out, strconv.Itoa(n+u)+trailingPunct(words[i+1]))
					i++
					continue
				}
			}
			out = append(out, strconv.Itoa(n)+punct)
			continue
		}
		out = append(out, w)
	}
	t = strings.Join(out, " ")
	// "8.30pm" and "8.30 pm" are clock times; "0.5l" is not.
	t = dotClock.ReplaceAllString(t, "$1:$2$3")
	// "7 and half", "9 and a quarter": a clock time; "23h", "22h": a
	// 24-hour clock, as French and Portuguese speakers write it.
	t = andHalf.ReplaceAllString(t, "$1:30$2")
	t = andQuarter.ReplaceAllString(t, "$1:15$2")
	t = hourH.ReplaceAllString(t, "$1:00$2")
	t = atHourH.ReplaceAllString(t, "$1 $2:00$3")     // "lied down at 1h"
	t = spacedClock.ReplaceAllString(t, "$1 $2:$3$4") // "around 9 30", "up at 5 15"
	t = midnightMN.ReplaceAllString(t, "${1}00:00")   // "bed 12mn": midnight
	// "20 past 10", "10 to 10" (said "twenty past ten", "ten to ten"),
	// "7h30", "thrice", "6 on 10".
	t = minutesPast.ReplaceAllStringFunc(t, func(m string) string {
		p := minutesPast.FindStringSubmatch(m)
		mins, _ := strconv.Atoi(p[1])
		h, _ := strconv.Atoi(p[2])
		return strconv.Itoa(h) + ":" + pad(mins) + p[3]
	})
	t = minutesTo.ReplaceAllStringFunc(t, func(m string) string {
		p := minutesTo.FindStringSubmatch(m)
		mins, _ := strconv.Atoi(p[2])
		h, _ := strconv.Atoi(p[3])
		h = (h + 11) % 12
		if h == 0 {
			h = 12
		}
		return p[1] + " " + strconv.Itoa(h) + ":" + pad(60-mins) + p[4]
	})
	t = hMinutes.ReplaceAllString(t, "$1:$2")
	t = thrice.ReplaceAllString(t, "3 times")
	t = onTen.ReplaceAllString(t, "$1/10")
	// "bed 2200", "reveille 0600", "onset 2215": a 24-hour clock in four
	// digits, read only after a word that wants a time.
	t = fourDigitRange.ReplaceAllString(t, "$1:$2-$3:$4") // "slept 0900-1500", "0800 to 1600"
	t = fourDigitClock.ReplaceAllString(t, "$1 $2:$3")
	t = hoursClock.ReplaceAllString(t, "$1:$2")
	// "9 in the morning", "4 in the afternoon", "10 at night": the part
	// of the day is the clock's am or pm.
	t = bareDayPart.ReplaceAllString(t, "$1 ${2}in the $3")
	t = partOfDay.ReplaceAllStringFunc(t, func(m string) string {
		p := partOfDay.FindStringSubmatch(m)
		h, _ := strconv.Atoi(p[1])
		if h < 1 || h > 12 {
			return m
		}
		half := "pm"
		if p[3] == "morning" || p[3] == "night" && (h == 12 || h < 5) {
			half = "am"
		}
		return p[1] + p[2] + half + p[4]
	})
	return t
}

var (
	andHalf        = pattern.MustCompile(`\b(\d{1,2}) and (?:a )?half\b((?:\s+(?:in the|at|of the|pm|am|this|last|o clock))|[,.!?]|\s*$)`)
	andQuarter     = pattern.MustCompile(`\b(\d{1,2}) and (?:a )?quarter\b((?:\s+(?:in the|at|of the|pm|am|this|last))|[,.!?]|\s*$)`)
	fourDigitClock = pattern.MustCompile(`\b(at|to|by|bed|bedtime|bed time|waketime|wake time|up|onset|reveille|asleep|commenced|until|till|from|lights out|out|wake|woke me at|tea at|coffee at|reminders|reminder|started|after|sleep|slept|usually|normally|around|about|like|is|for|since|now,?)\s+~?([01]\d|2[0-3])([0-5]\d)\b`)
	// hoursClock is a 24-hour clock said with "hrs": "2040 hrs".
	hoursClock     = pattern.MustCompile(`\b([01]\d|2[0-3])([0-5]\d)\s?(?:hrs|hours|h)\b`)
	fourDigitRange = pattern.MustCompile(`\b([01]\d|2[0-3])([0-5]\d)(?:\s?-\s?|\s+(?:to|till|until|til)\s+)([01]\d|2[0-3])([0-5]\d)\b`)
	hourH          = pattern.MustCompile(`\b(1[3-9]|2[0-3])h\b([^a-z]|$)`)
	spacedClock    = pattern.MustCompile(`\b(at|around|about|by|till|until|til|from|after|before|since) (1[0-2]|0?[1-9]) ([0-5]\d)\b(\s*(?:am|pm)?)`)
	midnightMN     = pattern.MustCompile(`(^|\s)12\s?(?:mn|midnight)\b`)
	atHourH        = pattern.MustCompile(`\b(at|by|around|about|till|until|til) (1[0-2]|0?[0-9])h\b([^a-z]|$)`)
	minutesPast    = pattern.MustCompile(`\b(5|10|20|25) (?:past|after) (1[0-2]|[1-9])\b([,.!?]?)`)
	minutesTo      = pattern.MustCompile(`\b(at|by|around|about|like|til|till|until|before|after|approx|approximately|roughly) (5|10|20|25) to (1[0-2]|[1-9])\b([,.!?]?)`)
	hMinutes       = pattern.MustCompile(`\b([01]?\d|2[0-3])h([0-5]\d)\b`)
	thrice         = pattern.MustCompile(`\bthrice\b`)
	onTen          = pattern.MustCompile(`\b(10|\d) (?:on|over) 10\b`)
)

// oneAfter are the words after which "one" is a pronoun, not a number:
// "a rough one", "the one coffee", "that one".
var oneAfter = map[string]bool{"the": true, "a": true, "rough": true, "good": true, "bad": true, "great": true, "decent": true, "tough": true,
	"long": true, "nice": true, "quiet": true, "this": true, "that": true, "which": true, "each": true, "another": true, "awful": true, "terrible": true,
	"better": true, "worse": true, "only": true, "just": true, "water": true, "stretch": true, "new": true, "old": true,
	"wind-down": true, "winddown": true, "morning": true, "evening": true, "caffeine": true, "coffee": true, "stretching": true, "weekly": true}

// typos are common misspellings and chat forms of the words statements
// are read by.
var typos = map[string]string{
	"nt": "night", "nite": "night", "nigjt": "night", "nigt": "night", "nihgt": "night", "lst": "last", "lastnight": "last night",
	"wokr": "woke", "wke": "woke", "twce": "twice", "twise": "twice", "tims": "times", "tiems": "times", "strech": "stretch",
	"streched": "stretched", "stretchs": "stretches", "startd": "started", "strted": "started", "evry": "every", "evrey": "every",
	"evning": "evening", "evenin": "evening", "ment": "meant", "mean't": "meant", "glas": "glass", "glases": "glasses",
	"bottl": "bottle", "botle": "bottle", "shw": "show", "srry": "sorry", "sory": "sorry", "alredy": "already", "actualy": "actually",
	"remnd": "remind", "remid": "remind", "reminer": "reminder", "reminers": "reminders", "wtr": "water", "watr": "water", "coffe": "coffee",
	"cofee": "coffee", "legz": "legs", "lgs": "legs", "2nite": "tonight", "tonite": "tonight", "2night": "tonight", "tmrw": "tomorrow",
	"terribel": "terrible", "wok": "woke", "strechis": "stretches", "strechs": "stretches", "cafs": "calves", "befor": "before",
	"reely": "really", "thys": "thighs", "beter": "better", "glasis": "glasses", "warter": "water", "minits": "minutes",
	"startid": "started", "aclock": "", "jernal": "journal", "privit": "private", "wat": "what", "tronto": "toronto",
	"manchister": "manchester", "gud": "good", "ln": "last night", "ours": "hours", "wkdays": "weekdays", "caff": "caffeine",
	"round": "around", "arvo": "afternoon", "brissie": "brisbane", "hiii": "hi", "hii": "hi", "yday": "yesterday", "yest": "yesterday", "tee": "tea", "afore": "before", "aboot": "about", "tae": "to", "ma": "my", "wis": "was", "fir": "for", "ah'm": "i'm", "ahm": "i'm", "watter": "water", "pit": "put",
	"fur": "for", "each": "every", "nicht": "night", "nichts": "nights", "didnae": "didnt", "dinnae": "dont", "disnae": "doesnt", "wasnae": "wasnt", "cannae": "cant", "couldnae": "couldnt", "whit": "what", "dae": "do", "gonnae": "going to", "aw": "all", "gaun": "going", "efter": "after", "studyin": "studying", "kickin": "kicking", "workin": "working", "achin": "aching",
	"o": "of", "nae": "no", "gie": "give", "oot": "out", "mair": "more", "hauf": "half", "fae": "from", "aff": "off", "wi": "with", "yer": "your", "hrs": "hours", "mins": "minutes", "min": "minutes", "u": "you", "ur": "your", "bout": "about", "fi": "to", "inna": "in", "di": "the", "dem": "them", "y'all": "you", "thru": "through", "y": "why", "rn": "right now", "r": "are",
}

// isClockContext reports whether the words so far make a following
// "ten thirty" a time ("at", "by", "to").
func isClockContext(prev []string) bool {
	if len(prev) == 0 {
		return false
	}
	switch prev[len(prev)-1] {
	case "at", "by", "to", "til", "till", "until", "around", "about", "from", "is", "its", "it's":
		return true
	case "only", "just", "already", "nearly", "almost":
		// "it's only eight thirty", "its just ten fifteen"
		return len(prev) > 1 && isClockContext(prev[:len(prev)-1])
	}
	return false
}

func hourWord(w string) (int, bool) {
	w = strings.TrimRight(w, ",.!?;:")
	if h, ok := clockWords[w]; ok {
		return h, true
	}
	h, err := strconv.Atoi(w)
	return h, err == nil && h >= 1 && h <= 12
}

func trailingPunct(w string) string {
	core := strings.TrimRight(w, ",.!?;:")
	return w[len(core):]
}

func pad(m int) string {
	if m < 10 {
		return "0" + strconv.Itoa(m)
	}
	return strconv.Itoa(m)
}
