package content

import (
	"fmt"
	"hash/maphash"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/calmnights/calmnights/content/pattern"
	lru "github.com/hashicorp/golang-lru/v2"
)

// RedFlag is a warning sign found in a message.
type RedFlag struct {
	ID    string
	Label string // how the bot names it: "muscle weakness"
}

// Red-flag reply texts, from redflags.yaml.
type redFlagTexts struct {
	DoctorMessage    string `yaml:"doctor_message"`
	UrgentMessage    string `yaml:"urgent_message"`
	Disclaimer       string `yaml:"disclaimer"`
	UrgentDisclaimer string `yaml:"urgent_disclaimer"`
	ChecklistLabel   string `yaml:"checklist_label"`
}

type redFlagRule struct {
	ID    string     `yaml:"id"`
	Label string     `yaml:"label"`
	Item  string     `yaml:"item"` // the checklist question it counts as
	All   [][]string `yaml:"all"`
	// ChronicSoon marks an urgent sign of the nerves (sudden weakness, a
	// fall, slurred speech) that is a see-a-doctor-soon sign when it began
	// weeks, months or years ago.
	ChronicSoon bool `yaml:"chronic_soon"`
	// Window is how many consecutive sentences the groups may spread
	// over, for a sign told as a story ("my calf started hurting… we flew
	// back home…"); 0 and 1 mean one sentence.
	Window int `yaml:"window"`
	// Unless lists words or phrases that stop the rule in a sentence
	// that holds one ("sleeponset" stands for falling asleep: a whole-body
	// jolt as one drifts off is a hypnic jerk).
	Unless []string `yaml:"unless"`

	groups [][][]string // per group, per alternative: its stemmed words
	unless [][]string   // the Unless phrases, stemmed
}

type redFlagRules struct {
	redFlagTexts `yaml:",inline"`
	Doctor       []*redFlagRule `yaml:"soon"`
	Urgent       []*redFlagRule `yaml:"urgent"`
	Checklist    []*redFlagRule `yaml:"checklist"`
	Negations    []string       `yaml:"negations"`
	Personal     []string       `yaml:"personal"`

	negation map[string]bool
	personal map[string]bool
	vocab    map[string]bool // every stem the rules use, for typos
	// threshold is the article's rule: two or more of the checklist's
	// signs make a doctor's visit worth it (checklist.yaml).
	threshold int

	// corrections remembers correct's answers: a stem is looked up
	// against every rule word, and people use the same words again.
	corrections  sync.Map // stem -> correction ("" for none)
	correctionsN atomic.Int64
	// recent is what find read in the last messages, by a hash of their
	// text (never the text): the safety screen and the answer read each
	// message one after the other, and many conversations run at once.
	recent *lru.Cache[uint64, foundFlags]
}

// foundFlags is one reading of find.
type foundFlags struct {
	doctor, urgent []RedFlag
	asked          bool
}

// recentReadings is how many readings find keeps: a few per
// conversation running at once.
const recentReadings = 512

// textSeed keys find's readings: a text's hash with a seed of this
// process, so no one can aim a collision at it.
var textSeed = maphash.MakeSeed()

// maxCorrections bounds the corrections remembered.
const maxCorrections = 200_000

// negationWindow is how many words before a sign a negation may stand.
const negationWindow = 3

