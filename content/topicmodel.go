package content

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"sync"
)

// topicModel is the learned half of choosing a topic: a softmax
// regression over a question's terms and term pairs, trained in Go on the
// topics' own phrasings and on the labelled question rounds that joined
// the tuning data (TestTrainTopicModel writes topic_model.json). Its
// classes are the topic ids and "out", a question the article does not
// answer. The rules stay first: the model picks a topic only where they
// cannot place a question about our subject (long stories, loose
// wording), and refuses only what it is sure is out of scope.
type topicModel struct {
	Classes []string  `json:"classes"`
	Bias    []float64 `json:"bias"`
	// Weights maps a feature to its weight for each class that has one.
	Weights map[string]map[int]float64 `json:"weights"`
}

// outClass is the model's class of questions the article does not answer.
const outClass = "out"

// topicModelFile is the embedded model.
const topicModelFile = "topic_model.json"

func loadTopicModel(fsys fs.FS) (*topicModel, error) {
	b, err := fs.ReadFile(fsys, topicModelFile)
	if err != nil {
		return nil, fmt.Errorf("read topic model: %w", err)
	}
	var m topicModel
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", topicModelFile, err)
	}
	if len(m.Classes) < 2 || len(m.Bias) != len(m.Classes) {
		return nil, fmt.Errorf("%s: needs classes and one bias each", topicModelFile)
	}
	for f, ws := range m.Weights {
		for c := range ws {
			if c < 0 || c >= len(m.Classes) {
				return nil, fmt.Errorf("%s: feature %q names class %d of %d", topicModelFile, f, c, len(m.Classes))
			}
		}
	}
	return &m, nil
}

// topicFeatures are the model's features of a question: its search terms
// (as the index reads them, typos corrected) and each adjacent pair.
func topicFeatures(terms []string) []string {
	return withPairs(terms, "_")
}

// predict returns the probability of each class.
func (m *topicModel) predict(features []string) []float64 {
	z := append([]float64(nil), m.Bias...)
	for _, f := range features {
		for c, w := range m.Weights[f] {
			z[c] += w
		}
	}
	return softmax(z)
}

// softmax turns scores into probabilities, in place.
func softmax(z []float64) []float64 {
	top := math.Inf(-1)
	for _, v := range z {
		top = math.Max(top, v)
	}
	sum := 0.0
	for i, v := range z {
		z[i] = math.Exp(v - top)
		sum += z[i]
	}
	for i := range z {
		z[i] /= sum
	}
	return z
}

// guess is the model's best class for a question and its probability.
type guess struct {
	class string
	p     float64
}

// best returns the most probable class.
func (m *topicModel) best(features []string) guess {
	p := m.predict(features)
	b := 0
	for i := range p {
		if p[i] > p[b] {
			b = i
		}
	}
	return guess{m.Classes[b], p[b]}
}

// learned returns the library's topic model, loaded on first use; nil
// when the library has none (a test library without the file).
func (lib *Library) learned() *topicModel {
	lib.topicOnce.Do(func() {
		if lib.topicFS == nil {
			return
		}
		m, err := loadTopicModel(lib.topicFS)
		if err != nil {
			return
		}
		lib.topicModel, lib.topicIndex = m, map[string]int{}
		for d, t := range lib.index.topics {
			lib.topicIndex[t.ID] = d
		}
	})
	return lib.topicModel
}

// topicState is the lazily loaded model, kept in Library.
type topicState struct {
	topicFS    fs.FS
	topicOnce  sync.Once
	topicModel *topicModel
	topicIndex map[string]int // topic id to its place in the index
	// tuning replaces learnedPolicy, for the folds test only.
	tuning *policy
}

// policy returns the policy in force.
func (lib *Library) policy() policy {
	if lib.tuning != nil {
		return *lib.tuning
	}
	return learnedPolicy
}

// policy is when the model's guess counts: the least probability at which
// it answers a question the rules could not place (fill, or fillNear when
// the question does not name our subject; fillAny when it names nothing
// the article gives advice on either, in a chat that is about our subject
// all the same), replaces the rules' topic
// (override), answers a question the scope rules set outside the article
// (scope: a side word such as "arms" or "kid" in a story about the
// writer's own legs; never an animal), or refuses a question the rules
// would answer (out; outDomain for a question that names our subject:
// "what helps restless legs" scores 0.81 "out", from its words' use in
// questions about a child's or a dog's legs, and must stay answered). A
// threshold above 1 turns that use off.
type policy struct {
	fill, fillNear, fillAny, override, scope, out, outDomain float64
	// fillMentioned: the least probability at which the model answers a
	// question about something the article names only in passing
	// (diabetes, pregnancy) that does not name our subject: "is there any
	// link with diabetes?", asked of a bot about restless legs.
	fillMentioned float64
}

