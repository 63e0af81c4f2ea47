package understand

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// evalItem is one labelled message of testdata/heldout.yaml or
// testdata/tuning.yaml.
type evalItem struct {
	Text   string            `yaml:"text"`
	Action Action            `yaml:"action"`
	Values map[string]string `yaml:"values"`
}

// LoadEval reads a labelled eval file.
func loadEval(t testing.TB, path string) []evalItem {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var items []evalItem
	if err := yaml.Unmarshal(b, &items); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return items
}

// scored are the values of an intent as the eval labels them: a note
// counts as "yes" (its exact words are not labelled), and a medicine is
// labelled by its name alone (the label format has no key for the
// strength or the time a dose was taken, which the bot keeps too).
func scored(in Intent) map[string]string {
	v := maps.Clone(in.Values)
	if v == nil {
		v = map[string]string{}
	}
	if v["note"] != "" {
		v["note"] = "yes"
	}
	if in.Action == Medicine {
		delete(v, "dose")
		delete(v, "at")
	}
	return v
}

// evalScore runs the classifier over items and returns the share with the
// right action and the share with the right action and values.
func evalScore(c *Classifier, items []evalItem) (action, values float64, misses []string) {
	okA, okV := 0, 0
	for _, it := range items {
		in := c.Classify(it.Text)
		got := scored(in)
		want := it.Values
		if want == nil {
			want = map[string]string{}
		}
		if in.Action == it.Action {
			okA++
			if maps.Equal(got, want) || sameNight(got, want) {
				okV++
				continue
			}
		}
		misses = append(misses, fmt.Sprintf("%q: got %s %v, want %s %v", it.Text, in.Action, sortedMap(got), it.Action, sortedMap(want)))
	}
	n := float64(len(items))
	return float64(okA) / n, float64(okV) / n, misses
}

// sameNight reports whether got and want differ only in a night the
// writer left unsaid: a night report that names no night is last
// night's, so the bot's night "0" is what an unlabelled night means.
func sameNight(got, want map[string]string) bool {
	if got["night"] != "0" || want["night"] != "" || want["when"] != "" {
		return false
	}
	g := maps.Clone(got)
	delete(g, "night")
	return maps.Equal(g, want)
}

func sortedMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s ", k, m[k])
	}
	return strings.TrimSpace(b.String())
}

// TestEval scores the classifier on both halves of the eval, reported
// apart: the tuning half (rules were written against it; its misses are
// listed) and the held-out half (written first, never tuned on: only its
// figures are shown, unless CALMNIGHTS_SHOW_HELDOUT=1). The whole eval
// must reach 95 % on actions and on values.
func TestEval(t *testing.T) {
	t.Parallel() // reads only; the package's long sweeps share the cores
	c := New(nil)
	var totalA, totalV, n float64
	for _, file := range []string{"testdata/tuning.yaml", "testdata/heldout.yaml"} {
		items := loadEval(t, file)
		a, v, misses := evalScore(c, items)
		t.Logf("%s: %d messages, action %.1f %%, values %.1f %%", file, len(items), 100*a, 100*v)
		if file == "testdata/tuning.yaml" || os.Getenv("CALMNIGHTS_SHOW_HELDOUT") == "1" {
			for _, m := range misses {
				t.Log("  miss: " + m)
			}
		}
		k := float64(len(items))
		totalA, totalV, n = totalA+a*k, totalV+v*k, n+k
	}
	t.Logf("all %d messages: action %.1f %%, values %.1f %%", int(n), 100*totalA/n, 100*totalV/n)
	if totalA/n < 0.95 || totalV/n < 0.95 {
		t.Errorf("action %.1f %%, values %.1f %%; want at least 95 %% each", 100*totalA/n, 100*totalV/n)
	}
}

// wrongWrite reports whether acting on got would store something the
// person did not say: a change (log, water, reminder, setting) where none
// was meant, or one whose values say more than the label or say it
// differently.
func wrongWrite(got Intent, want evalItem) bool {
	if !got.Action.Changes() {
		return false
	}
	if got.Action != want.Action {
		return true
	}
	for k, v := range scored(got) {
		if w, ok := want.Values[k]; !ok || w != v {
			if k == "note" || k == "night" || k == "when" {
				continue // what is kept as a note, and which night, are shown before saving
			}
			return true
		}
	}
	return false
}

// TestStatementRounds runs the statement rounds written blind
// (testdata/statements*.yaml, each by a writer who saw only /help, the
// label format and a persona): action and values right, and wrong writes,
// per round. A round's misses are listed only when named in
// CALMNIGHTS_STATEMENT_MISSES, so its first run shows only its figures.
// A night the writer left unsaid is last night's (sameNight). First runs
// (right action, right values, wrong writes), each on a clean worktree at
// its freeze commit, scored so: round 15 87.3/74.7/8, round 16
// 90.0/79.3/4, round 17 92.7/82.0/5, round 18 93.3/85.3/5, round 19
// 94.0/82.7/3 (values 74.0, 77.3, 81.3, 73.3 and 80.0 when an unsaid
// night counted as a miss).
func TestStatementRounds(t *testing.T) {
	t.Parallel() // reads only; the package's long sweeps share the cores
	files, _ := filepath.Glob("testdata/statements*.yaml")
	c := New(nil)
	for _, f := range files {
		items := loadEval(t, f)
		a, v, misses := evalScore(c, items)
		wrong := 0
		for _, it := range items {
			if got := c.Classify(it.Text); wrongWrite(got, it) {
				wrong++
				misses = append(misses, fmt.Sprintf("wrong write %q: got %s %v", it.Text, got.Action, sortedMap(scored(got))))
			}
		}
		name := filepath.Base(f)
		t.Logf("%s: %d messages, right action %.1f %%, right values %.1f %%, wrong writes %d", name, len(items), 100*a, 100*v, wrong)
		if strings.Contains(","+os.Getenv("CALMNIGHTS_STATEMENT_MISSES")+",", ","+name+",") {
			for _, m := range misses {
				t.Log("  miss: " + m)
			}
		}
	}
}
