package content

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// langExamples are one language's training examples: each topic's title,
// questions and keywords as the topic, the blind question rounds by their
// labels (langRoundExamples), each line of outside.txt as "out".
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
	data = append(data, langRoundExamples(t, p.Lang, idx, feats)...)
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

// langRoundExamples are the language's blind question rounds as training
// examples: a question in scope or a calm one under each topic a helper
// labelled it with (testdata/lang/topics_<code>.tsv, labelled from the
// English topic files alone), a question out of scope as "out". Rounds
// named in CALMNIGHTS_LANG_HOLDOUT (comma-separated, "qblind15,qblind16")
// are left out, to measure what the rounds add on rounds not trained on.
func langRoundExamples(t testing.TB, code string, idx map[string]int, feats func(string) []string) []example {
	b, err := os.ReadFile(filepath.Join("testdata/lang", "topics_"+code+".tsv"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string][]string{} // "qblind3_es.tsv:12" → topics
	for _, line := range strings.Split(string(b), "\n") {
		if id, topics, ok := strings.Cut(line, "\t"); ok {
			labels[id] = strings.Fields(topics)
		}
	}
	held := strings.Split(os.Getenv("CALMNIGHTS_LANG_HOLDOUT"), ",")
	var data []example
	for _, f := range langRoundFiles(t, code) {
		if slices.Contains(held, strings.TrimSuffix(f, "_"+code+".tsv")) {
			continue
		}
		for _, r := range langRows(t, f) {
			switch r.kind {
			case "out":
				data = append(data, example{feats(r.text), idx[outClass]})
			case "in", "calm":
				for _, tp := range labels[fmt.Sprintf("%s:%d", f, r.line)] {
					if c, ok := idx[tp]; ok {
						data = append(data, example{feats(r.text), c})
					}
				}
			}
		}
	}
	return data
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