// learnedPolicy is the policy Ask uses, chosen by the folds of
// TestTopicModelFolds (each labelled round left out in turn): filling at
// 0.5 where the rules found nothing answers 707 of 851 held-out in-scope
// rows right against 695 at 0.8, for 530 of 584 refusals against 532;
// on rounds 15-21, which the model never trained on, 0.6 answers 8 more
// in-scope questions right (332 against 324) for one refusal lost (266
// of 280), and keeps the adversarial held-out refusals at 40 of 42,
// where 0.5 drops them to 39. The model replaces the rules' topic from
// 0.3 (was 0.5): on rounds 15-22 scored with the committed model, 383
// of 440 in-scope rows right against 379, on the folds of rounds 1-14
// 716 of 851 against 714, refusals unchanged in both. A scope rule's
// refusal gives way to the model from 0.98 (was never): a side word such
// as "employer" or "buy" in "what food can I eat for this? my employer
// gives me rice…" no longer refuses what the model places at 0.96 or
// more; on rounds 15-23 +2 in-scope right at no refusal lost, on the
// folds of 1-14 +2 (0.95 gained more, but cost the adversarial tuned
// set a refusal).
//
// The model now learns from rounds 1-33 (was 1-14), and the policy moved
// with it: fill and override 0.4, fillNear 0.7, fillAny 0.8, out 0.75.
// Chosen on a model trained on rounds 1-29 only, scored on rounds 30-33
// that it never saw: 193 of 220 in-scope rows right against 187 for the
// model and policy before, 150 of 160 refusals against 151; on the
// adversarial held-out set unchanged (50 of 50, 40 of 42). Trained on
// 1-33, the real sets' test halves keep their right topics (23 of 49,
// 14 of 23) and lose one refusal (18 of 39).
var learnedPolicy = policy{fill: 0.4, fillNear: 0.7, fillAny: 0.8, override: 0.4, scope: 0.98, out: 0.75, outDomain: 0.9, fillMentioned: 0.95}

// weigh combines the rules' match with the model's guess over the whole
// message's terms and reports whether the question has a topic; it may
// move another topic to the front of m.ranked and clear a scope verdict.
func (lib *Library) weigh(m *match, whole []string) bool {
	confident := m.confident()
	model := lib.learned()
	if model == nil || len(whole) == 0 || m.subject.outside == scopeAnimal || m.childAged {
		return confident
	}
	pol := lib.policy()
	g := model.best(topicFeatures(whole))
	if g.class == outClass {
		limit := pol.out
		if m.domain {
			limit = pol.outDomain
		}
		return confident && g.p < limit
	}
	d, ok := lib.topicIndex[g.class]
	if !ok {
		return confident
	}
	switch {
	case m.subject.outside != "":
		if g.p < pol.scope {
			return false
		}
		m.subject.outside, m.subject.refer = "", ""
	case confident && d != m.best && g.p >= pol.override && lib.holdsNear(d, m):
	case !confident && m.domain && g.p >= pol.fill:
	case !confident && !m.domain && !m.subject.mentioned && m.subject.advice && g.p >= pol.fillNear:
	case !confident && !m.domain && !m.subject.mentioned && g.p >= pol.fillAny:
	case !confident && !m.domain && m.subject.mentioned && g.p >= pol.fillMentioned:
	default:
		return confident
	}
	m.best = d
	m.ranked = append([]int{d}, slices.DeleteFunc(slices.Clone(m.ranked), func(r int) bool { return r == d })...)
	return true
}

// holdsNear reports whether topic d holds every thing around our subject
// (coffee, stress...) that the question names and the rules' best topic
// holds: the model may not trade "does stress or alcohol…" for a topic
// about neither.
func (lib *Library) holdsNear(d int, m *match) bool {
	for _, t := range m.nearTerms {
		if lib.index.holds(m.best, t) && !lib.index.holds(d, t) {
			return false
		}
	}
	return true
}
