package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The safety screen beyond English. Each other language has its crisis
// and emergency words in lang/<code>.yaml, read over the message folded
// by foldText, and the safety replies in locales/<code>.yaml (see
// catalog.go). Every message is read in every language: a crisis never
// waits for the language to be told right.

// Languages are the codes the bot speaks, English first.
var Languages = []string{"en", "es", "pt", "de", "ru"}

// langFile is one lang/<code>.yaml.
type langFile struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
	// Spelling maps chat and misspelt words to the words the expressions
	// use ("kiero": "quiero"), one word for one or more.
	Spelling map[string]string `yaml:"spelling"`
	Crisis   []string          `yaml:"crisis"`
	Idioms   []string          `yaml:"idioms"`
	Urgent   []string          `yaml:"urgent"`
	// Soon are the warning signs worth a doctor's visit soon (weakness,
	// numbness, twitching that spreads), read only in a message written
	// in the language, to answer it.
	Soon []string `yaml:"soon"`
	// Negations are the words that, just before a sign, deny it ("sin
	// debilidad", "keine Schwäche"): such a sign is no warning.
	Negations []string `yaml:"negations"`
	// Outside are the questions the article does not answer, by kind
	// (child, animal, pregnancy, medicine, treatment, condition, cost).
	Outside map[string][]string `yaml:"outside"`
}

// langRules are one language's compiled safety words, each with the
// literal test in front of it (literals.go) that skips most texts cheaply.
type langRules struct {
	code, name             string
	spelling               map[string]string
	crisis, idioms, urgent []*rule
	soon                   []*rule
	negations              map[string]bool
	outside                map[string][]*rule
}

// fold is text as the language's rules and models read it: folded by
// foldText, then through its spelling; r may be nil (foldText alone).
func (r *langRules) fold(text string) string {
	t := foldText(text)
	if r != nil {
		t = r.respell(t)
	}
	return t
}

// respell puts a folded text's words through the language's spelling.
func (r *langRules) respell(t string) string {
	if len(r.spelling) == 0 {
		return t
	}
	words := strings.Fields(t)
	if !slices.ContainsFunc(words, func(w string) bool { _, ok := r.spelling[w]; return ok }) {
		return t
	}
	for i, w := range words {
		if s, ok := r.spelling[w]; ok {
			words[i] = s
		}
	}
	return " " + strings.Join(words, " ") + " "
}

func loadLangRules(fsys fs.FS) ([]*langRules, error) {
	names, err := fs.Glob(fsys, "lang/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list lang: %w", err)
	}
	sort.Strings(names)
	// A file that fails to load is reported, and the others still
	// guard their languages: one slip must not silence them all.
	var out []*langRules
	var errs []error
	for _, name := range names {
		r, err := loadLang(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, r)
	}
	return out, errors.Join(errs...)
}

// loadLang reads and compiles one lang/<code>.yaml.
func loadLang(fsys fs.FS, name string) (*langRules, error) {
	var f langFile
	if err := readYAML(fsys, name, &f); err != nil {
		return nil, err
	}
	if want := strings.TrimSuffix(path.Base(name), ".yaml"); f.Code != want {
		return nil, fmt.Errorf("%s: code %q does not match the file name", name, f.Code)
	}
	r := &langRules{code: f.Code, name: f.Name, spelling: map[string]string{}, negations: map[string]bool{}}
	for _, w := range f.Negations {
		r.negations[foldWord(w)] = true
	}
	for from, to := range f.Spelling {
		r.spelling[foldWord(from)] = strings.TrimSpace(foldText(to))
	}
	for _, set := range []struct {
		src []string
		dst *[]*rule
	}{{f.Crisis, &r.crisis}, {f.Idioms, &r.idioms}, {f.Urgent, &r.urgent}, {f.Soon, &r.soon}} {
		for _, p := range set.src {
			re, err := compileRule(p)
			if err != nil {
				return nil, fmt.Errorf("%s: %q: %w", name, p, err)
			}
			*set.dst = append(*set.dst, re)
		}
	}
	r.outside = map[string][]*rule{}
	for kind, list := range f.Outside {
		for _, p := range list {
			re, err := compileRule(p)
			if err != nil {
				return nil, fmt.Errorf("%s: outside %s %q: %w", name, kind, p, err)
			}
			r.outside[kind] = append(r.outside[kind], re)
		}
	}
	if len(r.crisis) == 0 || len(r.urgent) == 0 {
		return nil, fmt.Errorf("%s: needs crisis and urgent patterns", name)
	}
	return r, nil
}

// foldText is what the other languages' patterns read: lower case,
// accents and diaeresis removed ("está" reads "esta", "müde" "mude"), "ё"
// read "е", everything but letters and digits a space, and one space
// padding each end.
func foldText(s string) string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "ё", "е")
	s = strings.NewReplacer("ß", "ss", "’", "'").Replace(s)
	// Russian "й" keeps its mark: it is its own letter, not "и".
	s = strings.ReplaceAll(s, "й", "\x00")
	if folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s); err == nil {
		s = folded
	}
	s = strings.ReplaceAll(s, "\x00", "й")
	s = strings.ReplaceAll(s, "'", "")
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// foldWord is one word folded as foldText folds it.
func foldWord(w string) string { return strings.TrimSpace(foldText(w)) }

