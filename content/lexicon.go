package content

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/calmnights/calmnights/content/pattern"
	"github.com/kljensen/snowball/english"
)

// lexicon turns text into search terms: lower-cased, stop words dropped,
// stemmed, with phrase words added; and expands query terms by synonyms.
type lexicon struct {
	stop     map[string]bool
	domain   map[string]bool     // stems that mark a question as ours
	near     map[string]bool     // stems of things around our subject
	variants map[string]string   // stem -> the stem it counts as
	synonyms map[string][]string // stem -> the other stems of its groups
	phrases  []phrase            // longest first
	respell  map[string]string   // dialect and chat word -> its everyday spelling

	questionStarts, questionWords, statementMarkers map[string]bool
}

type phrase struct {
	words []string // normalised words
	term  string   // stem added when the phrase appears
}

type lexiconFile struct {
	Stopwords []string          `yaml:"stopwords"`
	Domain    []string          `yaml:"domain"`
	Near      []string          `yaml:"near_domain"`
	Variants  [][]string        `yaml:"variants"`
	Synonyms  [][]string        `yaml:"synonyms"`
	Phrases   map[string]string `yaml:"phrases"`
	Respell   map[string]string `yaml:"respell"`

	QuestionStarts   []string `yaml:"question_starts"`
	QuestionWords    []string `yaml:"question_words"`
	StatementMarkers []string `yaml:"statement_markers"`
}

func loadLexicon(fsys fs.FS) (*lexicon, error) {
	var f lexiconFile
	if err := readYAML(fsys, "lexicon.yaml", &f); err != nil {
		return nil, err
	}
	lx := &lexicon{stop: map[string]bool{}, domain: map[string]bool{}, near: map[string]bool{}, variants: map[string]string{}, synonyms: map[string][]string{}, respell: map[string]string{}}
	for from, to := range f.Respell {
		if from != strings.ToLower(from) || strings.ContainsAny(from, " \t") || to == "" {
			return nil, fmt.Errorf("lexicon.yaml: respell %q needs one lower-case word and a spelling", from)
		}
		lx.respell[from] = to
	}
	for _, w := range f.Stopwords {
		lx.stop[normaliseWord(w)] = true
	}
	lx.questionStarts, lx.questionWords, lx.statementMarkers = wordSet(f.QuestionStarts), wordSet(f.QuestionWords), wordSet(f.StatementMarkers)
	for i, group := range f.Variants {
		if len(group) < 2 {
			return nil, fmt.Errorf("lexicon.yaml: variant group %d needs two words", i+1)
		}
		head := stem(normaliseWord(group[0]))
		for _, w := range group[1:] {
			if s := stem(normaliseWord(w)); s != head {
				lx.variants[s] = head
			}
		}
	}
	for _, w := range f.Domain {
		lx.domain[lx.word(normaliseWord(w))] = true
	}
	for _, w := range f.Near {
		lx.near[lx.word(normaliseWord(w))] = true
	}
	for i, group := range f.Synonyms {
		stems := map[string]bool{}
		for _, w := range group {
			if s := lx.word(normaliseWord(w)); s != "" {
				stems[s] = true
			}
		}
		if len(stems) < 2 {
			return nil, fmt.Errorf("lexicon.yaml: synonym group %d needs two different words", i+1)
		}
		for a := range stems {
			for b := range stems {
				if a != b && !contains(lx.synonyms[a], b) {
					lx.synonyms[a] = append(lx.synonyms[a], b)
				}
			}
		}
	}
	for p, term := range f.Phrases {
		words := splitWords(p)
		if len(words) < 2 || term == "" {
			return nil, fmt.Errorf("lexicon.yaml: phrase %q needs two or more words and a term", p)
		}
		for i, w := range words {
			words[i] = stem(w)
		}
		lx.phrases = append(lx.phrases, phrase{words: words, term: lx.word(normaliseWord(term))})
	}
	sort.Slice(lx.phrases, func(i, j int) bool {
		if len(lx.phrases[i].words) != len(lx.phrases[j].words) {
			return len(lx.phrases[i].words) > len(lx.phrases[j].words)
		}
		return strings.Join(lx.phrases[i].words, " ") < strings.Join(lx.phrases[j].words, " ")
	})
	return lx, nil
}

// respellText rewrites the dialect and chat words of text in their
// everyday spelling ("ma hauns are at it noo" reads "my hands are at it
// now"), leaving everything else as it was, so that the matcher and the
// warning signs read one spelling.
func (lx *lexicon) respellText(text string) string {
	if len(lx.respell) == 0 {
		return text
	}
	var b strings.Builder
	start := -1
	flush := func(end int) {
		w := text[start:end]
		if to, ok := lx.respell[strings.ToLower(w)]; ok {
			b.WriteString(to)
		} else {
			b.WriteString(w)
		}
		start = -1
	}
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			flush(i)
		}
		if !word {
			b.WriteRune(r)
		}
	}
	if start >= 0 {
		flush(len(text))
	}
	return b.String()
}

