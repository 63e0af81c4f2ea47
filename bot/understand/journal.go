package understand

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/calmnights/calmnights/content/pattern"
)

// Water sizes, as the journal counts them.
const (
	glassML  = 250
	bottleML = 500
)

// caffeineWords name drinks with caffeine; a message about them is not
// about water.
var caffeineWords = []string{"double double", "double doubles", "double-double", "double-doubles", "red bulls", "coffee", "espresso", "latte", "cappuccino", "tea", "coke", "cola", "pepsi", "energy drink", "red bull", "redbull", "monster", "caffeine", "mocha", "americano", "chai", "matcha", "flat white", "macchiato", "diet coke", "mountain dew", "cuppa", "cold brew", "cafezinho", "cafecito", "brew", "brews", "irn bru",
	"cortado", "cortados", "coffees", "teas", "lattes", "espressos", "cappuccinos", "cokes", "monsters", "energy drinks",
	"yerba mate", "cup of mate", "cups of mate", "mate tea", "nescafe", "africafe", "iced coffee", "frappuccino", "guarana", "pre workout", "preworkout"}

var amountRe = pattern.MustCompile(`(\d+(?:[.,]\d+)?)\s*(?:of\s+)?(?:big\s+|large\s+|small\s+|full\s+|tall\s+)?(millilitres|milliliters|mls|ml|litres|liters|litre|liter|ltr|l|glasses|glass|cups|cup|bottles|bottle|mugs|mug)\b`)
var bareNumber = pattern.MustCompile(`\b(\d+(?:\.\d+)?)\b`)

// unitAloneRe is a unit said without a number: "a glass", "my whole
// water bottle", "a litre bottle" (the nearest unit word is read first).
var unitAloneRe = pattern.MustCompile(`(?:\b(?:a|an|another|my|one|the)\s+(?:whole\s+|full\s+|entire\s+)?(?:\w+\s+)??|^\s*(?:\w+\s+)?)(glass|cup|bottle|mug|litre|liter)\b`)

// toGlasses is "two" typed as "to" before a unit: "drank to glasses".
// ofWater is water named by its measure: "4 glasses of water", whatever
// tea the message also mentions.
var ofWater = pattern.MustCompile(`\b(?:glass|glasses|bottles?|cups?|mugs?|litres?|liters?|pints?|ml)\s+of\s+(?:cold\s+|plain\s+|tap\s+|fresh\s+)?water\b`)

// unitCorrected is a count of water mended: "it was 4 glasses not 3",
// "2 bottles, not 1".
var unitCorrected = pattern.MustCompile(`\b\d+\s*(?:glasses|glass|bottles?|ml|litres?|liters?)\s*(?:of water\s*)?,?\s*(?:not|instead of|rather than)\s+\d+\b`)

var toGlasses = pattern.MustCompile(`\b(?:drank|had|drunk) to (glasses|cups|bottles|mugs)\b`)

// water reads an amount of water drunk: "2 glasses", "half a litre",
// "750ml", "finished my water bottle".
func water(t string) (int, bool) {
	// A hot-water bottle on the calves is warmth, not a drink; a day out
	// on the water is a boat's.
	if hasCaffeine(t) && !ofWater.MatchString(t) || has(t, "beer", "wine", "alcohol", "juice", "milk", "soda", "vodka", "hot water bottle", "hot-water bottle", "hot water on", "warm water on", "water bottle on", "on the water", "in the water", "by the water") {
		return 0, false
	}
	t = toGlasses.ReplaceAllString(t, "2 $1") // "drank to glasses"
	drinkVerb := unitCorrected.MatchString(t) || has(t, "had", "drank", "drunk", "drink", "drinking", "finished", "down", "downed", "another", "just", "sipped", "chugged", "water:", "so far") || strings.HasPrefix(strings.TrimSpace(t), "+")
	isWater := hasPrefixWord(t, "water") || strings.Contains(t, "h2o") || has(t, "fluids", "fluid intake")
	ml := 0
	if sum, ok := waterSum(t); ok {
		ml = sum
	} else if isWater {
		if m := bareNumber.FindStringSubmatch(t); m != nil {
			v, _ := strconv.ParseFloat(m[1], 64)
			switch {
			case v > 0 && v <= 5:
				ml = int(v * 1000)
			case v >= 50 && v <= 5000:
				ml = int(v)
			}
		}
	}
	if ml <= 0 || ml > 5000 || !(isWater || drinkVerb) {
		return 0, false
	}
	// "water every 90 minutes" asks for a reminder; it drank nothing.
	if _, ok := everyMinutes(t); ok && !drinkVerb {
		return 0, false
	}
	return ml, true
}

// waterSum adds the amounts a message tells one after another ("a glass
// of water and another bottle", "2 x 500ml bottles", "two glasses and a
// small bottle of 500"): each amount after the first counts when "and",
// "plus" or "another" joins it to the one before, not when it restates
// it ("a bottle (500ml)", "2 glasses, that's 500ml").
func waterSum(t string) (int, bool) {
	type amount struct {
		start, end, ml int
		explicit       bool // a number said, not a unit alone
		one            bool // one unit: "one bottle", "a glass"
		unit           int  // ml in one of its units
	}
	var as []amount
	for _, m := range amountRe.FindAllStringSubmatchIndex(t, -1) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(t[m[2]:m[3]], ",", "."), 64)
		if err != nil {
			continue
		}
		ml := int(math.Round(v * unitML(t[m[4]:m[5]], v)))
		if x := timesBefore.FindStringSubmatch(t[:m[0]]); x != nil {
			n, _ := strconv.Atoi(x[1])
			ml *= n // "2 x 500ml"
		}
		as = append(as, amount{m[0], m[1], ml, true, v == 1 && !strings.HasPrefix(t[m[4]:m[5]], "l"), unitOf(t[m[4]:m[5]], v, ml)})
	}
	for _, m := range unitAloneRe.FindAllStringSubmatchIndex(t, -1) {
		if slices.ContainsFunc(as, func(a amount) bool {
			return m[3] > a.start && m[2] < a.end || a.end <= m[2] && strings.TrimSpace(t[a.end:m[2]]) == ""
		}) {
			continue // the unit of an amount already read, or its container: "a 500ml bottle"
		}
		u := int(unitML(t[m[2]:m[3]], 1))
		as = append(as, amount{m[2], m[3], u, false, true, u})
	}
	if len(as) == 0 {
		return 0, false
	}
	slices.SortFunc(as, func(a, b amount) int { return a.start - b.start })
	total := as[0].ml
	for i := 1; i < len(as); i++ {
		gap := t[as[i-1].end:as[i].start]
		switch {
		case as[i].start < as[i-1].end:
			return total, true
		case amountJoin.MatchString(gap) && !amountRestated.MatchString(gap):
			total += as[i].ml
		case as[i].explicit && (!as[i-1].explicit || as[i-1].one && sizeOf.MatchString(gap)):
			// "a big bottle of water, 1 litre", "one bottle of water of
			// 1 liter": the number says how big.
			total += as[i].ml - as[i-1].ml
		default:
			return total, true
		}
	}
	// The words after the last amount may add to it of its unit: "a
	// bottle and a half", "two glasses, and a further one".
	last := as[len(as)-1]
	return total + last.unit*moreUnits(t[last.end:])/2, true
}