// matchOutside reports whether one of res matches t outside every span of
// the idioms. g is t's grams (gramsOf), which skip most rules cheaply.
func matchOutside(t string, g grams, res, idioms []*rule) bool {
	var cover [][]int
	for _, re := range idioms {
		if re.mayIn(t, g) {
			cover = append(cover, re.re.FindAllStringIndex(t, -1)...)
		}
	}
	for _, re := range res {
		if !re.mayIn(t, g) {
			continue
		}
		for _, m := range re.re.FindAllStringIndex(t, -1) {
			if !covered(m, cover) {
				return true
			}
		}
	}
	return false
}

// grams are the three-byte substrings of a text, as a bit set of their
// hashes: a literal whose first three bytes are not among them cannot be
// in the text, so most of the other languages' rules are skipped without
// a search. A hash shared by two grams only costs a search.
type grams *[gramWords]uint64

const gramWords = 1 << 10 // 65,536 bits

func gramHash(s string) uint32 {
	return (uint32(s[0])*961 + uint32(s[1])*31 + uint32(s[2])) & (gramWords*64 - 1)
}

func gramsOf(s string) grams {
	var g [gramWords]uint64
	for i := 0; i+3 <= len(s); i++ {
		h := gramHash(s[i : i+3])
		g[h/64] |= 1 << (h % 64)
	}
	return &g
}

// mayIn reports whether the rule can match s at all, whose grams
// (gramsOf) are g: every clause of the rule has a string in s.
func (r *rule) mayIn(s string, g grams) bool {
	for _, c := range r.clauses {
		if !containsAnyIn(s, g, c) {
			return false
		}
	}
	return true
}

// containsAnyIn reports whether s, whose grams are g, holds one of the
// strings; the grams rule most of them out without a search.
func containsAnyIn(s string, g grams, set []string) bool {
	for _, l := range set {
		if len(l) >= 3 {
			if h := gramHash(l); g[h/64]&(1<<(h%64)) == 0 {
				continue
			}
		}
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// otherSafety reads text in every other language once: the first
// language whose crisis words it holds, and the first whose emergency
// words it holds ("" when none).
func (l *Library) otherSafety(text string) (crisis, urgent string) {
	l.foldMu.Lock()
	if l.foldDone && l.foldText == text {
		crisis, urgent = l.foldCrisis, l.foldUrgent
		l.foldMu.Unlock()
		return crisis, urgent
	}
	l.foldMu.Unlock()
	t := foldText(text)
	g := gramsOf(t)
	for _, r := range l.langRules() {
		rt, rg := t, g
		if x := r.respell(t); x != t {
			rt, rg = x, gramsOf(x)
		}
		if crisis == "" && matchOutside(rt, rg, r.crisis, r.idioms) {
			crisis = r.code
		}
		if urgent == "" && matchOutside(rt, rg, r.urgent, r.idioms) {
			urgent = r.code
		}
	}
	// The safety screen asks for the crisis, then the emergency, of one
	// message: the second question is answered from the first reading.
	l.foldMu.Lock()
	l.foldText, l.foldCrisis, l.foldUrgent, l.foldDone = text, crisis, urgent, true
	l.foldMu.Unlock()
	return crisis, urgent
}

// otherCrisis reports whether text states a crisis in one of the other
// languages, and which.
func (l *Library) otherCrisis(text string) (string, bool) {
	c, _ := l.otherSafety(text)
	return c, c != ""
}

// otherUrgent reports whether text names an emergency in one of the other
// languages, and which.
func (l *Library) otherUrgent(text string) (string, bool) {
	_, u := l.otherSafety(text)
	return u, u != ""
}

// langRules are the other languages' safety words, loaded on first use
// with the catalog; the embedded files are tested to load.
func (l *Library) langRules() []*langRules {
	l.messages()
	return l.langs
}

// minDetectRunes is the shortest text whose language is guessed from its
// letters alone: shorter ones are too often any language.
const minDetectRunes = 12

// Language is the language text is written in, among Languages, or ""
// when it is too short or unclear to tell. Cyrillic is Russian; the
// others are told by whatlanggo's trigram model, limited to the
// languages the bot speaks.
func Language(text string) string {
	cyr, letters := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Cyrillic, r) {
				cyr++
			}
		}
	}
	if letters > 0 && cyr*2 > letters {
		return "ru"
	}
	if letters < minDetectRunes {
		return ""
	}
	info := whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
		whatlanggo.Eng: true, whatlanggo.Spa: true, whatlanggo.Por: true, whatlanggo.Deu: true, whatlanggo.Rus: true,
	}})
	if info.Confidence < minConfidence {
		return ""
	}
	switch info.Lang {
	case whatlanggo.Eng:
		return "en"
	case whatlanggo.Spa:
		return "es"
	case whatlanggo.Por:
		return "pt"
	case whatlanggo.Deu:
		return "de"
	case whatlanggo.Rus:
		return "ru"
	}
	return ""
}

// minConfidence is whatlanggo's confidence below which the language is
// left untold.
const minConfidence = 0.2
