package content

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/calmnights/calmnights/content/pattern"
)

// Thresholds of the answerer's confidence, set on the evaluation set in
// testdata/eval.yaml (see eval_test.go). A question is answered only when
// the best topic explains enough of it; otherwise the bot says honestly
// that it cannot answer. It never guesses.
const (
	// minScore is the least BM25 score of an answer.
	minScore = 1.0
	// minCoverageDomain is the share of a question's words the best topic
	// must hold when the question names our subject (legs, twitching...).
	minCoverageDomain = 0.34
	// minCoverageNear is that share for a question that does not name our
	// subject but something the article gives advice on (water, coffee...).
	minCoverageNear = 0.6
	// questionWeight is how much a close match with one of a topic's own
	// questions adds to its BM25 score.
	questionWeight = 5.0
	// warningTopicRank is how far down the ranking a topic about warning
	// signs may be to follow a see-a-doctor-soon answer.
	warningTopicRank = 3
	// maxRelated is how many related topics are offered with an answer.
	maxRelated = 3
)

// Answer is what the library has to say to one question.
type Answer struct {
	// Topic is the best topic, nil when none is a confident match.
	Topic *Topic
	// Related are up to three further topics worth offering.
	Related []*Topic
	// Flags are the see-a-doctor-soon warning signs found in the message
	// (the article's own: weakness, numbness, spreading or one-sided
	// twitching..., or two or more of its checklist signs).
	Flags []RedFlag
	// Urgent are the get-urgent-care-now signs found in the message.
	Urgent []RedFlag
	// Tier is how urgently the warning signs in the question need a
	// doctor: TierUrgent when Urgent is set, TierSoon when Flags is, else
	// TierNone. A warning answer never carries a reassuring topic: Topic is
	// then nil or a topic about warning signs (Topic.Warning).
	Tier Tier
	// Also is the second thing the question asks about, when it asks two
	// ("does coffee or stress make it worse?"): a topic that holds what
	// Topic does not. It is also the first of Related. Nil otherwise.
	Also *Topic
	// Refer names who can answer a question the article does not cover,
	// when it is clear ("a pharmacist, or the doctor who prescribed it",
	// "your midwife or doctor", "a vet"); "" otherwise.
	Refer string
	// Lang is the language the warning was read in when it is not
	// English ("es"): its reply is then UrgentReplyIn(Lang, …).
	Lang string
	// Statement reports that the message reads as something the writer
	// says about their own night ("it woke me up again"), not a question.
	// It never brings the doctor lead-in on its own; what to do with it
	// (offer to log it) is the caller's choice.
	Statement bool
	// Outside reports that the message's subject lies outside the article
	// (a medicine, a child, another body part alone): a story about it
	// gets the honest refusal, not the thanks a night's story gets.
	Outside bool
}

// Tier is how urgently a message's warning signs need a doctor.
type Tier int

// The tiers of warning signs.
const (
	// TierNone: no warning sign.
	TierNone Tier = iota
	// TierSoon: see a doctor soon.
	TierSoon
	// TierUrgent: get urgent care now.
	TierUrgent
)

// String returns "none", "soon" or "urgent".
func (t Tier) String() string {
	switch t {
	case TierSoon:
		return "soon"
	case TierUrgent:
		return "urgent"
	}
	return "none"
}

