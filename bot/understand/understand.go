// Package understand reads a message written in plain words and says what
// the user wants: a question for the library, something to log (a night,
// water, late caffeine, stretching), a request about reminders, a setting
// (bedtime, wake time, time zone), small talk, a warning sign, or nothing it
// can place. It extracts the values too ("a couple of glasses" is 500 ml,
// "half past nine" is 21:30). It never touches a store: the caller decides
// what to do, and asks before it changes anything.
//
// Warning signs come from the content package and always win.
package understand

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/places"
	"github.com/calmnights/calmnights/content"
	"github.com/calmnights/calmnights/content/pattern"
)

// Action is what a message asks for.
type Action string

// The actions.
const (
	Question  Action = "question"
	SmallTalk Action = "smalltalk"
	Warning   Action = "warning"
	Unknown   Action = "unknown"
	Log       Action = "log"
	Water     Action = "water"
	Remind    Action = "remind"
	Pause     Action = "pause"
	Resume    Action = "resume"
	Snooze    Action = "snooze"
	Quiet     Action = "quiet"
	Bedtime   Action = "bedtime"
	WakeTime  Action = "waketime"
	TimeZone  Action = "timezone"
	// Medicine is a dose told as taken ("took 2 paracetamol at 9"):
	// values name, dose and at.
	Medicine Action = "med"
	// Forget asks to delete everything stored: it opens /forget's
	// confirmation, which deletes nothing until it is answered.
	Forget Action = "forget"
	// Privacy asks what is stored, or to withdraw consent: /privacy.
	Privacy Action = "privacy"
)

// Changes reports whether acting on the intent would change stored data.
func (a Action) Changes() bool {
	switch a {
	case Question, SmallTalk, Warning, Unknown, Forget, Privacy, Show:
		return false
	}
	return true
}

// Intent is what a message means.
type Intent struct {
	Action Action
	// Values are the slots read from the message, all strings: for Log
	// night (0 is last night), score, woke, caffeine, stretched, note, when
	// ("tonight"); Water ml; Remind kind, at (HH:MM), every and in
	// (minutes), days, state; Pause days or hours; Snooze minutes; Quiet
	// from, to or state; Bedtime and WakeTime at; TimeZone zone.
	Values map[string]string
	// Choices are the zones a place may mean when it is ambiguous; Values
	//["zone"] is the first.
	Choices []string
	// Places are the Choices as places ("Portland, Maine, United
	// States"), for a pick-list to name them; nil when they are zones only.
	Places []places.Place
	// Answer is the library's answer to the message, worked out once: the
	// warning signs, and the topic for a question.
	Answer content.Answer
}

// Classifier reads messages. It is safe for concurrent use.
type Classifier struct {
	lib *content.Library
}

// New returns a classifier that asks lib about warning signs and
// questions; nil means the embedded library.
func New(lib *content.Library) *Classifier {
	if lib == nil {
		lib = content.Default()
	}
	return &Classifier{lib: lib}
}

// Classify says what text means.
func (c *Classifier) Classify(text string) Intent {
	in := Intent{Values: map[string]string{}}
	in.Answer = c.lib.Ask(text)
	if len(in.Answer.Urgent) > 0 || len(in.Answer.Flags) > 0 {
		in.Action = Warning
		return in
	}
	t := normalize(text)
	if a, ok := dataRequest(t); ok {
		in.Action = a
		return in
	}
	// "weekly summary off" turns the weekly reminder off; it does not ask
	// to see the week.
	if cmd, ok := navigation(t); ok && !(cmd == "week" && kindIn(t) == "weekly" && switchWord(t)) {
		in.Action, in.Values["command"] = Show, cmd
		return in
	}
	if isSmallTalk(t) {
		in.Action = SmallTalk
		return in
	}
	// "you forgot that it woke me up" tells, however it starts.
	question := isQuestion(t) && !forgotWokeRe.MatchString(t)
	request := isRequestForm(t)
	if !question || request {
		if a, ok := reminderRequest(t, in.Values); ok {
			in.Action = a
			return in
		}
		// A message that scores a night tells that night ("in bed by 5,
		// legs went nuts til 6. 8/10"), whatever habit it also names.
		// "correction: went to bed at 1:30 not 12" mends a night told;
		// it sets no usual bedtime.
		usual := has(t, "normal", "usual", "usually", "generally", "customary", "always")
		if a, ok := setting(t, &in); ok && !scoresANight(t) && !(a != TimeZone && correctionTold.MatchString(t) && !usual) && (!diaryStory(t) || usual) {
			in.Action = a
			return in
		}
		clear(in.Values)
	}
	if !question {
		// A dose in a long story ("I took my magnesium. I think I drank
		// enough…") is part of the story, not a dose to log.
		if len(strings.Fields(t)) < storyWords && medicineTaken(t, text, in.Values) {
			in.Action = Medicine
			return in
		}
		clear(in.Values)
		if ml, ok := water(t); ok {
			in.Action, in.Values["ml"] = Water, strconv.Itoa(ml)
			return in
		}
		// A long story the library can answer ("I'd feel that sensation
		// and the leg jerked…") is told to be understood, not logged:
		// only a score given as one ("7/10", "I'd rate it a 3") makes it a
		// night to log.
		if logNight(t, text, in.Values) && (explicitScore(t) || in.Answer.Topic == nil || len(strings.Fields(t)) < storyWords) {
			in.Action = Log
			return in
		}
	}
	clear(in.Values)
	// An errand ("can you book me a physio appointment", "order me a new
	// mattress") is nothing the bot does or answers.
	if errandAsk.MatchString(t) {
		in.Action = Unknown
		return in
	}
	// Something asked is a question, answered or honestly refused by the
	// library, even when no topic answers it ("could my antihistamines be
	// making it worse?").
	if in.Answer.Topic != nil || question && !in.Answer.Statement && (in.Answer.Outside || aboutOurSubject(t)) {
		in.Action = Question
		return in
	}
	in.Action = Unknown
	return in
}

// errandAsk is an errand asked of the bot, politely or bare: to order,
// book, buy or call something for the person ("book me a doctors
// appointment for tuesday").
var errandAsk = pattern.MustCompile(`^\s*(?:(?:can|could|would|will) (?:you|u)\s+|please\s+|pls\s+|kindly\s+)?(?:please\s+|kindly\s+|just\s+)?(?:order|book|buy|purchase|phone|ring|schedule|arrange)\s+(?:me|us|my|a|an|the|some)\b`)

// correctionTold mends something just told: "correction:", "sorry, I
// went to bed at 11 not 10".
var correctionTold = pattern.MustCompile(`\b(?:correction|correcting|sorry|oops|my bad|i meant|meant to say|misstated|mistyped|should be \d+ rather than)\b|\bnot (?:10|\d) but (?:10|\d)\b|` + notThatTime)

// notThatTime is the time a correction takes back: "… at 11 not 10".
const notThatTime = `\bnot (?:at )?\d{1,2}(?::\d\d)?\s*(?:am|pm)?\s*[.!]*$`

// ourSubject are words of a question about legs, sleep or what the
// article covers, though no topic answers it.
var ourSubject = pattern.MustCompile(`\b(?:legs?|calf|calves|thighs?|feet|foot|twitch\w*|jerk\w*|cramp\w*|spasm\w*|restless\w*|rls|plmd|sleep\w*|asleep|night\w*|evening|bed|bedtime|iron|ferritin|magnesium|potassium|tablets|pills|meds|medicines?|medication|supplements?|hereditary|genetic|inherited|runs? in (?:the|my) family|symptoms?|doctor|neurologist)\b|` + bareAsk)

// bareAsk is a question of ours that names nothing, the subject being
// the one the person is living with: "is it normal to have this at
// 15??", "is it worse if you sit driving all day".
const bareAsk = `\b(?:is (?:it|this|that) normal to (?:have|get|feel) (?:this|it|these|them)|is (?:it|this|that) (?:worse|better) (?:if|when|after|with))\b`

