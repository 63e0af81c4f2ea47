// Package pattern is a regular expression with cheap tests in front of
// it. Compile works out, from the expression's syntax tree, sets of
// strings every match must hold ("hurt" and one of "myself", "me"); a
// text missing every string of one set is skipped without running the
// expression, which is most texts for most of the bot's rules. The
// expression itself is compiled the first time a text passes the tests:
// a process answering a few messages never needs most of them.
package pattern

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Rule is a compiled pattern and its required strings. Its methods are
// safe for concurrent use.
type Rule struct {
	expr    string
	re      func() *regexp.Regexp
	clauses [][]string
	ids     [][]int32 // each clause's strings as the index numbers them
}

// Compile checks an expression's syntax (Go's regexp syntax), works out
// its required strings and leaves compiling it to the rule's first use.
func Compile(expr string) (*Rule, error) {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	r := &Rule{expr: expr, clauses: bestClauses(requiredClauses(tree.Simplify()))}
	r.ids = index.add(r.clauses)
	// regexp.Compile parses as syntax.Parse just did (its size and depth
	// limits included) and cannot fail where that succeeded.
	r.re = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
	return r, nil
}

// MustCompile is Compile for an expression known to be valid; it panics
// on a bad one, as regexp.MustCompile does.
func MustCompile(expr string) *Rule {
	r, err := Compile(expr)
	if err != nil {
		panic(`pattern: Compile(` + expr + `): ` + err.Error())
	}
	return r
}

// String is the expression.
func (r *Rule) String() string { return r.expr }

// Regexp is the compiled expression, compiled on the first call.
func (r *Rule) Regexp() *regexp.Regexp { return r.re() }

// MayMatch reports whether s holds a string of every required set: false
// means the expression cannot match s.
func (r *Rule) MayMatch(s string) bool {
	for _, c := range r.clauses {
		if !containsAny(s, c) {
			return false
		}
	}
	return true
}

// MayMatchIn is MayMatch for a text read by many rules, whose Scan is
// sc: the scan found every required string in the text in one pass, and
// each rule only looks its strings up.
func (r *Rule) MayMatchIn(sc *Scan) bool {
	for _, c := range r.ids {
		if !sc.hasAny(c) {
			return false
		}
	}
	return true
}

// MatchString reports whether the expression matches s.
func (r *Rule) MatchString(s string) bool { return r.MayMatch(s) && r.re().MatchString(s) }

// FindStringSubmatch is regexp's FindStringSubmatch behind the tests.
func (r *Rule) FindStringSubmatch(s string) []string {
	if !r.MayMatch(s) {
		return nil
	}
	return r.re().FindStringSubmatch(s)
}

// FindStringSubmatchIndex is regexp's FindStringSubmatchIndex behind the
// tests.
func (r *Rule) FindStringSubmatchIndex(s string) []int {
	if !r.MayMatch(s) {
		return nil
	}
	return r.re().FindStringSubmatchIndex(s)
}

// FindAllStringSubmatch is regexp's FindAllStringSubmatch behind the
// tests.
func (r *Rule) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.MayMatch(s) {
		return nil
	}
	return r.re().FindAllStringSubmatch(s, n)
}

// FindAllStringSubmatchIndex is regexp's FindAllStringSubmatchIndex
// behind the tests.
func (r *Rule) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.MayMatch(s) {
		return nil
	}
	return r.re().FindAllStringSubmatchIndex(s, n)
}

// ReplaceAllString is regexp's ReplaceAllString behind the tests: a text
// the expression cannot match comes back as it was.
func (r *Rule) ReplaceAllString(src, repl string) string {
	if !r.MayMatch(src) {
		return src
	}
	return r.re().ReplaceAllString(src, repl)
}

// ReplaceAllStringFunc is regexp's ReplaceAllStringFunc behind the tests.
func (r *Rule) ReplaceAllStringFunc(src string, repl func(string) string) string {
	if !r.MayMatch(src) {
		return src
	}
	return r.re().ReplaceAllStringFunc(src, repl)
}

// Split is regexp's Split behind the tests: a text the expression cannot
// match is one piece.
func (r *Rule) Split(s string, n int) []string {
	if n == 0 {
		return nil
	}
	if !r.MayMatch(s) {
		return []string{s}
	}
	return r.re().Split(s, n)
}

// FindAllStringIndexIn is regexp's FindAllStringIndex(text, -1) behind
// the tests, for the text sc scanned.
func (r *Rule) FindAllStringIndexIn(sc *Scan) [][]int {
	if !r.MayMatchIn(sc) {
		return nil
	}
	return r.re().FindAllStringIndex(sc.text, -1)
}

// containsAny reports whether s holds one of the strings.
func containsAny(s string, set []string) bool {
	for _, l := range set {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

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
	cs = slices.CompactFunc(cs, slices.Equal) // "suicid" as literal run and as child
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
