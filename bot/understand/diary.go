package understand

import (
	"github.com/calmnights/calmnights/bot"
	"strconv"
	"strings"

	"github.com/calmnights/calmnights/content/pattern"
)

// A night told in words holds more than a score: when the legs started,
// how often it woke the person, when the coffee was, and the sleep diary's
// times ("went to bed at 11:10, took about 40 minutes to drop off, woke
// three times, up at 6:50"). nightFacts reads them into the intent's
// values: start, bed and wake (HH:MM), lat (minutes), awk (count), and
// caffeine by the clock (after noon is late, as the diary counts it).

var (
	// timeWord is a clock time as people write it: "10", "10pm", "6:50",
	// "11.10", "half 10".
	timeWord = `(\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)?)`

	bedAtRe   = pattern.MustCompile(`\b(?:bedtime\s*:|bedtime(?: last night| yesterday)? (?:was|is|should be|should have been)|(?:lied|laid|lay) down|slept at|(?:slept|sleep|went to sleep) (?:at home|in my (?:own )?bed|on the (?:sofa|couch)) at|slept from|i sleep at|went to sleep at|went to bed|went up to bed|went up|go to bed|retired to bed|retired|got into bed|got to bed|in bed|in the bed|into bed|bed|in the bunk|got in the bunk|bunk|bed was|sleep\s*:\s*in|diary\s*:\s*in|hit the sack|hit the rack|hit the hay|turned in|lights out)\s+(?:at|around|about|by|just after|just before)?\s*(?:about |around |roughly |like |~)?` + timeWord + `(?:\s|[,.!;]|$)`)
	wakeAtRe  = pattern.MustCompile(`\b(?:rising|rising at|rose|up at|woke up at|woke at|awake at|got up at|out of bed at|alarm at|alarm went(?: off)? at|finally woke at|finally up at|rose at|awoke at|(?:finally|properly) (?:woke|awoke|got up|up)(?: up)?(?: at)?|(?:woke|wake|awoke|got up)(?: up)? this morning at|reveille|up|slept till|slept until|through till|through until|final wake(?: up)?(?: at)?|(?:wake|woke|got) up|woke for \w+ at|(?:woke|wake|awoke|got)(?: up)? for (?:good|the day)(?: at)?|slept (?:straight|right|solid|soundly) (?:till|until|to|through to|through till)|wake)\s*(?:about |around |~)?` + timeWord + `(?:\s|[,.!;]|$)(?:\s*(?:times?|x))?`)
	latencyRe = pattern.MustCompile(`\b(?:(?:took|taking|takes|take)\s+(?:me\s+)?(?:about\s+|around\s+|maybe\s+|roughly\s+|like\s+|over\s+|nearly\s+|near\s+|almost\s+|close to\s+|just over\s+|just under\s+|probably\s+|some\s+)*((?:\d+(?:\.\d+)?|an?|half an?|one|two|three)\s*(?:good\s+|solid\s+|full\s+)?(?:hours?|hrs?|h|minutes?|mins?|m)(?:\s+an?d?\s+a\s+half)?)\s+(?:to|before)\s+(?:fall asleep|drop off|drift off|doze off|drop aff|crash|pass out|conk out|get to sleep|go to sleep|nod off|get off to sleep|get off|sleep came|i (?:fell asleep|slept|dropped off|drifted off|nodded off)|sleep)|(?:could not|couldnt|couldn't|did not|didnt|didn't|can not|cant|can't) (?:get to |fall a)?sleep for (?:about |around |almost |nearly |over |some |like |maybe )?((?:\d+|an?)\s*(?:hours?|hrs?|h|minutes?|mins?|min|m))\b|(?:take|takes|took|taking) (?:me )?(?:about |around |like |maybe )?((?:\d+|an?)\s*(?:hours?|hrs?|h|minutes?|mins?|min|m)) before (?:i )?(?:can |could )?(?:sleep|fall asleep|drop off|nod off)|(?:lay|laid|lying) awake (?:for )?(?:about |around )?((?:\d+|an?)\s*(?:hours?|hrs?|h|minutes?|mins?|min|m))\b|toss(?:ed|ing)? and turn(?:ed|ing)? (?:for )?(?:about |around |maybe |like |roughly )?((?:\d+|an?)\s*(?:hours?|hrs?|h|minutes?|mins?|min|m))\s+(?:before|till|until|til)\b|((?:\d+)\s*(?:minutes?|mins?|min|m))\s+to\s+(?:sleep|fall asleep|drop off|get to sleep)|(?:asleep|to sleep|sleep fast)\s*,?\s*(?:in|after|within)?\s+(?:about\s+|around\s+|roughly\s+|like\s+|maybe\s+)?((?:\d+(?:\.\d+)?|an?)\s*(?:hours?|hrs?|h|minutes?|mins?|m)\b)|\b(?:lat|latency|sleep latency|sol)\s*(?:approx\s+|about\s+|~)?(?P<mins>\d+)\s*(?:m|min|mins|minutes)?\b|for ages,? ((?:an?|\d+) (?:hours?|minutes?)(?: and a half)?)|(?:out|asleep|fell asleep|nodded off|dropped off|drifted off|dozed off|dropped aff)\s+(?:in\s+|within\s+)?((?:\d+|an?)\s*(?:minutes?|mins?|min|m|hours?|h))\s*(?:later)?|(?:took|taking)\s+(?:me\s+)?(?:about\s+|around\s+|like\s+|maybe\s+)?(\d+\s*(?:minutes?|mins?|min|m|hours?|hrs?|h))\s*(?:[.,;]|$)|(?:lay|laid|lying) there (?:for )?(?:about |around )?((?:\d+|an?)\s*(?:hours?|minutes?|mins?))\b|sleep (?:came )?(?:only )?(?:maybe |about |around )?after ((?:\d+|an?)\s*(?:minutes?|hours?|hrs?|hr|h))|took (?:me )?(?:ages|forever|a while|an age|yonks) to (?:get off|get over|nod off|fall asleep|drop off|get to sleep|drift off)(?: last night| last nite| yesterday)?[,.]?\s*(?:maybe |about |around |like |prob |probably )?((?:\d+|an?|half an?)\s*(?:minutes?|mins?|min|m|hours?|hrs?|hr|h))|(?:took|taking|takes|take)\s+(?:me\s+)?(?:about\s+|around\s+|maybe\s+|like\s+)?((?:\d+|an?|half an?)\s*(?:hours?|hrs?|hr|h|minutes?|mins?|min))\s+for\s+(?:sleep|sleeping|to sleep|to fall asleep)\b)`)
	startRe   = pattern.MustCompile(`\b(?:legs?|calves|sensations?|feelings?|discomfort|crawling|creeping|twitch\w*|jerk\w*|restless\w*|kicking|jumping|restlessness|symptoms?|aching|ache|achy|burning|tingling|cramps?|it|they|trouble|problems?|pulling|buzzing|hopping|hoppin|itching|urge)\b[^.;]{0,45}?\b(?:from|since|started|start|starts|starting|kicked in|kicked off|kicked|began|commenced|commencing|going|onset|by|went to [a-z]+in[g']?|went|returned|came back|came on)(?: up)?(?: fidgeting| twitching| playing up| to \w+'?| acting up)?(?:\s+[a-z]+){0,5}?(?:\s+(?:maybe|probably|roughly))?(?:\s+(?:at|around|about|by|from))?\s+(?:about |around |like |approximately |approx |roughly |~)?` + timeWord + `(?:\s*(?:till|until|to|-)\s*` + timeWord + `)?`)
	awakeRe   = pattern.MustCompile(`\b(?:woke|woken|waking|wake|wakes|awoke|awake|wakened|awakened|disturbed|got up|was up|up)\b(?:\s+(?:me|us|mi))?(?:\s+up)?(?:\s+on)?(?:\s+(?:like|about|maybe|around|roughly|approx|approximately|~|the))?\s+(once|twice|three times|four times|five times|a couple of times|a few times|one time|\d+\s*(?:times|x|occasions)|\d+ time)`)
	// asleepAtRe is the time sleep came: "asleep 22:15", "asleep by
	// midnight", "wide awake till half 12"; with a bedtime it gives the
	// minutes it took.
	asleepAtRe = pattern.MustCompile(`\b(?:asleep|fell asleep|dropped off|nodded off|drifted off|(?:wide |lay |lying )?awake (?:till|until|til)|(?:could not|couldnt|couldn't|didnt|didn't|did not|cannot|can not|cant|can't) (?:get to |fall a)?sleep (?:till|until|til)|only (?:slept|fell asleep|got to sleep) at)\s*(?:at|by|around|about|~)?\s*(?:about |around |like |~)?` + timeWord + `(?:\s|[,.!;]|$)`)
	// onlyNowRe is the evening's hour said of legs already at it: "it's
	// only 8 o'clock", "only gone nine".
	onlyNowRe = pattern.MustCompile(`\b(?:it s |its |it's |it is )?only (?:gone )?` + timeWord + `(\s*oclock)?`)
	// nowIsRe is the hour it is now: "it is 6pm", "its like 11".
	nowIsRe = pattern.MustCompile(`\b(?:it s|its|it's|it is) (?:now |already |just )?(?:like |about |around |nearly |almost |gone )?` + timeWord + `(?:\s|[,.!;]|$)`)
	onsetRe = pattern.MustCompile(`\bonset\s*:?\s*~?\s*(?:(?:at|approximately|approx\.?|about|around|circa|ca\.?)\s+)?` + timeWord)
	// startedRe is a start told without its subject, in a message about
	// the legs: "legs bad again sir. started 0200 after watch", "very bad,
	// 8. begin about 11 in evening".
	startedRe = pattern.MustCompile(`(?:^|[.;,]\s*)(?:last night\s+|tonight\s+)?(?:started|starting|began|begin|begins|kicked off|kicked in|commenced)\s+(?:at |around |about |from |by )?(?:about |around |~)?` + timeWord)
	// latencyMoreRe is the time it took to fall asleep in the words of a
	// formal diary or a quick note: "sleep onset after approximately 25
	// minutes", "sleep latency approximately 50 minutes", "took 40 minutes
	// for sleep", "slept very fast, 5 minutes maybe".
	latencyMoreRe = pattern.MustCompile(`\b(?:sleep onset|onset of sleep)\s+(?:after|in|within|of|was)?\s*(?:approximately |approx\.? |about |around |roughly |~)?(\d+)\s*(?:minutes?|mins?|min|m)\b|\b(?:sleep latency|latency)\s*(?:of|was|:)?\s*(?:approximately|approx\.?|about|around|roughly|~)\s*(\d+)\s*(?:minutes?|mins?|min|m)?\b|\btook (?:me )?(?:about |around |approximately |like |maybe )?(\d+)\s*(?:minutes?|mins?|min|m) (?:for sleep|for sleeping|to get sleep|of sleep)\b|\b(?:slept|fell asleep|asleep) (?:very |really |super |so )?(?:fast|quick|quickly)\s*,?\s*(?:in |within )?(?:about |like |maybe |around )?(\d+)\s*(?:minutes?|mins?|min|m)\b|\bi (?:sleep|slept) (?:in|within|after) (?:about |like |maybe |around |roughly )?(\d+)\s*(?:minutes?|mins?|min)\b`)
	// sleptSpanRe is a night's sleep told as a span: "normal sleep, 11pm
	// to 7am", "slept 23:00-06:30".
	sleptSpanRe = pattern.MustCompile(`\b(?:sleep|slept|asleep|in bed)\b[^.;]{0,12}?\b` + timeWord + `\s*(?:to|till|until|-)\s*` + timeWord + `(?:\s|[,.!;]|$)`)
	// startFirstRe is a start told with its time first: "since 10 my
	// legs have been jumping", "ya desde las nueve me saltan las piernas"
	// (glossed "from 9 me saltan legs").
	startFirstRe = pattern.MustCompile(`\b(?:since|from) (?:about |around |like |approximately )?` + timeWord + `\s+(?:\S+\s+){0,3}?(?:legs?|calves|calf|thighs?|twitch\w*|jerk\w*|kick\w*|jump\w*|restless\w*|crawl\w*)\b`)
	// symptomAtRe is a symptom told with its hour and no verb: "cramp in
	// the calf about 3 last night", "cramp left calf about 3".
	symptomAtRe = pattern.MustCompile(`\b(?:cramps?|twitch(?:es|ing|y)?|jerks?|jerk(?:ing|y)|kicks?|kicking|spasms?)\b(?:\s+(?:thing|feeling|spell|episode)s?)?(?:\s+(?:(?:in|on) (?:the|my|me|both) (?:left |right )?\w+|(?:left|right|both) (?:calf|calves|leg|legs|foot|feet|thigh|thighs|shin|shins|ankle|knee|hip)))?\s+(?:at|about|around)\s+(?:about |around |like |~)?` + timeWord + `(?:\s|[,.!;]|$)`)
	// awakeCount is awakenings given as a figure: "awakenings: 2", "awk
	// 1", "3 times it woke me".
	awakeCount = pattern.MustCompile(`\b(?:woke|woken|woke me(?: up)?(?: maybe| like)?)\s*:?\s*x?\s*(\d+)\s*x?\b(?:\s*(?:$|[,.;]))|\b(\d+)\s*(?:awakenings?|wakeups?)\b|\b(?:awakenings|awk|wakings|wakeups|wake ups|awake x)\s*:?\s*x?\s*(\d+)\b|\b(\d+)\s*(?:times|x) (?:it |they |the legs |my legs |legs |them )?(?:woke|woken|wakened|disturbed|got) (?:me|us)\b`)
	coffeeAt   = pattern.MustCompile(`\b(?:coffee|tea|coke|cola|espresso|latte|cappuccino|energy drink|red bull|caffeine|cuppa|cold brew|chai|brews?|cafezinho|cafecito)\b[^.;]{0,40}?\b(?:at|around|about)\s+` + timeWord + `(\s*(?:of the night|in the evening|at night|in the afternoon|of the evening|in the morning|of the morning|last night|tonight|this evening|yesterday evening))?`)
)

