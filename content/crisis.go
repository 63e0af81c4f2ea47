package content

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode"

	"github.com/calmnights/calmnights/content/pattern"
)

// crisisRules recognise thoughts of suicide or self-harm (crisis.yaml).
type crisisRules struct {
	Spelling map[string]string `yaml:"spelling"`
	Patterns []string          `yaml:"patterns"`
	Idioms   []string          `yaml:"idioms"`
	Pairs    []struct {
		Stance []string `yaml:"stance"`
		Target []string `yaml:"target"`
	} `yaml:"pairs"`
	Worry    []string            `yaml:"worry"`
	Concepts map[string][]string `yaml:"concepts"`
	Combos   [][]string          `yaml:"combos"`

	phrases  []string // the spelling keys of several words, longest first
	patterns []*pattern.Rule
	idioms   []*pattern.Rule
	worry    []*pattern.Rule // health worries: they cover pairs only
	pairs    []pair
	concepts map[string][]*pattern.Rule
}

// pair is a stance and a target that make a crisis in one sentence.
type pair struct{ stance, target []*pattern.Rule }

func loadCrisis(fsys fs.FS) (*crisisRules, error) {
	var c crisisRules
	if err := readYAML(fsys, "crisis.yaml", &c); err != nil {
		return nil, err
	}
	if len(c.Patterns) == 0 {
		return nil, fmt.Errorf("crisis.yaml: no patterns")
	}
	for k := range c.Spelling {
		if strings.Contains(k, " ") {
			c.phrases = append(c.phrases, k)
		}
	}
	sort.Slice(c.phrases, func(i, j int) bool { return len(c.phrases[i]) > len(c.phrases[j]) })
	compile := func(list []string) ([]*pattern.Rule, error) {
		var out []*pattern.Rule
		for _, p := range list {
			re, err := pattern.Compile(p)
			if err != nil {
				return nil, fmt.Errorf("crisis.yaml: pattern %q: %w", p, err)
			}
			out = append(out, re)
		}
		return out, nil
	}
	var err error
	if c.patterns, err = compile(c.Patterns); err != nil {
		return nil, err
	}
	if c.idioms, err = compile(c.Idioms); err != nil {
		return nil, err
	}
	if c.worry, err = compile(c.Worry); err != nil {
		return nil, err
	}
	for _, p := range c.Pairs {
		var pr pair
		if pr.stance, err = compile(p.Stance); err != nil {
			return nil, err
		}
		if pr.target, err = compile(p.Target); err != nil {
			return nil, err
		}
		c.pairs = append(c.pairs, pr)
	}
	c.concepts = map[string][]*pattern.Rule{}
	for name, list := range c.Concepts {
		if c.concepts[name], err = compile(list); err != nil {
			return nil, err
		}
	}
	for _, combo := range c.Combos {
		for _, name := range combo {
			if c.concepts[name] == nil {
				return nil, fmt.Errorf("crisis.yaml: combo names unknown concept %q", name)
			}
		}
	}
	return &c, nil
}

// normalize is the text crisis patterns read: lowercase letters and
// digits, apostrophes dropped, the spelling table applied word by word,
// padded with one space on each side.
func (c *crisisRules) normalize(text string) string {
	var b strings.Builder
	b.Grow(len(text) + 2)
	b.WriteByte(' ')
	for _, r := range strings.ToLower(text) {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		if s, ok := c.Spelling[w]; ok {
			words[i] = s
		}
	}
	t := " " + strings.Join(words, " ") + " "
	for _, p := range c.phrases {
		t = strings.ReplaceAll(t, " "+p+" ", " "+c.Spelling[p]+" ")
	}
	return t
}

// detect reports whether text states thoughts of suicide or self-harm: a
// pattern matches where no idiom covers it, or the message holds every
// concept of a combination, or a sentence a stance and a target of one
// pair, where no idiom or health worry covers them. Covering spans are
// worked out only for a text that has a match to cover: most messages
// have none, and cost only the literal tests in front of each rule.
func (c *crisisRules) detect(text string) bool {
	t := c.normalize(text)
	g := pattern.ScanOf(t)
	if m := matches(g, c.patterns); len(m) > 0 && anyOutside(m, spans(g, c.idioms)) {
		return true
	}
	var all [][]int // idioms and worries of t, once needed
	allDone := false
	for _, combo := range c.Combos {
		found := make([][][]int, 0, len(combo))
		for _, name := range combo {
			m := matches(g, c.concepts[name])
			if len(m) == 0 {
				break
			}
			found = append(found, m)
		}
		if len(found) < len(combo) {
			continue
		}
		if !allDone {
			all, allDone = spans(g, c.idioms, c.worry), true
		}
		if together(found, all) {
			return true
		}
	}
	for _, sentence := range sentenceSplit.Split(text, -1) {
		s := c.normalize(sentence)
		sg := pattern.ScanOf(s)
		var cov [][]int
		covDone := false
		for _, p := range c.pairs {
			st, tg := matches(sg, p.stance), matches(sg, p.target)
			if len(st) == 0 || len(tg) == 0 {
				continue
			}
			if !covDone {
				cov, covDone = spans(sg, c.idioms, c.worry), true
			}
			if anyOutside(st, cov) && anyOutside(tg, cov) {
				return true
			}
		}
	}
	return false
}