func loadRedFlags(fsys fs.FS, checklist Checklist) (*redFlagRules, error) {
	var rf redFlagRules
	var err error
	if rf.recent, err = lru.New[uint64, foundFlags](recentReadings); err != nil {
		return nil, fmt.Errorf("redflags: %w", err)
	}
	if err := readYAML(fsys, "redflags.yaml", &rf); err != nil {
		return nil, err
	}
	if !strings.Contains(rf.DoctorMessage, "{flags}") || !strings.Contains(rf.UrgentMessage, "{flags}") {
		return nil, fmt.Errorf("redflags.yaml: both messages need {flags}")
	}
	if rf.ChecklistLabel == "" {
		return nil, fmt.Errorf("redflags.yaml: needs checklist_label")
	}
	rf.threshold = checklist.Threshold
	items := map[string]bool{}
	for _, q := range checklist.Questions {
		items[q.ID] = true
	}
	for _, r := range append(append([]*redFlagRule{}, rf.Doctor...), rf.Checklist...) {
		if r.Item != "" && !items[r.Item] {
			return nil, fmt.Errorf("redflags.yaml: rule %s counts as unknown checklist item %q", r.ID, r.Item)
		}
	}
	for _, r := range rf.Checklist {
		if r.Item == "" {
			return nil, fmt.Errorf("redflags.yaml: checklist rule %s needs an item", r.ID)
		}
		if r.Label == "" {
			r.Label = rf.ChecklistLabel
		}
	}
	rf.negation, rf.personal, rf.vocab = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, w := range rf.Negations {
		rf.negation[normaliseWord(w)] = true
	}
	for _, w := range rf.Personal {
		rf.personal[normaliseWord(w)] = true
	}
	for _, r := range append(append(append([]*redFlagRule{}, rf.Doctor...), rf.Urgent...), rf.Checklist...) {
		if r.ID == "" || r.Label == "" || len(r.All) == 0 {
			return nil, fmt.Errorf("redflags.yaml: rule %q needs id, label and all", r.ID)
		}
		for _, group := range r.All {
			var alts [][]string
			for _, alt := range group {
				words := splitWords(alt)
				for i, w := range words {
					words[i] = stem(w)
				}
				if len(words) > 0 {
					alts = append(alts, words)
				}
			}
			if len(alts) == 0 {
				return nil, fmt.Errorf("redflags.yaml: rule %s has an empty group", r.ID)
			}
			r.groups = append(r.groups, alts)
			for _, alt := range alts {
				for _, w := range alt {
					rf.vocab[w] = true
				}
			}
		}
		for _, u := range r.Unless {
			words := splitWords(u)
			for i, w := range words {
				words[i] = stem(w)
			}
			r.unless = append(r.unless, words)
		}
	}
	return &rf, nil
}

// find returns the doctor-level and urgent warning signs in text, each
// once, in rule order.
func (rf *redFlagRules) find(text string) (doctor, urgent []RedFlag, asked bool) {
	key := maphash.String(textSeed, text)
	if l, ok := rf.recent.Get(key); ok {
		return slices.Clone(l.doctor), slices.Clone(l.urgent), l.asked
	}
	doctor, urgent, asked = rf.read(text)
	rf.recent.Add(key, foundFlags{doctor: slices.Clone(doctor), urgent: slices.Clone(urgent), asked: asked})
	return doctor, urgent, asked
}