var (
	// unitAndAHalf is half a unit more: "a bottle and a half of water".
	unitAndAHalf = pattern.MustCompile(`^\s*(?:of (?:\w+ )?water\s*)?and a half\b`)
	// oneMore is one unit more, the unit left unsaid: "and a further one
	// just now", "then another one", "one more", "and another at lunch".
	oneMore = pattern.MustCompile(`\b(?:another|a further|an extra|a second) (?:one|1)\b|\b(?:one|1) more\b|\b(?:and|then|plus|\+) (?:another|a second)(?: (?:at|with|after|around|about|by|during|over|in the|this|for) [\w ]{1,20})?\s*[.!]*\s*$`)
)

// laterOn is a drink still to come: "another one later".
var laterOn = pattern.MustCompile(`\b(?:later|tomorrow|soon|in a bit|in a while|before bed)\b`)

// moreUnits is how many half units the words after the last amount add
// to it.
func moreUnits(after string) int {
	switch {
	case unitAndAHalf.MatchString(after):
		return 1
	case oneMore.MatchString(after) && !laterOn.MatchString(after):
		return 2
	}
	return 0
}

var (
	// timesBefore is a count written before an amount: "2 x 500ml".
	timesBefore = pattern.MustCompile(`\b(\d)\s*x\s*$`)
	// amountJoin joins one amount to the next; amountRestated says the
	// next is the same water again.
	amountJoin     = pattern.MustCompile(`\b(?:and|plus|another|then|also|further)\b|[+&]`)
	sizeOf         = pattern.MustCompile(`^\s*(?:of\s+)?(?:water\s+)?(?:of|,|that was|that s|thats|which is|with)?\s*(?:about\s+|around\s+)?$`)
	amountRestated = pattern.MustCompile(`\b(?:that s|thats|that is|so|total|in total|i e|ie|or|means|about|equals)\b|[=(]`)
)

// unitOf is the ml of one unit of an amount of ml: a glass's or a
// bottle's, or for millilitres and litres the amount itself ("500ml,
// and another one").
func unitOf(unit string, v float64, ml int) int {
	if u := unitML(unit, v); u != 1 && !strings.HasPrefix(unit, "l") {
		return int(u)
	}
	return ml
}

// unitML is how many ml one unit holds; a "big glass" is still a glass.
func unitML(unit string, v float64) float64 {
	switch {
	case strings.HasPrefix(unit, "m") && unit != "mug" && unit != "mugs":
		return 1
	case strings.HasPrefix(unit, "l"):
		if v > 10 { // "500 l" is a typo for ml
			return 1
		}
		return 1000
	case strings.HasPrefix(unit, "bottle"):
		return bottleML
	}
	return glassML
}

func hasCaffeine(t string) bool {
	t = teaWork.ReplaceAllString(t, " ") // "picked tea the whole day" drank none
	return has(t, caffeineWords...) || hasPrefixWord(t, "coffee", "espresso")
}

// teaWork is tea as a crop or a workplace, not a drink.
var teaWork = pattern.MustCompile(`\b(?:pick(?:ed|ing)?|pluck(?:ed|ing)?|harvest(?:ed|ing)?) (?:the )?tea\b|\btea (?:picking|plucking|estate|estates|farm|farms|plantation|plantations|bushes|fields?|garden|gardens|slopes)\b`)

var (
	scoreOutOf = pattern.MustCompile(`\b(10|\d)\s*(?:/|out of|outta|of|from)\s*10\b`)
	scoreLead  = pattern.MustCompile(`\b(?:a|an|like|maybe|about|around|roughly|score|scored|rate|rated|rating|was|solid|at|it's|its|level|prob|probably|say|give|give it|call it|call it a|call it an|overall|overall a|braw|a braw)\s+(10|\d)\b`)
	loneNumber = pattern.MustCompile(`(?:^|[\s,.;:(])(10|\d)(?:$|[\s,.;:!)])`)
	timesRe    = pattern.MustCompile(`\b\d+\s*(?:x|times?)\b`)
	clockishRe = pattern.MustCompile(`\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b|\b(?:at|after|before|by|since|past|till|until|til|around|about|gone)\s+(?:nearly |almost |about |around |gone |like )?\d{1,2}\b`)
	// lastNightScore is last night's number said with it: "last night a
	// 4", "last night was 5".
	lastNightScore = pattern.MustCompile(`\b(?:last (?:night|nite)|(?:and|,) yesterday(?: night)?|then)(?: was| wis| is| it was)?(?: (?:better|worse|good|bad|ok|okay|fine|rough|easier|calmer))?[,:]?(?: a| an| like| maybe)?\s+(10|\d)\b`)
	nightsAgo      = pattern.MustCompile(`\b(\d+)\s+nights?\s+(?:ago|back)\b`)
	logColon       = pattern.MustCompile(`\b(?:log(?: for)?(?: last night| night before last)?|score|night score|last night)\s*:\s*(10|\d)\b`)
	// colonFacts are facts written as a form: "stretch: yes", "caffeine:
	// no", "woke: yes".
	colonFacts = pattern.MustCompile(`\b(stretch|stretched|stretches|stretching|caffeine|coffee|tea|woke)\s*:\s*(yes|no|none|y|n|0|done|not done)\b`)
	feltRe     = pattern.MustCompile(`\b(?:awful|terrible|horrible|bad|rough|poor|dreadful|rotten|nightmare|great|good|lovely|quiet|calm|fine|decent|ok|okay)\b`)
	// notScore are numbers that are no score: "type 2", "6 weeks", "a
	// couple in my bag", "3 kids", "20k steps", "two iced coffees", "7:30am".
	notScore = pattern.MustCompile(`\btype\s*[12]\b|\b\d+\s*(?:weeks?|wks?|days?|months?|years?|yrs?|hours?|hrs?|h|mins?|minutes?|k|km|miles?|steps?|kids|children|mugs?|cups?|coffees?|teas?|cokes?|colas?|lattes?|sodas?|bottles?|double[ -]doubles?|beers?|pints?|glasses|units?|espressos?|monsters?|cans?|shots?|drinks?|nights (?:to|ago|back|in a row|running)|nights\b|oclock|kg|lbs?|stone|mg|ml|%|times|x)\b|\ba couple(?: of)?\b|\b\d+\s+(?:iced|ice|large|big|huge|small|little|strong|double|black|white|hot|cold|extra|more|flat|instant|diet|green|sweet)\s+(?:mugs?|cups?|coffees?|teas?|cokes?|colas?|lattes?|sodas?|bottles?|beers?|pints?|glasses|espressos?|monsters?|cans?|shots?|drinks?|energy drinks?)\b|\b(?:\d{1,2}[:.])?\d+\s*(?:am|pm)\b|\bno\.?\s*\d+\b|\ban? (?:early|late|quick|long|short|big|good|bad|rough|quiet) 1\b`)
)

// sleepFor takes out "couldn't sleep for", which tells the time it took
// to fall asleep, not a waking ("couldnt sleep for like an hour").
var sleepFor = strings.NewReplacer("couldnt sleep for", "", "couldn't sleep for", "", "could not sleep for", "")