// comboSpan is how close, in characters of the normalised text, the
// concepts of a combination must stand: in a long story about legs and
// sleep, "enough to" in one paragraph and "think" in another are no plan.
const comboSpan = 160

// together reports whether each concept's matches hold one outside the
// covering spans, all within comboSpan of a match of the first concept.
func together(found [][][]int, cov [][]int) bool {
	for _, anchor := range found[0] {
		if covered(anchor, cov) {
			continue
		}
		near := true
		for _, ms := range found[1:] {
			ok := false
			for _, m := range ms {
				if !covered(m, cov) && m[0] < anchor[1]+comboSpan && anchor[0] < m[1]+comboSpan {
					ok = true
					break
				}
			}
			if !ok {
				near = false
				break
			}
		}
		if near {
			return true
		}
	}
	return false
}

// matches are the spans where any of the rules matches t, whose grams
// (*pattern.ScanOf) are g: most rules are skipped on them without running.
func matches(g *pattern.Scan, rules []*pattern.Rule) [][]int {
	var out [][]int
	for _, r := range rules {
		out = append(out, r.FindAllStringIndexIn(g)...)
	}
	return out
}

// spans are the covering spans of the lists of rules in the text g scanned.
func spans(g *pattern.Scan, lists ...[]*pattern.Rule) [][]int {
	var out [][]int
	for _, list := range lists {
		out = append(out, matches(g, list)...)
	}
	return out
}

// anyOutside reports whether one of the matches lies outside every
// covering span.
func anyOutside(ms, cov [][]int) bool {
	for _, m := range ms {
		if !covered(m, cov) {
			return true
		}
	}
	return false
}

// sentenceSplit cuts a message into the sentences pairs are read in.
var sentenceSplit = pattern.MustCompile(`[.!?;\n]+|\s(but|and then|so anyway|anyway)\s`)

// covered reports whether the span m lies inside one of the spans.
func covered(m []int, spans [][]int) bool {
	for _, s := range spans {
		if s[0] <= m[0] && m[1] <= s[1] {
			return true
		}
	}
	return false
}

// Crisis reports whether text states thoughts of suicide or self-harm,
// of the writer or of someone close to them, directly or in passing. It
// is the first check on every message: its answer (CrisisReply) comes
// alone.
func (l *Library) Crisis(text string) bool {
	rules, model, err := l.crisisTier()
	if err != nil {
		return false // CheckCrisis reports it; the embedded content is tested to load
	}
	if rules.detect(text) {
		return true
	}
	if _, ok := l.otherCrisis(text); ok {
		return true
	}
	if _, ok := l.modelCrisis(text); ok {
		return true
	}
	return model.crisis(rules, text)
}

// CrisisLanguage is the language a crisis reply to text should be in: the
// language text is written in when the bot speaks it, else the language
// whose crisis words it holds, else English.
func (l *Library) CrisisLanguage(text string) string {
	if lang := Language(text); lang != "" {
		return lang
	}
	if rules, _, err := l.crisisTier(); err == nil && rules.detect(text) {
		return "en"
	}
	if code, ok := l.otherCrisis(text); ok {
		return code
	}
	if code, ok := l.modelCrisis(text); ok {
		return code
	}
	return "en"
}

// crisisTier compiles the crisis rules and model once, on first use.
func (l *Library) crisisTier() (*crisisRules, *crisisModel, error) {
	l.crisisOnce.Do(func() {
		if l.crisisFS == nil {
			l.crisisErr = fmt.Errorf("content: no crisis tier loaded")
			return
		}
		if l.crisis, l.crisisErr = loadCrisis(l.crisisFS); l.crisisErr != nil {
			return
		}
		l.crisisModel, l.crisisErr = loadCrisisModel(l.crisisFS)
	})
	return l.crisis, l.crisisModel, l.crisisErr
}

// CheckCrisis compiles the crisis tier now and reports what is wrong with
// it: for tests, and for a process that wants the cost paid at start
// rather than on the first message.
func (l *Library) CheckCrisis() error {
	_, _, err := l.crisisTier()
	return err
}
