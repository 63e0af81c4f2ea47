package content

import (
	"os"
	"slices"
	"sync"
	"testing"
)

// evalSet is the format of testdata/eval.yaml.
type evalSet struct {
	InScope     []evalCase `yaml:"in_scope"`
	InScopeHard []evalCase `yaml:"in_scope_hard"`
	OutOfScope  []string   `yaml:"out_of_scope"`
}

type evalCase struct {
	Q      string   `yaml:"q"`
	Expect []string `yaml:"expect"`
}

// Quality bars of the answerer, on questions written apart from the
// topics (different words from the topics' own phrasings).
const (
	minInScopeAccuracy   = 0.90 // top-1 right on in-scope questions
	minHardAccuracy      = 0.75 // very short, indirect or combined ones
	minOutOfScopeRefusal = 0.90 // honest fallback on out-of-scope ones
)

// TestRetrievalQuality measures top-1 accuracy on testdata/eval.yaml. Set
// CALMNIGHTS_EVAL_FILE to measure another set of the same format (such as
// a held-out set kept outside the repository).
func TestRetrievalQuality(t *testing.T) {
	lib := mustLoad(t)
	path := "testdata/eval.yaml"
	if p := os.Getenv("CALMNIGHTS_EVAL_FILE"); p != "" {
		path = p
	}
	var set evalSet
	if err := readYAML(os.DirFS("."), path, &set); err != nil {
		if err2 := readYAML(os.DirFS("/"), path[1:], &set); path[0] != '/' || err2 != nil {
			t.Fatalf("read %s: %v", path, err)
		}
	}
	if len(set.InScope) < 60 || len(set.OutOfScope) < 15 {
		t.Fatalf("%s: %d in-scope and %d out-of-scope questions; want at least 60 and 15", path, len(set.InScope), len(set.OutOfScope))
	}
	for _, c := range append(append([]evalCase{}, set.InScope...), set.InScopeHard...) {
		for _, id := range c.Expect {
			if _, ok := lib.Topic(id); !ok {
				t.Fatalf("%s: question %q expects unknown topic %q", path, c.Q, id)
			}
		}
	}

	score := func(name string, cases []evalCase, bar float64) {
		if len(cases) == 0 {
			return
		}
		right := 0
		for _, c := range cases {
			a := lib.Ask(c.Q)
			if a.Topic != nil && slices.Contains(c.Expect, a.Topic.ID) {
				right++
				continue
			}
			got := "(fallback)"
			if a.Topic != nil {
				got = a.Topic.ID
			}
			t.Logf("%s miss: %q -> %s, want %v", name, c.Q, got, c.Expect)
		}
		acc := float64(right) / float64(len(cases))
		t.Logf("%s: top-1 accuracy %.1f %% (%d of %d)", name, 100*acc, right, len(cases))
		if acc < bar {
			t.Errorf("%s: top-1 accuracy %.1f %% is below %.0f %%", name, 100*acc, 100*bar)
		}
	}
	score("in-scope", set.InScope, minInScopeAccuracy)
	score("in-scope (hard)", set.InScopeHard, minHardAccuracy)

	refused := 0
	for _, q := range set.OutOfScope {
		if a := lib.Ask(q); a.Topic == nil {
			refused++
		} else {
			t.Logf("out-of-scope answered: %q -> %s", q, a.Topic.ID)
		}
	}
	rate := float64(refused) / float64(len(set.OutOfScope))
	t.Logf("out-of-scope: honest fallback %.1f %% (%d of %d)", 100*rate, refused, len(set.OutOfScope))
	if rate < minOutOfScopeRefusal {
		t.Errorf("out-of-scope: fallback rate %.1f %% is below %.0f %%", 100*rate, 100*minOutOfScopeRefusal)
	}
}

// mustLoad is the embedded library, loaded once for every test of the
// package (Default): the tests read it and never change it, and loading
// and compiling it anew for each one cost seconds. A test that changes a
// library loads its own with Load.
func mustLoad(t testing.TB) *Library {
	t.Helper()
	loadOnce.Do(func() { _, loadErr = Load() })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return Default()
}

// loadOnce checks once that the embedded content loads, so that a broken
// file fails the tests instead of panicking in Default.
var (
	loadOnce sync.Once
	loadErr  error
)