// read is find's reading of one message.
func (rf *redFlagRules) read(text string) (doctor, urgent []RedFlag, asked bool) {
	// "Is that a seizure?" asks whether a symptom is an emergency; the
	// emergency is not reported. The rest of the message still counts.
	lower := strings.ToLower(text)
	if stripped := askedSign.ReplaceAllString(lower, " "); stripped != lower {
		text, asked = stripped, true
	}
	// The feeling of falling as one drifts off is a hypnic jerk, not a
	// fall: its words are not read as one.
	// Only the fall word goes: "my hands feel weak, I keep dropping
	// cups" keeps its weakness.
	text = fallingFeeling.ReplaceAllStringFunc(text, func(m string) string { return fallWord.ReplaceAllString(m, " sleeponset ") })
	text = passOut.ReplaceAllString(text, " sleeponset ")
	text = gotUp.ReplaceAllString(text, " got up ")
	// "no strength and numb": the "no" is the symptom, and denies
	// nothing after it.
	text = noStrength.ReplaceAllString(text, " weakness ")
	text = noFeeling.ReplaceAllString(text, " numbness ")
	lower = strings.ToLower(text)
	sentences := splitSentences(text)
	for i := range sentences {
		s := &sentences[i]
		for i, st := range s.stems {
			if c, ok := rf.correct(st); ok {
				if s.written == nil {
					s.written = slices.Clone(s.stems) // kept only when a typo is mended
				}
				s.stems[i] = c
			}
		}
	}
	personal, question := rf.personalOrQuestion(text)
	// "Legs twitching 3 weeks, now also in arms. What it means?": a
	// report told without a pronoun, then a question about it.
	generalQ := generalAsk.MatchString(lower)
	if !personal && question && reportSentence(sentences) && !generalQ {
		personal = true
	}
	// An emergency told as past and over ("had a nasty fall last year,
	// all healed") is history, not an emergency now.
	present := slices.DeleteFunc(slices.Clone(sentences), func(s sentence) bool { return s.past })
	// A sign of the nerves that began weeks or months ago ("my left foot
	// suddenly stopped working a few weeks ago") needs a doctor soon, not
	// the emergency department now: rules marked chronic_soon are read
	// at the soon tier in such sentences. A message that dates its
	// trouble weeks back and says nothing of a sudden change is read as
	// chronic throughout; a sentence that tells a sudden change now is
	// acute, whatever another part of it says of the years before.
	chronicThroughout := slices.ContainsFunc(present, func(s sentence) bool { return s.chronic }) && !acuteMarker.MatchString(lower)
	for i := range present {
		present[i].chronic = (present[i].chronic || chronicThroughout) && !present[i].acute
	}
	acute := slices.DeleteFunc(slices.Clone(present), func(s sentence) bool { return s.chronic })
	var downgraded []*redFlagRule
	for _, r := range rf.Urgent {
		switch {
		case r.firesIn(acute, rf.negation), !r.ChronicSoon && r.firesIn(present, rf.negation):
			urgent = addFlag(urgent, r)
		case r.ChronicSoon && r.firesIn(present, rf.negation):
			downgraded = append(downgraded, r)
		}
	}
	// The downgraded signs are soon signs once no urgent one remains.
	soon := func(doctor []RedFlag) []RedFlag {
		for _, r := range downgraded {
			doctor = addFlag(doctor, r)
		}
		return doctor
	}
	if !personal && question && (general(text) || generalQ) {
		// "Can twitching make you short of breath?" asks about a sign; it
		// does not report one.
		if len(urgent) > 0 {
			return nil, nil, true
		}
		return soon(nil), nil, false
	}
	if personal || !question {
		items := map[string]bool{}
		for _, r := range rf.Doctor {
			if r.firesIn(sentences, rf.negation) {
				doctor = addFlag(doctor, r)
				if r.Item != "" {
					items[r.Item] = true
				}
			}
		}
		for _, r := range rf.Checklist {
			if r.firesIn(sentences, rf.negation) {
				items[r.Item] = true
			}
		}
		// The article's rule: two or more of the checklist's signs.
		if len(items) >= rf.threshold {
			doctor = append(doctor, RedFlag{ID: "checklist", Label: rf.ChecklistLabel})
		}
	}
	asked = asked && len(urgent) == 0 && len(doctor) == 0
	if len(urgent) == 0 && !asked {
		doctor = soon(doctor)
	}
	return doctor, urgent, asked
}

// fallingFeeling is the sensation of falling, in a dream or as one falls
// asleep: "that falling feeling", "a kind of feeling where I fall down
// from my bed", "I dream I'm falling"; in one clause ("my hands feel
// weak, I keep dropping cups" is no such feeling).
var fallingFeeling = pattern.MustCompile(`(?i)\b(?:(?:feeling|feel|felt|sensation|sense|dream\w*|as if|as though|like)\b[^.!?,]{0,40}?` + fallWords + `(?:[^.!?]{0,30}?\b(?:bed|heights?|cliff|stairs?|step|kerb|curb|sky|space))?|(?:fall|falling) (?:sensation|feeling)|falling asleep|fall asleep|fell asleep|falls asleep)`)

