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
	"github.com/calmnights/calmnights/content/pattern"
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
	// Checklist are the article's seven doctor-checklist signs, by item
	// (nights, wakes, urge, kicking, spreading, weakness, iron): one alone
	// is how many people's nights are; two or more in one message meet
	// the article's rule and get the soon tier, as in English.
	Checklist map[string][]string `yaml:"checklist"`
	// Negations are the words that, just before a sign, deny it ("sin
	// debilidad", "keine Schwäche"): such a sign is no warning.
	Negations []string `yaml:"negations"`
	// Latin are common words of the language as people write it in Latin
	// letters (Russian in translit: "uzhe", "nogi"): two of them in a
	// message say it is written in the language, whatever whatlanggo,
	// which reads translit as Spanish or Polish, says.
	Latin []string `yaml:"latin"`
	// Letters spell Latin letters in the language's own ("zh": "ж"), so
	// that a message typed in translit is read by the same rules and
	// models as one in the language's script.
	Letters map[string]string `yaml:"letters"`
	// Outside are the questions the article does not answer, by kind
	// (child, animal, pregnancy, medicine, treatment, condition, cost).
	Outside map[string][]string `yaml:"outside"`
	// Requests are what people write to see or delete their own data, by
	// the command that answers it (forget, privacy).
	Requests map[string][]string `yaml:"requests"`
}

// langRules are one language's compiled safety words, each with the
// literal test in front of it (package pattern) that skips most texts cheaply.
type langRules struct {
	code, name             string
	spelling               map[string]string
	crisis, idioms, urgent []*pattern.Rule
	soon                   []*pattern.Rule
	negations              map[string]bool
	latin                  map[string]bool
	letters                map[string]string
	outside                map[string][]*pattern.Rule
	requests               map[string][]*pattern.Rule
	checklist              map[string][]*pattern.Rule
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

// fromLatin spells the words of a folded text that are all Latin letters
// in the language's script, when it has Letters and the text holds two of
// its Latin words (its latin list): "nogi onemeli" reads "ноги онемели".
// The longest letter group wins ("shch" before "sh"); a lone "y" is "й"
// after a vowel and "ы" elsewhere, as translit writes both.
func (r *langRules) fromLatin(t string) string {
	if len(r.letters) == 0 {
		return t
	}
	words := strings.Fields(t)
	if !r.writtenInLatin(words) {
		return t
	}
	for i, w := range words {
		if !isLatinWord(w) {
			continue
		}
		var b strings.Builder
		for j := 0; j < len(w); {
			n := min(4, len(w)-j)
			for ; n > 0; n-- {
				if s, ok := r.letters[w[j:j+n]]; ok {
					b.WriteString(s)
					break
				}
			}
			if n == 0 { // "y" alone
				if j > 0 && strings.IndexByte("aeiou", w[j-1]) >= 0 {
					b.WriteString("й")
				} else {
					b.WriteString("ы")
				}
				n = 1
			}
			j += n
		}
		words[i] = b.String()
	}
	return " " + strings.Join(words, " ") + " "
}

// writtenInLatin reports whether the words hold minLatinWords of the
// language's Latin-letter words.
func (r *langRules) writtenInLatin(words []string) bool {
	n := 0
	for _, w := range words {
		if r.latin[w] {
			n++
		}
	}
	return n >= minLatinWords
}

// readings are the ways the rules read a folded text: as written, and,
// for a message typed in translit, in the language's script as well.
func (r *langRules) readings(t string) []string {
	if r == nil {
		return []string{t}
	}
	if x := r.fromLatin(t); x != t {
		return []string{t, r.respell(x)}
	}
	return []string{t}
}

// isLatinWord reports whether w is all lower-case ASCII letters.
func isLatinWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
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
	r := &langRules{code: f.Code, name: f.Name, spelling: map[string]string{}, negations: map[string]bool{}, latin: map[string]bool{}}
	for _, w := range f.Negations {
		r.negations[foldWord(w)] = true
	}
	for _, w := range f.Latin {
		r.latin[foldWord(w)] = true
	}
	r.letters = f.Letters
	for from, to := range f.Spelling {
		r.spelling[foldWord(from)] = strings.TrimSpace(foldText(to))
	}
	for _, set := range []struct {
		src []string
		dst *[]*pattern.Rule
	}{{f.Crisis, &r.crisis}, {f.Idioms, &r.idioms}, {f.Urgent, &r.urgent}, {f.Soon, &r.soon}} {
		for _, p := range set.src {
			re, err := pattern.Compile(p)
			if err != nil {
				return nil, fmt.Errorf("%s: %q: %w", name, p, err)
			}
			*set.dst = append(*set.dst, re)
		}
	}
	for _, set := range []struct {
		what string
		from map[string][]string
		to   *map[string][]*pattern.Rule
	}{{"outside", f.Outside, &r.outside}, {"requests", f.Requests, &r.requests}, {"checklist", f.Checklist, &r.checklist}} {
		*set.to = map[string][]*pattern.Rule{}
		for kind, list := range set.from {
			for _, p := range list {
				re, err := pattern.Compile(p)
				if err != nil {
					return nil, fmt.Errorf("%s: %s %s %q: %w", name, set.what, kind, p, err)
				}
				(*set.to)[kind] = append((*set.to)[kind], re)
			}
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

// matchOutside reports whether one of res matches the text outside every span of
// the idioms, where denied (if not nil) does not deny the match at its
// start. g is the scan of the text (pattern.ScanOf), which skips most
// rules cheaply.
func matchOutside(g *pattern.Scan, res, idioms []*pattern.Rule, denied func(start int) bool) bool {
	cover := matches(g, idioms)
	for _, re := range res {
		for _, m := range re.FindAllStringIndexIn(g) {
			if !covered(m, cover) && (denied == nil || !denied(m[0])) {
				return true
			}
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
	g := pattern.ScanOf(t)
	for _, r := range l.langRules() {
		for _, rt := range r.readings(r.respell(t)) {
			rg := g
			if rt != t {
				rg = pattern.ScanOf(rt)
			}
			if crisis == "" && matchOutside(rg, r.crisis, r.idioms, nil) {
				crisis = r.code
			}
			if urgent == "" && matchOutside(rg, r.urgent, r.idioms, nil) {
				urgent = r.code
			}
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
