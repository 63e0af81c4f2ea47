package content

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
)

// rule is a compiled pattern with cheap tests in front of it: clauses
// are sets of strings, and any match holds at least one string of every
// set, so a text missing every string of one set is skipped without
// running the expression. No clauses means none is known and the
// expression always runs.
type rule struct {
	re      *regexp.Regexp
	clauses [][]string
}

// compileRule compiles a pattern and works out its required literals.
func compileRule(pattern string) (*rule, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	r := &rule{re: re}
	if tree, err := syntax.Parse(pattern, syntax.Perl); err == nil {
		r.clauses = bestClauses(requiredClauses(tree.Simplify()))
	}
	return r, nil
}

// mustRule is compileRule for a pattern known to compile.
func mustRule(pattern string) *rule {
	r, err := compileRule(pattern)
	if err != nil {
		panic(err)
	}
	return r
}

// String is the pattern.
func (r *rule) String() string { return r.re.String() }

// minLiteral is the shortest literal worth testing for: shorter ones are
// in nearly every text and save nothing.
const minLiteral = 3

// maxClauses is how many clauses a rule tests, the most selective: each
// costs a few substring searches, and two or three rule out nearly every
// text that cannot match.
const maxClauses = 3

// requiredClauses returns sets of strings such that every match of re
// holds at least one string of each set; none when it cannot tell (a
// class, an optional part...). A concatenation takes every child's
// clauses and its runs of adjacent literals; an alternation one clause,
// the union of each branch's most selective one, or none if a branch has
// none.
func requiredClauses(re *syntax.Regexp) [][]string {
	// An expression of few strings ("(bang|banging|bash)", which the
	// parser keeps as "ba(?:ng(?:ing)?|sh)") is the clause of them all.
	if set := exactStrings(re); set != nil {
		if shortest(set) >= minLiteral {
			return [][]string{set}
		}
		if re.Op != syntax.OpConcat {
			return nil
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		if s := string(re.Rune); len(s) >= minLiteral {
			return [][]string{{s}}
		}
		return nil
	case syntax.OpCapture, syntax.OpPlus:
		return requiredClauses(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredClauses(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		var out [][]string
		for _, s := range joinLiterals(re.Sub) {
			out = append(out, []string{s})
		}
		for _, sub := range re.Sub {
			out = append(out, requiredClauses(sub)...)
		}
		return out
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			best := bestClauses(requiredClauses(sub))
			if len(best) == 0 {
				return nil
			}
			out = append(out, best[0]...)
		}
		return [][]string{out}
	}
	return nil
}

// bestClauses orders clauses by how selective they are (the longer
// their shortest string, the rarer in text) and keeps the first
// maxClauses.
func bestClauses(cs [][]string) [][]string {
	sort.SliceStable(cs, func(i, j int) bool { return shortest(cs[i]) > shortest(cs[j]) })
	if len(cs) > maxClauses {
		cs = cs[:maxClauses]
	}
	return cs
}

// maxExact bounds the strings exactStrings spells out, and maxClass
// the characters of a class it spells out one by one.
const (
	maxExact = 64
	maxClass = 8
)

// exactStrings returns every string re matches, when they are few and
// re holds nothing but literals, word boundaries, alternations,
// optional parts and groups; else nil.
func exactStrings(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine:
		return []string{""}
	case syntax.OpCapture:
		return exactStrings(re.Sub[0])
	case syntax.OpCharClass: // "[ds]", as the parser writes "died|dies"
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == maxClass {
					return nil
				}
				out = append(out, string(r))
			}
		}
		return out
	case syntax.OpQuest:
		sub := exactStrings(re.Sub[0])
		if sub == nil || len(sub) >= maxExact {
			return nil
		}
		return append([]string{""}, sub...)
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			set := exactStrings(sub)
			if set == nil || len(out)+len(set) > maxExact {
				return nil
			}
			out = append(out, set...)
		}
		return out
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			set := exactStrings(sub)
			if set == nil || len(out)*len(set) > maxExact {
				return nil
			}
			next := make([]string, 0, len(out)*len(set))
			for _, a := range out {
				for _, b := range set {
					next = append(next, a+b)
				}
			}
			out = next
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