// Ask answers one question in plain words. It is safe for concurrent use
// and never panics, whatever the input.
func (lib *Library) Ask(question string) Answer {
	if len(question) > maxQuestionBytes {
		question = question[:maxQuestionBytes]
	}
	question = lib.lex.respellText(question)
	ans := Answer{Statement: lib.lex.isStatement(question)}
	m := lib.match(question)
	whole := m.terms
	// In a story with the question at its end, the question picks the
	// topic: a side word of the story must not.
	if q := questionPart(question); q != "" && m.subject.outside == "" {
		// The question is about the story's subject: "could stress be a
		// factor?" after three sentences about twitching calves.
		// But a question that points back at the story ("any harm in
		// that as regards the legs?" after a whiskey at night) asks
		// about what the story named, when the story's topic holds it.
		pointsBack := lib.pronounAsk(question) && m.confident() && lib.nearAnswered(m)
		if mq := lib.match(q); !pointsBack && mq.subject.outside == "" && (mq.confident() || m.domain && lib.nearAnswered(mq)) {
			mq.subject.mentioned = mq.subject.mentioned || m.subject.mentioned
			mq.domain = mq.domain || m.domain
			m = mq
		}
	}
	confident := lib.weigh(&m, whole)
	// "My mother swore by Epsom soaks… Does it do anything at all?": a
	// story about our subject that names things the article advises on,
	// asked about as "it": the topic that holds every one of them answers.
	if !confident && m.subject.outside == "" && m.domain && lib.nearAnswered(m) && lib.pronounAsk(question) {
		confident = true
	}
	ans.Outside = m.subject.outside != ""
	ans.Refer = m.subject.refer
	asked := false // a general question about an emergency sign
	if m.subject.outside != scopeAnimal {
		ans.Flags, ans.Urgent, asked = lib.redFlags.find(question)
	}
	switch {
	case asked:
		// The facts and when to see a doctor: the best topic about warning
		// signs, calmly.
		ans.Topic = lib.warningTopic(m.ranked)
		if ans.Topic != nil {
			ans.Related = lib.warningRelated(ans.Topic, m.ranked)
		}
	case len(ans.Urgent) > 0:
		// Get urgent care now, and nothing else.
		ans.Tier = TierUrgent
	case len(ans.Flags) > 0:
		// See a doctor soon; a topic only if it is about warning signs,
		// never a reassuring one.
		ans.Tier = TierSoon
		for _, d := range m.ranked[:min(len(m.ranked), warningTopicRank)] {
			if t := lib.index.topics[d]; t.Warning {
				ans.Topic = t
				ans.Related = lib.warningRelated(t, m.ranked)
				break
			}
		}
	case !ans.Outside && lib.twoParts(question, &ans):
		// Two questions in one ("what causes it and how do I stop it?"):
		// each part's own answer.
	case confident:
		ans.Topic = lib.index.topics[m.best]
		if d, ok := lib.also(m); ok {
			ans.Also = lib.index.topics[d]
			rel := slices.DeleteFunc(lib.related(ans.Topic, m.ranked), func(t *Topic) bool { return t == ans.Also })
			ans.Related = append([]*Topic{ans.Also}, rel...)
			ans.Related = ans.Related[:min(len(ans.Related), maxRelated)]
		} else {
			ans.Related = lib.related(ans.Topic, m.ranked)
		}
	}
	return ans
}

// nearAnswered reports whether the best topic of a question that names
// things around our subject (stress, water, coffee) holds every one of
// them: in a story about our subject, that is its answer.
func (lib *Library) nearAnswered(m match) bool {
	if len(m.nearTerms) == 0 || m.score < minScore || len(m.ranked) == 0 {
		return false
	}
	for _, t := range m.nearTerms {
		if !lib.index.holds(m.best, t) {
			return false
		}
	}
	return true
}

// animalSymptoms reports whether the question's symptoms are an
// animal's: one sentence names an animal and a leg or a symptom together,
// or no sentence names a symptom at all.
func (lib *Library) animalSymptoms(question string) bool {
	return lib.symptomsOf(question, scopeAnimal, false)
}

// childSymptoms reports whether the question's symptoms are a child's:
// one sentence names a child and a symptom together, or a sentence with
// a symptom speaks of him or her ("My son is 8. His legs jerk"), or no
// sentence names a symptom at all. A grandchild who only "used the
// phrase" leaves the writer's own question about a hypnic jerk.
func (lib *Library) childSymptoms(question string) bool {
	return lib.symptomsOf(question, scopeChild, true)
}

// symptomsOf reports whether the question's symptoms belong to the one
// its scope slot names (see animalSymptoms, childSymptoms); pronouns
// counts a symptom told of "him" or "her" as that one's.
func (lib *Library) symptomsOf(question, slot string, pronouns bool) bool {
	symptoms, asked, named, own := false, false, false, false
	for _, sentence := range splitAsked(question) {
		lower := vehicleQuad.ReplaceAllString(strings.ToLower(sentence.text), " ")
		_, _, direct := lib.concepts(sentence.text)
		names := lib.scope.judge(stemWords(sentence.text), direct, lib.lex).outside == slot || slot == scopeChild && childNoun.MatchString(lower)
		if !legWord.MatchString(lower) && !symptomWord.MatchString(lower) {
			// "My cat's skin ripples. Is that a twitch?" asks of the cat.
			refers := pronouns && thirdPerson.MatchString(lower) || named && pointsBack.MatchString(lower)
			asked = asked || sentence.asks && (names || refers)
			own = own || sentence.asks && !names && (firstPerson.MatchString(lower) || symptomIt.MatchString(sentence.text))
			named = named || names
			continue
		}
		symptoms = true
		if pronouns && thirdPerson.MatchString(lower) || names {
			return true
		}
		named = named || names
	}
	// A question with no symptom at all is about the animal or the child
	// ("how much water does a labrador need"), unless it asks about the
	// writer and they are only where the writer was ("does booze make it
	// worse? I have a beer after checking the ewes"; "how can I keep track
	// of this? With three children I forget everything").
	return !symptoms && (asked || !own)
}

