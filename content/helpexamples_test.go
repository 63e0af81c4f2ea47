package content

import (
	"regexp"
	"testing"
)

// helpExample is an example in /help's plain-words list, in any
// language's quotation marks.
var helpExample = regexp.MustCompile(`[“«„]([^”»“]+)[”»“]`)

// /help's example question, in every language, gets its topic and no
// warning: "does coffee make it worse?" asks about a cause, it reports no
// worsening.
func TestHelpQuestionIsAnsweredCalmly(t *testing.T) {
	lib := Default()
	for _, lang := range Languages {
		ms := helpExample.FindAllStringSubmatch(lib.Text(lang, "HelpPlainWords", nil), -1)
		if len(ms) == 0 {
			t.Fatalf("%s: no examples in /help", lang)
		}
		q := ms[len(ms)-1][1]
		if lib.Crisis(q) || lib.Urgent(q).Tier != TierNone {
			t.Errorf("%s: %q escalated", lang, q)
			continue
		}
		a := lib.AskIn(lang, q)
		if lang == "en" {
			a = lib.Ask(q)
		}
		if a.Tier != TierNone || a.Topic == nil {
			t.Errorf("%s: %q: tier %v, topic %v", lang, q, a.Tier, a.Topic)
		}
	}
}