// terms returns the search terms of text, in order, with repeats.
func (lx *lexicon) terms(text string) []string {
	words := splitWords(text)
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = stem(w)
	}
	out := make([]string, 0, len(words)+2)
	for i, w := range words {
		for _, p := range lx.phrases {
			if hasWordsAt(stems, i, p.words) {
				out = append(out, p.term)
			}
		}
		if lx.stop[w] || english.IsStopWord(w) || len(w) < 2 {
			continue
		}
		out = append(out, lx.word(w))
	}
	return out
}

// word returns the search term of one normalised word: its stem, or the
// stem its variant group counts it as.
func (lx *lexicon) word(w string) string {
	s := stem(w)
	if v, ok := lx.variants[s]; ok {
		return v
	}
	return s
}

// isDomain reports whether a stem marks a question as about our subject.
func (lx *lexicon) isDomain(s string) bool { return lx.domain[s] }

// isNear reports whether a stem names something around our subject.
func (lx *lexicon) isNear(s string) bool { return lx.near[s] }

// splitWords lower-cases text and splits it into words of letters and
// digits; apostrophes vanish ("don't" becomes "dont").
func splitWords(text string) []string {
	text = strings.ToLower(strings.ToValidUTF8(text, " "))
	var (
		words []string
		cur   strings.Builder
	)
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r == '\'' || r == '’' || r == '‘':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return words
}

func normaliseWord(w string) string {
	ws := splitWords(w)
	return strings.Join(ws, "")
}

func stem(w string) string {
	if w == "" {
		return ""
	}
	if s, ok := stems.Load(w); ok {
		return s.(string)
	}
	s := english.Stem(w, true)
	if stemsKept.Add(1) <= maxStemsKept {
		stems.Store(w, s)
	}
	return s
}

// stems remembers the stems of words seen, so that loading the topics
// (thousands of phrasings over a few thousand words) and reading messages
// stem each word once. It keeps at most maxStemsKept words, so odd input
// cannot grow it without bound.
var (
	stems     sync.Map
	stemsKept atomic.Int64
)

// maxStemsKept bounds the stem memory.
const maxStemsKept = 50000

func hasWordsAt(words []string, i int, p []string) bool {
	if i+len(p) > len(words) {
		return false
	}
	for j, w := range p {
		if words[i+j] != w {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func wordSet(list []string) map[string]bool {
	set := make(map[string]bool, len(list))
	for _, w := range list {
		set[normaliseWord(w)] = true
	}
	return set
}

// isStatement reports whether text reads as something the writer says
// about their own night ("it woke me up again", "had 2 coffees today"),
// not a question.
func (lx *lexicon) isStatement(text string) bool {
	if strings.Contains(text, "?") {
		return false
	}
	words := splitWords(text)
	if len(words) == 0 || lx.questionStarts[words[0]] || asksInside.MatchString(strings.ToLower(text)) {
		return false
	}
	// A later sentence or clause that starts as a question ("… for a
	// week now. What is the cause of that.") makes the message a question.
	for _, clause := range clauseSplit.Split(text, -1) {
		if w := splitWords(clause); len(w) > 0 && lx.questionStarts[w[0]] {
			return false
		}
	}
	marked := false
	for _, w := range words {
		if lx.questionWords[w] {
			return false
		}
		if lx.statementMarkers[w] || (len(w) >= 5 && strings.HasSuffix(w, "ed")) || isClockTime(w) {
			marked = true
		}
	}
	return marked
}

// isClockTime reports whether w is a time like "3am" or "11pm".
func isClockTime(w string) bool {
	t := strings.TrimSuffix(strings.TrimSuffix(w, "am"), "pm")
	if t == w || t == "" {
		return false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// clauseSplit cuts a message into sentences and clauses.
var clauseSplit = pattern.MustCompile(`[.!;,\n]+`)

// asksInside finds a question asked in the middle of a message without a
// question mark: "… lol is it the monsters", "could that be why".
var asksInside = pattern.MustCompile(`\b(?:is it|is that|could it|could that|can that|can it|does that|does it|should i|do i need|what is|whats|why is|why do|why does|how do i|how can i|is this|could this|any tips|any advice|is there|any stretches|whether|i would like to know|i should like to know|i would be grateful|grateful for your view|is she ok|is he ok|is she okay|is he okay|side effects of)\b`)
