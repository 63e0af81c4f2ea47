package content

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// advSet is the format of the adversarial evaluation sets in testdata:
// eval_tuning.yaml (looked at while building the matcher) and
// eval_holdout.yaml (written first and never tuned on).
type advSet struct {
	InScope    []evalCase `yaml:"in_scope"`
	OutOfScope []string   `yaml:"out_of_scope"`
	Warnings   []warnCase `yaml:"warnings"`
	Statements []string   `yaml:"statements"`
}

type warnCase struct {
	Q    string `yaml:"q"`
	Tier string `yaml:"tier"` // soon or urgent
}

// advResult counts what one set scored.
type advResult struct {
	inRight, inTotal     int
	outRefused, outTotal int
	warnRight, warnTotal int
	stmtQuiet, stmtTotal int // no warning tier, no doctor lead-in
	stmtKnown            int // recognised as a statement
	misses               []string
}

func (r advResult) String() string {
	pct := func(a, b int) float64 {
		if b == 0 {
			return 100
		}
		return 100 * float64(a) / float64(b)
	}
	return fmt.Sprintf("in-scope top-1 %.1f %% (%d/%d), out-of-scope refused %.1f %% (%d/%d), warnings at the right tier %.1f %% (%d/%d), statements without a lead-in %.1f %% (%d/%d), recognised as statements %d/%d",
		pct(r.inRight, r.inTotal), r.inRight, r.inTotal,
		pct(r.outRefused, r.outTotal), r.outRefused, r.outTotal,
		pct(r.warnRight, r.warnTotal), r.warnRight, r.warnTotal,
		pct(r.stmtQuiet, r.stmtTotal), r.stmtQuiet, r.stmtTotal,
		r.stmtKnown, r.stmtTotal)
}

func loadAdvSet(t testing.TB, path string) advSet {
	t.Helper()
	var set advSet
	if err := readYAML(os.DirFS("."), path, &set); err != nil {
		t.Fatal(err)
	}
	return set
}

func describe(a Answer) string {
	s := "(fallback)"
	if a.Topic != nil {
		s = a.Topic.ID
	}
	if a.Tier != TierNone {
		s += " [" + a.Tier.String() + "]"
	}
	return s
}

// runAdv asks every question of a set and counts the results.
func runAdv(t testing.TB, lib *Library, set advSet) advResult {
	var r advResult
	for _, c := range set.InScope {
		for _, id := range c.Expect {
			if _, ok := lib.Topic(id); !ok {
				t.Fatalf("question %q expects unknown topic %q", c.Q, id)
			}
		}
		r.inTotal++
		a := lib.Ask(c.Q)
		if a.Topic != nil && slices.Contains(c.Expect, a.Topic.ID) && a.Tier == TierNone {
			r.inRight++
		} else {
			r.misses = append(r.misses, fmt.Sprintf("in-scope %q -> %s, want %v", c.Q, describe(a), c.Expect))
		}
	}
	for _, q := range set.OutOfScope {
		r.outTotal++
		a := lib.Ask(q)
		if a.Topic == nil && a.Tier == TierNone {
			r.outRefused++
		} else {
			r.misses = append(r.misses, fmt.Sprintf("out-of-scope %q -> %s", q, describe(a)))
		}
	}
	for _, c := range set.Warnings {
		want, err := parseTier(c.Tier)
		if err != nil || want == TierNone {
			t.Fatalf("warning %q: bad tier %q", c.Q, c.Tier)
		}
		r.warnTotal++
		a := lib.Ask(c.Q)
		if a.Tier == want && (a.Topic == nil || a.Topic.Warning) {
			r.warnRight++
		} else {
			r.misses = append(r.misses, fmt.Sprintf("warning %q -> %s, want %s", c.Q, describe(a), want))
		}
	}
	for _, q := range set.Statements {
		r.stmtTotal++
		a := lib.Ask(q)
		if a.Tier == TierNone && len(a.Flags) == 0 {
			r.stmtQuiet++
		} else {
			r.misses = append(r.misses, fmt.Sprintf("statement %q -> %s", q, describe(a)))
		}
		if a.Statement {
			r.stmtKnown++
		} else {
			r.misses = append(r.misses, fmt.Sprintf("statement %q not recognised as one", q))
		}
	}
	return r
}

func parseTier(s string) (Tier, error) {
	for _, t := range []Tier{TierNone, TierSoon, TierUrgent} {
		if t.String() == s {
			return t, nil
		}
	}
	return TierNone, fmt.Errorf("unknown tier %q", s)
}

// Quality bars on the tuning set (issue 13).
const (
	advMinInScope    = 0.95
	advMinOutOfScope = 0.95
	advMinWarnings   = 1.0
	advMinStatements = 1.0
)

// TestAdversarialEval scores the matcher on the adversarial sets and reports
// the tuned and held-out parts separately. The bars are asserted on the
// tuning set; the held-out set is reported (run with -v to read it) and
// asserted only at the levels it has honestly reached, so that it is never
// tuned on.
func TestAdversarialEval(t *testing.T) {
	lib := mustLoad(t)
	tuning := loadAdvSet(t, "testdata/eval_tuning.yaml")
	holdout := loadAdvSet(t, "testdata/eval_holdout.yaml")
	total := 0
	for _, s := range []advSet{tuning, holdout} {
		total += len(s.InScope) + len(s.OutOfScope) + len(s.Warnings) + len(s.Statements)
	}
	if total < 300 {
		t.Errorf("the adversarial sets hold %d questions; want at least 300", total)
	}
	for _, part := range []struct {
		name               string
		set                advSet
		in, out, warn, stm float64
	}{
		{"tuned", tuning, advMinInScope, advMinOutOfScope, advMinWarnings, advMinStatements},
		{"held-out", holdout, holdoutMinInScope, holdoutMinOutOfScope, holdoutMinWarnings, holdoutMinStatements},
	} {
		r := runAdv(t, lib, part.set)
		t.Logf("%s (%d questions): %s", part.name, r.inTotal+r.outTotal+r.warnTotal+r.stmtTotal, r)
		// The held-out misses are printed only on request, for the closing
		// report: reading them while tuning would spoil the set.
		if (part.name == "tuned" && testing.Verbose()) || os.Getenv("CALMNIGHTS_EVAL_MISSES") == part.name {
			t.Logf("%s misses:\n  %s", part.name, strings.Join(r.misses, "\n  "))
		}
		check := func(what string, got, total int, bar float64) {
			if total > 0 && float64(got)/float64(total) < bar {
				t.Errorf("%s: %s %d/%d is below %.0f %%", part.name, what, got, total, 100*bar)
			}
		}
		check("in-scope top-1", r.inRight, r.inTotal, part.in)
		check("out-of-scope refusal", r.outRefused, r.outTotal, part.out)
		check("warnings at the right tier", r.warnRight, r.warnTotal, part.warn)
		check("statements without a lead-in", r.stmtQuiet, r.stmtTotal, part.stm)
	}
}

// Levels the held-out set reached when it was scored at the end of issue
// 13 (48/50, 40/42, 25/25, 15/15; before the changes: 47/50,
// 13/42, 0/25, 15/15): asserted so that they do not slip, never raised by
// tuning on it.
const (
	holdoutMinInScope    = 0.96
	holdoutMinOutOfScope = 0.95
	holdoutMinWarnings   = 1.0
	holdoutMinStatements = 1.0
)