// stayAwake is staying up on purpose ("a Coke at 3pm to stay awake",
// "coffee to keep me awake at work"): no waking in the night.
var stayAwake = pattern.MustCompile(`\b(?:to|tried to|trying to|so i could|so i can) (?:stay|keep(?: me| myself)?) (?:awake|alert)\b`)

// keptUpLate is legs that kept a person from falling asleep ("kept me up
// till 2am", "kept me awake until well after midnight", "kept me up most
// of last night"), or sleep that would not come till late ("couldnt
// sleep til like 1", "couldn't get to sleep until 3"): a late night, no
// waking from sleep.
var keptUpLate = pattern.MustCompile(`\b(?:kept|keep|keeping) (?:me|us) (?:up|awake) (?:till|until|til|untill|to|past|into|most of|half|much of|for hours|for ages|late|way late|so late)\b|` + sleepCameLate)

// sleepCameLate is sleep that did not come before an hour: "couldnt sleep
// til like 1", "could not get to sleep until 3".
const sleepCameLate = `\b(?:couldnt|couldn't|couldn t|could not|cant|can't|can t|didnt|didn't|didn t|did not) (?:get to |get |fall )?(?:sleep|asleep|off) (?:till|until|til|untill|before|past)\b`

// disturbedLittle is legs that bothered a person a little ("legs
// disturbed me small", "disturbed me a bit"): a nuisance, no waking.
var disturbedLittle = pattern.MustCompile(`\bdisturbed me (?:only )?(?:a little|a bit|a little bit|small(?: small)?|slightly|little|a tiny bit)\b`)

// putAt is a score given "at" a number, which reads like a clock: "I
// should put it at 7", "I'd rate it at a 6".
var putAt = pattern.MustCompile(`\b(?:put|puts|putting|rate|rated|rating|mark|marked|score|scored|place|placed)\s+(?:(?:it|that|the night|last night)\s+)?(?:at|as)\s+(?:a |an )?(10|\d)\b(?:\s*(?:$|[,.;!]|out of|/))`)

// abstained is caffeine kept from in words: "I abstained from coffee
// entirely yesterday".
var abstained = pattern.MustCompile(`\b(?:abstained|refrained|stayed away|kept away) from (?:the |all |any )?(?:coffee|tea|caffeine|coke|cola|energy drinks?)\b`)

// morningOnly is caffeine had in the morning alone: "only had coffee in
// the morning", "coffee only in the morning".
var morningOnly = pattern.MustCompile(`\bonly (?:had |drank |have |drink )?(?:a |my |one |1 )?(?:coffee|tea|cuppa|caffeine|coke)s? (?:in the morning|at breakfast|this morning)\b|\b(?:coffee|tea|cuppa|caffeine)s? only (?:in the morning|at breakfast)\b`)

// scoreNotThat is a score said with the one it replaces: "4 not 7".
var scoreNotThat = pattern.MustCompile(`\b(10|\d)\s*,?\s*(?:not|no|not a|instead of|rather than)\s+(?:10|\d)\b`)

// scoreButThat is a score said after the one it replaces: "not 5 but 6".
var scoreButThat = pattern.MustCompile(`\bnot (?:10|\d) but (10|\d)\b`)

// notThatTimeRe is notThatTime compiled.
var notThatTimeRe = pattern.MustCompile(notThatTime)

// blankGroups blanks out what re's groups capture in s, leaving the rest
// of each match. A blanked group keeps a mark where it began, so that the
// words before it do not take the next number for their time: "legs
// started about midnight 6" leaves "about #", not "about 6".
func blankGroups(re *pattern.Rule, s string) string {
	b := []byte(s)
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		for i := 2; i+1 < len(m); i += 2 {
			for j := m[i]; j >= 0 && j < m[i+1]; j++ {
				b[j] = ' '
			}
			if m[i] >= 0 && m[i+1] > m[i] {
				b[m[i]] = '#'
			}
		}
	}
	return string(b)
}

// startingTonight tells symptoms starting this evening, now: "already",
// "starting", "has begun rather early", "are doing the thing again
// right now", "legs going crazy rn".
var startingTonight = pattern.MustCompile(`\b(?:(?:(?:are|is|r|re) )?(?:doing (?:the|their|that) thing|at it|playing up|acting up|going (?:crazy|mad|nuts|wild|haywire|bonkers|berserk|mental))(?: again)?(?: right)? now|already|(?:are|is) starting\b|(?:just |have |has |are |is )?(?:started|starting|begun|beginning|kicking off|kicked off) (?:already|now|again|up|(?:rather |very |so |too |quite )?early)|(?:starting|beginning) (?:to|up))\b`)

// scoreAbout is a score said roughly after a verb of being: "legs were
// about 5" (not "woke about 5").
var scoreAbout = pattern.MustCompile(`\b(were|was|are|is|felt|been) (?:about|around|roughly) (10|\d)($|[^:\d])`)

// scoreMove is a score said as where the night moved to, which reads
// like a clock: "an improvement at 4", "dropped to a 3" (not "woke up
// at 4").
var scoreMove = pattern.MustCompile(`\b(improvement|improved|dropped|down|better|worse|back) (?:at|to) (?:an? )?(10|\d)(\s*(?:$|[,.;!]))`)

// genericClaim is a claim about what does what: "coffee makes my legs
// worse", "stretching helps".
var genericClaim = pattern.MustCompile(`\b(?:makes?|causes?|worsens?|helps?|affects?|triggers?|sets? off|is bad for|is good for)\b`)

// tonightEvent reports whether t tells something done or felt this
// evening: "just had a green tea", "did my stretches", "legs already
// going".
func tonightEvent(t string) bool {
	return has(t, "just", "now", "tonight", "today", "this evening", "had", "drank", "did", "done", "took", "stretched", "already", "skipped", "no stretching", "not stretched", "didnt", "didn't")
}

// caffeineHabit marks caffeine told as a habit: so much a day or a
// shift, always, living on it.
var caffeineHabit = pattern.MustCompile(`\b(?:a|per|each|every|on|during) (?:day|shift|night|morning|evening)\b|\bdaily\b|\balways\b|\bevery(?:day| day)\b|\bliv(?:e|ing) (?:on|off)\b|\bgo(?:es)? through\b|\bslam\b|\bi drink\b|\bi usually\b|\bi normally\b`)

// itsOnlyRe is the evening's hour told as "it's only 8": no score ("was
// only 1" is one).
var itsOnlyRe = pattern.MustCompile(`\b(?:it s|its|it's|it is) only (?:gone )?` + timeWord)

// scoreWords give a number as a score.
var scoreWords = pattern.MustCompile(`\b(?:score|scored|rate|rated|rating|night was an?|it was an?|say|call it|give it|gie it|i give|i ll give|ill give|i will give)\s+(?:it\s+)?(?:an?\s+)?(10|\d)\b`)

// explicitScore reports whether t gives a night's score in so many words:
// "7/10", "8 out of 10", "I'd rate it a 3".
func explicitScore(t string) bool {
	return scoreOutOf.MatchString(t) || scoreWords.MatchString(t) || scoreAside.MatchString(t)
}