// fallWord is the word of a fall inside a fallingFeeling match.
var fallWord = pattern.MustCompile(`(?i)` + fallWords)

// fallWords are the words of a fall, in both of the above.
const fallWords = `\b(?:fall|falls|falling|fell|fallen|tripping|trip|drop|dropping)\b`

// passOut is "pass out" said of falling asleep: "10 minutes max before I
// pass out", "I pass out at 11".
var passOut = pattern.MustCompile(`(?i)\bout cold (?:by|till|until|til|at|from|the moment|as soon as|within|in \d)\b|\b(?:in bed|bed at|asleep|slept|sleep)\b.{0,40}\bout cold\b|\bout cold\b.{0,40}\b(?:slept|asleep|till|until|noon|morning|alarm)\b|\b(?:before|until|till|til|by the time|as soon as) (?:i|we|he|she|they) (?:pass|passes|passed) out\b|\b(?:i|we|he|she) (?:usually |normally |just )?(?:pass|passes) out (?:at|around|by|about) \d|\bpass(?:ed)? out (?:asleep|on the sofa|on the couch|in bed|from (?:tiredness|exhaustion))`)

// noStrength and noFeeling are weakness and numbness said with "no":
// "my right arm and leg no strength and numb".
var (
	noStrength = pattern.MustCompile(`(?i)\b(?:no|zero|lost all|lost my) (?:strength|power|grip)` + noSymptomEnd)
	noFeeling  = pattern.MustCompile(`(?i)\b(?:no|zero|lost all|lost my) (?:feeling|sensation)` + noSymptomEnd)
)

// noSymptomEnd is what may follow such a "no": a clause's end, or a word
// that says where or what else ("no feeling in my foot"), not "of" ("no
// feeling of weakness" denies).
const noSymptomEnd = `(?:\s*[,.;!?]|\s*$| (?:in|at|on|down|left|below|from|and|or|to)\b)`

// gotUp is getting up said as dragging oneself: "dragged meself up at
// 11", "drag myself out of bed". It is not a dragging foot.
var gotUp = pattern.MustCompile(`(?i)\bdrag(?:ged|ging|s)? (?:myself|meself|me|my body|my sorry \w+|my \w+ self|my arse|my butt|my ass) (?:up|out|to|into|off|through|round|around|back)\b`)

// askedSign is a question whether a symptom is an emergency: "is that a
// seizure?", "could it be a clot?".
var askedSign = pattern.MustCompile(`\b(?:is|could|can|might|would|does|do) (?:that|this|it|these|they|those) (?:be |mean |sound like |look like )?(?:a |an )?(?:(?:some |a )?(?:kind|sort|type|form) of (?:a )?|like a |like an )?(?:mild |small |mini |little )?(?:seizure|seizures|fit|fits|clot|blood clot|clots|dvt|stroke|mini stroke|heart attack)s?\b`)

// correct returns the rules' word that a word of five letters or more is
// one typo away from ("chset" is "chest"), if exactly one is.
func (rf *redFlagRules) correct(st string) (string, bool) {
	if n := len([]rune(st)); rf.vocab[st] || realWords[st] || n < minTypoLen || n > maxTypoLen {
		return "", false
	}
	if c, ok := rf.corrections.Load(st); ok {
		return c.(string), c.(string) != ""
	}
	found := rf.lookup(st)
	if rf.correctionsN.Add(1) <= maxCorrections {
		rf.corrections.Store(st, found)
	}
	return found, found != ""
}

// lookup is correct without its memory.
func (rf *redFlagRules) lookup(st string) string {
	found := ""
	for w := range rf.vocab {
		if oneEdit(st, w) {
			if found != "" {
				return ""
			}
			found = w
		}
	}
	return found
}

// oneEdit reports whether a and b differ by one letter added, removed or
// changed, or two neighbouring letters swapped.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == len(rb) {
		// A changed letter in a short word is too often another word
		// ("paint" is not "faint"); a swap is still a typo.
		return oneSubstitution(a, b) && (len(ra) >= minSubstitutionLen || !oneLetterChanged(ra, rb))
	}
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) != 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	return string(ra[i:]) == string(rb[i+1:])
}