// formTimeRe is a bedtime or a wake time written as a form's field,
// its clock written as one: "bed time 10:30 pm", "wake time: 6:15am",
// "wake up time was 7:00".
var formTimeRe = pattern.MustCompile(`\b(bed|wake|wake up|waking|rising) ?time(?: was| is)?\s*[:=-]?\s*(\d{1,2}[:.]\d\d\s?(?:am|pm)?|\d{1,2}\s?(?:am|pm))\b`)

// lateCaffeine is the hour (in minutes after midnight) after which a
// drink with caffeine counts as late: the diary asks about caffeine after
// noon.
const lateCaffeine = 12 * 60

// negatedBefore reports whether the phrase is negated just before it:
// "legs didn't wake me once".
func negatedBefore(t, phrase string) bool {
	i := strings.Index(t, phrase)
	if i < 0 {
		return false
	}
	window := t[max(0, i-14):i]
	if j := strings.LastIndexAny(window, ",.;"); j >= 0 {
		window = window[j+1:] // "asleep in no time, woke once": not negated
	}
	before := strings.Fields(window)
	for _, w := range before {
		switch w {
		case "didnt", "didn't", "not", "never", "no", "without":
			return true
		}
	}
	return false
}

// daySleep tells a sleep by day after a night's work, or a bedtime said
// as "this morning": its times are the morning's and the afternoon's.
var daySleep = pattern.MustCompile(`\b(?:finished (?:my )?nights|finished (?:my |the |a )?night ?shift|off (?:a |my |the )?(?:\d+[- ]?(?:hour|hr) )?night ?shift|got off (?:my |the |a )?(?:\d+[- ]?(?:hour|hr) )?shift (?:at |around |about )?(?:[5-9]|1[01])(?::\d\d)?\s?am|(?:after|off) (?:my |a |the )?(?:night shift|nights|nightshift|night duty)|night shift (?:this morning|ended|finished)|day sleep|slept (?:in )?the day|home from (?:my |a |the )?(?:night shift|nights)|(?:to bed|in bed|into bed|asleep|to sleep|turned in|crashed|hit the (?:sack|hay)) (?:at |around |about |by )?(?:\d{1,2}(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven) this morning)\b`)