// aboutOurSubject reports whether a question speaks of our subject.
func aboutOurSubject(t string) bool { return ourSubject.MatchString(t) }

// trailingScore is a night's score said last, after a full stop or a
// comma: "... Say 4", "... slept like a log. 2".
var trailingScore = pattern.MustCompile(`[.,!;]\s*(?:say |call it |give it |i give |i'd say |id say |i would say |i think |i guess |maybe |probably |prob )?(?:an? )?(10|\d)\s*[.!]*$`)

// scoresANight reports whether t gives a night its score.
func scoresANight(t string) bool {
	return explicitScore(t) || trailingScore.MatchString(strings.TrimSpace(t)) || has(t, "last night", "lastnight", "last nite", "lst nite", "overall night")
}

// clockish reports whether t names a time of day.
func clockish(t string) bool {
	return clockishRe.MatchString(t)
}

// snoozeIn is a reminder asked for again in a while: "remind me in 30",
// "again in 15 min".
var snoozeIn = pattern.MustCompile(`^.{0,30}?\b(?:remind (?:me|her|him|us|them)(?: again)?|again|ask (?:me|her|him)|nudge (?:me|her|him)) (?:in|after) (\d+)\s*(?:m|min|mins|minutes)?\s*[.!]*\s*(?:,.{0,40})?$|^.{0,20}?\b(?:give|gimme) (?:me|us|her|him) (?:another |an extra )?(\d+) (?:more )?(?:m|min|mins|minutes)\b`)

// storyWords is the length from which a message without a score is a
// story to answer rather than a night to log.
const storyWords = 30

// punct turns punctuation into spaces, for matching whole words.
var punct = strings.NewReplacer(",", " ", ".", " ", "!", " ", "?", " ", ";", " ", ":", " : ")

// has reports whether t holds any of the phrases as whole words.
func has(t string, phrases ...string) bool {
	padded := " " + punct.Replace(t) + " "
	for _, p := range phrases {
		if strings.Contains(padded, " "+p+" ") {
			return true
		}
	}
	return false
}

// hasPrefixWord reports whether a word of t starts with one of the stems.
func hasPrefixWord(t string, stems ...string) bool {
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r == '-' || r == '\'') }) {
		for _, s := range stems {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
	}
	return false
}

var smallTalkPhrases = map[string]bool{
	"hi": true, "hello": true, "hey": true, "hiya": true, "yo": true, "hola": true, "hallo": true, "howdy": true, "g'day": true, "gday": true, "g day": true, "kia ora": true, "sup": true,
	"hello there": true, "hi there": true, "hey there": true, "good morning": true, "good evening": true, "good afternoon": true,
	"good night": true, "goodnight": true, "night": true, "nite": true, "morning": true, "gm": true, "gn": true,
	"thanks": true, "thank you": true, "thx": true, "ty": true, "thanks a lot": true, "thank you so much": true, "thank u": true,
	"thank u so much": true, "thanks so much": true, "many thanks": true, "cheers": true, "great thanks": true, "ok thanks": true,
	"ok": true, "ok cool": true, "okay cool": true, "ok great": true, "okay": true, "k": true, "kk": true, "hmm": true, "hmm ok": true, "ok then": true, "okay then": true, "i see": true, "right": true, "fair enough": true, "cool": true, "nice": true, "great": true, "awesome": true, "perfect": true,
	"got it": true, "alright": true, "sure": true, "yes": true, "no": true, "yep": true, "nope": true, "lol": true, "haha": true,
	"bye": true, "goodbye": true, "see you": true, "see ya": true, "later": true, "cya": true, "who are you": true,
	"what are you": true, "are you a bot": true, "are you real": true, "you're great": true, "you are great": true,
	"youre great": true, "love you": true, "i love you": true, "you rock": true, "how are you": true, "whats up": true,
	"hows it going": true, "how's it going": true, "how is it going": true, "how are things": true, "hows things": true, "how's things": true,
	"what's up": true, "good bot": true, "nice one": true, "sounds good": true, "that helps": true, "that helped": true,
	// Greetings borrowed from other tongues in English chat.
	"habari": true, "jambo": true, "mambo": true, "salaam": true, "salam": true, "namaste": true, "asante": true, "shukran": true,
	"nos da": true, "cheerio": true, "ta": true, "ta ta": true, "cheers bud": true, "thanks bud": true, "thanks mate": true, "thanks boss": true,
}

// isSmallTalk reports greetings, thanks and chit-chat.
func isSmallTalk(t string) bool {
	t = strings.Join(strings.FieldsFunc(t, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" '.,?-", r))
	}), " ")
	if parts := sentenceEnds.Split(strings.TrimSpace(t), -1); len(parts) > 1 {
		// "Good morning. Thank you for your support.": each sentence
		// small talk.
		all := true
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" && !isSmallTalk(p) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	s := strings.TrimSpace(strings.Trim(t, " .!?,:)(🙂😊🙏👍❤️"))
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, ",", " ")), " ")
	if smallTalkPhrases[s] {
		return true
	}
	// "Thank you very much for your help", "Good morning, my friend!",
	// "Night night, off to bed now": a greeting or thanks with a few
	// words of no substance.
	s = byeRe.ReplaceAllString(hiRe.ReplaceAllString(heyRe.ReplaceAllString(s, "hey"), "hi"), "bye")
	if smallTalkPhrases[s] {
		return true // "heyyy 👋"
	}
	for _, lead := range []string{"wah gwaan", "assalam o alaikum", "assalamu alaikum", "salaam", "jazakallah", "thank you", "thanks", "many thanks", "cheers", "ty", "diolch", "good morning", "good evening", "good night", "night night", "morning", "bye", "goodbye", "hello", "hi", "hiii", "hii", "hey", "gracias", "thank you so very much", "thank you so much", "thank you very much", "cheerio", "ta", "nos da", "bye for now", "later", "night all", "asante", "shukran", "namaste", "habari", "jambo", "mambo", "salam"} {
		if rest, ok := strings.CutPrefix(strings.ReplaceAll(s, ".", " "), lead+" "); ok && len(strings.Fields(rest)) <= 8 && !strings.ContainsAny(rest, "0123456789?") && !hasPrefixWord(rest, "leg", "calf", "calves", "twitch", "cramp", "water", "remind", "coffee", "night was", "woke", "score", "log", "delete", "data") && smallRest.MatchString(strings.TrimSpace(rest)) {
			return true
		}
	}
	if appreciation(s) {
		return true
	}
	// "hiya hows it going", "hello how are things": a greeting and then
	// small talk.
	for _, lead := range []string{"thanks", "thank you", "thank u", "hi", "hiya", "hello", "hey", "ok thanks"} {
		if rest, ok := strings.CutPrefix(s, lead+" "); ok && len(strings.Fields(rest)) <= 4 && !strings.ContainsAny(rest, "0123456789") {
			if smallTalkPhrases[rest] {
				return true
			}
			if len(strings.Fields(rest)) > 2 {
				continue
			}
			if rest == "bot" || rest == "so much" || rest == "a lot" || rest == "again" || rest == "calm nights" || rest == "there" {
				return true
			}
		}
	}
	return false
}

// appreciation reports thanks, praise, a blessing or a kind goodnight in
// a short message that asks for nothing and tells nothing of a night:
// "Thank you kindly, I mean that", "ur actually kinda useful", "Bless you
// mi dear, have a good night", "Salamat for the tips".
func appreciation(s string) bool {
	if len(strings.Fields(s)) > maxAppreciationWords || strings.ContainsAny(s, "0123456789") || !appreciationWord.MatchString(s) {
		return false
	}
	// "that is most helpful" praises; "is it safe" asks.
	rest := thatIs.ReplaceAllString(kindNight.ReplaceAllString(s, " "), " ")
	// "leg" as a word, not a prefix: "cheers legend" is thanks.
	return !has(rest, "leg") && !hasPrefixWord(rest, "legs", "calf", "calves", "twitch", "cramp", "jerk", "kick", "water", "remind", "coffee", "woke", "wake", "score", "log", "delete", "data", "night", "nite", "slept", "sleep", "pause", "stop", "privacy", "report", "chart", "week", "journal", "time", "zone", "bed", "pill", "tablet", "took", "taken", "medicine", "med", "what", "why", "how", "can", "could", "should", "is", "does", "do you", "tell", "explain", "am i", "whether", "view", "opinion") || howAreYou.MatchString(s)
}

