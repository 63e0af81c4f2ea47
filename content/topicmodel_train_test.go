package content

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"
)

// labelled is one training or evaluation message of the topic model.
type labelled struct {
	set, kind, text string
	topics          []string
}

// topicRounds is the last question round the topic model learns from
// (blind1 to blindN); CALMNIGHTS_TOPIC_ROUNDS sets another, to try a
// model on the rounds after it.
const topicRounds = 33

// labelledRounds reads the question rounds that joined the tuning data
// (blind1 to blind33), the real sets' tuning halves and the question
// corpora written for tuning (testdata/corpus/questions_*.tsv), with their kind
// and topics. The real sets' test halves are never read here.
func labelledRounds(t testing.TB) []labelled {
	var out []labelled
	last := topicRounds
	if v := os.Getenv("CALMNIGHTS_TOPIC_ROUNDS"); v != "" {
		if _, err := fmt.Sscan(v, &last); err != nil {
			t.Fatalf("CALMNIGHTS_TOPIC_ROUNDS=%q: %v", v, err)
		}
	}
	var files []string
	for i := 1; i <= last; i++ {
		files = append(files, fmt.Sprintf("blind%d.tsv", i))
	}
	files = append(files, "real.tsv", "real2.tsv")
	for _, f := range files {
		b, err := os.ReadFile("testdata/questions/" + f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		col := map[string]int{}
		for i, c := range strings.Split(lines[0], "\t") {
			col[strings.TrimSpace(c)] = i
		}
		for _, line := range lines[1:] {
			cells := strings.Split(line, "\t")
			get := func(name string) string {
				if i, ok := col[name]; ok && i < len(cells) {
					return strings.TrimSpace(cells[i])
				}
				return ""
			}
			if get("message") == "" {
				continue
			}
			set := strings.TrimSuffix(f, ".tsv")
			if src := get("source"); src != "" {
				if SourceHalf(src) != "tuning" {
					continue
				}
				set = "real-tuning"
			}
			out = append(out, labelled{set: set, kind: get("kind"), text: get("message"),
				topics: strings.Fields(strings.ReplaceAll(get("topics"), ",", " "))})
		}
	}
	if os.Getenv("CALMNIGHTS_TOPIC_NO_CORPUS") == "" {
		for _, f := range []string{"questions_a.tsv", "questions_b.tsv"} {
			for _, r := range readCorpus(t, f) {
				out = append(out, labelled{set: "corpus", kind: r.kind, text: r.text, topics: strings.Fields(r.topics)})
			}
		}
	}
	return out
}

// example is one training example: features and a class.
type example struct {
	f []string
	y int
}

// topicExamples turns the topics' own phrasings and the labelled rows into
// examples: an in or calm row once per topic that answers it, an out row
// as "out"; warning signs and crises are the rules' alone.
func topicExamples(lib *Library, rows []labelled) (classes []string, data []example) {
	idx := map[string]int{}
	for _, t := range lib.Topics {
		idx[t.ID] = len(classes)
		classes = append(classes, t.ID)
	}
	idx[outClass] = len(classes)
	classes = append(classes, outClass)
	feats := func(text string) []string {
		_, _, direct := lib.concepts(text)
		return topicFeatures(direct)
	}
	for _, t := range lib.Topics {
		for _, q := range append([]string{t.Title}, t.Questions...) {
			data = append(data, example{feats(q), idx[t.ID]})
		}
	}
	for _, r := range rows {
		switch r.kind {
		case "out":
			data = append(data, example{feats(r.text), idx[outClass]})
		case "in", "calm":
			for _, tp := range r.topics {
				if c, ok := idx[tp]; ok {
					data = append(data, example{feats(r.text), c})
				}
			}
		}
	}
	return classes, data
}

// trainTopics fits a softmax regression with L2 by stochastic gradient
// descent, a fixed seed, and keeps the weights that matter, rounded.
func trainTopics(classes []string, data []example) *topicModel {
	const (
		epochs = 30
		rate   = 0.05
		l2     = 1e-4
		keep   = 0.02
	)
	k := len(classes)
	w := map[string][]float64{}
	bias := make([]float64, k)
	rng := rand.New(rand.NewSource(1))
	data = slices.Clone(data)
	z := make([]float64, k)
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
		for _, d := range data {
			copy(z, bias)
			for _, f := range d.f {
				if ws := w[f]; ws != nil {
					for c := range z {
						z[c] += ws[c]
					}
				}
			}
			p := softmax(z)
			for c := range p {
				g := p[c]
				if c == d.y {
					g--
				}
				bias[c] -= rate * g
				for _, f := range d.f {
					ws := w[f]
					if ws == nil {
						ws = make([]float64, k)
						w[f] = ws
					}
					ws[c] -= rate * (g + l2*ws[c])
				}
			}
		}
	}
	m := &topicModel{Classes: classes, Bias: make([]float64, k), Weights: map[string]map[int]float64{}}
	for c, b := range bias {
		m.Bias[c] = math.Round(b*1000) / 1000
	}
	for f, ws := range w {
		for c, v := range ws {
			if math.Abs(v) >= keep {
				if m.Weights[f] == nil {
					m.Weights[f] = map[int]float64{}
				}
				m.Weights[f][c] = math.Round(v*1000) / 1000
			}
		}
	}
	return m
}

