package content

import (
	"strings"
	"testing"
)

// The answers the issue names lead with the direct answer.
func TestAnswersLeadWithTheAnswer(t *testing.T) {
	lib := mustLoad(t)
	tests := []struct{ q, topic, lead string }{
		{"how common are hypnic jerks?", "hypnic-jerks", "70 %"},
		{"how many people have restless legs syndrome", "rls", "5–10 %"},
		{"why do my legs twitch at night", "causes-overview", "everyday things"},
		{"what is ferritin", "rls-causes", "ferritin"},
	}
	for _, tt := range tests {
		a := lib.Ask(tt.q)
		if a.Topic == nil || a.Topic.ID != tt.topic {
			t.Errorf("%q: got %v, want %s", tt.q, a.Topic, tt.topic)
			continue
		}
		// The first two sentences hold the answer.
		lead := strings.Join(strings.SplitAfterN(a.Topic.Body, ". ", 3)[:2], "")
		if !strings.Contains(lead, tt.lead) || strings.HasPrefix(a.Topic.Body, "I can't") {
			t.Errorf("%q: the answer does not lead with %q:\n%s", tt.q, tt.lead, lead)
		}
		if a.Topic.Source == "" || !strings.HasPrefix(a.Topic.SourceLine(), "_From the article: ") {
			t.Errorf("%s: no article section named", a.Topic.ID)
		}
	}
}

// Near misses of the kinds the issue lists share the article's words but
// not its subject, and are refused (worded apart from the eval sets).
func TestNearMissesAreRefused(t *testing.T) {
	lib := mustLoad(t)
	for _, q := range []string{
		"how many litres of water does a labrador need",
		"safe melatonin amount for my 7 year old",
		"is magnesium good for restless sleep in kids",
		"magnesium for my migraine attacks",
		"why does my eyelid flicker all day",
		"how to heal a calf strain from football",
		"what blood sugar level is too high",
		"what is the treatment for obstructive sleep apnea",
		"can i have a glass of wine when pregnant",
	} {
		if a := lib.Ask(q); a.Topic != nil || a.Tier != TierNone {
			t.Errorf("%q: answered with %s", q, describe(a))
		}
	}
}