// maxAppreciationWords bounds a message read as thanks alone.
const maxAppreciationWords = 20

var (
	// appreciationWord is a word of thanks, praise or blessing.
	appreciationWord = pattern.MustCompile(`\b(?:thank\w*|thanks|thx|cheers|salamat|diolch|merci|grateful|star|gem|angel|appreciate\w*|bless you|god bless|useful|helpful|handy|great help|big help|such a help|a help|you rock|legend|goated|the goat|ty|tysm|lifesaver|life saver|how you dey|how are you|how r u|how you doing)\b`)
	// thatIs is "that is" in praise: "that is most helpful".
	thatIs = pattern.MustCompile(`\b(?:that|this|it|which) (?:is|was|s)\b`)
	// kindNight is a goodnight wished, not a night told.
	kindNight = pattern.MustCompile(`\b(?:have a (?:good|nice|lovely|great|peaceful) (?:night|evening|day|one)|good ?night|sleep well|nice night)\b`)
	// howAreYou asks after the bot, not about the legs.
	howAreYou = pattern.MustCompile(`\b(?:how are you|how r u|how you dey|how you doing)\b`)
)

// sentenceEnds cut small talk into sentences.
var sentenceEnds = pattern.MustCompile(`[.!?]+\s*`)

// heyRe and hiRe are greetings with their letters drawn out: "heyyy",
// "hiiii".
var (
	heyRe = pattern.MustCompile(`^hey+\b`)
	hiRe  = pattern.MustCompile(`^hii+\b`)
	byeRe = pattern.MustCompile(`\bbyee+\b`)
)

// smallRest is what may follow a greeting or thanks in small talk.
var smallRest = pattern.MustCompile(`^(?:(?:very|so|much|for|your|the|help|my|friend|all|again|off|to|bed|now|speak|talk|tomorrow|later|soon|see|you|everyone|there|bot|dear|mate|pal|buddy|lovely|kind|kindly|always|sunshine|out|thank|thanks|good|morning|night|evening|a|wee|belter|star|legend|amigo|you re|youre|you are|bestie|ily|po|cher|chere|ta-ra|tara|now|x+|:\)|!+|,|\.|support|appreciate|it|i|do|been|great|help|to|me|dear|very|grand|that's|thats|god|bless|goodnight|sweet|dreams|take|care|a lot|you help me|helped|helping|bless|up|are|blessing|lowkey|lifesaver|life saver|your|you're|for|jazakallah|bud|boss|fam|bro|sis|hen|lad|lass|chief|guv|noo|fir|now|nos da|helpful|useful|is|was|really|that s|that is|much appreciated|appreciated|ur|best|the best|most|kind|cool|o|oh|of|darling|my darling|love|hun|have|nice|day|weekend)\s*)+$`)

// questionWords start a question.
var questionWords = map[string]bool{
	"what": true, "whats": true, "what's": true, "why": true, "how": true, "can": true, "could": true, "is": true, "are": true,
	"does": true, "do": true, "should": true, "when": true, "which": true, "will": true, "would": true, "where": true,
	"who": true, "whos": true, "am": true, "has": true, "have": true, "shall": true, "may": true, "isnt": true, "any": true,
}

// clauseSplit cuts a message into sentences and clauses.
var clauseSplit = pattern.MustCompile(`[.!;,\n]+`)

// hedgedScore is a score closed by a question mark of doubt, not of
// asking: "took like 30 mins to fall asleep, maybe a 5?", "prob a 6??".
var hedgedScore = pattern.MustCompile(`([\s,.;:](?:maybe|like|prob|probably|about|around|roughly|i guess|i think|i d say|id say) (?:a |an )?(?:10|\d)(?:\s*/\s*10)?)\s*\?+\s*$`)

// isQuestion reports whether t is asked rather than told.
func isQuestion(t string) bool {
	t = strings.ReplaceAll(t, "is that of", "") // "my time zone is that of New Zealand"
	t = hedgedScore.ReplaceAllString(t, "$1")   // "…, maybe a 5?": unsure, not asking
	if strings.Contains(t, "?") {
		return true
	}
	f := strings.Fields(fillerLead.ReplaceAllString(t, "")) // "ok what stretches tho"
	if len(f) == 0 {
		return false
	}
	if len(f) > 1 && (f[0] == "what" || f[0] == "how") && (f[1] == "a" || f[1] == "an") && !strings.Contains(t, "?") {
		return false // "what a night", an exclamation
	}
	if f[0] == "did" { // "did 10 minutes of stretching", "did my stretches" tell; "did i..." asks
		return len(f) > 1 && (f[1] == "i" || f[1] == "you" || f[1] == "it" || f[1] == "we")
	}
	if habitWhen.MatchString(t) && !has(t, "should i", "can i", "could i", "do i", "must i", "shall i", "what", "how", "why", "is it", "is that") {
		return false
	}
	if questionWords[f[0]] {
		return true
	}
	// A later clause asked as a question: "… for a week now. what is the
	// cause of that", "i drink 4 coffees on shift, could that be why".
	for _, clause := range clauseSplit.Split(t, -1) {
		w := strings.Fields(clause)
		exclaim := len(w) > 1 && (w[0] == "what" || w[0] == "how") && (w[1] == "a" || w[1] == "an") ||
			len(w) > 2 && w[0] == "should" && w[1] == "you" && (w[2] == "need" || w[2] == "wish" || w[2] == "want") // "should you need to know"
		// "I know, is bad": two words are a remark, not a question.
		// "…, which confuses every app": a relative clause tells.
		// "…, is getting little better", "…, is only 8pm": a subject
		// left out, as a non-native speaker tells.
		// "…, is bad i know": a fault owned, not asked about.
		// "…, is not 6 it was 5": a score taken back.
		told := len(w) > 1 && w[0] == "is" && (w[1] == "getting" || w[1] == "only" || w[1] == "already" || w[1][0] >= '0' && w[1][0] <= '9') ||
			len(w) > 2 && w[0] == "is" && w[1] == "not" && w[2][0] >= '0' && w[2][0] <= '9' ||
			len(w) > 2 && w[0] == "is" && w[len(w)-2] == "i" && w[len(w)-1] == "know"
		if len(w) > 2 && questionWords[w[0]] && w[0] != "did" && w[0] != "any" && w[0] != "which" && !exclaim && !told {
			return true
		}
	}
	t = knowHow.ReplaceAllString(t, " ") // "woke me I don't know how many times" tells
	return has(t, "which ones", "which one", "what ones", "tell me about", "i wonder", "wondering", "explain", "is that true", "is that linked", "is it linked", "is that connected", "is it true", "or just", "do you reckon", "what do you reckon", "what do you think", "is there a link", "is that related", "could that", "would that", "does that", "is that", "any tips", "any advice", "is it the", "is that normal", "is this normal", "wats that", "whats that about", "what is that", "could that be", "could it be", "is that why", "is it normal",
		"kindly advise", "please advise", "advise me", "asks if", "asks whether", "wants to know", "asked if", "how much", "how many", "how long", "how often", "i would like to know", "id like to know", "i'd like to know", "let me know", "i want to know") ||
		askedTail.MatchString(t)
}

// habitWhen is a habit told under a condition, no question: "when I'm
// off duty I wake up at 7am", "whenever I work nights I go to bed at 9am".
var habitWhen = pattern.MustCompile(`^\s*(?:when|whenever) (?:i|i'm|im|i am|i've|ive|my)\b[^?]*?\b(?:i|i'm|im)\s+(?:usually |normally |always |generally |typically |tend to )?(?:wake|get up|go to bed|go to sleep|go bed|sleep|turn in|hit the|get to bed)\b[^?]*$`)