// TestTrainTopicModel writes topic_model.json from all the labelled data
// when CALMNIGHTS_TRAIN_TOPICS=1. Without it, it checks that the committed
// model loads and names every topic.
func TestTrainTopicModel(t *testing.T) {
	lib := Default()
	if os.Getenv("CALMNIGHTS_TRAIN_TOPICS") != "1" {
		m := lib.learned()
		if m == nil {
			t.Fatal("no topic model")
		}
		for _, tp := range lib.Topics {
			if !slices.Contains(m.Classes, tp.ID) {
				t.Errorf("the topic model does not know topic %s: retrain it (CALMNIGHTS_TRAIN_TOPICS=1)", tp.ID)
			}
		}
		return
	}
	classes, data := topicExamples(lib, labelledRounds(t))
	m := trainTopics(classes, data)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(topicModelFile, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d examples, %d classes, %d features kept, %d bytes", len(data), len(classes), len(m.Weights), len(b))
}

// foldScore is one policy's figures on held-out rows.
type foldScore struct{ inRight, inN, outRefused, outN, calmAnswered, calmN int }

func (s foldScore) String() string {
	return fmt.Sprintf("in right %d/%d (%.0f %%), out refused %d/%d (%.0f %%), calm answered %d/%d", s.inRight, s.inN,
		100*float64(s.inRight)/float64(max(1, s.inN)), s.outRefused, s.outN, 100*float64(s.outRefused)/float64(max(1, s.outN)), s.calmAnswered, s.calmN)
}

// TestTopicModelFolds chooses learnedPolicy honestly, when
// CALMNIGHTS_TOPIC_FOLDS=1: each labelled round is left out in turn, a
// model is trained on the rest, and every policy of a grid is scored on
// the round left out. It prints the totals per policy.
func TestTopicModelFolds(t *testing.T) {
	if os.Getenv("CALMNIGHTS_TOPIC_FOLDS") != "1" {
		t.Skip("set CALMNIGHTS_TOPIC_FOLDS=1 to run the folds")
	}
	rows := labelledRounds(t)
	var grid []policy
	for _, nearAny := range [][2]float64{{0.5, 0.5}, {0.6, 0.6}, {0.8, 0.8}, {0.7, 2}, {2, 2}} {
		for _, out := range []float64{0.8, 0.85, 0.9} {
			grid = append(grid, policy{fill: 0.3, fillNear: nearAny[0], fillAny: nearAny[1], override: learnedPolicy.override, scope: 2, out: out, outDomain: learnedPolicy.outDomain, fillMentioned: learnedPolicy.fillMentioned})
		}
	}
	for _, ov := range []float64{0.3, 0.4, 0.5, 0.6, 0.7, 2} {
		grid = append(grid, policy{fill: 0.3, fillNear: learnedPolicy.fillNear, fillAny: learnedPolicy.fillAny, override: ov, scope: 2, out: learnedPolicy.out, outDomain: learnedPolicy.outDomain, fillMentioned: learnedPolicy.fillMentioned})
	}
	totals := make([]foldScore, len(grid))
	for _, held := range []string{"blind1", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "real-tuning"} {
		lib, err := Load()
		if err != nil {
			t.Fatal(err)
		}
		var train, test []labelled
		for _, r := range rows {
			if r.set == held {
				test = append(test, r)
			} else {
				train = append(train, r)
			}
		}
		classes, data := topicExamples(lib, train)
		m := trainTopics(classes, data)
		lib.learned() // load the committed one first, then replace it
		lib.topicModel = m
		alone, n := 0, 0
		for _, r := range test {
			if r.kind != "in" || len(r.topics) == 0 {
				continue
			}
			n++
			_, _, direct := lib.concepts(r.text)
			p := m.predict(topicFeatures(direct))
			p[len(p)-1] = 0 // not "out"
			b := 0
			for i := range p {
				if p[i] > p[b] {
					b = i
				}
			}
			if slices.Contains(r.topics, m.Classes[b]) {
				alone++
				if os.Getenv("CALMNIGHTS_TOPIC_DIAG") != "" {
					lib.tuning = &learnedPolicy
					a := lib.Ask(r.text)
					if a.Topic == nil || a.Tier != TierNone || !slices.Contains(r.topics, a.Topic.ID) && (a.Also == nil || !slices.Contains(r.topics, a.Also.ID)) {
						mm := lib.match(r.text)
						id := "-"
						if a.Topic != nil {
							id = a.Topic.ID
						}
						t.Logf("DIAG %s tier=%s topic=%s want=%s model=%s outside=%q mentioned=%v domain=%v conf=%v: %.120s", held, a.Tier, id, r.topics, m.Classes[b], mm.subject.outside, mm.subject.mentioned, mm.domain, mm.confident(), r.text)
					}
				}
			}
		}
		t.Logf("%s: the model alone picks a right topic for %d/%d in rows", held, alone, n)
		for gi := range grid {
			lib.tuning = &grid[gi]
			s := &totals[gi]
			for _, r := range test {
				a := lib.Ask(r.text)
				switch r.kind {
				case "in":
					s.inN++
					if a.Topic != nil && a.Tier == TierNone && (len(r.topics) == 0 || slices.Contains(r.topics, a.Topic.ID) || a.Also != nil && slices.Contains(r.topics, a.Also.ID)) {
						s.inRight++
					}
				case "out":
					s.outN++
					if a.Topic == nil && a.Tier == TierNone {
						s.outRefused++
					}
				case "calm":
					s.calmN++
					if a.Topic != nil {
						s.calmAnswered++
					}
				}
			}
		}
	}
	for gi, p := range grid {
		t.Logf("fill %.1f near %.1f any %.1f override %.1f scope %.1f out %.2f: %s", p.fill, p.fillNear, p.fillAny, p.override, p.scope, p.out, totals[gi])
	}
}
