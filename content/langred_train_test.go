package content

import (
	"os"
	"strings"
	"testing"
)

// langRedData is a language's warning-sign training data: its red rows
// are 1, everything else 0 (langKindData); warning signs are few: each
// counts three times.
func langRedData(t testing.TB, lib *Library, code string, files []string) []example {
	return langKindData(t, lib, code, files, "red", 3)
}

// TestLanguageRedFolds trains each language's warning-sign model without
// the rounds named in CALMNIGHTS_RED_HOLDOUT (comma-separated, such as
// "qblind20,qblind21") and scores it on them by threshold: warning signs
// found, and the other messages (calm questions above all) escalated.
func TestLanguageRedFolds(t *testing.T) {
	held := os.Getenv("CALMNIGHTS_RED_HOLDOUT")
	if held == "" {
		t.Skip("set CALMNIGHTS_RED_HOLDOUT=qblind20,qblind21")
	}
	lib := Default()
	for _, code := range Languages[1:] {
		var train, test []string
		for _, f := range langRoundFiles(t, code) {
			out := false
			for _, h := range strings.Split(held, ",") {
				out = out || f == h+"_"+code+".tsv"
			}
			if out {
				test = append(test, f)
			} else {
				train = append(train, f)
			}
		}
		m := trainTopics([]string{"calm", "red"}, langRedData(t, lib, code, train))
		for _, th := range []float64{0.5, 0.7, 0.8, 0.9, 0.95} {
			hit, n, fa, calmFA, others, missedByRules, caught := 0, 0, 0, 0, 0, 0, 0
			for _, f := range test {
				for _, r := range langRows(t, f) {
					p := m.predict(lib.featuresIn(code, r.text))[1]
					if r.kind == "red" {
						n++
						if p >= th {
							hit++
						}
						if lib.AskIn(code, r.text).Tier == TierNone {
							missedByRules++
							if p >= th {
								caught++
							}
						}
						continue
					}
					others++
					if p >= th && lib.AskIn(code, r.text).Tier == TierNone && !lib.Crisis(r.text) {
						fa++
						if r.kind == "calm" {
							calmFA++
						}
					}
				}
			}
			t.Logf("%s threshold %.2f: warning signs %d/%d (of the rules' %d misses %d); other messages newly escalated %d/%d (calm %d)", code, th, hit, n, missedByRules, caught, fa, others, calmFA)
		}
	}
}

// TestTrainLanguageRedModels writes lang/<code>/red_model.json from every
// round when CALMNIGHTS_TRAIN_LANG=1.
func TestTrainLanguageRedModels(t *testing.T) {
	trainLangModels(t, langRedModelFile, []string{"calm", "red"}, langRedData)
}