// fillerLead is a word that only opens a message: "ok", "so", "and".
var fillerLead = pattern.MustCompile(`^\s*(?:ok|okay|so|and|but|right|well|hmm|um|yeah|alright|oh|ah)[,.!]?\s+`)

// askedTail is a question said without a question mark: "bad for the
// twitching or what", "ok to take it with my energy drinks", "energy
// drinks before bed bad aye", "… legs jumpin is it them", "… calves
// twitching all night. why".
var askedTail = pattern.MustCompile(`\b(?:or what|or not|or nah|yes or no|right or wrong)\s*[.!]*$|\bis it (?:them|that|this|those|these|the \w+)\s*[.!]*$|(?:^|[.!,;]\s*)(?:why|how come|what causes it|whats that about|why is that)\s*[.!]*$|\b(?:bad|good|ok|okay|safe|normal|harmful|worse|better|dangerous|serious) (?:aye|eh|innit|yeah|yea|right)\s*[.!]*$|(?:^|[.!;]\s*)(?:is it |its |it s )?(?:ok|okay|alright|safe) to (?:take|drink|have|mix|use|do|keep)\b`)

// knowHow is "how many" said inside a statement: "I don't know how many
// times", "lost count of how many".
var knowHow = pattern.MustCompile(`\b(?:dont|don't|do not|didnt|didn't|no idea|lost count of|cant say|can't say) (?:know )?how (?:many|much|long|often)\b`)