// scoreAside is a score set off on its own inside a story: "…and at
// night I paid for it, a 7, never again".
var scoreAside = pattern.MustCompile(`(?:^|[,.;:!]\s*)(?:an?|like|maybe|about|probably)\s+(10|\d)\s*(?:[,.;!]|$)`)

// legPlaces are the places in the legs a note keeps.
var legPlaces = []string{"calf", "calves", "thigh", "thighs", "shin", "shins", "ankle", "ankles", "knee", "knees"}

// bodyWords mark a part of a message worth keeping as a note.
var bodyWords = []string{"calf", "calves", "thigh", "thighs", "feet", "foot", "toes", "knee", "knees", "shin", "shins", "ankle", "ankles",
	"hip", "hips", "cramp", "cramps", "cramping", "ache", "aching", "achy", "tingl", "itch", "burning", "pain", "sore", "ants", "crawl", "pulling", "pins and needles"}

// logNight reads a statement about a night: its score, whether it woke
// the user, late caffeine, stretching and a note.
func logNight(t, raw string, v map[string]string) bool {
	facts := nightFacts(t, v)
	nightRef := nightsAgo.MatchString(t) || correctionTold.MatchString(t) && has(t, "change", "it was", "was", "wrong", "should be", "figure") || has(t, "last night", "lastnight", "last nite", "night", "nights", "nite", "slept", "sleep", "legs", "leg", "twitching", "twitches", "twitched", "twitchy", "jerks", "jerking")
	// "legs were about 5": a score said roughly, not a clock.
	// "3 times it woke me not 2": the count taken back is no score.
	clean := notScore.ReplaceAllString(scoreAbout.ReplaceAllString(scoreMove.ReplaceAllString(countNotThat.ReplaceAllString(t, "$1"), "$1 a $2$3"), "$1 a $2$3"), " ")
	clean = nightsAgo.ReplaceAllString(clean, " ")
	// Times said of the legs or the night ("started maybe around eight",
	// "bed at 11") are no score.
	// Only the times themselves: a score said between the legs and their
	// start ("legs was very bad, I give 8, they start at 23:00") stays.
	clean = blankGroups(startRe, clean)
	clean = asleepAtRe.ReplaceAllString(clean, " ")
	clean = startFirstRe.ReplaceAllString(clean, " ")
	clean = coffeeAt.ReplaceAllString(clean, " ")
	clean = awakeCount.ReplaceAllString(clean, " ")
	clean = bedAtRe.ReplaceAllString(clean, " ")
	clean = wakeAtRe.ReplaceAllString(clean, " ")
	clean = timesRe.ReplaceAllString(clean, " ")
	clean = clockishRe.ReplaceAllString(clean, " ")
	clean = amountRe.ReplaceAllString(clean, " ")
	clean = itsOnlyRe.ReplaceAllString(clean, " ")       // "it's only 8": the hour, not a score
	clean = scoreNotThat.ReplaceAllString(clean, "$1 ")  // "last night 4 not 7"
	clean = scoreButThat.ReplaceAllString(clean, " $1 ") // "not 5 but 6"
	if bedAtRe.MatchString(t) || wakeAtRe.MatchString(t) {
		clean = notThatTimeRe.ReplaceAllString(clean, " ") // "bed at 11 not 10": the time taken back
	}
	score := -1
	if m := putAt.FindStringSubmatch(t); m != nil {
		score, _ = strconv.Atoi(m[1]) // "I should put it at 7": no clock
	} else if m := logColon.FindStringSubmatch(clean); m != nil {
		score, _ = strconv.Atoi(m[1]) // "log: 5", "score 5/10", "night score 3"
	} else if m := scoreOutOf.FindStringSubmatch(t); m != nil { // "put it at 6 out of 10": no clock
		score, _ = strconv.Atoi(m[1])
	} else if m := scoreLead.FindStringSubmatch(clean); m != nil && (nightRef || has(clean, "log")) {
		score, _ = strconv.Atoi(m[1])
	} else if ms := loneNumber.FindAllStringSubmatch(clean, -1); len(ms) == 1 && (nightRef || facts > 0 || has(clean, "log", "score") || hasPrefixWord(t, "stretch") || hasCaffeine(t)) {
		score, _ = strconv.Atoi(ms[0][1])
	}
	if score < 0 && has(t, "no twitching", "didnt twitch", "didn't twitch", "no twitches", "not a single twitch", "zero twitching", "legs were calm", "calm legs", "no jerks", "legs were still") {
		score = 0
	}
	if m := meantRe.FindStringSubmatch(clean); m != nil {
		score, _ = strconv.Atoi(m[1])
	} else if n, ok := correctedScore(t); ok {
		score, nightRef = n, true
	}
	if m := nightBeforeIn(t); m != nil && twoNights(t) {
		v["before"] = m[1]
		if ln := lastNightScore.FindStringSubmatch(clean); ln != nil && ln[1] != m[1] {
			// "night before last was 7, last night 5": last night's
			// own number, wherever it comes.
			score, _ = strconv.Atoi(ln[1])
		} else if score < 0 || strconv.Itoa(score) == m[1] {
			// "last night 4, the night before 7": the first number is
			// last night's.
			score = -1
			if ms := loneNumber.FindAllStringSubmatch(clean, -1); len(ms) >= 2 {
				score, _ = strconv.Atoi(ms[0][1])
			}
		}
	}
	// Two nights told apart, each with its own number: "the night before
	// last was dreadful, an 8, but last night a kinder 4".
	twoTold := false
	if last, before, ok := nightScores(clean); ok {
		score, v["before"], twoTold = last, strconv.Itoa(before), true
	}
	if forgotWokeRe.MatchString(t) {
		v["woke"], nightRef = "true", true
	}
	if score >= 0 {
		v["score"] = strconv.Itoa(score)
	}
	switch {
	case has(t, "didnt wake", "didn't wake", "did not wake", "didnt wake me", "slept through", "slept straight through", "slept right through", "no waking", "never woke", "not woken", "wasnt woken", "wasn't woken", "not wake", "not wake up", "didnt stir", "didn't stir",
		"sleep through", "slept like a log", "slept like a baby", "slept like a babe", "slept like a rock", "slept like the dead", "slept straight till", "slept straight until", "slept solid", "slept soundly", "no wahala",
		"no awakenings", "no awakening", "without interruption", "uninterrupted", "no interruptions", "0 awakenings", "no wake ups", "no woke up", "didnt wake up", "didn't wake up",
		"no wakeups", "no wakes", "no wake", "no wakeup", "zero wakes", "0 wakes", "no wake up", "no wake-ups", "never wake me", "never woke me", "never wake mi", "it never wake", "not waking", "without waking", "no waking at all",
		"not woke", "not woke up", "not woken up", "not wake me", "dont wake", "don't wake", "don t wake", "do not wake"):
		v["woke"] = "false"
	case has(keptUpLate.ReplaceAllString(sleepFor.Replace(t), " "), "kept me up", "kept me awake", "keep me up", "couldnt sleep", "couldn't sleep", "could not sleep", "wake me", "woke me", "up all night", "woken by", "woke me up", "wake mi", "woke mi", "wake mi up",
		"had me up", "me awake", "wakened me", "wakened", "got me up", "woke us", "woke him", "disturbed my sleep") || has(t, "disturbed me") && !has(t, "disturbed me from", "disturbed me since", "disturbed me at", "disturbed me around", "disturbed me in the evening") && !disturbedLittle.MatchString(t):
		v["woke"] = "true"
	case has(keptUpLate.ReplaceAllString(stayAwake.ReplaceAllString(t, " "), " "), wakeWords...) && !wakeTimeOnly(t):
		// "Woke twice" in a sleep diary counts awakenings; it says the
		// legs woke them only when the legs are in the message.
		if v["bed"] == "" && v["wake"] == "" && v["lat"] == "" || symptomWord(t) {
			v["woke"] = "true"
		}
	}
	switch {
	case otherCause.MatchString(t) && !has(t, "woke me", "wake me", "legs woke", "legs kept me", "kept me up"):
		// "woke once but not from the legs, it was the dog"
		v["woke"] = "false"
	case v["woke"] == "" && v["awk"] != "" && v["awk"] != "0" && (symptomWord(t) || score >= 0) && !diaryOnly(v):
		// "bad un last night. 7. up three times": a night report's
		// wakings are the legs'.
		v["woke"] = "true"
	}
	for _, m := range colonFacts.FindAllStringSubmatch(t, -1) {
		yes := m[2] == "yes" || m[2] == "y" || m[2] == "done"
		switch {
		case strings.HasPrefix(m[1], "stretch"):
			v["stretched"] = strconv.FormatBool(yes)
		case m[1] == "woke":
			v["woke"] = strconv.FormatBool(yes)
		default:
			v["caffeine"] = strconv.FormatBool(yes)
		}
	}
	switch {
	case v["stretched"] != "":
	case has(t, "didnt stretch", "didn't stretch", "did not stretch", "no stretching", "forgot to stretch", "skipped stretching", "skipped my stretches", "no stretch", "no stretches", "skip my stretches", "skip the stretches", "skipped the stretches", "skipped stretches", "skipped my stretching", "didnt do my stretches", "didn't do my stretches", "didn't do me stretches", "didnt do me stretches", "did not do my stretches", "didn't do the stretches", "didnt do the stretches", "no stretches", "not stretched") || noStretch.MatchString(t):
		v["stretched"] = "false"
	case hasPrefixWord(t, "stretch") && !has(t, "should i stretch", "how to stretch"):
		v["stretched"] = "true"
	}
	switch {
	case abstained.MatchString(t) || has(t, "no coffee", "no caffeine", "no tea", "no coke", "no cuppa", "no cuppas", "no brew", "no brews", "caffeine free", "caffeine-free", "decaf", "skipped coffee", "skipped the coffee", "didnt have coffee", "didn't have coffee", "no coffee after") || noCaffeine.MatchString(t) || morningOnly.MatchString(t):
		v["caffeine"] = "false"
	case hasCaffeine(t) && v["caffeine"] == "" && !has(t, "no caffeine", "caffeine: no", "coffee: no"): // a time said already decided it
		v["caffeine"] = "true"
	}
	// "awful night last night, calves again": a night told without a
	// score; the bot asks for one.
	felt := has(t, "last night", "lastnight", "last nite", "night before last") && feltRe.MatchString(t) || feltNight.MatchString(t) ||
		// "pulling and aching in calves whole night": a night told by where
		// and how it was felt; a long clause naming a place in the legs is
		// more often a question told with a story than a night.
		has(t, "whole night", "all night", "last night", "the night") && noteWithin(raw, maxFeltWords) != ""
	// "legs already twitching and I'm only on the couch", "the
	// restlessness has begun already this evening": tonight's symptoms,
	// starting now, are a night to note.
	startingNow := score < 0 && facts == 0 && startingTonight.MatchString(t) && symptomWord(t)
	if score < 0 && v["woke"] == "" && v["stretched"] == "" && v["caffeine"] == "" && facts == 0 && !felt && !startingNow {
		return false
	}
	// A claim about what does what ("coffee makes my legs worse at night")
	// tells no night.
	if score < 0 && facts == 0 && genericClaim.MatchString(t) && !tonightEvent(t) {
		return false
	}
	// A habit told without a score ("I slam like three Monsters a shift",
	// "living on cold brew till 9pm") wonders about the legs; it is no
	// night to log.
	if score < 0 && v["caffeine"] == "true" && caffeineHabit.MatchString(t) && !has(t, "last night", "lastnight", "last nite", "yesterday", "tonight", "today", "this evening", "now", "just", "already") {
		return false
	}
	if score < 0 && v["stretched"] == "" && v["caffeine"] == "" && !nightRef && facts == 0 && !startingNow {
		return false
	}
	past := has(t, "last night", "lastnight", "last nite", "yesterday", "yday", "this morning", "night before last", "slept", "woke", "all night", "kept me up", "this night") || nightsAgo.MatchString(t) || score >= 0 || facts > 0 || feltNight.MatchString(t)
	switch {
	case twoTold || v["before"] != "" && has(t, "last night", "lastnight", "last nite", "and yesterday", ", yesterday"):
		v["night"] = "0" // two nights: last night's, and the one before
	case has(t, "night before last", "the night before last", "2 nights ago", "night before yesterday", "the night before yesterday"),
		has(t, "day before yesterday", "day before yday") && !has(dayBefore.Replace(t), "last night", "lastnight", "last nite", "yesterday", "yday", "this morning"):
		// "day before yesterday night score is 6": the night of that day
		v["night"] = "1"
	case nightsAgo.MatchString(t):
		n, _ := strconv.Atoi(nightsAgo.FindStringSubmatch(t)[1])
		v["night"] = strconv.Itoa(max(0, n-1))
	case has(t, "tonight", "this evening", "today", "after dinner", "now", "just", "already") && score < 0 && (!feltNight.MatchString(t) || has(t, "gonna be", "going to be", "will be", "gunna be")) && !has(t, "last night", "yesterday"):
		// "tonight's gonna be a bad one" tells a night to come
		v["when"] = "tonight"
	case past:
		v["night"] = "0"
	default:
		v["when"] = "tonight"
	}
	// Once the message is a night report, its note keeps the
	// circumstances too ("because of the aircon", "both legs", "a couple
	// of beers"); they never make a report of a question.
	if full := fullNote(raw); full != "" {
		v["note"] = full
	}
	return true
}

