package content

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"strings"

	"github.com/calmnights/calmnights/content/pattern"
)

// crisisModel is a small learned second opinion for the crisis tier: a
// logistic regression over the words and word pairs of the normalised
// message, trained in Go on the crisis evals' tuning parts and on
// everyday messages (TestTrainCrisisModel writes crisis_model.json). It
// only adds recall: a message it scores above its thresholds is a crisis
// even when no rule matched; it never clears one a rule found.
type crisisModel struct {
	// Threshold is the least score that makes a crisis of a message with
	// a gate word (one that speaks of death, harm, leaving or their means).
	Threshold float64 `json:"threshold"`
	// Open is the least score that makes a crisis of a short message,
	// gate word or not: indirect despair often has none. Chosen on rounds
	// held out of training (TestCrisisModelHeldOut, 15 folds): at 0.97
	// the model alone found 442 of 645 held-out crises instead of 348
	// behind the gate, for none of 385 idioms and calm questions and 4 of
	// 2,400 questions and real posts taken for a crisis. Long stories are
	// read behind the gate only (scores).
	Open    float64            `json:"open_threshold"`
	Bias    float64            `json:"bias"`
	Weights map[string]float64 `json:"weights"`
}

func loadCrisisModel(fsys fs.FS) (*crisisModel, error) {
	b, err := fs.ReadFile(fsys, "crisis_model.json")
	if err != nil {
		return nil, fmt.Errorf("read crisis model: %w", err)
	}
	var m crisisModel
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("crisis_model.json: %w", err)
	}
	if m.Threshold <= 0 || m.Threshold >= 1 || m.Open < m.Threshold || m.Open >= 1 || len(m.Weights) == 0 {
		return nil, fmt.Errorf("crisis_model.json: needs a threshold and an open threshold in (0,1), the second not below the first, and weights")
	}
	return &m, nil
}

// features are the words and adjacent word pairs of normalised text.
func features(normalised string) []string {
	return withPairs(strings.Fields(normalised), " ")
}

// withPairs returns the words and each adjacent pair joined by sep, once
// each: the features of both learned models.
func withPairs(words []string, sep string) []string {
	out := make([]string, 0, 2*len(words))
	seen := make(map[string]bool, 2*len(words))
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for i, w := range words {
		add(w)
		if i > 0 {
			add(words[i-1] + sep + w)
		}
	}
	return out
}

// gate holds the words one of which a message needs before the model may
// call it a crisis: it adds recall among messages that speak of death,
// harm, leaving or their means, never among plain stories about legs.
var gate = pattern.MustCompile(`\b(die|died|dying|dead|death|suicid\w*|kill\w*|end it|end my|ending|life|living|alive|exist\w*|myself|hurt\w* myself|harm\w*|cut\w*|burn\w*|bleed\w*|blood|pills?|tablets?|overdose|rope|gun|bridge|jump (off|from|in front)|jumping (off|from|in front)|goodbye|(a|my|suicide|goodbye|farewell) note|letters?|(my|a) will|will not (be|have|wake|see|need|make|bother|last|be around|put up)|insurance|burden|better off|no point|disappear|gone|forever|for good|not (to )?wake|never wake|not be here|without me|enough|sufficient|lord|god|heaven)\b`)

// score is the model's probability that the normalised text is a crisis,
// and whether the text opens the gate: it has a gate word outside every
// idiom ("coffee is the only thing keeping me alive" opens nothing).
func (m *crisisModel) score(rules *crisisRules, normalised string) (p float64, gated bool) {
	p, gated, _ = m.scoreIdioms(rules, normalised)
	return p, gated
}

// scoreIdioms is score, and whether every gate word of the text lies in
// an idiom ("I'll kill someone 😂" at one more piece of advice): such a
// text has spoken of death or harm only in jest.
func (m *crisisModel) scoreIdioms(rules *crisisRules, normalised string) (p float64, gated, jest bool) {
	sc := pattern.ScanOf(normalised)
	g := gate.FindAllStringIndexIn(sc)
	gated = len(g) > 0 && anyOutside(g, spans(sc, rules.idioms))
	jest = len(g) > 0 && !gated
	z := m.Bias
	for _, f := range features(normalised) {
		z += m.Weights[f]
	}
	return 1 / (1 + math.Exp(-z)), gated, jest
}

// modelWindow is how many consecutive sentences the model reads at once.
const modelWindow = 3

// windowsOf are the runs of modelWindow consecutive sentences of a
// message longer than that, nil for a shorter one: a crisis is said in a
// sentence or two, and a long story summed whole piles up weights from
// every paragraph.
func windowsOf(text string) []string {
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

// scores are the model's highest score over the parts of text that open
// the gate (0 when none does), and the score held against Open: a short
// message's own, gate or not; a long story's gated score, since summed
// over paragraphs of sleepless nights its words score high without a
// word of death or harm (on the real posts' test half the open threshold
// took six more long stories for a crisis).
func (m *crisisModel) scores(rules *crisisRules, text string) (gated, open float64) {
	ws := windowsOf(text)
	if ws == nil {
		p, g, jest := m.scoreIdioms(rules, rules.normalize(text))
		if g {
			gated = p
		}
		if jest {
			return gated, 0 // its only words of harm are an idiom's
		}
		return gated, p
	}
	for _, w := range ws {
		if p, g := m.score(rules, rules.normalize(w)); g {
			gated = math.Max(gated, p)
		}
	}
	return gated, gated
}

// crisis reports whether the model calls text a crisis: Threshold behind
// an open gate, Open for a short message without one.
func (m *crisisModel) crisis(rules *crisisRules, text string) bool {
	gated, open := m.scores(rules, text)
	return open >= m.Open || gated >= m.Threshold
}

// modelSentences cuts a message into the sentences the model's windows
// are made of.
var modelSentences = pattern.MustCompile(`[.!?;\n]+`)
