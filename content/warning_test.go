package content

import (
	"slices"
	"strings"
	"testing"
)

// Every answer to a warning sign, at either tier, ends with the "not
// medical advice" line and carries no reassuring topic: none at all when
// urgent, and only topics about warning signs when soon.
func TestWarningAnswersAreSafe(t *testing.T) {
	lib := mustLoad(t)
	var qs []string
	for _, path := range []string{"testdata/eval_tuning.yaml", "testdata/eval_holdout.yaml"} {
		for _, c := range loadAdvSet(t, path).Warnings {
			qs = append(qs, c.Q)
		}
	}
	qs = append(qs,
		"I suddenly can't move my arm",
		"my arm feels weak and the twitching is spreading",
		"is chest pain a sign of RLS?",
		"my calf is swollen and hot and I drink loads of coffee",
		"twitching spreads to my arms, and I drink a lot of water",
	)
	for _, q := range qs {
		a := lib.Ask(q)
		if a.Tier == TierNone {
			t.Errorf("%q: no warning tier", q)
			continue
		}
		reply := lib.WarningReply(a)
		if !EndsWithDisclaimer(reply) || !strings.Contains(strings.ToLower(lastLine(reply)), "not medical advice") {
			t.Errorf("%q: the reply does not end with the not-medical-advice line:\n%s", q, reply)
		}
		if a.Tier == TierUrgent && (a.Topic != nil || len(a.Related) > 0 || len(a.Urgent) == 0) {
			t.Errorf("%q: an urgent answer carries a topic (%v) or related topics (%d)", q, a.Topic, len(a.Related))
		}
		if a.Topic != nil && !a.Topic.Warning {
			t.Errorf("%q: a warning comes with the topic %s, which is not about warning signs", q, a.Topic.ID)
		}
		for _, r := range a.Related {
			if !r.Warning {
				t.Errorf("%q: a warning offers the related topic %s", q, r.ID)
			}
		}
		if a.Tier == TierUrgent && !strings.Contains(reply, "emergency number") {
			t.Errorf("%q: the urgent reply does not say to call the emergency number", q)
		}
	}
	if lib.WarningReply(lib.Ask("how much water a day?")) != "" {
		t.Error("a plain question got a warning reply")
	}
}

// Topics that may follow a warning say nothing reassuring first and end
// with the not-medical-advice line.
func TestWarningTopics(t *testing.T) {
	lib := mustLoad(t)
	n := 0
	for _, tp := range lib.Topics {
		if !tp.Warning {
			continue
		}
		n++
		if !EndsWithDisclaimer(tp.Body) {
			t.Errorf("warning topic %s does not end with a disclaimer", tp.ID)
		}
		first := strings.ToLower(strings.SplitN(tp.Body, "\n", 2)[0])
		for _, w := range []string{"harmless", "is normal", "are normal", "nothing to worry", "no danger", "not a danger"} {
			if strings.Contains(first, w) {
				t.Errorf("warning topic %s opens with reassurance (%q)", tp.ID, w)
			}
		}
	}
	if n < 3 {
		t.Fatalf("only %d topics about warning signs", n)
	}
}

// The doctor lead-in states the article's rule as the article does (two or
// more of the seven checklist signs), and a statement about one's own night
// is neither a question nor a warning.
func TestDoctorRuleAndStatements(t *testing.T) {
	lib := mustLoad(t)
	msg := lib.DoctorMessage([]RedFlag{{Label: "numbness"}})
	if lib.Checklist.Threshold != 2 || len(lib.Checklist.Questions) != 7 ||
		!strings.Contains(msg, "two or more of the seven signs on its checklist") ||
		strings.Contains(msg, "reason to get checked") {
		t.Errorf("the doctor lead-in does not state the article's rule:\n%s", msg)
	}
	for _, q := range []string{"it woke me up", "it woke me up again", "woke up twice with leg jerks", "had 2 coffees after lunch", "my legs twitched a lot tonight"} {
		a := lib.Ask(q)
		if !a.Statement || a.Tier != TierNone || len(a.Flags) > 0 {
			t.Errorf("%q: statement=%v tier=%s flags=%v", q, a.Statement, a.Tier, a.Flags)
		}
	}
	for _, q := range []string{"does it wake you up?", "why do my legs twitch at night", "is coffee bad for twitchy legs", "energy drinks and twitchy legs"} {
		if lib.Ask(q).Statement {
			t.Errorf("%q: taken for a statement", q)
		}
	}
}