// dayBefore takes out "the day before yesterday", so that a "yesterday"
// left names last night.
var dayBefore = strings.NewReplacer("day before yesterday", "", "day before yday", "")

// fullNote is the note of a message already read as a night report: the
// clauses noteIn keeps, and those that tell the night's circumstances.
func fullNote(raw string) string {
	var keep []string
	for _, part := range noteClauses(raw) {
		p := strings.TrimSpace(part)
		if p == "" {
			continue
		}
		lp := energyDrinks.ReplaceAllString(strings.ToLower(p), "caffeine") // "no energy drinks": no drinks of an evening out
		told := circumstance.MatchString(lp) && !drinkNoHelp(lp) || because.MatchString(lp) && !legsBecause.MatchString(lp) || shiftTold(lp)
		if noteIn(p) != "" || told && len(strings.Fields(p)) <= maxCircumstanceWords {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "; ")
}

// shiftBefore is a named kind of work told as what came before the night
// or the sleep: a clause that opens with it ("Late shift, got in at 1am",
// "Post-shift sleep 0800-1430") or the sleep after it ("after night
// shift", "off the late shift", "after my 12 hours duty", "after
// nights"), its end ("finished my night shift at 7am", "got off shift at
// 7", "came back from night duty") or a change of rota ("switched to
// nights", "on days then"). A plain "after my shift" names no kind.
var shiftBefore = pattern.MustCompile(`^(?:late|early|split|day|night|post)[- ]?shift\b|\b(?:after|post|off) (?:my |the |a )?` + shiftKind + `[- ]?(?:shift|duty)\b|\bafter nights\b|` + shiftEnded + `|` + rotaChange)

// shiftEnded is a shift told by its end: "finished my night shift", "got
// off shift", "came back from night duty".
const shiftEnded = `\b(?:finished|finishing|got off|came (?:back|home) from|clocked off|knocked off) (?:my |the |a )?(?:` + shiftKind + `[- ]?)?(?:shift|duty)\b`

// rotaChange is a change of rota or the rota then: "switched to nights",
// "was on days then". "Back on days" alone is labelled no note (round 22).
const rotaChange = `\b(?:switched|switching|moved|changed|swapped) (?:over )?(?:to|onto|on) (?:nights|days|lates|earlies|night shifts?|day shifts?)\b|\bon (?:nights|days|lates|earlies) (?:then|that week|this week)\b`

// shiftKind is the kind of a shift: "night", "late", "12 hour".
const shiftKind = `(?:night|late|early|split|day|long|double|\d+[- ]?(?:hours?|hrs?|h))`

// shiftAside is work told only as when the caffeine was had, as the day
// off, or as what the alarm was for: the fields hold those.
var shiftAside = pattern.MustCompile(`\b(?:on|during|before|b4|pag) (?:my |the |a )?(?:\w+ )?shift\b|\boff duty\b|\bfor (?:my |the |a )?(?:\w+ )?shift\b|\bfrom (?:my |the |a )?(?:night )?shift\b`)

// shiftTold reports whether a clause tells the work that came before the
// night, which a note keeps.
func shiftTold(clause string) bool {
	return shiftBefore.MatchString(clause) && !shiftAside.MatchString(clause) && !hasCaffeine(clause)
}

// drinkAside is what a clause about caffeine says of it besides: that it
// did not help, that it was had (or not) all day.
var drinkAside = pattern.MustCompile(`\b(?:not|didn t|didnt|didn't|did not|no) help\b|\b(?:all day|(?:the )?whole day)\b`)

// drinkNoHelp reports whether a clause's only circumstance is a drink
// with caffeine that "probably didn't help" or none "all day": the
// caffeine field holds it.
func drinkNoHelp(clause string) bool {
	return hasCaffeine(clause) && drinkAside.MatchString(clause) && !circumstance.MatchString(drinkAside.ReplaceAllString(clause, " "))
}

// energyDrinks are drinks with caffeine, which the caffeine field holds.
var energyDrinks = pattern.MustCompile(`\benergy drinks?\b`)

// maxCircumstanceWords bounds a clause kept for its circumstances: a long
// one is a story, not a note.
const maxCircumstanceWords = 20

// circumstance is a word of what went with a night: where in the legs,
// what came before it (drink, heat, stress, travel), who saw it and what
// helped.
var circumstance = pattern.MustCompile(`\b(?:while|whilst|both legs|left leg|right leg|left side|right side|one leg|mostly|beers?|wine|alcohol|drinks|pints?|whiske?y|aircon|air con|heatwave|too hot|too cold|freezing|stress\w*|anxious|worried|exams?|deadline|travel\w*|flight|flew|long drive|gym|workout|football|baby|wife|husband|partner|helped|exhausted|knackered|buggered|shattered|worn out|wiped out|sofa|couch|watching|hot water bottle|heating pad|massage|bath|meeting|days? off|party|wedding|funeral|hospital|long (?:\w+ )?(?:day|round|route|haul)|on call|despite|to ease|(?:left|right) (?:calf|foot|thigh|knee|ankle|shin|hip)|walk(?:ed|ing|s)? (?:about|around|round|up and down|in (?:the |my )?(?:kitchen|hall|hallway|house|garden|room|corridor))|walk(?:ed|ing|s)? (?:the |my )?(?:yard|floors?|halls?|hallway|house|garden|landing|corridors?|room|kitchen|street)|(?:my|me|lower|upper) back|back(?:ache| ache| pain)|(?:long|double) shifts?|(?:hour|hr|hrs|hours) (?:day|shift|route|run|drive)|cab|lorry|hotel|crew|deploy|marking|plou?ghing|plowing|(?:not|didn t|didnt|did not|no) help|(?:it|that|this) (?:really |did )?help(?:ed)?|(?:the|my|me) \w+(?: \w+)? (?:maybe |probably |might be |is |s |are |really |seems to be )?helping|get comfy|get comfortable|calving|lambing|harvest\w*|rotation|standing|came off|got back to sleep|work(?:ed|ing)? late|in the car|cold water|the cold|(?:makes?|made|making) (?:it|them|things|my legs|me legs|the legs|my calves) (?:so |really |more |go )?(?:worse|stiff|sore|achy|ache|restless|twitchy|jumpy|tight|heavy)|walked \d+|\d+(?:,\d+)?k? steps|long walk|(?:a|an|my|the|evening|short|long) walk|walk(?:ed|ing|s)? with|skat\w*|skiing|swim\w*|cycling|climbing|surfing|tennis|netball|rugby|in the heat|(?:the|a|this) heat|humid\w*|(?:started|began|begun|kicked off) (?:this|last) week|hike[ds]?|hiking|ran \d+ ?(?:k|km|miles?)|after (?:my |the |a )?(?:training|practice)|plane|jet ?lag|\d+[- ]?(?:hours?|hrs?) (?:at|straight)|\d+[- ]?(?:hour|hr) night|all day|(?:the )?whole day)\b`)

// because is a reason given; legsBecause one that the fields already
// hold ("woke twice because of the legs", "a 6 because I woke twice",
// "better because I did the stretching").
var (
	because     = pattern.MustCompile(becauseWords)
	legsBecause = pattern.MustCompile(becauseWords + `(?: of)? (?:i |the |my |me |them |those )?(?:(?:did|do|didn t|didnt|did not|skipped|forgot)(?: to)? (?:the |my |me |some |any )?)?(?:legs?|twitch\w*|jerk\w*|kick\w*|jump\w*|restless\w*|spasm\w*|rls|symptoms?|it|them|woke|wake|waking|coffee|caffeine|tea|cramps?|stretch\w*)\b`)
)

// becauseWords are the words that give a reason.
const becauseWords = `\b(?:because|cos|cuz|bc|due to)\b`

// clauseParts cut a message into the parts a note is kept from: at
// punctuation, at "and", and at a "so" that gives the upshot ("on a roof
// all day in the heat so probably that").
var clauseParts = pattern.MustCompile(`[,.;!\n]+|\s+and\s+|\s+so\s+(?:probably|prob|maybe|i guess|i reckon|i think|must be|must have been|that s|thats|that's)\b`)

// pairedAnd are phrases whose "and" joins no two clauses: "walk up and
// down", "pins and needles", "on and off".
var pairedAnd = pattern.MustCompile(`(?i)\b(up|back|on|in|pins|tossing|toss|tossed) and (down|forth|off|out|needles|turning|turn|turned)\b`)

// noteClauses cuts raw into clauseParts, keeping a pairedAnd whole.
func noteClauses(raw string) []string {
	const joined = "\x00"
	parts := clauseParts.Split(pairedAnd.ReplaceAllString(raw, "${1}"+joined+"${2}"), -1)
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(p, joined, " and ")
	}
	return parts
}