// firstPerson is the writer speaking of themselves.
var firstPerson = pattern.MustCompile(`\b(?:i|me|my|myself|mine|im|i'm|i've|ive|i'd)\b`)

// pointsBack is a sentence that speaks of what the one before it told.
var pointsBack = pattern.MustCompile(`\b(?:that|this|these|those)\b`)

// askedSentence is one sentence of a message and whether it asks.
type askedSentence struct {
	text string
	asks bool
}

// splitAsked splits a message into sentences, each marked by whether it
// asks: it ends in a question mark or opens with a question word. A
// message of one sentence always asks.
func splitAsked(message string) []askedSentence {
	var out []askedSentence
	last := 0
	add := func(text, end string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		out = append(out, askedSentence{text: text, asks: strings.Contains(end, "?") || questionOpening.MatchString(text)})
	}
	for _, loc := range sentenceEnds.FindAllStringSubmatchIndex(message, -1) {
		add(message[last:loc[0]], message[loc[0]:loc[1]])
		last = loc[1]
	}
	add(message[last:], "")
	if len(out) == 1 {
		out[0].asks = true
	}
	return out
}

// questionOpening is a sentence that opens as a question.
var questionOpening = pattern.MustCompile(`(?i)^\s*(?:how|what|why|when|which|who|whats|can|could|should|would|will|is|are|does|do|did|any|anything|has|have)\b`)

// vehicleQuad is a quad bike, not the thigh's muscle: "fell off the quad
// going to check the ewes" tells no symptom of the ewes.
var vehicleQuad = pattern.MustCompile(`\b(?:(?:off|on|from|riding|rode|ride|drove|drive|driving|crashed|flipped|rolled|under) (?:the |my |a |his |her )?quad(?: ?bike)?|quad ?bikes?|atv)\b`)

// thirdPerson is someone else spoken of: he, she, they.
var thirdPerson = pattern.MustCompile(`\b(?:he|she|his|her|him|hers|they|their|them)\b`)

// symptomWord is a word of our subject's symptoms, for telling whose they
// are.
var symptomWord = pattern.MustCompile(`\b(?:twitch\w*|jerk\w*|jump\w*|kick\w*|cramp\w*|spasm\w*|restless|shak\w*|tremb\w*|weak\w*|limp\w*|numb\w*|sore|pain\w*|ache\w*|itch\w*|paw|paws|running in (?:his|her|their) sleep)\b`)

// scopeAnimal is the scope.yaml slot of animals: a pet's symptoms are for
// a vet, so they get neither a topic nor a warning tier.
const scopeAnimal = "animal"

// scopeChild and scopeBody are the slots of children and of other body
// parts.
const (
	scopeChild = "child"
	scopeBody  = "body"
)

// spreadSite and legWord tell a question about the arms or trunk alone
// from one about twitching that spreads there from the legs.
var (
	spreadSite = pattern.MustCompile(`\b(?:arms?|forearms?|hands?|shoulders?|trunk|torso|chest|fingers?|thumbs?|wrists?)\b`)
	legWord    = pattern.MustCompile(`\b(?:legs?|calf|calves|thighs?|feet|foot|knees?|shins?|ankles?|hamstrings?|quads?|toes?|hips?|limbs?|spread\w*|rls|restless|plmd|body|all over)\b`)
)

// maxQuestionBytes bounds the work for one question; a chat message longer
// than this is cut (the core already refuses messages over 4096 runes).
const maxQuestionBytes = 16 << 10