// clockMarked is a clock time that can be nothing else: "11pm",
// "6:30", "10 o'clock".
const clockMarked = `(?:(\d{1,2}:\d\d\s?(?:am|pm)?|\d{1,2}\s?(?:am|pm))|(\d{1,2})\s?oclock)\b`

// sleptClockRe and wokeClockRe are a bedtime and a wake time told
// straight after the verb, with a clock that is plainly one: "I slept
// 11pm, woke 6am" (not "slept 6 hours", "woke 3 times").
var (
	sleptClockRe = pattern.MustCompile(`\bi (?:slept|sleep|went to sleep)\s+` + clockMarked)
	wokeClockRe  = pattern.MustCompile(`\b(?:woke|awoke|wake|got up)(?: up)?\s+` + clockMarked)
)

// sleptFromRe is a sleep told from its start: "slept from 8am".
var sleptFromRe = pattern.MustCompile(`\b(?:slept|sleep|sleeping|asleep|in bed) (?:from|since)\b`)

// bedHint is the half of the day a bedtime without am or pm falls in:
// the morning after a night's work ("got off shift at 7am, hit the sack
// at 8"), the evening otherwise.
func bedHint(t string) meridiem {
	if daySleep.MatchString(t) {
		return morning
	}
	return evening
}

// otherCause puts a waking down to something else than the legs: "not
// from the legs, it was the dog", "woke for feeds not legs".
var otherCause = pattern.MustCompile(`\bnot (?:from |because of |due to |cos of |cause of |by )?(?:the |my )?legs\b|\b(?:wasn ?t|was not|weren ?t|were not) (?:the |my )?legs\b`)