// feltNight is a night told by how it felt: "bad night", "a rough one",
// "fine night": last night's, not the evening now.
var feltNight = pattern.MustCompile(`\b(?:awful|terrible|horrible|bad|rough|poor|dreadful|rotten|great|good|lovely|quiet|calm|fine|decent|ok|okay|shocking|brutal|wretched|tidy|amazing|rubbish|shocker|grim|crap|crappy|lousy|restless|sleepless|excellent|wonderful|fantastic|brilliant|miserable|horrendous|peaceful|better|worse)(?: old)? (?:night|nite|one)\b`)

// noStretch is stretching told as not done: "I did not do the stretching",
// "didn't do my stretches", "I not stretch yesterday".
var noStretch = pattern.MustCompile(`\b(?:did not|didnt|didn't|never|forgot to|do not|dont|don't|don t|i not|i no) (?:do |did |make |get to )?(?:the |my |any )?stretch(?:es|ing)?\b|` + stretchLeftOut)

// stretchLeftOut is stretching left undone in other words: "neglected my
// stretches", "missed my stretching", "forgot about the stretches".
const stretchLeftOut = `\b(?:neglected|neglect|neglecting|skipped|skip|skipping|missed|forgot|forgot about|ignored|blew off|bailed on|slacked on|gave up) (?:doing |to do )?(?:the |my |me |any |all my |all the )?(?:evening |nightly |bedtime |usual |daily )?stretch(?:es|ing)?\b`