// match is the retrieval result for one question, with what the
// confidence decision needs.
type match struct {
	best     int
	score    float64
	ranked   []int        // topics by falling score, only those scoring > 0
	coverage float64      // share of the question's words the best topic holds
	domain   bool         // the question names our subject
	near     int          // how many things around it the question names
	subject  scopeVerdict // what scope.yaml says about the question's subject
	// nearMissed: the question names a thing around our subject (sleep,
	// coffee, stress...) that the best topic does not hold.
	nearMissed bool
	nearTerms  []string // the things around our subject it names, one per synonym group
	// childAged: the question is a child's, told with the child's age; no
	// learned part may answer it as the writer's own.
	childAged bool
	unknown   int      // words no topic knows, even by a synonym
	words     int      // distinct words in the question
	terms     []string // the question's own terms, typos corrected
}

func (m match) confident() bool {
	if m.words == 0 || m.score < minScore {
		return false
	}
	// The question's subject must be one the article covers: nothing it
	// names lies outside the article, and what the article names only in
	// passing (diabetes, pregnancy...) comes with our subject.
	if m.subject.outside != "" || (m.subject.mentioned && !m.domain) {
		return false
	}
	if m.domain {
		return m.coverage >= minCoverageDomain
	}
	// A question that does not name our subject is answered only when it
	// asks about something the article gives advice on, and one topic holds
	// most of its words and all of the things around our subject that it
	// names: "how much water a day", not "does coffee dehydrate you".
	return m.subject.advice && !m.nearMissed && m.unknown == 0 && m.coverage >= minCoverageNear
}

// match runs the question through the index.
func (lib *Library) match(question string) match {
	ix := lib.index
	m, query, direct := lib.concepts(question)
	// "79 years old" is a grown-up's age: only a child's makes the
	// question a child's.
	stems := stemWords(toldBy.ReplaceAllString(animalSimile.ReplaceAllString(adultAge.ReplaceAllString(question, " "), " "), " "))
	m.subject = lib.scope.judge(stems, direct, lib.lex)
	m.terms = direct
	// A pet named in passing ("walking the dog, my right foot…") does not
	// make the writer's own legs a vet's question.
	lower := strings.ToLower(question)
	// Nor does a grandchild who gives advice ("my granddaughter is telling
	// me to take Epsom salt baths"): the advice is for the writer.
	if (m.subject.outside == scopeAnimal || m.subject.outside == scopeChild) && (ownBody.MatchString(lower) || relativeAdvises.MatchString(lower)) {
		m.subject.outside, m.subject.refer = "", ""
	}
	// A child named with an age in years without "old": "my daughter 6
	// years, she cry in night".
	if m.subject.outside == "" && childYearsTold(lower) {
		if sl, ok := lib.scope.byID[scopeChild]; ok {
			m.subject.outside, m.subject.refer = sl.ID, sl.Refer
		}
	}
	// Nor does one told of apart from the legs ("used to milk 90 cows.
	// Legs feel weak"): an animal's symptoms are told in one sentence
	// with it.
	if m.subject.outside == scopeChild && !lib.childSymptoms(question) {
		m.subject.outside, m.subject.refer = "", ""
	}
	m.childAged = m.subject.outside == scopeChild && (childYearsTold(lower) || childAge.MatchString(lower))
	if m.subject.outside == scopeAnimal && !lib.animalSymptoms(question) {
		m.subject.outside, m.subject.refer = "", ""
	}
	// The arms, hands and trunk are the article's only as places twitching
	// spreads to from the legs: a hand that cramps while knitting is not.
	if m.subject.outside == "" && spreadSite.MatchString(lower) && !legWord.MatchString(lower) {
		m.subject.outside = scopeBody
	}
	// "Is it ALS?", "should I see a doctor about it": in a chat about our
	// subject, "it" and "this" are the writer's own symptoms.
	if !m.domain && m.subject.outside == "" && (symptomIt.MatchString(question) || m.words <= maxPronounWords && slices.ContainsFunc(stems, func(w string) bool { return ownSymptoms[w] })) {
		m.domain = true
	}
	scores := ix.score(query)
	for d, q := range ix.questionScore(query) {
		scores[d] += questionWeight * q
	}
	for d, s := range scores {
		if s > 0 {
			m.ranked = append(m.ranked, d)
		}
	}
	sort.SliceStable(m.ranked, func(i, j int) bool { return scores[m.ranked[i]] > scores[m.ranked[j]] })
	if len(m.ranked) == 0 {
		return m
	}
	m.best, m.score = m.ranked[0], scores[m.ranked[0]]
	covered := 0
	for _, t := range direct {
		held := ix.holds(m.best, t)
		if held || lib.holdsSynonym(m.best, t) {
			covered++
		}
		if !held && lib.lex.isNear(t) && ix.known(t) {
			m.nearMissed = true // only a synonym of it, at best
		}
	}
	m.coverage = float64(covered) / float64(m.words)
	return m
}

