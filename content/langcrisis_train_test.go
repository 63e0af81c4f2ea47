package content

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// langRow is one message of a language's blind round in testdata/lang:
// its kind (first column), its text (second) and its line in the file.
type langRow struct {
	kind, text string
	line       int
}

// langRows reads a blind round's messages, its header left out.
func langRows(t testing.TB, file string) []langRow {
	b, err := os.ReadFile(filepath.Join("testdata/lang", file))
	if err != nil {
		t.Fatal(err)
	}
	var rows []langRow
	for i, line := range strings.Split(string(b), "\n") {
		cols := strings.Split(line, "\t")
		if i == 0 || len(cols) < 2 {
			continue
		}
		rows = append(rows, langRow{cols[0], cols[1], i + 1})
	}
	return rows
}

// langCrisisRows are one language's labelled messages from testdata files:
// crisis is 1, everything else 0.
func langCrisisRows(t testing.TB, files []string) (texts []string, ys []int) {
	for _, f := range files {
		for _, r := range langRows(t, f) {
			y := 0
			if r.kind == "crisis" {
				y = 1
			}
			texts, ys = append(texts, r.text), append(ys, y)
		}
	}
	return texts, ys
}

// langCrisisData is a language's crisis training data: the rows of files
// (crisis 1, everything else 0), the topics' phrasings and outside.txt as
// calm. Crises are few: each counts five times.
func langCrisisData(t testing.TB, lib *Library, code string, files []string) []example {
	return langKindData(t, lib, code, files, "crisis", 5)
}

// langKindData is a language's training data for telling messages of one
// kind from all others: the rows of files (of that kind 1, else 0), the
// topics' phrasings, outside.txt and the language's everyday statements
// (its blind statement rounds: a night, water or a reminder is neither a
// crisis nor a warning sign, "activa otra vez los recordatorios") as 0;
// each message of the kind counts copies times.
func langKindData(t testing.TB, lib *Library, code string, files []string, kind string, copies int) []example {
	var texts []string
	var ys []int
	for _, f := range files {
		for _, r := range langRows(t, f) {
			y := 0
			if r.kind == kind {
				y = 1
			}
			texts, ys = append(texts, r.text), append(ys, y)
		}
	}
	p, _ := lib.Pack(code)
	for _, tp := range p.Topics {
		for _, q := range tp.Questions {
			texts, ys = append(texts, q), append(ys, 0)
		}
	}
	b, _ := os.ReadFile(filepath.Join("lang", code, "outside.txt"))
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			texts, ys = append(texts, line), append(ys, 0)
		}
	}
	for _, text := range langStatementTexts(t, code) {
		texts, ys = append(texts, text), append(ys, 0)
	}
	var data []example
	for i, text := range texts {
		ex := example{lib.featuresIn(code, text), ys[i]}
		for k := 0; k < 1+(copies-1)*ys[i]; k++ {
			data = append(data, ex)
		}
	}
	return data
}

// langStatementTexts are the messages of a language's blind statement
// rounds (bot/understand/testdata/lang_statements_<code>_<n>.yaml).
func langStatementTexts(t testing.TB, code string) []string {
	files, _ := filepath.Glob("../bot/understand/testdata/lang_statements_" + code + "_*.yaml")
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var items []struct {
			Text string `yaml:"text"`
		}
		if err := yaml.Unmarshal(b, &items); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, it := range items {
			out = append(out, it.Text)
		}
	}
	return out
}

// langCrisisTrainFiles are the rounds each language's crisis model learns
// from, and langCrisisHeldOut the ones TestLanguageCrisisFolds scores it on.
var (
	langCrisisTrainFiles = []string{"blind_%s.tsv", "blind2_%s.tsv", "qblind1_%s.tsv", "qblind2_%s.tsv", "qblind5_%s.tsv", "qblind6_%s.tsv"}
	langCrisisHeldOut    = []string{"blind3_%s.tsv", "qblind3_%s.tsv", "qblind4_%s.tsv", "qblind7_%s.tsv"}
)

func filesFor(code string, patterns []string) []string {
	var out []string
	for _, p := range patterns {
		out = append(out, fmt.Sprintf(p, code))
	}
	return out
}

// TestLanguageCrisisFolds trains each language's crisis model on some
// rounds and scores it on the others, by threshold: how it would meet
// messages it never saw.
func TestLanguageCrisisFolds(t *testing.T) {
	if os.Getenv("CALMNIGHTS_CRISIS_FOLDS") != "1" {
		t.Skip("set CALMNIGHTS_CRISIS_FOLDS=1")
	}
	lib := Default()
	for _, code := range Languages[1:] {
		m := trainTopics([]string{"calm", "crisis"}, langCrisisData(t, lib, code, filesFor(code, langCrisisTrainFiles)))
		texts, ys := langCrisisRows(t, filesFor(code, langCrisisHeldOut))
		for _, th := range []float64{0.3, 0.5, 0.7, 0.9} {
			hit, n, fa, calm := 0, 0, 0, 0
			for i, text := range texts {
				p := m.predict(lib.featuresIn(code, text))[1]
				if ys[i] == 1 {
					n++
					if p >= th {
						hit++
					}
				} else {
					calm++
					if p >= th {
						fa++
					}
				}
			}
			t.Logf("%s threshold %.1f: crises %d/%d, false alarms %d/%d", code, th, hit, n, fa, calm)
		}
	}
}

// langRoundFiles are every blind round of a language in testdata/lang (the
// crisis sets and every question round to date), by glob: a new round
// joins the training data once its first run is done.
func langRoundFiles(t testing.TB, code string) []string {
	var out []string
	for _, pat := range []string{"blind*_%s.tsv", "qblind*_%s.tsv"} {
		ms, err := filepath.Glob(filepath.Join("testdata/lang", fmt.Sprintf(pat, code)))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			out = append(out, filepath.Base(m))
		}
	}
	return out
}

// TestTrainLanguageCrisisModels writes lang/<code>/crisis_model.json from
// every round when CALMNIGHTS_TRAIN_LANG=1.
func TestTrainLanguageCrisisModels(t *testing.T) {
	trainLangModels(t, langCrisisModelFile, []string{"calm", "crisis"}, langCrisisData)
}

// trainLangModels trains one model per other language on data from every
// round and writes it to lang/<code>/<file>, when CALMNIGHTS_TRAIN_LANG=1.
func trainLangModels(t *testing.T, file string, classes []string, data func(testing.TB, *Library, string, []string) []example) {
	if os.Getenv("CALMNIGHTS_TRAIN_LANG") != "1" {
		t.Skip("set CALMNIGHTS_TRAIN_LANG=1")
	}
	lib := Default()
	for _, code := range Languages[1:] {
		ex := data(t, lib, code, langRoundFiles(t, code))
		m := trainTopics(classes, ex)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("lang", code, file), append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d examples, %d features kept", code, len(ex), len(m.Weights))
	}
}

// An everyday statement in another language (a night, water, a reminder,
// a correction) never gets the crisis answer instead of being read.
func TestLanguageStatementsAreNoCrisis(t *testing.T) {
	t.Parallel() // reads only; the package's long sweeps share the cores
	lib := Default()
	for _, code := range Languages[1:] {
		texts := langStatementTexts(t, code)
		if len(texts) == 0 {
			t.Fatalf("%s: no blind statement round", code)
		}
		for _, s := range texts {
			if lib.Crisis(s) {
				t.Errorf("%s: %q taken for a crisis", code, s)
			}
		}
	}
}