// correctionRe marks a message that corrects a score given before.
var correctionRe = pattern.MustCompile(`\b(?:actually|oops|sorry|nvm|never mind|nevermind|my bad|meant to|wait|amend|amended|update|edit|correction|correct|error|mistake|mistook|typo|i said|i put|i wrote|i typed|i write|i put in|not an? (?:10|\d)|make (?:that|it) an?|no wait|wait no|scratch that|i mean|scusa|correct am|no be (?:10|\d)|not be (?:10|\d))\b`)

// correctedScore is the score a correction gives: "make that a 6 not a
// 5", "I said 6 earlier but it was more like a 7", "not 6, 4", "the
// score of this night is 5, not 3".
func correctedScore(t string) (int, bool) {
	if !correctionRe.MatchString(t) {
		return 0, false
	}
	t = withoutTimes(t) // "sorry, bed was 7 not 7:30" mends a bedtime
	for _, re := range correctedScores {
		if m := re.FindStringSubmatch(t); m != nil {
			n, err := strconv.Atoi(m[1])
			return n, err == nil
		}
	}
	return 0, false
}

// countNotThat is a count of wakings taken back after the new one: "3
// times it woke me not 2"; its group is what comes before the old count.
var countNotThat = pattern.MustCompile(`(\b(?:times?|x)\b[^.;,]{0,25}?)\b(?:not|instead of|rather than)\s+(?:\d+|once|twice)\b(?:\s*times?)?`)

// clockTold is a time written as one: "7:30", "11.15", "10pm".
var clockTold = pattern.MustCompile(`\b\d{1,2}[:.]\d\d\b(?:\s?(?:am|pm))?|\b\d{1,2}\s?(?:am|pm)\b`)

// withoutTimes blanks the times and counts t tells (a bedtime, a wake
// time, a clock written as one, "3 times it woke me"), so that a
// correction's numbers left are scores.
func withoutTimes(t string) string {
	t = countNotThat.ReplaceAllString(t, "$1")
	t = awakeCount.ReplaceAllString(t, " ")
	t = awakeRe.ReplaceAllString(t, " ")
	t = bedAtRe.ReplaceAllString(t, " ")
	t = wakeAtRe.ReplaceAllString(t, " ")
	return clockTold.ReplaceAllString(t, " ")
}

// correctedScores read the new score of a correction, in order.
var correctedScores = []*pattern.Rule{
	pattern.MustCompile(`\b(?:said|put|put in|wrote|write|typed|gave it|logged)(?: an?)? (?:10|\d)\b.{0,50}?\b(?:was|is|be|like|make it|actually|meant to be|should be|should have been)(?: more like)?(?: an?)? (10|\d)\b`),
	// "e no be 4, na 6" (Nigerian Pidgin)
	pattern.MustCompile(`\b(?:no|not) be (?:an? )?(?:10|\d),? (?:na|but|it s|its) (?:an? )?(10|\d)\b`),
	pattern.MustCompile(`\bna (10|\d)\b.{0,15}\bno be (?:an? )?(?:10|\d)\b`), // "na 4 I mean, no be 7"
	pattern.MustCompile(`\b(10|\d),? not (?:an? )?(?:10|\d)\b`),
	pattern.MustCompile(`\bnot (?:an? )?(?:10|\d),? (?:but |it was |it s |its |is |it is |was )?(?:an? )?(10|\d)\b`),
	pattern.MustCompile(`\bmake (?:that|it) (?:an? )?(10|\d)\b`),
	// "meant to put 3 for last night, not 2"
	pattern.MustCompile(`\bmeant to (?:put|say|write|type|log|give it|enter)(?: in)?(?: an?)? (10|\d)\b`),
	pattern.MustCompile(`\b(?:no wait|wait no|scratch that|i mean|sorry|oops|actually),? (?:it was |make it |more like )?(?:an? )?(10|\d)\b`),
	pattern.MustCompile(`\b(?:score|it)(?: of (?:this|last) night| for last night)? (?:is|was|should be) (?:actually )?(?:an? )?(10|\d)\b`),
}

// noCaffeine says no caffeine was had: "no tea or coffee after 2pm",
// "nothing with caffeine".
var noCaffeine = pattern.MustCompile(`\b(?:didn'?t|did not|not|never|don'?t|do not|no longer)\s+(?:\w+\s+)?(?:drink|drank|have|had|take|took|touch|touched)\s+(?:any\s+|a\s+|no\s+|my\s+)?(?:\w+\s+)?(?:coffee|tea|caffeine|coke|cola|energy drinks?|monsters?|red bull|espresso|latte)\b|\bno (?:energy drinks?|monsters?|red bulls?|lattes|coffees|teas)\b|\b(?:stayed|kept|laid|stay|keep|lay) off (?:the )?(?:coffee|tea|caffeine|coke|cola|energy drinks?|monsters?|red bull)\b|\b(?:cut out|avoided|skipped|gave up) (?:the |all |my )?(?:coffee|tea|caffeine|coke|cola|energy drinks?)\b|\bcut (?:the |all |my )?(?:coffee|tea|caffeine|coke|cola|energy drinks?) out\b|` + `\bno (?:tea|coffee|coke|cola|caffeine)(?: or (?:tea|coffee|coke|cola|caffeine))+\b|\bnothing with caffeine\b|\b(?:was|were|am) not (?:drinking|having|taking) (?:any )?(?:coffee|tea|caffeine|coke|cola)\b|\bno (?:tea|coffee|caffeine) (?:at all|whatsoever|after)\b`)

