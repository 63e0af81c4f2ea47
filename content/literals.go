package content

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// rule is a compiled pattern with a cheap test in front of it: lits are
// strings of which any match must contain at least one, so a text holding
// none of them is skipped without running the expression. nil lits means
// no such set is known and the expression always runs.
type rule struct {
	re   *regexp.Regexp
	lits []string
}

// compileRule compiles a pattern and works out its required literals.
func compileRule(pattern string) (*rule, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	r := &rule{re: re}
	if tree, err := syntax.Parse(pattern, syntax.Perl); err == nil {
		r.lits = requiredLiterals(tree.Simplify())
	}
	return r, nil
}

// may reports whether the rule can match s at all.
func (r *rule) may(s string) bool {
	if r.lits == nil {
		return true
	}
	for _, l := range r.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// FindAllStringIndex is regexp's, after the literal test.
func (r *rule) FindAllStringIndex(s string, n int) [][]int {
	if !r.may(s) {
		return nil
	}
	return r.re.FindAllStringIndex(s, n)
}

// String is the pattern.
func (r *rule) String() string { return r.re.String() }

// minLiteral is the shortest literal worth testing for: shorter ones are
// in nearly every text and save nothing.
const minLiteral = 3

// requiredLiterals returns strings of which every match of re holds at
// least one, or nil when it cannot tell (a class, an optional part...).
// A concatenation takes its most selective child's set; an alternation the
// union of its branches' sets, or nil if one branch has none.
func requiredLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		if s := string(re.Rune); len(s) >= minLiteral {
			return []string{s}
		}
		return nil
	case syntax.OpCapture:
		return requiredLiterals(re.Sub[0])
	case syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		var best []string
		bestLen := 0
		// Adjacent literals join into one longer literal first.
		for _, s := range joinLiterals(re.Sub) {
			if len(s) > bestLen {
				best, bestLen = []string{s}, len(s)
			}
		}
		for _, sub := range re.Sub {
			if set := requiredLiterals(sub); set != nil {
				if m := shortest(set); m > bestLen {
					best, bestLen = set, m
				}
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			set := requiredLiterals(sub)
			if set == nil {
				return nil
			}
			out = append(out, set...)
		}
		return out
	}
	return nil
}

// joinLiterals returns the runs of adjacent literal children of a
// concatenation, each as one string, when long enough to matter.
func joinLiterals(subs []*syntax.Regexp) []string {
	var out []string
	var run strings.Builder
	flush := func() {
		if run.Len() >= minLiteral {
			out = append(out, run.String())
		}
		run.Reset()
	}
	for _, s := range subs {
		if s.Op == syntax.OpLiteral && s.Flags&syntax.FoldCase == 0 {
			run.WriteString(string(s.Rune))
			continue
		}
		flush()
	}
	flush()
	return out
}

// shortest is the length of the shortest string of a set.
func shortest(set []string) int {
	m := -1
	for _, s := range set {
		if m < 0 || len(s) < m {
			m = len(s)
		}
	}
	return m
}