// concepts turns a question into weighted concepts (each word with its
// synonyms), the question's own terms, and the word counts of a match.
func (lib *Library) concepts(question string) (m match, query []concept, direct []string) {
	ix, lx := lib.index, lib.lex
	seen := map[string]bool{}
	var near []string // distinct near-subject terms, synonyms counted once
	for _, t := range lx.terms(question) {
		if seen[t] {
			continue
		}
		seen[t] = true
		if !ix.known(t) && !lib.knownBySynonym(t) {
			if g := stem(t + "g"); g != t && ix.known(g) { // a dropped g: "twitchin"
				t = g
			} else if c, ok := ix.correct(t); ok {
				t = c
			} else {
				m.unknown++
				m.words++
				continue
			}
		}
		m.words++
		m.domain = m.domain || lx.isDomain(t)
		if lx.isNear(t) && !slices.ContainsFunc(near, func(n string) bool { return n == t || slices.Contains(lx.synonyms[t], n) }) {
			near = append(near, t)
			m.near++
			m.nearTerms = append(m.nearTerms, t)
		}
		direct = append(direct, t)
		query = append(query, lib.concept(t))
	}
	return m, query, direct
}

// concept builds the concept of one known question term. A synonym never
// makes the question more specific than the user's own word: it may use
// the idf of that word at most ("leg" does not score like "calf").
func (lib *Library) concept(t string) concept {
	ix := lib.index
	c := concept{t: {weight: 1, maxIDF: math.Inf(1)}}
	weight, maxIDF := synonymWeight, ix.idf[t]
	if !ix.known(t) {
		weight, maxIDF = synonymWeightUnknown, math.Inf(1)
	}
	for _, s := range lib.lex.synonyms[t] {
		if _, ok := c[s]; !ok {
			c[s] = conceptTerm{weight: weight, maxIDF: maxIDF}
		}
	}
	return c
}

func (lib *Library) knownBySynonym(t string) bool {
	for _, s := range lib.lex.synonyms[t] {
		if lib.index.known(s) {
			return true
		}
	}
	return false
}

func (lib *Library) holdsSynonym(d int, t string) bool {
	for _, s := range lib.lex.synonyms[t] {
		if lib.index.holds(d, s) {
			return true
		}
	}
	return false
}

// also finds the second topic of a question that asks about two things
// around our subject (coffee and stress): when the best topic lacks some
// of the things the question names, the first of the next few topics that
// holds all of them.
func (lib *Library) also(m match) (int, bool) {
	var missing []string
	for _, t := range m.nearTerms {
		if !lib.index.holds(m.best, t) {
			missing = append(missing, t)
		}
	}
	if len(missing) == 0 || len(m.nearTerms) < 2 {
		return 0, false
	}
	for _, d := range m.ranked[1:min(len(m.ranked), warningTopicRank+1)] {
		if !slices.ContainsFunc(missing, func(t string) bool { return !lib.index.holds(d, t) }) {
			return d, true
		}
	}
	return 0, false
}

// warningRelated is related for an answer to a warning sign: only topics
// about warning signs.
func (lib *Library) warningRelated(t *Topic, ranked []int) []*Topic {
	var out []*Topic
	for _, r := range lib.related(t, ranked) {
		if r.Warning {
			out = append(out, r)
		}
	}
	return out
}

// related returns the topic's own related topics, then the next best
// matches, up to maxRelated.
func (lib *Library) related(t *Topic, ranked []int) []*Topic {
	var out []*Topic
	add := func(r *Topic) {
		if r == nil || r == t || len(out) >= maxRelated {
			return
		}
		for _, o := range out {
			if o == r {
				return
			}
		}
		out = append(out, r)
	}
	for _, id := range t.Related {
		add(lib.byID[id])
	}
	for _, d := range ranked {
		add(lib.index.topics[d])
	}
	return out
}

