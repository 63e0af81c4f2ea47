package understand_test

import (
	"regexp"
	"testing"

	"github.com/calmnights/calmnights/bot/understand"
	"github.com/calmnights/calmnights/content"
)

// quotedExample is an example in /help's plain-words list, in any
// language's quotation marks.
var quotedExample = regexp.MustCompile(`[“«„]([^”»“]+)[”»“]`)

// Every example /help gives of writing in plain words is understood, in
// every language: the statements as what they say, the last as a question.
func TestHelpExamplesAreUnderstood(t *testing.T) {
	lib, c := content.Default(), understand.New(nil)
	for _, lang := range content.Languages {
		var examples []string
		for _, m := range quotedExample.FindAllStringSubmatch(lib.Text(lang, "HelpPlainWords", nil), -1) {
			examples = append(examples, m[1])
		}
		if len(examples) < 4 {
			t.Fatalf("%s: /help gives %d examples: %q", lang, len(examples), examples)
		}
		for _, ex := range examples[:len(examples)-1] {
			var in understand.Intent
			ok := true
			if lang == "en" {
				in = c.Classify(ex)
			} else {
				in, ok = c.ClassifyIn(lang, ex)
			}
			if !ok || !in.Action.Changes() && in.Action != understand.TimeZone {
				t.Errorf("%s: /help's example %q is read as %s %v", lang, ex, in.Action, in.Values)
			}
		}
	}
}
