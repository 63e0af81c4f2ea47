package content

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// langExamples are one language's training examples: each topic's title,
// questions and keywords as the topic, each line of outside.txt as "out".
func langExamples(t testing.TB, lib *Library, p *Pack) (classes []string, data []example) {
	idx := map[string]int{}
	for _, tp := range p.Topics {
		idx[tp.ID] = len(classes)
		classes = append(classes, tp.ID)
	}
	idx[outClass] = len(classes)
	classes = append(classes, outClass)
	feats := func(text string) []string { return lib.featuresIn(p.Lang, text) }
	for _, tp := range p.Topics {
		for _, q := range append(append([]string{tp.Title}, tp.Questions...), tp.Keywords...) {
			data = append(data, example{feats(q), idx[tp.ID]})
		}
	}
	b, err := os.ReadFile(filepath.Join("lang", p.Lang, "outside.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			data = append(data, example{feats(line), idx[outClass]})
		}
	}
	return classes, data
}

// TestTrainLanguageModels writes lang/<code>/topic_model.json for every
// language with an article when CALMNIGHTS_TRAIN_LANG=1. Without it, it
// checks that each language's model names every topic.
func TestTrainLanguageModels(t *testing.T) {
	lib := Default()
	for _, code := range Languages[1:] {
		p, ok := lib.Pack(code)
		if !ok {
			t.Errorf("%s: no article (%v)", code, lib.CheckPacks())
			continue
		}
		if os.Getenv("CALMNIGHTS_TRAIN_LANG") != "1" {
			if p.model == nil {
				t.Errorf("%s: no topic model: train it (CALMNIGHTS_TRAIN_LANG=1)", code)
				continue
			}
			for _, tp := range p.Topics {
				if !slices.Contains(p.model.Classes, tp.ID) {
					t.Errorf("%s: the model does not know topic %s: retrain it (CALMNIGHTS_TRAIN_LANG=1)", code, tp.ID)
				}
			}
			continue
		}
		classes, data := langExamples(t, lib, p)
		m := trainTopics(classes, data)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("lang", code, topicModelFile), append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d examples, %d classes, %d features kept, %d bytes", code, len(data), len(classes), len(m.Weights), len(b))
	}
}