// oneLetterChanged reports whether a and b, of one length, differ in one
// place only.
func oneLetterChanged(a, b []rune) bool {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n == 1
}

// personalOrQuestion reports whether text speaks of the writer or someone
// close, and whether it is a question.
func (rf *redFlagRules) personalOrQuestion(text string) (personal, question bool) {
	words := splitWords(text)
	for _, w := range words {
		if rf.personal[w] {
			personal = true
			break
		}
	}
	question = strings.Contains(text, "?")
	if len(words) > 0 {
		switch words[0] {
		case "what", "why", "how", "can", "could", "is", "are", "does", "do", "should", "when", "which", "will", "would", "whats":
			question = true
		}
	}
	return personal, question
}

func addFlag(list []RedFlag, r *redFlagRule) []RedFlag {
	for _, f := range list {
		if f.Label == r.Label {
			return list
		}
	}
	return append(list, RedFlag{ID: r.ID, Label: r.Label})
}

// sentence is one sentence as its words' stems, the words themselves, and
// the clause (between commas) each word is in.
type sentence struct {
	stems   []string
	written []string // the stems as written, when a typo was corrected (else nil)
	words   []string
	clauses []int
	past    bool // told as past and over
	chronic bool // told as begun weeks, months or years ago
	acute   bool // told as a sudden change now
}

