package content

import (
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"unicode"
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
	patterns []*regexp.Regexp
	idioms   []*regexp.Regexp
	worry    []*regexp.Regexp // health worries: they cover pairs only
	pairs    []pair
	concepts map[string][]*regexp.Regexp
}

// pair is a stance and a target that make a crisis in one sentence.
type pair struct{ stance, target []*regexp.Regexp }

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
	compile := func(list []string) ([]*regexp.Regexp, error) {
		var out []*regexp.Regexp
		for _, p := range list {
			re, err := regexp.Compile(p)
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
	c.concepts = map[string][]*regexp.Regexp{}
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
// pattern matches where no idiom covers it, or a sentence holds a stance
// and a target of one pair where no idiom or health worry covers them.
func (c *crisisRules) detect(text string) bool {
	t := c.normalize(text)
	spans := func(t string, lists ...[]*regexp.Regexp) [][]int {
		var out [][]int
		for _, list := range lists {
			for _, re := range list {
				out = append(out, re.FindAllStringIndex(t, -1)...)
			}
		}
		return out
	}
	idioms := spans(t, c.idioms)
	if anyUncovered(t, c.patterns, idioms) {
		return true
	}
	all := spans(t, c.idioms, c.worry)
	for _, combo := range c.Combos {
		every := true
		for _, name := range combo {
			if !anyUncovered(t, c.concepts[name], all) {
				every = false
				break
			}
		}
		if every {
			return true
		}
	}
	for _, sentence := range sentenceSplit.Split(text, -1) {
		s := c.normalize(sentence)
		covered := spans(s, c.idioms, c.worry)
		for _, p := range c.pairs {
			if anyUncovered(s, p.stance, covered) && anyUncovered(s, p.target, covered) {
				return true
			}
		}
	}
	return false
}

// sentenceSplit cuts a message into the sentences pairs are read in.
var sentenceSplit = regexp.MustCompile(`[.!?;\n]+|\s(but|and then|so anyway|anyway)\s`)

// anyUncovered reports whether one of the patterns matches t outside
// every covering span.
func anyUncovered(t string, res []*regexp.Regexp, spans [][]int) bool {
	for _, re := range res {
		for _, m := range re.FindAllStringIndex(t, -1) {
			if !covered(m, spans) {
				return true
			}
		}
	}
	return false
}

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
	return l.crisis != nil && l.crisis.detect(text)
}