// stemWords returns the stems of text's words, stop words included.
func stemWords(text string) []string {
	words := splitWords(text)
	for i, w := range words {
		words[i] = stem(w)
	}
	return words
}

// warningTopic is the best-ranked topic about warning signs among the
// first few, or the general one on when to worry.
func (lib *Library) warningTopic(ranked []int) *Topic {
	for _, d := range ranked[:min(len(ranked), warningTopicRank)] {
		if t := lib.index.topics[d]; t.Warning {
			return t
		}
	}
	return lib.byID["when-to-worry"]
}

// ownSymptoms are the words that, in a message to this bot, stand for the
// writer's own symptoms (after stemming).
var ownSymptoms = map[string]bool{"it": true, "this": true, "that": true}

// symptomIt is "it" used of symptoms: what makes it worse, what stops it,
// whether something is good for it or matters for this, how to track it.
var symptomIt = pattern.MustCompile(`(?i)\b(?:part|cause|causes|behind|root) of (?:it|this)\b|\bbehind (?:it|this)\s*(?:[?.!]|$)|\b(?:does|do|did|would|will) (?:it|this) (?:always |only |usually |just |still )?(?:happen|start|come on|kick in|flare up|get worse)\b|\b(?:it|this) (?:always |only |usually |just )?(?:happens|starts|comes on|kicks in)\b|\b(?:make|makes|making|made) (?:it|this|them) (?:worse|better|go away|stop)\b|\b(?:stop|stops|ease|eases|cause|causes|caused|trigger|triggers|prevent|prevents|calm|calms|settle|settles) (?:it|this)\b|\b(?:is|could|can|might) (?:it|this) (?:be )?(?:als|ms|rls|plmd|serious|dangerous|normal|harmless)\b|\b(?:is|could|can|might) (?:it|this) (?:be )?(?:something )?(?:more than (?:that|just)|something (?:more|else|serious|worse)|just tiredness)\b|\b(?:do|does|did|would|will) (?:that|this|it) (?:do )?(?:anything|something|much) (?:to|for) (?:it|them|this)\b|\b(?:good|bad|ok|okay|helpful|matter|matters|help|helps|work|works) (?:for|with) (?:this|it|them)\s*(?:[?.!]|$)|\b(?:track|log|record|note down|write down|monitor|keep track of) (?:it|this|them)\b|\b(?:writ\w*|jot\w*|not(?:e|es|ed|ing)|log\w*) (?:this|it|them|that)(?: stuff)? down\b`)

// maxPronounWords bounds the questions "it" counts in: a short one ("is it
// ALS?"); a longer one names what it is about.
const maxPronounWords = 2

// questionStart tells a part that asks something.
var questionStart = pattern.MustCompile(`(?i)^(?:so\s+|and\s+|also\s+|but\s+)?(?:what|whats|what's|why|how|can|could|is|are|does|do|should|when|which|will|would|any)\b`)

// twoParts answers a message that asks two different things, each with
// its own topic, and reports whether it did.
func (lib *Library) twoParts(question string, ans *Answer) bool {
	parts := splitQuestion(question)
	if len(parts) != 2 {
		return false
	}
	m1, m2 := lib.match(parts[0]), lib.match(parts[1])
	if !m1.confident() || !m2.confident() || m1.best == m2.best {
		return false
	}
	ans.Topic, ans.Also = lib.index.topics[m1.best], lib.index.topics[m2.best]
	rel := slices.DeleteFunc(lib.related(ans.Topic, m1.ranked), func(t *Topic) bool { return t == ans.Also })
	ans.Related = append([]*Topic{ans.Also}, rel...)
	ans.Related = ans.Related[:min(len(ans.Related), maxRelated)]
	return true
}

// splitQuestion returns the questions a message asks, when it asks more
// than one: "what causes it and how do I stop it?" gives two.
func splitQuestion(text string) []string {
	var parts []string
	for _, seg := range strings.Split(text, "?") {
		from := 0
		for _, m := range andSplit.FindAllStringSubmatchIndex(seg, -1) {
			parts = append(parts, seg[from:m[2]])
			from = m[4]
		}
		parts = append(parts, seg[from:])
	}
	var asks []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); questionStart.MatchString(p) {
			asks = append(asks, p)
		}
	}
	if len(asks) < 2 {
		return nil
	}
	return asks
}