// isRequestForm reports a question that is really a request: "can you
// remind me", "could you set".
func isRequestForm(t string) bool {
	t = fillerLead.ReplaceAllString(t, "") // "oh could you remind me in an hour"
	for _, p := range []string{"can you ", "could you ", "would you ", "will you ", "can u ", "could y'all ", "can y'all ", "pls ", "please ", "can i set ", "could i get ", "stop ", "turn ", "switch ", "set ", "change ", "pause ", "cancel ", "remind ", "move "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	// "I'm off to Lanzarote for a week, can you stop all the reminders",
	// "Dear Calm Nights, would you kindly remind me…": the request after
	// a story or a greeting.
	return laterRequest.MatchString(t)
}

// laterRequest is a request to the bot further into a message: a polite
// "can you" or "please" before a verb of the bot's settings.
var laterRequest = pattern.MustCompile(`(?:^|[,.;!]\s*|\b(?:so|and|but)\s+)(?:(?:can|could|would|will) (?:you|u|ya|y'all)(?: please| kindly| just)?|please|pls|kindly|is it possible to|is there a way to|could i|can i) (?:get|have|stop|turn|switch|set|change|pause|cancel|remind|move|hush|mute|silence|holler at me|give me a shout|nudge|ping|put|go by|use|make it|remove|delete|erase)\b`)

// kindIn reads which reminder a message is about.
func kindIn(t string) string {
	switch {
	case hasPrefixWord(t, "stretch"):
		return "stretch"
	case has(t, "wind down", "winddown", "wind-down", "unwind", "unwinding", "wind down reminder", "winding down", "wind-down reminder", "wine down", "wined down",
		"ready for bed", "get ready for bed", "getting ready for bed", "relax before sleep", "relax before bed", "relaxing before bed", "relax before sleeping"):
		return "winddown"
	case hasPrefixWord(t, "caffeine", "coffee", "cutoff", "cut-off") || has(t, "cut off") || stopDrink.MatchString(t):
		return "caffeine"
	case hasPrefixWord(t, "water", "hydrat", "drink"):
		return "water"
	case has(t, "weekly", "week summary", "weekly summary", "summary every week", "every week summary", "sunday summary", "week in review"):
		return "weekly" // "weekly summary off", "the weekly reminder on"
	case has(t, "morning", "check in", "check-in", "checkin", "morning check", "log my night", "log me night", "log me sleep", "log the night", "log my sleep", "log last night", "rate my night", "score my night", "record my night"):
		return "morning"
	case has(t, "evening", "evenings", "night time", "nighttime", "bedtime", "before bed"):
		// "the evening reminders": the evening stretch is the evening's.
		return "stretch"
	}
	return ""
}

// quietFirst reports whether t opens with "quiet", as quiet hours asked
// for tersely ("quiet 23:00-07:00"), and not a night told as quiet
// ("quiet night last night, a 2").
func quietFirst(t string) bool {
	f := strings.Fields(t)
	if len(f) < 2 || f[0] != "quiet" {
		return false
	}
	next := strings.Trim(f[1], ",.!")
	return next != "night" && next != "nite" && next != "one" && next != "sleep"
}

// stopDrink is a caffeine cut-off in words: "stop taking tea", "no more
// coffee", "last cuppa".
var stopDrink = pattern.MustCompile(`\b(?:stop (?:taking|drinking|having)|no more|last|quit|cut out|lay off|no) (?:the |my |any |me )?(?:tea|teas|cuppas?|coffees?|caffeine|brews?|cola|coke|energy drinks?|red bull|monsters?)\b`)

// fromToClock is a reminder moved from one time to another: the second
// is the new one.
var fromToClock = pattern.MustCompile(`\bfrom\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?\s+to\s+(.+)$`)

// reminderHour is a reminder's hour said last, with no "at": "morning
// reminder 7", "stretch reminder to 9pm".
var reminderHour = pattern.MustCompile(`\breminders?\s+(?:to\s+|for\s+)?(\d{1,2}(?::\d\d)?\s*(?:am|pm)?)\s*[.!]*\s*$`)

// cutoffAfter is a caffeine cut-off's time: "no more coffee after 2".
var cutoffAfter = pattern.MustCompile(`\b(?:after|past)\s+(\d{1,2}(?::\d\d)?\s*(?:am|pm)?)`)

// clockAfter reads the clock re's first group holds, as if said after
// "at": the new time of a reminder moved "from 9 to 10", a cut-off "after
// 2 oclock".
func clockAfter(re *pattern.Rule, t string, m meridiem) (int, bool) {
	g := re.FindStringSubmatch(t)
	if g == nil {
		return 0, false
	}
	return clockIn("at "+g[1], m)
}

// cutOff joins "cut off", so that the cut-off reminder is not read as
// one turned off.
var cutOff = strings.NewReplacer("cut off", "cutoff", "cut-off", "cutoff")

var minutesRe = pattern.MustCompile(`\b(\d+)\s*(minutes|minute|mins|min|m|hours|hour|hrs|hr|h)\b`)
var daysRe = pattern.MustCompile(`\b(\d+)\s*(days|day|d|nights|night)\b`)

// reminderRequest reads requests about reminders: set, on, off, default,
// pause, resume, snooze, quiet hours.
func reminderRequest(t string, v map[string]string) (Action, bool) {
	switch {
	case hasPrefixWord(t, "snooze") || snoozeIn.MatchString(t):
		if m := minutesRe.FindStringSubmatch(t); m != nil {
			n, _ := strconv.Atoi(m[1])
			if strings.HasPrefix(m[2], "h") {
				n *= 60
			}
			v["minutes"] = strconv.Itoa(n)
		} else if m := snoozeIn.FindStringSubmatch(t); m != nil {
			v["minutes"] = m[1] + m[2] // "remind me in 30"
		}
		return Snooze, true
	case quietFirst(t) || has(t, "quiet hours", "quiet time", "quiet times", "do not disturb", "dnd") || has(t, "quiet") && has(t, "between", "from", "off", "on", "default", "hours", "normal ones", "like before", "reset", "set") && !has(t, "legs quiet", "legs were quiet", "legs was quiet", "quiet night", "were quiet", "was quiet") || (has(t, "no reminders", "no notifications", "no notifs", "no notif", "no alerts", "nothing from you", "no messages", "no msgs", "no msg", "no texts", "no pings", "dont remind me", "don't remind me", "dont send", "don't send", "do not send", "don't message", "dont message") || has(t, "nothing", "anything") && hasPrefixWord(t, "send", "remind", "notif", "messag", "ping")) && (has(t, "between", "from", "after") || rangeOK(t)):
		if has(t, "off", "turn off", "disable", "no quiet", "remove", "cancel") && !has(t, "between", "from") {
			v["state"] = "off"
			return Quiet, true
		}
		if has(t, "default", "reset", "normal", "like before", "usual") || backAsItWas(t) {
			v["state"] = "default"
			return Quiet, true
		}
		a, b, ok := rangeIn(t)
		if ok {
			v["from"], v["to"] = ClockString(a), ClockString(b)
		}
		return Quiet, true
	}
	kind := kindIn(t)
	// "change the morning one to 2:30, I'm up early": a reminder moved,
	// whatever routine the reason tells.
	changeOne := kind != "" && has(t, "ones", "one") && has(t, "change", "move", "set", "put", "make") && clockish(t)
	reminderWord := hasPrefixWord(t, "remind", "notif", "nudge", "alert") || has(t, "check in", "check-in", "checkin", "holler at me", "give me a shout", "ping me") ||
		// "weekly summary off"
		kind == "weekly" && switchWord(t) ||
		// "stop the water ones", "turn the stretch one back on"
		kind != "" && has(t, "ones", "one", "thing", "things") && has(t, "stop", "turn off", "switch off", "turn on", "switch on", "back on", "off", "on", "default", "back to") ||
		changeOne ||
		// "gie us a shout tae stretch at hauf nine every night"
		kind != "" && has(t, "every night", "every evening", "every day", "every morning", "nightly", "each night") && clockish(t) ||
		// "water every 90 minutes"
		kind != "" && everyShort(t)
	if !reminderWord && !has(t, "pause", "resume", "unpause") || ownRoutine.MatchString(t) && !changeOne && !hasPrefixWord(t, "remind", "notif", "nudge", "alert") && !has(t, "check in", "check-in", "checkin") {
		return "", false
	}
	switch {
	case has(t, "pause", "mute", "silence", "hold", "suspend") || (kind == "" && has(t, "stop", "turn off", "switch off", "disable") && (has(t, "all", "everything", "for now", "for") || hasPrefixWord(t, "reminders"))) || (has(t, "no reminders", "no more reminders") && has(t, "for", "until")):
		if m := daysRe.FindStringSubmatch(t); m != nil {
			v["days"] = m[1]
		} else if m := minutesRe.FindStringSubmatch(t); m != nil && strings.HasPrefix(m[2], "h") {
			v["hours"] = m[1]
		}
		return Pause, true
	case has(t, "resume", "unpause") || (kind == "" && has(t, "start", "restart", "turn on", "switch on", "back on", "again") && !(has(t, "to start") && clockish(t))):
		return Resume, true
	}
	if kind == "" {
		return "", false
	}
	v["kind"] = kind
	switch {
	case has(t, "default", "reset", "back to normal", "automatic", "auto") || backAsItWas(t):
		v["state"] = "default"
		return Remind, true
	case has(t, "back on", "on again", "turn them on", "switch them on"):
		v["state"] = "on" // "I turned them off a while back, turn them back on"
		return Remind, true
	case kind == "caffeine" && (noCoffeeAt.MatchString(t) || stopDrink.MatchString(t) && clockish(t)):
		// "remind me no more coffee after 2": the cut-off's time.
	case has(cutOff.Replace(t), "off", "stop", "disable", "deactivate", "cancel", "no more", "dont", "don't", "remove", "delete", "turn off", "switch off", "kill") || hasPrefixWord(t, "discontinu", "unsubscrib"):
		v["state"] = "off"
		if d := daysIn(t); d != "" {
			v["days"] = d // "turn water reminders off on weekends"
		} else if d := forDays(t); d != "" {
			v["days"] = d // "switch off the wind-down reminder for 3 days"
		}
		return Remind, true
	}
	if n, ok := everyMinutes(t); ok {
		v["every"] = strconv.Itoa(n)
	} else if n, ok := inDuration(shortMins.ReplaceAllString(shortHours.ReplaceAllString(t, "$1 hours"), "$1 minutes")); ok {
		v["in"] = strconv.Itoa(n)
	} else if c, ok := clockAfter(fromToClock, t, kindMeridiem(kind)); ok {
		v["at"] = ClockString(c) // "from 9:00 pm to 9:45 pm": the new time
	} else if c, ok := clockIn(t, kindMeridiem(kind)); ok {
		v["at"] = ClockString(c)
	} else if c, ok := clockAfter(reminderHour, t, kindMeridiem(kind)); ok {
		v["at"] = ClockString(c) // "morning reminder 7"
	} else if c, ok := clockAfter(cutoffAfter, t, kindMeridiem(kind)); ok && kind == "caffeine" {
		v["at"] = ClockString(c) // "no more coffee after 2 oclock"
	}
	if d := daysIn(t); d != "" {
		v["days"] = d
	} else if d := forDays(t); d != "" {
		v["days"] = d // "stretches at 8pm for the next 3 days"
	}
	if v["at"] != "" && has(t, "turn on", "switch on", "turn it on", "switch it on", "enable", "activate") {
		v["state"] = "on" // "turn on the wind-down reminder at 22h"
	}
	if v["every"] == "" && v["in"] == "" && v["at"] == "" && v["days"] == "" {
		if has(t, "on", "turn on", "switch on", "enable", "start", "activate", "like", "want", "would like") || strings.Contains(t, "remind me") {
			v["state"] = "on"
		} else {
			return "", false
		}
	}
	return Remind, true
}

// forDaysRe is how many days a reminder is set or stopped for: "for the
// next 3 days", "for 14 days".
var forDaysRe = pattern.MustCompile(`\bfor (?:the next |the coming |another |a further )?(\d+) (?:days|nights)\b`)

// forDays reads the days of forDaysRe, "" when t says none.
func forDays(t string) string {
	if m := forDaysRe.FindStringSubmatch(t); m != nil {
		return m[1]
	}
	return ""
}

// everyShort reports whether t is a short request for something every
// so often: "water every 90 minutes", "stretch every 2 hours please".
func everyShort(t string) bool {
	_, ok := everyMinutes(t)
	return ok && len(strings.Fields(t)) <= 6 && !has(t, "drank", "drink", "had", "did", "done")
}

// switchWord reports whether t turns something on or off.
func switchWord(t string) bool {
	return hasPrefixWord(t, "off", "on", "stop", "disable", "enable", "turn", "switch", "cancel", "default", "reset", "discontinu", "unsubscrib")
}

// backAsItWas reports whether t asks for a setting as it first was: "put
// that reminder back how it was at the start", "set the quiet times back
// to whatever they were to start with".
func backAsItWas(t string) bool {
	return has(t, "back how it was", "back to how it was", "back to how they were", "back how they were", "the way they were", "back the way it was", "how it was at the start", "whatever they were", "whatever it was", "to start with", "as it was at first", "original settings", "the original", "back to the normal", "the normal one", "back to the usual", "the usual one")
}

// ownRoutine is a person telling their own day, not asking for a
// reminder: "I'm normally up at 6:30 every morning".
var ownRoutine = pattern.MustCompile(`\b(?:i'm|im|i am|i|she|he|she's|he's|we)\s+(?:normally|usually|always|generally|mostly|still|often)?\s*(?:up|get up|gets up|wake|wakes|wake up|wakes up|go to bed|goes to bed|in bed|asleep)\b|^\s*(?:up|in bed|asleep|awake) (?:at|by) \d`)

// noCoffeeAt is the caffeine cut-off told as a rule with its time: "no
// coffee after 2", "no more coffee at 2".
var noCoffeeAt = pattern.MustCompile(`\b(?:no (?:more )?|stop (?:the )?|stop drinking )(?:coffee|caffeine|tea|coke|cola)s? (?:after|at|past|from|by) \d`)

// rangeOK reports whether t holds a range of two times.
func rangeOK(t string) bool { _, _, ok := rangeIn(t); return ok }

// kindMeridiem is how a bare hour reads for a kind of reminder.
func kindMeridiem(kind string) meridiem {
	switch kind {
	case "morning":
		return morning
	case "water", "caffeine":
		return daytime
	}
	return evening
}

// rangeIn reads "from 11pm to 7am", "between 10 pm and 8 am", "22:00-07:00".
func rangeIn(t string) (int, int, bool) {
	for _, sep := range []string{" to ", " and ", " until ", " till ", " til ", "-"} {
		i := strings.LastIndex(t, sep)
		if i < 0 {
			continue
		}
		left, right := t[:i], " to "+strings.TrimSpace(t[i+len(sep):])
		for _, p := range []string{"from ", "between ", "after "} {
			if j := strings.LastIndex(left, p); j >= 0 {
				left = "at " + left[j+len(p):]
				break
			}
		}
		if !strings.HasPrefix(strings.TrimSpace(left), "at") {
			f := strings.Fields(left)
			switch {
			case len(f) > 1 && (f[len(f)-1] == "am" || f[len(f)-1] == "pm"):
				left = "at " + f[len(f)-2] + f[len(f)-1] // "10:30 pm to 6:00 am"
			case len(f) > 0:
				left = "at " + f[len(f)-1]
			}
		}
		from, to := evening, morning
		if daytimeHours.MatchString(t) {
			from, to = daytime, daytime // "during school 8:30 to 3:30"
		}
		a, ok1 := clockIn(left, from)
		b, ok2 := clockIn(right, to)
		if ok1 && ok2 && a != b {
			return a, b, true
		}
	}
	return 0, 0, false
}

// daytimeHours are quiet hours kept by day: school, work, meetings.
var daytimeHours = pattern.MustCompile(`\b(?:during|at|in) (?:school|work|class|classes|lessons|meetings?|the day|the daytime|office hours|lunch)\b|\b(?:school|work|office) hours\b`)

// startedUp is "started up" said of the legs, which names no wake time.
var startedUp = pattern.MustCompile(`\b(start(?:ed|ing|s)?|kick(?:ed|ing)|act(?:ed|ing)|play(?:ed|ing)|fir(?:ed|ing)|flar(?:ed|ing)) up\b`)

// habitBed is going to bed told as a habit: "I usually get to bed about
// 4", "normally head up to bed around 11".
var habitBed = pattern.MustCompile(`\b(?:usually|normally|generally|typically|always|mostly|tend to) (?:get|go|head|make it|crawl|climb|hop|get off) (?:up |off )?(?:to|into|in) (?:my |the )?bed\b`)

// setting reads bedtime, wake time and time zone statements.
func setting(t string, in *Intent) (Action, bool) {
	v := in.Values
	t = strings.ReplaceAll(t, " at all", "") // "did not wake at all" names no wake time
	// "legs started up at 10": the legs started, nobody got up.
	t = startedUp.ReplaceAllString(t, "$1")
	switch {
	case has(t, "go bed", "go sleep", "i go to sleep", "retire at", "sleeping time", "sleep time is", "bed's usually", "bed is usually", "bedtime's", "turn in around", "turn in at", "generally turn in", "usually turn in", "normally turn in", "bedtime", "bed time", "go to bed", "in bed by", "lights out", "normal bed", "usual bed", "usually crash", "generally retire", "usually retire", "i retire at", "in my bed about", "in my bed by", "in bed for", "usually in bed", "usually in my bed", "in bed about", "go up to bed", "go to sleep normally", "sleep normally at", "generally go up", "usually go up", "bed at", "go to sleep at", "go sleep at", "sleep at", "asleep by", "turn in at", "hit the sack", "hit the hay", "bed around", "bed by", "go to sleep around", "go to bed around", "i sleep around", "usually sleep", "normally sleep", "generally sleep", "usually asleep by", "i sleep by", "sleep by", "usually in my bed for", "in my bed for", "in the sack by", "in the sack around", "in the sack at", "hit the sack by") || habitBed.MatchString(t):
		if c, ok := clockIn(t, evening); ok {
			v["at"] = ClockString(c)
			return Bedtime, true
		}
	// A wake time said with the legs ("up at 4 as usual, legs were a 5")
	// tells a night, not the usual hour.
	case (has(t, "wake up normally", "wake up usually", "wake up always", "get up always", "wake always", "wake normally", "dey wake", "i wake by", "waking time", "wake time is", "wake-up time", "wake up time is", "normally up", "usually up", "always up", "generally up", "wakes at", "wakes up at", "gets up at", "normally up at", "usually up at", "always up at", "alarm's", "alarms", "alarm is", "alarm goes off", "wake up at", "wake at", "get up at", "waketime", "wake time", "wake-up time", "wake up time", "wakeup time", "alarm", "up at", "wake up around", "get up around", "awake at", "rise at", "get up about", "get up every day at", "get up every morning at", "get up each day at", "wake up every day at", "wake up about", "get up", "reveille", "wake up time is", "wake-up time is", "usual wake", "normal wake", "hour of rising", "usually rise", "generally rise") || has(t, "always wake up", "usually wake up", "usually i wake", "normally i wake", "usually i get up", "normally i get up", "normally wake up", "always wake", "always get up", "always up", "every day i wake", "every morning i wake", "normally wake", "usually wake", "generally wake", "typically wake", "typically get up", "each day i wake", "each morning i wake", "i wake up every", "usually get up", "normally get up", "generally get up", "always get up")) && !symptomWord(t):
		if c, ok := clockIn(t, morning); ok {
			v["at"] = ClockString(c)
			return WakeTime, true
		}
	}
	// The first lead after which a place is named: "we are relocating
	// to Zurich this month; please adjust my time zone accordingly" is
	// read at "relocating to", not at "time zone".
	place := ""
	t = stayingWith.ReplaceAllString(t, "staying in ")
	for _, p := range placeLeads {
		if i := strings.Index(t, p); i >= 0 {
			if c := cleanPlace(t[i+len(p):]); c != "" {
				if c := resolvingPlace(c, t[i+len(p):]); c != "" {
					place = c
					break
				}
				if place == "" {
					place = c
				}
			}
		}
	}
	if place == "" {
		place = cleanPlace(placeFallback(t))
	}
	if place == "" {
		return "", false
	}
	if name, _, ok := bot.ResolveTimeZone(place); ok && strings.Contains(place, "/") {
		in.Values["zone"] = name
		return TimeZone, true
	}
	ps, zs := findPlace(place)
	if len(zs) == 0 {
		return "", false
	}
	v["zone"] = zs[0]
	if len(zs) > 1 {
		in.Choices = zs
		if len(ps) == len(zs) {
			in.Places = ps
		}
	}
	return TimeZone, true
}

// resolvingPlace is the first of a place's readings that names a known
// place or zone: cleaned, then its first comma part, then the words after
// the lead up to the first comma ("Pontypridd, mind, in the Valleys" is
// Pontypridd; "Lisbon, in Graça, near the miradouro" is Lisbon).
func resolvingPlace(cleaned, raw string) string {
	cands := []string{cleaned}
	if i := strings.Index(cleaned, ", "); i > 0 {
		cands = append(cands, cleaned[:i])
	}
	if i := strings.IndexAny(raw, ",.;!?"); i > 0 {
		cands = append(cands, strings.TrimSpace(raw[:i]))
	}
	// "Handsworth, Birmingham": the town after the district.
	if i := strings.LastIndex(cleaned, ", "); i > 0 {
		cands = append(cands, cleaned[i+2:])
	}
	for _, c := range cands {
		if _, zs := findPlace(c); len(zs) > 0 || strings.Contains(c, "/") {
			return c
		}
	}
	return ""
}

// cleanPlace cuts a place named after a lead down to the name: "Phoenix
// for the winter now" is Phoenix.
func cleanPlace(place string) string {
	// The place ends where the sentence or clause does: "Manchester,
	// England" keeps its country, "melbourne btw" and "Cape Town, so
	// your times…" lose the rest.
	if i := strings.IndexAny(place, ".!?;"); i >= 0 {
		place = place[:i]
	}
	for _, cut := range []string{" btw", " so ", " and ", " since ", " for ", " but ", " - ", " near ", " this ", " because ", " till ", " until ", " to be ", " should ", " before ", " used to ", " previously ", " formerly "} {
		if i := strings.Index(place+" ", cut); i > 0 {
			if cut == " near " {
				place = place[i+len(cut):] // "Portugal, near Lisboa": the nearer place
				break
			}
			place = place[:i]
		}
	}
	if i := strings.Index(place, ", "); i > 0 {
		if rest := strings.TrimSpace(place[i+2:]); strings.HasPrefix(rest, "so ") || strings.HasPrefix(rest, "i ") || strings.HasPrefix(rest, "which") || strings.HasPrefix(rest, "your") || strings.HasPrefix(rest, "should") || strings.HasPrefix(rest, "before") || strings.HasPrefix(rest, "used to") {
			place = place[:i]
		}
	}
	place = strings.Trim(place, " .!,:")
	for _, tail := range []string{" now", " these days", " at the moment", " currently", " for now", " please", " pls", " thanks", " way", " time", " tx", " lol", " port", " change time", " change time pls"} {
		place = strings.TrimSuffix(place, tail)
	}
	for _, lead := range []string{"the city of ", "sunny "} {
		place = strings.TrimPrefix(place, lead)
	}
	return place
}

// placeLeads are the words after which a message names where the person
// is, most particular first: "my time zone should be Europe/Berlin" is
// read at "should be", not at "time zone".
var placeLeads = []string{"time zone should be ", "timezone should be ", "my time zone is that of ", "time zone is that of ",
	"time zone is ", "timezone is ", "time zone to ", "timezone to ", "time zone ", "timezone ", "tz ",
	"home is ", "a farm outside ", "home base is ", "residing in ", "i am residing in ", "moved me to ", "set me to ", "just outside ", "outside of ", "outside ", "just out of ",
	"i'm out ", "im out ", "i live in ", "we live in ", "i reside in ", "we reside in ", "reside in ", "my home is in ", "home is in ",
	"i'm over in ", "im over in ", "over in ", "i'm in ", "im in ", "i am in ", "we are in ", "we're in ", "moved to ", "i'm based in ", "im based in ",
	"based in ", "based ", "i'm living in ", "living in ", "i live here in ", "working in ", "i'm from ", "im from ", "i live near ", "live near ", "we live near ", "now in ", "i'm now in ", "travelling to ",
	"traveling to ", "staying in ", "tz : ", "tz: ", "stationed in ", "stationed at ", "current station : ", "station : ", "posted to ",
	"gone back to ", "went back to ", "going back to ", "gone to ", "flying to ", "flew to ", "heading to ", "headed to ",
	"relocating to ", "moving to ", "moved out to ", "staying with my dad in ", "staying w my dad in ", "staying with my mum in ", "staying w my mum in ", "staying with my parents in ", "staying with family in ", "staying with friends in ", "at uni in ", "studying in ", "live in ",
	"working from ", "down in ", "up in ", "out in ", "home in ", "i dey ", "we dey ", "i bide in ", "we bide in ", "bide in ", "i stay in ", "we stay in ",
	"based out of ", "hauling out of ", "working out of ", "driving out of ", "trucking out of ", "out near ", "a farm near ", "out past ",
	"visiting my daughter in ", "visiting my son in ", "visiting family in ", "visiting my family in ", "visiting friends in ", "visiting my parents in ", "visiting my mum in ", "visiting my mom in ", "visiting my sister in ", "visiting my brother in ", "visiting ", "moved over to ", "over to ", "at our ", "in our ",
	"my place of residence is ", "place of residence is ", "residence is ", "'s in ", "am in ",
	// Work away from home: "travel nursing contract in Phoenix", "on
	// assignment in Denver", "a placement in Leeds".
	"contract in ", "assignment in ", "placement in ", "rotation in ", "posting in ", "secondment in ",
	// Time away: "I go home to Romania, in Cluj", "on holiday in Lanzarote".
	"go home to ", "going home to ", "gone home to ", "went home to ", "on holiday in ", "on vacation in ", "on holiday to "}

// stayingWith is a stay at family's or friends' home in a place: "at my
// dads in dublin", "at my sister's in Leeds", "at my parents place in
// Cork".
var stayingWith = pattern.MustCompile(`\bat (?:my|our) (?:dad|mum|mom|mam|ma|pa|parent|gran|nan|grandma|grandad|granny|nana|sister|brother|daughter|son|aunt|auntie|uncle|cousin|friend|mate|boyfriend|girlfriend|partner|folk|in-law)(?:'s|s'|s)?(?: (?:place|house|home|flat))? in\b`)

// placeFallback finds a place in a message that asks to change the time
// zone without a lead ("in Chicago till Fri, switch tz", "visiting my
// daughter in Auckland, set my time there"), or that is a place alone
// ("Toronto.").
func placeFallback(t string) string {
	alone := strings.Trim(t, " .!?")
	for _, lead := range []string{"in ", "near ", "at "} {
		alone = strings.TrimPrefix(alone, lead) // "in Mesa Arizona till March"
	}
	if words := strings.Fields(alone); len(words) > 0 && len(words) <= maxPlaceAloneWords && !strings.ContainsAny(t, "0123456789") {
		// A place alone is one whose name starts the message, with at
		// most its region or country after it: "Toronto." and "winnipeg
		// manitoba" are places, "buy bitcoin" is not (though a town called
		// Buy is).
		for _, p := range places.Find(alone) {
			if namesPlace(alone, p) {
				return alone
			}
		}
	}
	if !has(t, "tz", "time zone", "timezone", "local time", "my time", "my times", "set my time", "her time", "his time", "my clock", "time difference", "daylight saving") {
		return ""
	}
	for _, m := range inPlace.FindAllStringSubmatch(t, -1) {
		if _, zs := findPlace(m[1]); len(zs) > 0 {
			return m[1]
		}
	}
	return ""
}

// maxPlaceAloneWords bounds a message read as a place alone.
const maxPlaceAloneWords = 6

// namesPlace reports whether text, a whole message, starts with p's city
// or country name, and names nothing after it but p's region or country
// and the words places.Find reads around a place ("till March").
func namesPlace(text string, p places.Place) bool {
	t := places.Normalize(text)
	for _, name := range []string{p.City, p.Country} {
		n := places.Normalize(name)
		if n == "" || !strings.HasPrefix(t+" ", n+" ") {
			continue
		}
		rest := strings.TrimSpace(strings.TrimPrefix(t, n))
		if rest == "" || len(places.Find(rest)) > 0 && (strings.HasPrefix(places.Normalize(p.Province), rest) || strings.HasPrefix(rest, places.Normalize(p.Province)) || strings.HasPrefix(rest, places.Normalize(p.Country))) {
			return true
		}
		if len(places.Find(n+" "+rest)) > 0 && len(strings.Fields(rest)) <= 2 {
			return true // "till march", "for now": words read around a place
		}
	}
	return false
}

// inPlace is a place after "in" or "to": "in Chicago till Fri".
var inPlace = pattern.MustCompile(`\b(?:in|to) ([a-z][a-z'-]*(?: [a-z][a-z'-]*){0,2})`)

// findPlace returns the places and zones a place name means, trying the
// name whole, then its last part after " in " ("my daughter in
// auckland"), then shorter from its end ("manchester, in england, should
// you need to know" is Manchester).
func findPlace(place string) ([]places.Place, []string) {
	try := func(p string) ([]places.Place, []string) {
		ps := places.Find(p)
		return ps, places.Zones(ps)
	}
	if ps, zs := try(place); len(zs) > 0 {
		return ps, zs
	}
	// "hamilton in the waikato, nz": the town narrowed by the country
	// said last, the region between left out.
	if head, country, ok := cutLast(place, ", "); ok {
		if town, _, ok := strings.Cut(head, " in "); ok {
			if ps, zs := try(town + ", " + country); len(zs) > 0 {
				return ps, zs
			}
		}
	}
	// "bath, in somerset": the town and then its region, not a place in
	// Somerset; the pair first, then the town alone.
	if town, region, ok := strings.Cut(place, ", in "); ok {
		for _, p := range []string{town + ", " + region, town} {
			if ps, zs := try(p); len(zs) > 0 {
				return ps, zs
			}
		}
	}
	if i := strings.LastIndex(place, " in "); i >= 0 {
		if ps, zs := try(place[i+4:]); len(zs) > 0 {
			return ps, zs
		}
	}
	if ps, zs := regionOverTown(place); len(zs) > 0 {
		return ps, zs
	}
	words := strings.Fields(strings.ReplaceAll(place, ",", " , "))
	for n := min(len(words)-1, 4); n >= 1; n-- {
		if ps, zs := try(strings.Join(words[:n], " ")); len(zs) > 0 {
			return ps, zs
		}
	}
	return nil, nil
}

// regionOverTown reads "town, region" where the data knows the region
// (a province or a country) but not the town in it ("scarborough,
// ontario": the Scarborough it knows is in England): the region's places,
// not a namesake's far away. A city after the comma is no region here:
// "Guildford, Surrey" is not Surrey in Canada.
func regionOverTown(place string) ([]places.Place, []string) {
	town, region, ok := cutLast(place, ", ")
	if !ok || strings.TrimSpace(town) == "" {
		return nil, nil
	}
	rps := places.Find(region)
	if !slices.ContainsFunc(rps, func(p places.Place) bool { return inRegion(p, region) }) {
		return nil, nil // the words after the comma name no region or country
	}
	if slices.ContainsFunc(places.Find(town), func(p places.Place) bool { return inRegion(p, region) }) {
		return nil, nil // the town is known there: read the name whole
	}
	return rps, places.Zones(rps)
}

// inRegion reports whether p lies in the region or country region names.
func inRegion(p places.Place, region string) bool {
	r := places.Normalize(region)
	return r != "" && (places.Normalize(p.Province) == r || places.Normalize(p.Country) == r)
}

// cutLast slices s around the last sep: "a, b, c" is "a, b" and "c".
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// forgetRe and privacyRe read requests about the user's own data: delete
// all of it ("delete my data", "forget me", "erase everything about me"),
// or what is kept and the consent to keep it.
var (
	// iForget is forgetting as memory fails ("with three children I
	// forget everything"), not a request to delete.
	iForget   = pattern.MustCompile(`\b(i|i always|i often|i just|i keep|i tend to|we|you) (forget|forgets|forgot)\b|\bforgetful\b`)
	forgetRe  = pattern.MustCompile(`\b(?:delete|erase|remove|wipe|destroy|purge)\b.{0,20}\b(?:all )?(?:the )?(?:information|info|data|details) (?:you|u) (?:hold|have|keep|store|stored|got)\b.{0,10}\b(?:about|on|of) me\b|\b(?:all )?(?:of )?my (?:information|data|details|notes|records) (?:to be |be )?(?:deleted|erased|removed|wiped)\b|\b(delete|erase|remove|wipe|clear|destroy|purge|forget)\b.{0,25}\b(my (data|account|info|information|details|records|journal|history|profile|stuff|everything)|all (of )?(?:my|me) (data|info|information|notes|records|stuff)|everything (about me|you (have|know|stored|keep|store)|i (told|gave|logged))|all (about|of) me|everything)\b|\bforget (about )?me\b|\b(?:delete|erase|remove|wipe)\b.{0,10}\ball (?:the )?data\b.{0,30}\b(?:about|on|of) me\b|\b(delete|erase|remove) me\b|\bforget all my (data|info|information|details)\b|\b(?:remove|delete|erase|wipe|clear)\b.{0,15}\b(?:everything|everyting|evryting|all|anything)\b.{0,25}\b(?:about me|bout me|on me|you have (?:stored |kept |saved |got )?(?:about|on) me|you ve (?:stored|kept|saved|got)|you (?:stored|kept|saved))\b|\bget rid of (?:all )?(?:of )?my (?:data|information|info|notes|details|records|stuff)\b`)
	privacyRe = pattern.MustCompile(`\bwho (?:fit|can|could|go|will) see (?:wetin|what|the things|the stuff) (?:i|me) (?:dey |de )?(?:write|type|put|send)\b|\bwhat (?:all |exactly |kind of |sort of )?(?:information|data|info) (?:you are|you re|are you|you|do you|have you got|have you) (?:keeping|storing|holding|retaining|keep|store|hold|retain|got|have|collect|collecting)\b|\bwho (?:has|have|can get|gets) access to (?:my|the|what)\b|\bis (?:it )?private what i (?:write|say|type|tell)\b|\bcan (?:my )?(?:boss|employer|family|wife|husband|partner|work) see (?:it|this|what|my)?\b|\b(?:my )?(?:info|information|data|details|entries|notes) (?:is |are )?(?:shared|passed on|sold|given) (?:with|to)\b|\bwhat (?:exactly |precisely |actually )?(?:do )?you (?:actually )?(?:keep|store|save|have|hold) (?:about|on) me\b|\bwhat do you (?:actually )?(?:keep|store)\b|\bwho (?:else |all )?can see (?:it|my|what)\b|\bcan anyone (?:else )?see\b|^\s*withdraw\s*$|\b(withdraw|revoke|take back|cancel|remove) (my )?(consent|permission)\b|\b(stop|do not|dont|don t) (?:you |u )?(keeping|storing|saving|keep|store|save) (my )?(health )?(notes|data|info|information)\b|\bwhat (data|do you (store|keep|know)|information)\b.{0,20}\b(me|store|keep|have)\b|\bmy privacy\b|\bwhat (?:exactly |else )?(?:are|do) you (?:storing|keeping|saving|holding|store|keep|save|know) (?:about|on) me\b|\b(?:which|what) (?:personal )?(?:data|information|info) do you (?:store|keep|hold|have|collect)\b|\bwhat do you keep about me\b|\b(?:do not|dont|no longer|don't) consent\b|\bcan (?:my \w+|anyone|anybody|other people|others|people|my family) (?:else )?see (?:this|it|my|what)\b|\bwho (?:else )?(?:can|could|will|would) (?:see|read|get) (?:the |my |this |all )?(?:information|data|info|notes|entries|messages|stuff|what i)\b|\bwhere (?:exactly )?(?:is|are|do you keep|do you store) my (?:data|information|info|notes|entries)\b|\b(?:shared|share|sharing|sell|sold|selling|give|given) (?:it |them |my data |my information )?(?:with|to) (?:third parties|any third part\w*|anyone|others|advertisers|insurers)\b|\bworried about my (?:data|privacy|information)\b|\b(?:do|will|would) you (?:share|sell|give|pass on|send) (?:my|our) (?:data|information|info|details|notes|records)\b|\bwhere (?:is|are) (?:the|my|all the|this) (?:data|information|info)\b.{0,20}\b(?:stored|kept|saved|held)\b|\bhipaa\b|\bgdpr\b|\bmy (?:boss|employer|family|wife|husband|partner|work|insurer) (?:can|could|will|would) see (?:it|this|my|what)\b|\bis my (?:data|information|info|diary|journal|stuff) (?:safe|secure|private)\b|\bwho (?:else )?(?:gets|get) to see\b`)
)

// DataRequest reads a request about the user's stored data in text:
// Forget ("delete my data") or Privacy ("withdraw my consent").
func DataRequest(text string) (Action, bool) { return dataRequest(normalize(text)) }

// dataRequest reads a request about the user's stored data.
func dataRequest(t string) (Action, bool) {
	switch {
	case iForget.MatchString(t):
		return "", false
	case forgetRe.MatchString(t) && !strings.Contains(strings.ReplaceAll(t, "calm nights", ""), "night") && !strings.Contains(t, "reminder") && !strings.Contains(t, "water"):
		return Forget, true
	case privacyRe.MatchString(t):
		return Privacy, true
	}
	return "", false
}
