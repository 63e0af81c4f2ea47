package understand

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/calmnights/calmnights/content"
	"github.com/calmnights/calmnights/content/pattern"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Statements in the other languages (Spanish, Portuguese, German,
// Russian) are read by the English reader above, not by a second one: a
// gloss, kept as data in content/lang/<code>/statements.yaml, writes the
// message's statement words in the English ones the reader knows
// ("anoche un 6, me desperté dos veces, café a las 5 de la tarde" is
// "last night a 6, woke twice, coffee at 5 pm"), its numbers and clock
// phrases in digits ("a las once y media" is "at 11:30", "halb elf"
// "10:30", "в половине двенадцатого" "11:30"), and Classify reads the
// gloss. Only what the gloss makes a statement (a night, water, a
// reminder, a setting, a screen to show, a dose) is taken from it: a
// question, a warning sign or small talk keeps the language's own path.
//
// The gloss works in stages, each from the data: the message is folded
// (lower case, accents off, "ё" as "е"), cut into words and marks, its
// chat spellings mended, a few rewrites done before the numbers are read,
// number words written in digits (tens and units joined: "treinta y
// cinco", "fünfundzwanzig", "двадцать пять"), clock phrases written as
// H:MM, then the language's phrases rewritten into English, in order.
// Every pattern matches whole words; a space in it stands for the space
// between two words, \pL for a letter of any alphabet.

// statementActions are the actions a gloss may give: what changes data,
// and the screens to show.
var statementActions = map[Action]bool{
	Log: true, Water: true, Remind: true, Pause: true, Resume: true, Snooze: true, Quiet: true,
	Bedtime: true, WakeTime: true, TimeZone: true, Show: true, Medicine: true,
}

// ClassifyIn reads text, written in lang (a code of content.Languages
// other than English), as a statement: it is the intent Classify finds in
// the text's English gloss, and false when that is no statement (a
// question, small talk, a warning sign, nothing it can place), which the
// caller answers in the language as before. A night's note is the
// message's own words, and a dose keeps the language's name for the
// medicine.
func (c *Classifier) ClassifyIn(lang, text string) (Intent, bool) {
	g, err := c.glossFor(lang)
	if err != nil || g == nil {
		return Intent{}, false
	}
	gloss := g.gloss(text)
	in := c.Classify(gloss)
	if !statementActions[in.Action] {
		return Intent{}, false
	}
	// Safety first: a message with a crisis or a warning sign in it, in
	// whatever words, is answered as one, never shown back as a statement.
	if c.lib.Crisis(text) || c.lib.AskIn(lang, text).Tier != content.TierNone {
		return Intent{}, false
	}
	switch in.Action {
	case Log:
		if in.Values["when"] == "tonight" && in.Values["score"] == "" && in.Values["start"] == "" && !tonightEvent(normalize(gloss)) {
			// "el café empeora mis piernas por la noche" tells what the
			// article answers, not a night to log: the language's own
			// path answers it. Something done this evening ("recién me
			// tomé un té verde", "acabo de estirar") or legs already going
			// from a time ("ya desde las nueve") are a night to note.
			return Intent{}, false
		}
		if in.Values["note"] != "" {
			if note := g.noteIn(text); note != "" {
				in.Values["note"] = note
			} else {
				delete(in.Values, "note")
			}
		}
	case Medicine:
		if local := g.medicineName[in.Values["name"]]; local != "" {
			in.Values["name"] = local
		}
	}
	return in, true
}

// Gloss is text, written in lang, in the English words Classify reads,
// and false for a language without a gloss: what ClassifyIn reads, for
// tests and for seeing why a message was read as it was.
func (c *Classifier) Gloss(lang, text string) (string, bool) {
	g, err := c.glossFor(lang)
	if err != nil || g == nil {
		return "", false
	}
	return g.gloss(text), true
}

// CheckGlosses compiles every language's gloss and reports what is wrong
// with it.
func (c *Classifier) CheckGlosses() error {
	if err := c.lib.CheckGlosses(); err != nil {
		return err
	}
	var errs []error
	for _, code := range content.Languages[1:] {
		if _, err := c.glossFor(code); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// glossKey names one library's gloss of one language.
type glossKey struct {
	lib  *content.Library
	lang string
}

// glossSlot is one compiled gloss, compiled once.
type glossSlot struct {
	once sync.Once
	g    *glosser
	err  error
}

// compiledGlosses are the compiled glosses by glossKey.
var compiledGlosses sync.Map

// glossFor is lang's compiled gloss; nil for a language without one.
func (c *Classifier) glossFor(lang string) (*glosser, error) {
	v, _ := compiledGlosses.LoadOrStore(glossKey{c.lib, lang}, &glossSlot{})
	s := v.(*glossSlot)
	s.once.Do(func() {
		data, ok := c.lib.StatementGloss(lang)
		if !ok {
			return
		}
		if s.g, s.err = compileGloss(data); s.err != nil {
			s.err = fmt.Errorf("lang/%s/statements.yaml: %w", lang, s.err)
		}
	})
	return s.g, s.err
}

// glosser is one language's gloss, compiled.
type glosser struct {
	spelling map[string][]string
	before   []rewrite
	numbers  map[string]int
	join     string
	compound string
	clock    []clockRule
	phrases  []rewrite
	// medicineName is the language's word for each English medicine name.
	medicineName map[string]string
}

// rewrite is one phrase and what it becomes.
type rewrite struct {
	re *pattern.Rule
	to string
}

// clockRule is one clock phrase, compiled.
type clockRule struct {
	re               *pattern.Rule
	minutes          int
	towards, before  bool
	out              string
	hourAt, minuteAt int // the groups h and m, -1 when absent
}

// compileGloss compiles a language's gloss.
func compileGloss(d *content.Gloss) (*glosser, error) {
	g := &glosser{spelling: map[string][]string{}, numbers: map[string]int{}, join: foldWord(d.Join), compound: foldWord(d.Compound), medicineName: map[string]string{}}
	for k, v := range d.Spelling {
		g.spelling[foldWord(k)] = strings.Fields(foldAccents(strings.ToLower(v)))
	}
	for k, n := range d.Numbers {
		g.numbers[foldWord(k)] = n
	}
	var err error
	if g.before, err = compileRewrites(d.Before); err != nil {
		return nil, fmt.Errorf("before: %w", err)
	}
	// The medicine words come first, so that no phrase reads them.
	var medicines [][2]string
	for _, en := range slices.Sorted(maps.Keys(d.Medicines)) {
		words := d.Medicines[en]
		if len(words) == 0 {
			return nil, fmt.Errorf("medicine %q: no words", en)
		}
		g.medicineName[en] = words[0]
		for _, w := range words {
			medicines = append(medicines, [2]string{regexp.QuoteMeta(strings.ToLower(w)), en})
		}
	}
	phrases := append(medicines, d.Phrases...)
	if g.phrases, err = compileRewrites(phrases); err != nil {
		return nil, fmt.Errorf("phrases: %w", err)
	}
	for _, c := range d.Clock {
		re, err := compileWords(c.Pattern)
		if err != nil {
			return nil, fmt.Errorf("clock %q: %w", c.Pattern, err)
		}
		r := clockRule{re: re, minutes: c.Minutes, towards: c.Towards, before: c.Before, out: c.Out, hourAt: re.Regexp().SubexpIndex("h"), minuteAt: re.Regexp().SubexpIndex("m")}
		if r.hourAt < 0 {
			return nil, fmt.Errorf("clock %q: no group h", c.Pattern)
		}
		if r.out == "" {
			r.out = "{clock}"
		}
		g.clock = append(g.clock, r)
	}
	return g, nil
}

// compileRewrites compiles [pattern, replacement] pairs.
func compileRewrites(pairs [][2]string) ([]rewrite, error) {
	out := make([]rewrite, 0, len(pairs))
	for _, p := range pairs {
		re, err := compileWords(p[0])
		if err != nil {
			return nil, fmt.Errorf("%q: %w", p[0], err)
		}
		out = append(out, rewrite{re: re, to: " " + strings.ReplaceAll(strings.TrimSpace(foldAccents(p[1])), " ", "  ") + " "})
	}
	return out, nil
}

// compileWords compiles a pattern of whole words over the gloss's text,
// in which every word stands between spaces of its own (" a  b  c "): a
// space in the pattern is the two between words, and the pattern is
// wrapped in its words' outer spaces. ^ and $ at its ends are the
// message's ends.
func compileWords(p string) (*pattern.Rule, error) {
	if strings.Contains(p, `\b`) || strings.Contains(p, `\w`) {
		return nil, errors.New(`\b and \w are ASCII only: patterns match whole words already, and \pL is a letter`)
	}
	p = foldAccents(p)
	lead, tail := " ", " "
	if rest, ok := strings.CutPrefix(p, "^"); ok {
		p, lead = rest, "^ "
	}
	if rest, ok := strings.CutSuffix(p, "$"); ok && !strings.HasSuffix(rest, `\`) {
		p, tail = rest, " $"
	}
	p = strings.ReplaceAll(p, " ", "  ")
	return pattern.Compile(lead + "(?:" + p + ")" + tail)
}

// gloss writes text in English words.
func (g *glosser) gloss(text string) string {
	words := g.numbersIn(g.rewrite(g.before, g.spell(tokens(foldText(text)))))
	words = g.clocks(words)
	words = g.rewrite(g.phrases, words)
	return joinWords(words)
}

// foldText lowers text and takes its accents off, as the data is written:
// "Desperté" is "desperte", "ёщё" "еще", "Straße" "strasse".
func foldText(s string) string {
	return foldAccents(strings.NewReplacer("ß", "ss", "’", "'", "ё", "е", "Ё", "е").Replace(strings.ToLower(s)))
}

// foldAccents takes the accents off letters, but not Russian "й" (a
// letter of its own) nor the case.
func foldAccents(s string) string {
	s = strings.NewReplacer("й", "\x00", "Й", "\x01", "ё", "е", "Ё", "Е").Replace(s)
	if folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s); err == nil {
		s = folded
	}
	return strings.NewReplacer("\x00", "й", "\x01", "Й").Replace(s)
}

// foldWord is one word of the data, folded as a message is.
func foldWord(w string) string { return strings.TrimSpace(foldText(w)) }

// tokens cuts folded text into words and marks: "6/10", "21:30", "1,5"
// (a decimal, written "1.5") and "22h" are words; , . ! ? ; : - / ( ) are
// marks of their own; anything else (emoji, quotes) goes.
func tokens(s string) []string {
	rs := []rune(s)
	var out []string
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case word(r):
			j := i + 1
			for j < len(rs) {
				if word(rs[j]) {
					j++
					continue
				}
				if strings.ContainsRune(":/,.", rs[j]) && j+1 < len(rs) && unicode.IsDigit(rs[j+1]) && unicode.IsDigit(rs[j-1]) {
					j++ // 21:30, 6/10, 1,5, 21.30
					continue
				}
				break
			}
			w := string(rs[i:j])
			if strings.Count(w, ",") == 1 && !strings.ContainsAny(w, ":/.") {
				w = strings.Replace(w, ",", ".", 1) // "1,5 litros"
			}
			out = append(out, w)
			i = j
		case r == '-' && i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]):
			i++ // "meia-noite", "Wind-down": two words
		case strings.ContainsRune(",.!?;:-/()", r):
			if len(out) == 0 || out[len(out)-1] != string(r) { // "!!!" is one
				out = append(out, string(r))
			}
			i++
		default:
			i++
		}
	}
	return out
}

// spell mends chat spellings and typos, word by word.
func (g *glosser) spell(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if fix, ok := g.spelling[w]; ok {
			out = append(out, fix...)
			continue
		}
		out = append(out, w)
	}
	return out
}

// numbersIn writes number words in digits, tens and units joined.
func (g *glosser) numbersIn(words []string) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		n, ok := g.numbers[words[i]]
		if !ok {
			n, ok = g.compoundNumber(words[i])
		}
		if !ok {
			out = append(out, words[i])
			continue
		}
		if n >= 20 && n < 100 && n%10 == 0 {
			j := i + 1
			if g.join != "" && j < len(words) && words[j] == g.join {
				j++
			}
			if j < len(words) {
				if u, ok := g.numbers[words[j]]; ok && u >= 1 && u <= 9 {
					n, i = n+u, j
				}
			}
		}
		out = append(out, strconv.Itoa(n))
	}
	return out
}

// compoundNumber reads a unit joined to its tens in one word:
// "funfundzwanzig" is 25.
func (g *glosser) compoundNumber(w string) (int, bool) {
	if g.compound == "" {
		return 0, false
	}
	unit, tens, ok := strings.Cut(w, g.compound)
	if !ok {
		return 0, false
	}
	u, ok1 := g.numbers[unit]
	t, ok2 := g.numbers[tens]
	if !ok1 || !ok2 || u < 1 || u > 9 || t < 20 || t%10 != 0 {
		return 0, false
	}
	return t + u, true
}

// spaced is words as the rewrites read them: each between spaces of its
// own.
func spaced(words []string) string {
	return " " + strings.Join(words, "  ") + " "
}

// rewrite applies rules in order.
func (g *glosser) rewrite(rules []rewrite, words []string) []string {
	s := spaced(words)
	for _, r := range rules {
		if next := r.re.ReplaceAllString(s, r.to); next != s {
			s = spaced(strings.Fields(next))
		}
	}
	return strings.Fields(s)
}

// clocks writes the clock phrases as H:MM.
func (g *glosser) clocks(words []string) []string {
	s := spaced(words)
	for _, r := range g.clock {
		ms := r.re.FindAllStringSubmatchIndex(s, -1)
		if ms == nil {
			continue
		}
		var b strings.Builder
		last := 0
		for _, m := range ms {
			clock, ok := r.clockOf(s, m)
			if !ok {
				continue
			}
			b.WriteString(s[last:m[0]])
			out := r.re.Regexp().ExpandString(nil, strings.ReplaceAll(r.out, "{clock}", clock), s, m)
			b.WriteString(" " + string(out) + " ")
			last = m[1]
		}
		b.WriteString(s[last:])
		s = spaced(strings.Fields(b.String()))
	}
	return strings.Fields(s)
}

// clockOf is the time a clock phrase's match m in s says, as H:MM.
func (r clockRule) clockOf(s string, m []int) (string, bool) {
	group := func(i int) string {
		if i < 0 || m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	h, err := strconv.Atoi(group(r.hourAt))
	if err != nil {
		return "", false
	}
	mins := r.minutes
	if v := group(r.minuteAt); v != "" {
		if mins, err = strconv.Atoi(v); err != nil {
			return "", false
		}
	}
	switch {
	case r.before:
		h, mins = h-1, 60-mins
	case r.towards:
		h--
	}
	if h == 0 && (r.before || r.towards) {
		h = 12 // "halb eins", "без четверти час": past twelve
	}
	if h < 0 || h > 23 || mins < 0 || mins > 59 {
		return "", false
	}
	return strconv.Itoa(h) + ":" + pad(mins), true
}

// joinWords writes words as a sentence: a mark sticks to the word before
// it.
func joinWords(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 && !(len(w) == 1 && strings.Contains(",.!?;", w)) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// clauseMarks cut a message into the clauses a note is kept from.
var clauseMarks = regexp.MustCompile(`[,.;!\n]+`)

// noteIn keeps the clauses of text, in its own words, whose gloss the
// English note keeps ("calambres en los gemelos").
func (g *glosser) noteIn(text string) string {
	var keep []string
	for _, part := range clauseMarks.Split(text, -1) {
		if p := strings.TrimSpace(part); p != "" && fullNote(g.gloss(p)) != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "; ")
}