// andSplit finds "and" or "also" before a question word: the cut goes
// before the first group, the next part starts at the second.
var andSplit = pattern.MustCompile(`(?i)([,;]?\s+(?:and|also|plus)\s+(?:also\s+)?)((?:what|whats|why|how|can|could|is|are|does|do|should|when|which|will|would)\b)`)

// ownBody is the writer's own leg named: "my thighs", "my right foot".
var ownBody = pattern.MustCompile(`\b(?:my|mi|me|ma) (?:own |left |right |lower |upper |both )*(?:legs?|calf|calves|thighs?|feet|foot|knees?|shins?|ankles?|hamstrings?|quads?|muscles?|hips?|toes?)\b`)

// relativeAdvises is a child or grandchild telling the writer what to do
// or what they think: "my granddaughter is telling me to…", "my son says
// I should…". "My son says his legs…" is about the son, and does not
// match; nor does "the hypnic jerk my granddaughter talks about".
var relativeAdvises = pattern.MustCompile(`\b(?:grand)?(?:daughter|son|child|kids?)s? (?:\w+ ){0,2}(?:talks?|talked|talking|speaks?|spoke|mentioned|mentions) about\s*[?.!]*\s*$|\b(?:grand)?(?:daughter|son|child|children|kids?)s? (?:he |she )?(?:is |are |keeps |kept )?(?:(?:says?|said|saying|tells?|told|telling|reckons?|thinks?|swears?|swore|suggest(?:s|ed)?|recommend(?:s|ed)?|insists?|insisted|wants?|wanted|bought|brings?|brought|got) (?:me|i|that i|i should|to me)|set (?:this|it|me) up)\b|\b(?:grand)?(?:daughter|son|kids?)s? (?:\w+ ){0,8}(?:says?|said|tells? me|told me) (?:i should|to)\b`)

// childYears is a child with an age in years: "my daughter 6 years", "son,
// 9 yrs", "my daughter is twelve".
var childYears = pattern.MustCompile(`\b(?:daughter|son|girl|boy|child|kid|grandson|granddaughter|nephew|niece)s?,? (?:is |aged |of )?(?:[1-9]|1[0-5]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen) ?(?:years?|yrs?|yo)\b|\b(?:daughter|son|girl|boy|grandson|granddaughter|nephew|niece)s?,? (?:is|aged|turned|just turned) (?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)\b`)

// childYearsTold reports whether a lowercased message gives a son, a
// daughter or another child a child's age in years: "my daughter is
// twelve", "my son … He's 9".
func childYearsTold(lower string) bool {
	return childYears.MatchString(lower) || childNoun.MatchString(lower) && pronounAge.MatchString(lower)
}

// childAge is a child's age in years or months: "a 12 year old", "she is
// 7 years old", "six months old".
var childAge = pattern.MustCompile(`\b(?:[1-9]|1[0-5]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)[ -](?:years?|yrs?|months?)[ -]old\b|\b(?:[1-9]|1[0-5])\s*(?:yo|y/o)\b`)

// childNoun is a son or daughter named; pronounAge gives him or her a
// child's age later on: "my son … He's 9 and he's up half the night".
var (
	childNoun  = pattern.MustCompile(`\b(?:son|daughter|boy|girl|grandson|granddaughter|nephew|niece)s?\b`)
	pronounAge = pattern.MustCompile(`\b(?:he|she)(?:'s|s| is) (?:[1-9]|1[0-5]|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)(?: years?| yrs?| yo)?(?: old)?\s*(?:[.,!?;]|and\b|$)`)
)

// animalSimile is an animal in a comparison or a name, not a patient:
// "kicking her all night like a bullock", "kicks like a mule", yoga's
// "downward dog", "cow's milk".
var animalSimile = pattern.MustCompile(`(?i)\blike an? (?:\w+ )?(?:bullock|horse|mule|donkey|dog|pony|rabbit|frog|kangaroo|cat|bull|ox|cow|goat|fish|puppy|wild animal)\b|\b(?:downward|upward)[ -]facing dog\b|\b(?:downward|upward) dog\b|\b(?:cat|cow)[ -](?:cow|cat)\b|\bcat stretch\b|\bcow(?:'s)? milk\b|\bhorse (?:riding|chestnut)\b|\bpigeon pose\b|\bhappy baby\b`)