// symptomWord reports whether t names the legs or what they did.
func symptomWord(t string) bool {
	return hasPrefixWord(t, "leg", "calf", "calves", "thigh", "twitch", "jerk", "kick", "cramp", "crawl", "restless", "itch", "tingl", "ach", "jump", "rls", "symptom", "burning")
}

var (
	// beforeNightRef and lastNightRef name the night before last and last
	// night; nightScore is the number that follows one.
	beforeNightRef = pattern.MustCompile(`\b(?:the )?night (?:before|afore|b4)(?: last| yesterday| that)?\b|\b(?:the )?previous night\b|\bnight prior\b|\bprior\b`)
	lastNightRef   = pattern.MustCompile(`\blast (?:night|nite)\b|\byesterday(?: night)?\b|\bthis night\b`)
	nightScore     = pattern.MustCompile(`(?:^|[\s,.;:(])(10|\d)(?:$|[\s,.;:!?)/])`)
)

// nightScores reads two nights told apart, each by its name and then its
// number ("the night before last was an 8, but last night a 4"; "last
// night 7, prior 5"), from a message whose times are already blanked. ok
// is false unless both nights have a number.
func nightScores(clean string) (last, before int, ok bool) {
	type ref struct {
		start, end int
		before     bool
	}
	var refs []ref
	masked := []byte(clean)
	for _, m := range beforeNightRef.FindAllStringSubmatchIndex(clean, -1) {
		refs = append(refs, ref{m[0], m[1], true})
		for i := m[0]; i < m[1]; i++ {
			masked[i] = ' ' // "the night before yesterday" is not yesterday
		}
	}
	for _, m := range lastNightRef.FindAllStringSubmatchIndex(string(masked), -1) {
		refs = append(refs, ref{m[0], m[1], false})
	}
	if len(refs) < 2 {
		return 0, 0, false
	}
	slices.SortFunc(refs, func(a, b ref) int { return a.start - b.start })
	last, before = -1, -1
	for i, r := range refs {
		end := len(clean)
		if i+1 < len(refs) {
			end = refs[i+1].start
		}
		// A number said as a score ("a rotten one, a 2") before a bare one.
		m := scoreLead.FindStringSubmatch(clean[r.end:end])
		if m == nil {
			m = nightScore.FindStringSubmatch(clean[r.end:end])
		}
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		switch {
		case r.before && before < 0:
			before = n
		case !r.before && last < 0:
			last = n
		}
	}
	if len(refs) == 2 && refs[0].before != refs[1].before && (last < 0) != (before < 0) {
		// "the night before last was worse than last night: a 7, as
		// against a 4": both nights named, then both numbers, in order.
		if a, b, ok := respectiveScores(clean[refs[1].end:]); ok {
			if refs[0].before {
				return b, a, true
			}
			return a, b, true
		}
	}
	return last, before, last >= 0 && before >= 0
}

// respectiveScores reads the two numbers said after two nights named
// together ("… than last night: a 7, as against a 4"), in the order the
// nights were named. ok is false unless there are exactly two.
func respectiveScores(tail string) (first, second int, ok bool) {
	ms := nightScore.FindAllStringSubmatch(strings.ReplaceAll(tail, ",", ", "), -1)
	if len(ms) != 2 {
		return 0, 0, false
	}
	first, _ = strconv.Atoi(ms[0][1])
	second, _ = strconv.Atoi(ms[1][1])
	return first, second, true
}

// twoNights reports whether t tells two nights ("last night 4, the night
// before 7"), not only the night before last.
// nightBeforeIn is the match of a second night's score, told after the
// night (nightBeforeRe) or before it (nightBeforeLate); its first group
// is the score.
func nightBeforeIn(t string) []string {
	if m := nightBeforeRe.FindStringSubmatch(t); m != nil {
		return m
	}
	return nightBeforeLate.FindStringSubmatch(t)
}

func twoNights(t string) bool {
	return has(t, "last night", "lastnight", "last nite", "this night", "yesterday night") || strings.Count(t, "night") >= 2 && !has(t, "night before last was", "night before last it was") ||
		has(t, "night before yesterday") && has(t, "and yesterday", ", yesterday") // "the night before yesterday was 7 and yesterday 5"
}

// bodyNote reports whether a lowercased clause tells where or how the
// legs felt: a place in the legs ("bad in the thighs") in a clause of up
// to maxCircumstanceWords, a feeling ("cramp in my foot") in one of up to
// 12 words. A feeling of the legs as a whole ("legs pulling", "legs
// already crawling") is the symptom the score holds, no note, unless it
// tells how long it lasted (feltSpan).
func bodyNote(lp string, placeWords int) bool {
	n := len(strings.Fields(lp))
	return hasPrefixWord(lp, legPlaces...) && n <= placeWords ||
		hasPrefixWord(lp, bodyWords...) && (!has(lp, "legs", "leg") || feltSpan.MatchString(lp) || hasPrefixWord(lp, sharpFeelings...)) && n <= 12
}

// sharpFeelings are the places and feelings a note keeps even beside the
// legs as a whole: "tingling in the feet", "legs cramped", "legs full of
// ants".
var sharpFeelings = []string{"feet", "foot", "toes", "hip", "hips", "cramp", "tingl", "burning", "pain", "pins and needles", "ants"}

// maxFeltWords bounds the clause naming a place in the legs that alone
// makes a message a night told by how it felt.
const maxFeltWords = 12

// feltSpan is how long a feeling lasted, which no field holds: "from 10
// till 1", "all night", "for hours".
var feltSpan = pattern.MustCompile(`\b(?:till|until|til|all night|whole night|for hours|for (?:\d+|an?|two|three) (?:hours?|hrs?))\b`)

// noteIn keeps the parts of a message that say something the fields do
// not: where it was felt, cramps, aches ("calves again").
func noteIn(raw string) string { return noteWithin(raw, maxCircumstanceWords) }

// noteWithin is noteIn keeping a place in the legs only from a clause of
// up to placeWords words.
func noteWithin(raw string, placeWords int) string {
	var keep []string
	for _, part := range noteClauses(raw) {
		p := strings.TrimSpace(part)
		lp := strings.ToLower(p)
		if len(p) >= 5 && strings.EqualFold(p[:5], "note:") {
			keep = append(keep, strings.TrimSpace(p[5:]))
			continue
		}
		// Not the calves of "did my calf stretches": a stretch is no feeling.
		if bodyNote(lp, placeWords) && !hasPrefixWord(lp, "stretch") {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "; ")
}