// splitSentences cuts text at sentence ends and line breaks.
func splitSentences(text string) []sentence {
	var out []sentence
	for _, part := range strings.FieldsFunc(text, func(r rune) bool {
		return r == '.' || r == '!' || r == '?' || r == ';' || r == '\n'
	}) {
		lower := strings.ToLower(part)
		s := sentence{past: pastMarker.MatchString(lower), chronic: chronicMarker.MatchString(lower) || recurringMarker.MatchString(lower) || gradualMarker.MatchString(lower) && !weakOrNumb.MatchString(lower), acute: acuteMarker.MatchString(lower)}
		for c, clause := range strings.Split(part, ",") {
			// "can not feel" is "cannot feel", as the signs are written.
			for _, w := range splitWords(canNot.ReplaceAllString(clause, "${1}annot")) {
				s.words = append(s.words, w)
				s.stems = append(s.stems, stem(w))
				s.clauses = append(s.clauses, c)
			}
		}
		if len(s.words) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// firesIn reports whether every group of the rule appears, not negated,
// in one of the sentences (or within the rule's window of consecutive
// sentences).
func (r *redFlagRule) firesIn(sentences []sentence, negation map[string]bool) bool {
	window := max(1, r.Window)
	for i := range sentences {
		all := true
		for _, alts := range r.groups {
			found := false
			for _, s := range sentences[i:min(len(sentences), i+window)] {
				if s.hasAny(alts, negation) && !s.holds(r.unless) {
					found = true
					break
				}
			}
			if !found {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// holds reports whether one of the phrases occurs in the sentence, as
// written or with its typos corrected: "fellas" stays men even where the
// corrector reads "fell".
func (s sentence) holds(phrases [][]string) bool {
	for _, stems := range [][]string{s.stems, s.written} {
		for _, p := range phrases {
			for i := 0; i+len(p) <= len(stems); i++ {
				if hasWordsAt(stems, i, p) {
					return true
				}
			}
		}
	}
	return false
}

// hasAny reports whether one of the alternatives occurs in the sentence
// without a negation in the few words before it, in the same clause ("I
// haven't had anything, walking is wobbly" is not negated).
func (s sentence) hasAny(alts [][]string, negation map[string]bool) bool {
	for _, alt := range alts {
		for i := 0; i+len(alt) <= len(s.stems); i++ {
			if !hasWordsAt(s.stems, i, alt) {
				continue
			}
			negated := false
			for j := max(0, i-negationListWindow); j < i; j++ {
				if !negation[s.words[j]] || pseudoNegation(s.words, j) {
					continue
				}
				// In its own clause, a negation reaches a few words on;
				// across commas, through a short list ("no swelling,
				// redness or pain"), as NegEx's scope does.
				if (s.clauses[j] == s.clauses[i] && i-j <= negationWindow) || s.listAfter(j, i) {
					negated = true
					break
				}
			}
			if !negated {
				return true
			}
		}
	}
	return false
}

// DoctorMessage is the reply opening for doctor-level warning signs.
func (lib *Library) DoctorMessage(flags []RedFlag) string {
	return strings.ReplaceAll(lib.redFlags.DoctorMessage, "{flags}", joinLabels(flags))
}

// UrgentMessage is the reply for urgent symptoms.
func (lib *Library) UrgentMessage(flags []RedFlag) string {
	return strings.ReplaceAll(lib.redFlags.UrgentMessage, "{flags}", joinLabels(flags))
}

// Disclaimer is the short "not medical advice" line that ends every
// health answer that points to a doctor.
func (lib *Library) Disclaimer() string { return lib.redFlags.Disclaimer }

// EndsWithDisclaimer reports whether an answer already ends with its own
// "not medical advice" (or "not a diagnosis") line, as the topics about
// warning signs do.
func EndsWithDisclaimer(text string) bool {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	last := strings.ToLower(strings.TrimLeft(lines[len(lines)-1], "_* "))
	return strings.HasPrefix(last, "not medical advice") || strings.HasPrefix(last, "this is not a diagnosis")
}

// UrgentDisclaimer ends an urgent reply.
func (lib *Library) UrgentDisclaimer() string { return lib.redFlags.UrgentDisclaimer }

// joinLabels writes "a, b and c".
func joinLabels(flags []RedFlag) string {
	labels := make([]string, len(flags))
	for i, f := range flags {
		labels[i] = f.Label
	}
	switch len(labels) {
	case 0:
		return ""
	case 1:
		return labels[0]
	}
	return strings.Join(labels[:len(labels)-1], ", ") + " and " + labels[len(labels)-1]
}

// WarningReply writes the reply to a message with warning signs, or ""
// when a.Tier is TierNone. TierUrgent gets the urgent-care advice alone;
// TierSoon gets the see-a-doctor lead-in, then the topic about warning signs
// if the answer has one (never a reassuring topic). Either ends with a short
// "not medical advice" line.
func (lib *Library) WarningReply(a Answer) string {
	var parts []string
	switch a.Tier {
	case TierUrgent:
		return lib.UrgentMessage(a.Urgent) + "\n\n" + lib.UrgentDisclaimer()
	case TierSoon:
		parts = append(parts, lib.DoctorMessage(a.Flags))
		if a.Topic != nil && a.Topic.Warning {
			parts = append(parts, a.Topic.Body)
		}
	default:
		return ""
	}
	if !EndsWithDisclaimer(parts[len(parts)-1]) {
		parts = append(parts, lib.Disclaimer())
	}
	return strings.Join(parts, "\n\n")
}

// generalWords name nobody in particular: a question with one of them and
// no personal word asks about a sign in general.
var generalWords = map[string]bool{"you": true, "your": true, "someone": true, "somebody": true, "anyone": true, "anybody": true, "people": true, "person": true, "one": true, "ever": true}

// reportSentence reports whether one of the sentences tells something
// rather than asks it: three words or more, no question word first.
func reportSentence(sentences []sentence) bool {
	if len(sentences) < 2 {
		return false
	}
	for _, s := range sentences {
		if len(s.words) < 3 {
			continue
		}
		switch s.words[0] {
		case "what", "why", "how", "can", "could", "is", "are", "does", "do", "should", "when", "which", "will", "would", "whats", "any", "if", "hi", "hello":
			continue
		}
		return true
	}
	return false
}

// generalAsk is a question about a sign itself, not a report of one:
// "when is chest pain an emergency?", "what does slurred speech have to do
// with legs?".
var generalAsk = pattern.MustCompile(`\b(?:when is|when are|what does|what do|what are the signs|what are signs|signs of|how do (?:i|you) know|how can (?:i|you) tell|is it true|just curious|out of curiosity|saw it in|read (?:that|about)|in general)\b`)

// pastMarker marks a sentence told as past and over.
var pastMarker = pattern.MustCompile(`\b(?:last year|years ago|year ago|as a (?:kid|child|teenager|baby)|when i was (?:a )?(?:kid|child|young|little|younger|teenager)|all healed|healed (?:up|now|fine)|in the past|been clear|fully recovered|years back)\b`)

// gradualMarker dates a sign loosely ("lately", "these days"): chronic
// for a clumsy foot or a wobbly balance, but not for a weak or numb limb,
// which is read as the emergency it may be unless dated weeks back.
var gradualMarker = pattern.MustCompile(`\b(?:lately|of late|these days|in recent weeks|for some time|for a bit now)\b`)

// recurringMarker ties a sign to something the person keeps doing ("when
// I go up the stairs", "every time I stand", "I trip on the carpet
// sometimes"): a weakness that comes and goes is one to see a doctor
// about soon, not the sudden weakness of a stroke.
var recurringMarker = pattern.MustCompile(`\b(?:whenever|every time|each time|sometimes|keeps? losing (?:my |his |her )?balance|keeps? dropping things|now and then|now and again|every so often|from time to time|when i (?:go up|go down|climb|walk|run|get up|stand|am on|do|carry))\b`)

// weakOrNumb names weakness or numbness.
var weakOrNumb = pattern.MustCompile(`\b(?:weak\w*|numb\w*|no strength|no feeling|paraly\w*)\b`)

// chronicMarker marks a sentence that dates its sign weeks, months or
// years back.
var chronicMarker = pattern.MustCompile(`\b(?:(?:\d+|a few|a couple of|couple of|a couple|several|two|three|four|five|six|many) (?:weeks|months|years) (?:ago|now|back)|been (?:like |about |around |maybe |nearly |almost |over )?(?:\d+|a few|a couple of|couple of|a couple|several|two|three|four|five|six) (?:weeks|months|years)|(?:for |been |like |about |around |nearly |almost |over )(?:\d+|a few|a couple of|couple of|a couple|several|two|three|four|five|six) ?(?:wks|mths|mnths|yrs)|like (?:\d+|a few|a couple of|several|two|three|four|five|six) (?:weeks|months|years)|for (?:about |over |nearly |almost |like |around |roughly |maybe )?(?:\d+|a few|a couple of|several|many|two|three|four|five|six) (?:weeks|months|years)|for (?:about |over )?a (?:week|month|year)|over the (?:past|last) (?:few |couple of |several )?(?:weeks|months|years|week|month|year)|for (?:like |about |around |maybe )?the (?:past|last) (?:few |couple of |several )?(?:weeks|months|years|week|month|year)|for (?:weeks|months|ages|years) now|for weeks|for months|within a (?:week|month)|since (?:19|20)\d\d|in (?:early |late |mid )?(?:january|february|march|april|may|june|july|august|september|october|november|december)|(?:january|february|march|april|may|june|july|august|september|october|november|december) came|for several years|for years|for a while|for a (?:good|long|fair) while|a good while now|since (?:\d+|a few|two|three|four|five|six) months?|steadily|gradually|slowly getting|slowly over|over (?:some|several|many|a few|the) (?:weeks|months|years)|(?:it|this|that) (?:is|has been|was|came on|comes on) (?:very |quite |really )?slow(?:ly)?|over (?:a|one|the) (?:month|week)|(?:more|worse) (?:each|every) (?:week|month)|over time|(?:a|one|two|\d+) fortnights?|fortnight|(?:been|going on|happening|like (?:it|that|this))(?: for)?(?: about| over| nearly| almost)? a (?:week|month|year)|getting (?:more )?(?:unsteady|weaker|worse|clumsier|wobblier)|worse than (?:it|they|he|she) (?:was|were|used to be)|this (?:past )?week i (?:noticed|realised|realized|have noticed|ve noticed)|(?:this|the) past (?:month|year|few months|couple of months|six months)|(?:over|in|during) the (?:last|past) (?:week|few days|couple of weeks|10 days|ten days)|(?:been (?:like (?:that|this)|going on|happening)|going on|happening) (?:for )?(?:about |over )?(?:a few|a couple of|several|\d+|two|three|four|five|six) (?:weeks|months|years))\b`)

// acuteMarker is a sudden change told as now.
var acuteMarker = pattern.MustCompile(`\b(?:suddenly|sudden|all of a sudden|out of nowhere|out of the blue|just now|right now|an hour ago|hours ago|minutes ago|this morning|this mornin|this afternoon|this evening|tonight|today|since last night|since this morning|since this mornin|since i got up|since i woke|woke up (?:like this|with)|since (?:lunch|tea|dinner|breakfast|\d{1,2} ?(?:am|pm))|since \d{1,2}(?::\d\d)? ?(?:am|pm))\b`)

// general reports whether a question speaks of people in general.
func general(text string) bool {
	for _, w := range splitWords(text) {
		if generalWords[w] {
			return true
		}
	}
	return false
}

// negationListWindow is how far a negation reaches through a list.
const negationListWindow = 6

// maxListItem is the longest comma clause read as an item of a list.
const maxListItem = 4

// listAfter reports whether word i lies in a short list that follows the
// clause of word j: every clause after j's, up to i's, is a list item.
func (s sentence) listAfter(j, i int) bool {
	if s.clauses[i] == s.clauses[j] || s.clauses[i]-s.clauses[j] > 3 {
		return false
	}
	for c := s.clauses[j] + 1; c <= s.clauses[i]; c++ {
		n := 0
		for k, cl := range s.clauses {
			if cl != c {
				continue
			}
			n++
			if clauseVerbs[s.words[k]] {
				return false // a clause of its own ("walking is wobbly"), not an item
			}
		}
		if n > maxListItem {
			return false
		}
	}
	return true
}

// clauseVerbs mark a comma clause as a statement of its own.
var clauseVerbs = map[string]bool{"is": true, "are": true, "was": true, "were": true, "am": true, "im": true, "has": true, "have": true, "had": true,
	"feels": true, "feel": true, "felt": true, "went": true, "got": true, "gets": true, "keeps": true, "kept": true, "started": true, "became": true, "its": true}

// pseudoNegation reports a negation word that negates nothing: "not sure",
// "no idea", "not only", "no matter" (NegEx's pseudo-negations), or that
// is part of the sign itself ("could not control my bladder").
func pseudoNegation(words []string, j int) bool {
	if j+1 >= len(words) {
		return false
	}
	// "I could not breathe, chest hurt": an inability is the sign
	// itself, and negates nothing after it ("can not" is read as
	// "cannot" before this, see canNot).
	if words[j] == "not" && j > 0 && words[j-1] == "could" && inability[words[j+1]] {
		return true
	}
	switch words[j] + " " + words[j+1] {
	case "not sure", "no idea", "not only", "no matter", "not just", "no doubt", "not certain", "no clue",
		// "could not control my bladder": the control is lost, the
		// bladder is what it is about.
		"not control", "no control", "not hold":
		return true
	}
	return false
}

// canNot is "can not" written apart.
var canNot = pattern.MustCompile(`(?i)\b(c)an not\b`)

// inability are the verbs of "can not …" that tell a sign: breathing,
// swallowing, speaking, standing, moving, feeling.
var inability = map[string]bool{"breathe": true, "breath": true, "breathing": true, "swallow": true, "talk": true, "speak": true, "stand": true,
	"walk": true, "move": true, "lift": true, "feel": true, "hold": true, "control": true, "get": true}