// toldBy is a therapist named only as who said something: "Physio
// mentioned ferritin" asks about ferritin, not about physiotherapy.
var toldBy = pattern.MustCompile(`(?i)\b(?:my |the |a |our )?(?:physio|physiotherapist|chiropractor|chiro|osteopath|osteo|massage therapist|personal trainer|pt)\s+(?:mentioned|said|told me|says|suggested|reckons|thinks|recommended|brought up|asked about)\b`)

// adultAge is a grown-up's age: "79 years old", "aged 45".
var adultAge = pattern.MustCompile(`(?i)\b(?:1[89]|[2-9]\d|1[01]\d)[ -]?(?:years?|yrs?|yo|y\.o\.)(?:[ -]old)?\b|\baged (?:1[89]|[2-9]\d|1[01]\d)\b`)

// pronounAsk reports whether the question of a longer message asks
// about what the story told, by a pronoun and little else: "does it do
// anything at all?", "is that bad?".
func (lib *Library) pronounAsk(question string) bool {
	q := questionPart(question)
	return q != "" && pronounRef.MatchString(strings.ToLower(q)) && len(lib.lex.terms(q)) <= maxPronounAskTerms
}

// pronounRef is a pronoun that points back at the story.
var pronounRef = pattern.MustCompile(`\b(?:it|that|this|they|those|these|them)\b`)

// maxPronounAskTerms bounds the words of their own a question pointing
// back at the story may have.
const maxPronounAskTerms = 4

// questionPart is the sentence or clause of a longer message that asks
// its question (the last one with a question mark, or the last one that
// starts with a question word); "" when the whole message is that part or
// no part asks.
func questionPart(text string) string {
	var parts []string
	for _, p := range sentenceEnds.Split(text, -1) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) < 2 {
		return ""
	}
	for i := len(parts) - 1; i >= 0; i-- {
		if questionStart.MatchString(parts[i]) {
			return parts[i]
		}
	}
	return ""
}

// sentenceEnds cuts a message into sentences, keeping no punctuation.
var sentenceEnds = pattern.MustCompile(`[.!?\n]+`)

// FollowUp answers a message that continues the chat about the topic
// lastTopic ("and how long does it last?", "what else helps?"): the
// question is read with that topic's title, and ok is false when even then
// no topic answers it calmly.
func (lib *Library) FollowUp(question, lastTopic string) (a Answer, ok bool) {
	t := lib.byID[lastTopic]
	if t == nil || lib.Crisis(question) {
		return Answer{}, false
	}
	a = lib.Ask(question + "? " + t.Title)
	return a, a.Topic != nil && a.Tier == TierNone
}

// PointsBack reports whether a short question points back at what was
// just talked about, by a pronoun and at most maxPointBackTerms words of
// its own: "how common is that?", "is it serious?". In a chat with a
// topic, such a question is a follow-up of it even when it has an answer
// of its own.
func (lib *Library) PointsBack(question string) bool {
	if len(question) > maxQuestionBytes || questionPart(question) != "" {
		return false
	}
	return pronounRef.MatchString(strings.ToLower(question)) && len(lib.lex.terms(lib.lex.respellText(question))) <= maxPointBackTerms
}

// maxPointBackTerms bounds the words of their own a follow-up that points
// back may have.
const maxPointBackTerms = 2

// Urgent reads a message for signs of an emergency only, without looking
// for a topic: what the safety screen asks of every message, cheaply. The
// answer has Tier TierUrgent and its Urgent flags, or TierNone.
func (lib *Library) Urgent(text string) Answer {
	if len(text) > maxQuestionBytes {
		text = text[:maxQuestionBytes]
	}
	_, _, direct := lib.concepts(text)
	subject := lib.scope.judge(stemWords(text), direct, lib.lex)
	if subject.outside == scopeAnimal && !ownBody.MatchString(strings.ToLower(text)) {
		return Answer{}
	}
	if _, urgent, _ := lib.redFlags.find(text); len(urgent) > 0 {
		return Answer{Urgent: urgent, Tier: TierUrgent}
	}
	if code, ok := lib.otherUrgent(text); ok && (Language(text) != "en" || lib.latinWritten(text) == code) {
		// An emergency said in another language, or in Russian typed in
		// Latin letters (which whatlanggo takes for English): its reply is
		// in that language (UrgentReplyIn).
		return Answer{Urgent: []RedFlag{{ID: "emergency", Label: "signs of an emergency"}}, Tier: TierUrgent, Lang: code}
	}
	return Answer{}
}