// diaryOnly reports whether v holds only a sleep diary's times so far:
// "woke twice" in a diary counts awakenings without saying the legs did.
func diaryOnly(v map[string]string) bool {
	return (v["bed"] != "" || v["wake"] != "" || v["lat"] != "") && v["start"] == ""
}

// legsAfter names the legs just after a count of wakings: "up three
// times with the legs", "woke 2 times due to legs".
var legsAfter = pattern.MustCompile(`^\s*(?:with|from|because of|due to|cause of|cuz of|thanks to|by)\s+(?:the |my |me )?(?:legs?|twitch\w*|jerk\w*|kick\w*|cramps?)\b`)

// countOf reads "twice", "three times", "3x" as a number.
func countOf(s string) (int, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, " occasions"), " time")
	switch s {
	case "once", "one", "1":
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

// upVerbs are the words before an "up" that is no getting up: "acting up
// around 9:30", "playing up from 10".
var upVerbs = map[string]bool{"acting": true, "act": true, "acts": true, "acted": true, "playing": true, "play": true, "plays": true, "played": true,
	"kicking": true, "kicked": true, "flared": true, "flaring": true, "fired": true, "firing": true, "messing": true, "start": true, "starts": true, "started": true, "starting": true, "kick": true, "kicks": true, "flare": true, "flares": true, "went": true, "go": true, "going": true, "gone": true}

// readClock reads a time said of the night as minutes after midnight.
// "went to bed at 11:10" is 23:10: an evening time written without am or
// pm is read as evening, minutes or not; a bedtime of 12:30 is half past
// midnight.
func readClock(key, s string, hint meridiem) (int, bool) {
	c, ok := ParseTimeOfDay(strings.ReplaceAll(s, ".", ":"), hint)
	if !ok {
		return 0, false
	}
	mins := int(c)
	switch {
	case hint == evening && !strings.Contains(s, "m") && !strings.HasPrefix(s, "0") && c.Hour() >= 5 && c.Hour() <= 11: // "09:00" is a 24-hour clock
		mins += 12 * 60
	case hint == evening && !strings.Contains(s, "m") && c.Hour() == 12 && (key == "bed" || key == "start"):
		mins -= 12 * 60
	}
	return mins, true
}

// nightFacts reads the diary's and the night's facts from t into v and
// reports how many it found.
func nightFacts(t string, v map[string]string) int {
	found := 0
	clock := func(key, s string, hint meridiem) {
		if mins, ok := readClock(key, s, hint); ok {
			v[key] = ClockString(mins)
			found++
		}
	}
	if m := bedAtRe.FindStringSubmatch(t); m != nil {
		clock("bed", m[1], bedHint(t))
	}
	// Not "up 3 times" (a count) nor "went up at 10" (to bed): the first
	// wake time that is neither.
	for _, loc := range wakeAtRe.FindAllStringSubmatchIndex(t, -1) {
		said := strings.TrimSpace(t[loc[0]:loc[1]])
		before := strings.Fields(t[:loc[0]])
		if countSaid(said) || strings.Contains(t, "went "+said) ||
			len(before) > 0 && upVerbs[before[len(before)-1]] && strings.HasPrefix(said, "up") {
			continue
		}
		clock("wake", t[loc[2]:loc[3]], morning)
		break
	}
	// "for last night: bed time 10:30 pm, wake time 6:15 am": the
	// diary's times as a form, said of a night named.
	if oneNight.MatchString(t) {
		for _, m := range formTimeRe.FindAllStringSubmatch(t, -1) {
			key, hint := "wake", morning
			if m[1] == "bed" {
				key, hint = "bed", bedHint(t)
			}
			if v[key] == "" {
				clock(key, m[2], hint)
			}
		}
	}
	latLoc := latencyRe.FindStringSubmatchIndex(t)
	if latLoc != nil {
		m := submatches(t, latLoc)
		d := ""
		for i, name := range latencyRe.Regexp().SubexpNames() {
			switch {
			case i == 0 || m[i] == "":
			case name == "mins":
				d = m[i] + " minutes" // "lat 20"
			default:
				d += m[i]
			}
		}
		if n, ok := ParseIn(d); ok && n <= 720 {
			v["lat"] = strconv.Itoa(n)
			found++
		}
	}
	if n, ok := latencyEstimate(t, latLoc); ok && v["lat"] != "" {
		v["lat"] = strconv.Itoa(n) // "well over an hour; I estimate 70 minutes"
	}
	if m := latencyMoreRe.FindStringSubmatch(t); m != nil && v["lat"] == "" {
		if n, err := strconv.Atoi(m[1] + m[2] + m[3] + m[4] + m[5]); err == nil && n <= 720 {
			v["lat"] = strconv.Itoa(n)
			found++
		}
	}
	// "slept from 8 to 2pm": the span gives the bedtime too.
	if m := sleptSpanRe.FindStringSubmatch(t); m != nil && v["wake"] == "" && (v["bed"] == "" || sleptFromRe.MatchString(t)) {
		if v["bed"] != "" {
			delete(v, "bed")
			found--
		}
		if daySleep.MatchString(t) {
			// "finished nights this morning, slept 9 till 2": a day's
			// sleep, from the morning into the afternoon.
			clock("bed", m[1], morning)
			clock("wake", m[2], daytime)
		} else {
			clock("bed", m[1], evening)
			clock("wake", m[2], morning)
		}
	}
	if m := sleptClockRe.FindStringSubmatch(t); m != nil && v["bed"] == "" {
		clock("bed", m[1]+m[2], bedHint(t)) // "I slept 11pm"
	}
	if m := wokeClockRe.FindStringSubmatch(t); m != nil && v["wake"] == "" {
		clock("wake", m[1]+m[2], morning) // "woke 6am"
	}
	if m := asleepAtRe.FindStringSubmatch(t); m != nil && v["lat"] == "" && v["bed"] != "" {
		bed, err := bot.ParseClock(v["bed"])
		asleep, ok := readClock("bed", m[1], evening) // read as a bedtime is: 12:30 is after midnight
		ok1, ok2 := err == nil, ok
		if d := (asleep - int(bed) + 24*60) % (24 * 60); ok1 && ok2 && d > 0 && d <= 720 {
			v["lat"] = strconv.Itoa(d)
			found++
		}
	}
	if m, ok := startTold(t); ok {
		clock("start", m, evening)
	} else if m := startFirstRe.FindStringSubmatch(t); m != nil {
		clock("start", m[1], evening) // "since 10 my legs have been jumping"
	} else if m := symptomAtRe.FindStringSubmatch(t); m != nil {
		clock("start", m[1], evening) // "cramp in the calf about 3 last night"
	} else if m := onsetRe.FindStringSubmatch(t); m != nil {
		clock("start", m[1], evening) // "onset 2100", "onset ~22:30"
	} else if m := startedRe.FindStringSubmatch(t); m != nil && (symptomWord(t) || lastNightRef.MatchString(t)) {
		clock("start", m[1], evening) // "legs bad again. started 0200", "yesterday night very bad. begin about 11"
	} else if m := nowIsRe.FindStringSubmatch(t); m != nil && symptomWord(t) && startingTonight.MatchString(t) {
		clock("start", m[1], evening) // "now the legs are starting, it is 6pm"
	} else if m := onlyNowRe.FindStringSubmatch(t); m != nil && symptomWord(t) && hourOfNow(m) {
		clock("start", m[1], evening) // "it's only 8 o'clock and my legs are at it"
	}
	nearBed(v)
	// "I sleep from 8 morning to 2 afternoon", "slept from 8 in the
	// morning after duty, legs disturbed me": the sleep's start is the
	// bed time, not the legs'.
	if v["start"] != "" && v["start"] == v["bed"] && (sleptSpanRe.MatchString(t) || sleptFromRe.MatchString(t)) {
		delete(v, "start")
		found--
	}
	awake := awakeRe.FindStringSubmatch(t)
	if awake != nil && negatedBefore(t, awake[0]) {
		// "didn't wake me once": no count.
	} else if n, ok := wakesByTime(t); ok {
		v["awk"] = strconv.Itoa(n) // "woke me at midnight and again at 1"
		found++
	} else if m := awakeCount.FindStringSubmatch(t); m != nil {
		v["awk"] = m[1] + m[2] + m[3] + m[4]
		found++
	} else if awake != nil {
		if n, ok := countOf(awake[1]); ok {
			v["awk"] = strconv.Itoa(n)
			// "they woke me twice" says the legs did; "I woke up 2
			// times" may be the baby or the loo.
			if n > 0 && (has(awake[0], "me", "us", "mi") || legsAfter.MatchString(t[strings.Index(t, awake[0])+len(awake[0]):])) {
				v["woke"] = "true"
			}
			found++
		}
	}
	// The last time said of the coffee wins: "not at 3 in the afternoon,
	// it was at 11 in the morning".
	if ms := coffeeAt.FindAllStringSubmatch(t, -1); ms != nil {
		m := ms[len(ms)-1]
		if c, ok := ParseTimeOfDay(strings.ReplaceAll(m[1], ".", ":"), daytime); ok {
			h := c.Hour()
			switch {
			case strings.Contains(m[2], "morning"):
			case m[2] != "" && h < 12:
				h += 12 // "8 of the night", "5 in the afternoon"
			}
			if h < 12 && m[2] == "" && (startingTonight.MatchString(t) || has(t, "tonight", "this evening")) {
				h += 12 // "cup of tea at 8, legs going already": this evening's 8
			}
			v["caffeine"] = strconv.FormatBool(h*60+c.Minute() > lateCaffeine)
		}
	}
	return found
}

// hourOfNow reports whether an onlyNowRe match tells the hour it is
// ("it's only 8", "only gone nine", "only 8 o'clock", "only 8:30") rather
// than how bad the legs were ("legs only 2").
func hourOfNow(m []string) bool {
	return !strings.HasPrefix(m[0], "only") || strings.Contains(m[0], "gone") || strings.ContainsAny(m[1], ":m") || m[2] != ""
}

var (
	// nightBeforeRe is a second night's score: "the night before 7",
	// "night before last was a 5".
	nightBeforeRe = pattern.MustCompile(`\b(?:(?:the )?night (?:before|afore|b4)(?: that| last| yesterday)?|2 nights ago|(?:the )?previous night|prev|before it|before that)(?: was| it was| also| too)?[,:]?(?: a rather \w+| a| an| like)?\s+(10|\d)\b`)
	// nightBeforeLate is a second night's score said before the night:
	// "2 last night, 5 the night before".
	nightBeforeLate = pattern.MustCompile(`(?:^|[,;.]\s*|\band\s+)(?:an? )?(10|\d)\s+(?:for |on )?(?:the )?night (?:before|afore|b4)(?: that)?\s*(?:[,.;!]|$)`)
	// meantRe corrects a score just given: "oh wait I meant 4 not 7".
	meantRe = pattern.MustCompile(`\b(?:i )?meant(?: to say)?(?: a| an)?\s+(10|\d)\b`)
	// forgotWokeRe adds that the night woke them: "you forgot that it
	// woke me up", "also it woke me".
	forgotWokeRe = pattern.MustCompile(`\b(?:you forgot|forgot to (?:say|mention|add)|i forgot|also|and|plus)\b.{0,20}\b(?:it |they |the legs |my legs )?(?:woke me|kept me up|kept me awake)`)
)

// notAStart is a word inside a start's match whose time is something
// else's: the bedtime ("legs started when I went to bed at 10", but not
// "disturbed") or the waking ("legs did not wake me, I woke by myself at
// 6:40").
var notAStart = pattern.MustCompile(`\b(?:bed|woke|wake|awoke|awake)\b`)

// startTold is the time a start match tells, read past the matches
// whose time is the bedtime's or the waking's: in "not even in bed, it
// start 7pm" the start is told after the bed.
func startTold(t string) (string, bool) {
	for t != "" {
		m := startRe.FindStringSubmatchIndex(t)
		if m == nil {
			return "", false
		}
		said := t[m[0]:m[1]]
		loc := notAStart.FindAllStringSubmatchIndex(said, -1)
		if loc == nil {
			return t[m[2]:m[3]], true
		}
		t = t[m[0]+loc[len(loc)-1][1]:]
	}
	return "", false
}

// latencyRough is a time to fall asleep told only as a bound ("well
// over an hour", "ages"), and latencyGuess the figure said after it: "I
// estimate seventy minutes".
var (
	latencyRough = pattern.MustCompile(`\b(?:over|more than|ages|forever|a while)\b`)
	latencyGuess = pattern.MustCompile(`\b(?:i )?(?:estimate|reckon|guess|would say|d say)(?: it was| it at)?(?: about| around| maybe)?\s+(\d+)\s*(?:minutes?|mins?)\b`)
)

// latencyEstimate is the figure a message gives after a rough time to
// fall asleep; m is latencyRe's match in t (nil for none).
func latencyEstimate(t string, m []int) (int, bool) {
	g := latencyGuess.FindStringSubmatch(t)
	if m == nil || g == nil || !latencyRough.MatchString(t[max(0, m[0]-12):m[1]]) { // "well over 60 minutes to fall asleep"
		return 0, false
	}
	n, err := strconv.Atoi(g[1])
	return n, err == nil && n <= 720
}

// diaryStory reports whether t tells a night's diary (two facts or
// more: a bedtime and how long it took, say) rather than setting a
// usual bedtime.
func diaryStory(t string) bool {
	n := nightFacts(t, map[string]string{})
	return n >= 2 || n == 1 && oneNight.MatchString(t)
}

// oneNight names a particular night: a bedtime said of it is that
// night's, not the usual one.
var oneNight = pattern.MustCompile(`\b(?:last night|the night before|yesterday|\d+ nights ago|night before last|this morning|sleep diary|diary)\b`)

// countSaid reports whether a wake time's match is a count instead: "up
// 3 times", "wake up 3 time", "woke 2x".
func countSaid(said string) bool {
	return strings.HasSuffix(said, "times") || strings.HasSuffix(said, "time") || strings.HasSuffix(said, "x")
}

// wakeTimeOnly reports whether every waking t tells is the morning's
// getting up at a time ("woke up at 10", "woke up 7:30 for work"): no
// awakening in the night.
func wakeTimeOnly(t string) bool {
	rest := wakeAtRe.ReplaceAllStringFunc(t, func(m string) string {
		if countSaid(strings.TrimSpace(m)) {
			return m
		}
		return " "
	})
	return rest != t && !has(rest, wakeWords...) && !has(rest, "wake")
}

// wakeWords tell a waking: "woke", "awake", "wake up".
var wakeWords = []string{"woke", "waking", "woken", "awake", "wake up", "wakes up"}

// nearBed reads a start that could be either half of the day in the half
// that falls just after the bed time told with it: after a night shift's
// "hit the rack at 8am", legs that kicked "bout 8:30" did so at 08:30.
func nearBed(v map[string]string) {
	bed, err1 := bot.ParseClock(v["bed"])
	start, err2 := bot.ParseClock(v["start"])
	if err1 != nil || err2 != nil {
		return
	}
	after := func(s int) int { return (s - int(bed) + 24*60) % (24 * 60) }
	if other := (int(start) + 12*60) % (24 * 60); after(int(start)) > 6*60 && after(other) <= 6*60 {
		v["start"] = ClockString(other)
	}
}

// wakeClock is the hour of a waking in the night: "midnight", "1",
// "2:30", "3am".
const wakeClock = `(?:midnight|\d{1,2}(?:[:.]\d\d)?(?:\s?[ap]m)?)`

// wokeAtEachRe is wakings told one by one, by their hours: "legs woke me
// at midnight and again at 1", "woke me at 1 and twice after that". Its
// first group holds the hours after the first, its second the count told
// after them.
var wokeAtEachRe = pattern.MustCompile(`\b(?:woke|woken|wakened|wakes|had|got) (?:me|us)(?: up)? (?:at|around|about) ` + wakeClock +
	`((?:\s*(?:,|and|then|&)\s*(?:then |and )?(?:again |once more )?(?:at|around|about) ` + wakeClock + `)*)` +
	`(?:\s*(?:,|and|then|&)\s*(?:then |and )?(once|twice|three times|four times|\d+ times) (?:more|after that|after|since|later)\b)?`)

// wakesByTime counts the wakings a message tells one by one: two hours
// ("at midnight and again at 1") are two, an hour and "twice after that"
// three. A single hour counts nothing: "woke me at 3" may be the only one
// or the morning's.
func wakesByTime(t string) (int, bool) {
	m := wokeAtEachRe.FindStringSubmatch(t)
	if m == nil {
		return 0, false
	}
	n := 1 + len(hourAt.FindAllStringSubmatch(m[1], -1))
	if m[2] != "" {
		more, ok := countOf(m[2])
		if !ok {
			return 0, false
		}
		n += more
	}
	return n, n >= 2
}

// hourAt is each hour told after the first in a wokeAtEachRe match.
var hourAt = pattern.MustCompile(`\b(?:at|around|about)\b`)
