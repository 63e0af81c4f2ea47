package content

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// explain ranks topics for a question and describes why, for tuning the
// matcher by hand.
func explain(lib *Library, q string) (ranking []int, report string) {
	m, concepts, _ := lib.concepts(q)
	full := lib.match(q)
	scores := lib.index.score(concepts)
	for d, s := range lib.index.questionScore(concepts) {
		scores[d] += questionWeight * s
	}
	ranking = make([]int, len(scores))
	for i := range ranking {
		ranking[i] = i
	}
	sort.SliceStable(ranking, func(a, b int) bool { return scores[ranking[a]] > scores[ranking[b]] })
	var sb strings.Builder
	fmt.Fprintf(&sb, "%q: terms %v domain=%v near=%d words=%d unknown=%d subject=%+v coverage=%.2f nearMissed=%v confident=%v\n", q, lib.lex.terms(q), m.domain, m.near, m.words, m.unknown, full.subject, full.coverage, full.nearMissed, full.confident())
	if model := lib.learned(); model != nil {
		g := model.best(topicFeatures(full.terms))
		fmt.Fprintf(&sb, "    model: %s %.2f\n", g.class, g.p)
	}
	for _, d := range ranking[:4] {
		fmt.Fprintf(&sb, "    %-18s %.2f\n", lib.index.topics[d].ID, scores[d])
	}
	return ranking, sb.String()
}

// TestExplainAgreesWithAsk checks that the tuning view ranks topics as
// Ask does. To read the explanations, set CALMNIGHTS_EXPLAIN to questions
// separated by "|" and run with -v.
func TestExplainAgreesWithAsk(t *testing.T) {
	lib := mustLoad(t)
	qs := []string{"can dehydration make my legs twitch?", "what is restless legs syndrome", "epsom salt bath", "how much water a day"}
	if env := os.Getenv("CALMNIGHTS_EXPLAIN"); env != "" {
		qs = strings.Split(env, "|")
	}
	for _, q := range qs {
		ranking, report := explain(lib, q)
		if os.Getenv("CALMNIGHTS_EXPLAIN") != "" {
			t.Log(report)
		}
		if m := lib.match(q); len(m.ranked) > 0 && m.best != ranking[0] {
			t.Errorf("%q: explain ranks %s first, Ask %s", q, lib.index.topics[ranking[0]].ID, lib.index.topics[m.best].ID)
		}
	}
}