// A question that asks about two things gets the second as Also, offered
// first among the related topics; a question about one thing gets none.
func TestTwoThingsAtOnce(t *testing.T) {
	lib := mustLoad(t)
	tests := []struct {
		q    string
		want []string // the two topics, in any order; nil: no Also
	}{
		{"does coffee or stress make leg twitching worse", []string{"caffeine", "stress"}},
		{"does stress or alcohol cause restless legs at night", []string{"stress", "alcohol"}},
		{"can too much coffee and not enough water both cause twitching", []string{"caffeine", "dehydration"}},
		{"does coffee make my legs twitch at night", nil},
		{"how much water should i drink a day", nil},
	}
	for _, tt := range tests {
		a := lib.Ask(tt.q)
		if a.Topic == nil {
			t.Errorf("%q: no answer", tt.q)
			continue
		}
		if tt.want == nil {
			if a.Also != nil {
				t.Errorf("%q: asks one thing, got also %s", tt.q, a.Also.ID)
			}
			continue
		}
		if a.Also == nil || a.Also == a.Topic || !slices.Contains(tt.want, a.Topic.ID) || !slices.Contains(tt.want, a.Also.ID) {
			t.Errorf("%q: got %s and %v, want %v", tt.q, a.Topic.ID, a.Also, tt.want)
			continue
		}
		if len(a.Related) == 0 || a.Related[0] != a.Also || len(a.Related) > maxRelated || slices.Contains(a.Related, a.Topic) {
			t.Errorf("%q: related %v", tt.q, a.Related)
		}
	}
}

// A question whether a jolt or a fall is a seizure or a clot asks about
// the sign, in any of its everyday forms; it is no report of one. The
// same sign told as happening still goes to urgent care.
func TestAskingWhetherItIsASign(t *testing.T) {
	lib := mustLoad(t)
	for _, q := range []string{
		"When I fall asleep I get a jump like falling and my heart races. Is it some kind of seizure?",
		"my leg jerks as I drop off, could that be a mild seizure?",
		"is this a sort of fit or just a hypnic jerk",
	} {
		if a := lib.Urgent(q); len(a.Urgent) > 0 {
			t.Errorf("%q: urgent %v, want the question answered calmly", q, a.Urgent)
		}
	}
	for _, s := range []string{"my husband had a seizure in bed and won't wake up", "I crashed my bike after a leg spasm and hit my head hard, my wrist is broken"} {
		if a := lib.Urgent(s); len(a.Urgent) == 0 {
			t.Errorf("%q: no urgent sign", s)
		}
		if lib.Crisis(s) {
			t.Errorf("%q: taken for a crisis", s)
		}
	}
}

// Twitching that moves up into the arms, with a weaker grip, is twitching
// that spreads and weakness (a doctor soon); numbness that creeps up the
// body is urgent.
func TestTwitchingMovingUpIsNotNumbnessRising(t *testing.T) {
	lib := mustLoad(t)
	s := "The twitching has moved up into the arms now as well, and the grip is going a bit weak on me."
	if a := lib.Urgent(s); len(a.Urgent) > 0 {
		t.Errorf("%q: urgent %v", s, a.Urgent)
	}
	if d, _, _ := lib.redFlags.find(s); len(d) == 0 {
		t.Errorf("%q: no sign for a doctor", s)
	}
	if a := lib.Urgent("my legs are numb and it's creeping up to my waist"); len(a.Urgent) == 0 {
		t.Error("rising numbness: not urgent")
	}
}

// Woken a few times in one night is one of the checklist's signs at most:
// a night report saying so is no warning, in any language; with most
// nights it is two signs, worth a doctor.
func TestWokenSeveralTimesAloneIsNoWarning(t *testing.T) {
	lib := mustLoad(t)
	for _, c := range [][2]string{{"de", "bin 3 mal wach geworden, eine 5"}, {"ru", "просыпаюсь от этого по два раза, оценка 5"}} {
		if a := lib.AskIn(c[0], c[1]); a.Tier != TierNone {
			t.Errorf("%s %q: tier %v", c[0], c[1], a.Tier)
		}
	}
	for _, c := range [][2]string{{"de", "fast jede nacht zucken die beine und ich bin 3 mal wach davon"}, {"ru", "ноги дергаются каждую ночь, просыпаюсь от этого раза 3 за ночь"}} {
		if a := lib.AskIn(c[0], c[1]); a.Tier != TierSoon {
			t.Errorf("%s %q: tier %v, want soon", c[0], c[1], a.Tier)
		}
	}
}
