package content

import (
	"encoding/json"
	"math"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"
)

// crisisTraining reads the model's training data: the crisis rows of the
// tuning parts as positives; their idioms and calm questions, the question
// rounds' other messages and the everyday evals as negatives. The blind
// part that is never tuned on (crisis_blind.tsv) is left out.
func crisisTraining(t testing.TB) (pos, neg []string) {
	for _, p := range crisisParts {
		if p.minCrisis >= 0 {
			continue // held out
		}
		for _, it := range readCrisisEval(t.(*testing.T), "testdata/"+p.file) {
			if it.kind == "crisis" {
				pos = append(pos, it.text)
			} else {
				neg = append(neg, it.text)
			}
		}
	}
	for _, r := range questionRoundRows(t) {
		if r.kind == "crisis" {
			pos = append(pos, r.text)
		} else {
			neg = append(neg, r.text)
		}
	}
	// The real sets' tuning halves (split by site, as the question evals
	// split them): long posts and blog stories about legs and sleep.
	for _, f := range []string{"testdata/questions/real.tsv", "testdata/questions/real2.tsv"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			cols := strings.Split(line, "\t")
			if len(cols) < 3 || SourceHalf(cols[0]) != "tuning" {
				continue
			}
			if cols[1] == "crisis" {
				pos = append(pos, cols[2])
			} else {
				neg = append(neg, cols[2])
			}
		}
	}
	for _, m := range everydayMessages(t) {
		neg = append(neg, m.text)
	}
	// The model reads long messages a few sentences at a time: every
	// window of a long everyday message is an everyday message too.
	for _, text := range slices.Clone(neg) {
		neg = append(neg, windows(text)...)
	}
	return pos, neg
}

// windows are the runs of modelWindow consecutive sentences of a message
// longer than that, as windowScore reads them.
func windows(text string) []string {
	var sentences []string
	for _, s := range modelSentences.Split(text, -1) {
		if strings.TrimSpace(s) != "" {
			sentences = append(sentences, s)
		}
	}
	var out []string
	for i := 0; len(sentences) > modelWindow && i+modelWindow <= len(sentences); i++ {
		out = append(out, strings.Join(sentences[i:i+modelWindow], ". "))
	}
	return out
}

// TestTrainCrisisModel trains the crisis tier's learned second opinion and
// writes crisis_model.json, when CALMNIGHTS_TRAIN_CRISIS=1: a logistic
// regression with L2 by stochastic gradient descent, a fixed seed, and the
// threshold set above every negative's score. Without the variable it only
// checks that the committed model still clears every negative.
func TestTrainCrisisModel(t *testing.T) {
	pos, neg := crisisTraining(t)
	c, committed, err := Default().crisisTier()
	if err != nil {
		t.Fatal(err)
	}
	norm := func(list []string) [][]string {
		out := make([][]string, len(list))
		for i, s := range list {
			out[i] = features(c.normalize(s))
		}
		return out
	}
	P, N := norm(pos), norm(neg)
	if len(P) < 200 || len(N) < 1000 {
		t.Fatalf("training data too small: %d positives, %d negatives", len(P), len(N))
	}
	if os.Getenv("CALMNIGHTS_TRAIN_CRISIS") != "1" {
		m := committed
		for _, s := range neg {
			if p := m.windowScore(c, s); p >= m.Threshold {
				t.Errorf("an everyday message scores %.3f, over the threshold %.3f: %q", p, m.Threshold, s)
			}
		}
		return
	}
	type ex struct {
		f []string
		y float64
	}
	var data []ex
	for _, f := range P {
		data = append(data, ex{f, 1})
	}
	for _, f := range N {
		data = append(data, ex{f, 0})
	}
	w := map[string]float64{}
	bias := 0.0
	const (
		// threshold is the least score that makes a crisis: well above
		// every everyday message seen, since a long story about legs and
		// tiredness can score high on words alone.
		threshold = 0.95
		epochs    = 40
		rate      = 0.1
		l2        = 1e-4
	)
	// Positives are fewer: weigh them so both classes count alike.
	posWeight := float64(len(N)) / float64(len(P))
	rng := rand.New(rand.NewSource(1))
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
		for _, d := range data {
			z := bias
			for _, f := range d.f {
				z += w[f]
			}
			p := 1 / (1 + math.Exp(-z))
			g := p - d.y
			if d.y == 1 {
				g *= posWeight
			}
			bias -= rate * g
			for _, f := range d.f {
				w[f] -= rate * (g + l2*w[f])
			}
		}
	}
	// Keep the weights that matter, rounded, for a small file.
	kept := map[string]float64{}
	for f, v := range w {
		if math.Abs(v) >= 0.05 {
			kept[f] = math.Round(v*1000) / 1000
		}
	}
	m := &crisisModel{Bias: math.Round(bias*1000) / 1000, Weights: kept}
	worst := 0.0
	for _, s := range neg {
		worst = math.Max(worst, m.windowScore(c, s))
	}
	m.Threshold = math.Min(0.99, math.Max(threshold, worst+0.02))
	hit := 0
	for _, s := range pos {
		if m.windowScore(c, s) >= m.Threshold {
			hit++
		}
	}
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("crisis_model.json", append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d positives, %d negatives, %d weights kept; threshold %.3f (worst negative %.3f); positives over it %d", len(pos), len(neg), len(kept), m.Threshold, worst, hit)
}
