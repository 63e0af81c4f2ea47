package content

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func flagIDs(fs []RedFlag) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.ID)
	}
	return ids
}

func TestRedFlags(t *testing.T) {
	lib := mustLoad(t)
	tests := []struct {
		text           string
		doctor, urgent []string
	}{
		{"my arm feels weak and the twitching is spreading", []string{"weakness", "spreading", "arms-trunk", "checklist"}, nil},
		{"I have numbness in my left foot", []string{"numbness"}, nil},
		{"I've become so clumsy lately, I keep tripping", []string{"coordination"}, nil},
		{"The twitching is only in my left leg and it keeps getting worse", []string{"one-sided", "worsening"}, nil},
		// One checklist sign alone is how many nights are, not a warning;
		// two or more meet the article's rule.
		{"it woke me up", nil, nil},
		{"it woke me up again last night", nil, nil},
		{"I can't keep still in the evenings", nil, nil},
		{"I get an uncontrollable urge to move my legs when I sit", nil, nil},
		{"my doctor said I'm anaemic", nil, nil},
		{"it wakes me up every night", []string{"checklist"}, nil}, // more than three nights, and regularly
		{"I can't sit still in the evening and my doctor said I'm anaemic", []string{"checklist"}, nil},
		{"my husband says I kick in my sleep and I have low iron", []string{"checklist"}, nil},
		{"my stomach muscles twitch too", []string{"arms-trunk"}, nil},
		{"Twitching in both arms now.", []string{"arms-trunk"}, nil},
		// Negated, general or harmless: no flag.
		{"I don't have any numbness or weakness", nil, nil},
		{"no weakness, just twitching", nil, nil},
		{"can low iron cause restless legs?", nil, nil},
		{"what does it mean if twitching spreads to the arms?", nil, nil},
		{"is it normal for legs to twitch at night?", nil, nil},
		{"does caffeine make it worse?", nil, nil},
		{"I went back to bed and my legs twitched", nil, nil},
		{"I only have one coffee a day and my legs twitch", nil, nil},
		// Urgent: always, even as questions.
		{"my left arm suddenly went weak and my face is drooping", []string{"weakness"}, []string{"sudden-weakness", "one-sided-weakness", "face-droop"}},
		{"I have chest pain and my legs twitch", nil, []string{"chest-pain"}},
		{"I'm short of breath since this evening", nil, []string{"breathless"}},
		{"my calf is swollen and painful", nil, []string{"swollen-leg"}},
		{"I fainted last night", nil, []string{"fainting"}},
		{"is chest pain a sign of RLS?", nil, []string{"chest-pain"}},
		{"no chest pain, just twitchy legs", nil, nil},
	}
	for _, tt := range tests {
		doctor, urgent, _ := lib.redFlags.find(tt.text)
		if got := flagIDs(doctor); !slices.Equal(got, tt.doctor) {
			t.Errorf("%q: doctor flags %v, want %v", tt.text, got, tt.doctor)
		}
		if got := flagIDs(urgent); !slices.Equal(got, tt.urgent) {
			t.Errorf("%q: urgent flags %v, want %v", tt.text, got, tt.urgent)
		}
	}
	msg := lib.DoctorMessage([]RedFlag{{Label: "a"}, {Label: "b"}, {Label: "c"}})
	if !strings.Contains(msg, "a, b and c") || !strings.Contains(msg, "neurologist or a sleep specialist") {
		t.Errorf("doctor message: %s", msg)
	}
	if !strings.Contains(lib.UrgentMessage([]RedFlag{{Label: "chest pain"}}), "urgent medical care now") {
		t.Error("urgent message does not say to seek urgent care")
	}
}

// The examples of the "done when".
func TestAskExamples(t *testing.T) {
	lib := mustLoad(t)
	a := lib.Ask("can dehydration make my legs twitch?")
	if a.Topic == nil || a.Topic.ID != "dehydration" || !strings.Contains(a.Topic.Body, "electrolyte") {
		t.Fatalf("dehydration question answered with %+v", a.Topic)
	}
	if len(a.Related) == 0 || len(a.Related) > 3 || slices.Contains(a.Related, a.Topic) {
		t.Errorf("related topics: %v", a.Related)
	}
	if a := lib.Ask("what is the capital of France?"); a.Topic != nil || len(a.Flags) > 0 {
		t.Errorf("capital of France answered with %s", a.Topic.ID)
	}
	if a := lib.Ask("my arm feels weak and the twitching is spreading"); len(a.Flags) == 0 {
		t.Error("weakness and spreading raised no red flag")
	}
	for _, q := range []string{"", "   ", "?!", "🙂🙂", "the and of a", strings.Repeat("x", 1<<20), "\xff\xfe\xfd", strings.Repeat("leg twitch ", 100000)} {
		lib.Ask(q) // must not panic, whatever the input
	}
}

func TestChecklistRule(t *testing.T) {
	cl := mustLoad(t).Checklist
	yes := func(idx ...int) []bool {
		a := make([]bool, len(cl.Questions))
		for _, i := range idx {
			a[i] = true
		}
		return a
	}
	if o := cl.Evaluate(yes(0, 1)); o.Yes != 2 || !o.SeeDoctor || len(o.RedFlagYes) != 0 {
		t.Errorf("two yes: %+v", o)
	}
	if o := cl.Evaluate(yes(3)); o.Yes != 1 || o.SeeDoctor {
		t.Errorf("one yes: %+v", o)
	}
	o := cl.Evaluate(yes(4))
	text := cl.Result(o, "")
	if o.SeeDoctor || len(o.RedFlagYes) != 1 || !strings.Contains(text, "spread to your arms or trunk") || !strings.Contains(text, "doctor soon") {
		t.Errorf("a red-flag yes must be named even below the threshold:\n%s", text)
	}
	full := cl.Result(cl.Evaluate(yes(0, 1, 5)), "a note")
	for _, want := range []string{"3 of 7", "neurologist or a sleep specialist", "- twitches that wake you up regularly", "muscle weakness, numbness or trouble with coordination", "not a diagnosis"} {
		if !strings.Contains(full, want) {
			t.Errorf("result lacks %q:\n%s", want, full)
		}
	}
	if !strings.HasSuffix(full, "a note\n\n"+cl.Disclaimer) {
		t.Error("the result does not end with the disclaimer")
	}
}

func FuzzAsk(f *testing.F) {
	for _, s := range []string{"can dehydration make my legs twitch?", "", "\xff", "restless legs restless legs", "no numbness", "chest pain!!!", "__**[]", "🦵🦵"} {
		f.Add(s)
	}
	lib := mustLoad(f)
	f.Fuzz(func(t *testing.T, q string) {
		a := lib.Ask(q)
		if a.Topic != nil && len(a.Related) > maxRelated {
			t.Fatalf("%d related topics", len(a.Related))
		}
		for _, fl := range append(a.Flags, a.Urgent...) {
			if !utf8.ValidString(fl.Label) || fl.Label == "" {
				t.Fatalf("bad flag %+v", fl)
			}
		}
		// The crisis tier reads every message first: it never panics, and
		// a crisis stays one with an idiom-free greeting before it.
		if lib.Crisis(q) && !lib.Crisis("hi. "+q) {
			t.Fatalf("crisis lost behind a greeting: %q", q)
		}
		lib.FollowUp(q, "hypnic-jerks")
	})
}

// BenchmarkAsk reports the time to answer one question, averaged over the
// evaluation questions, the adversarial ones included (target: well under
// 1 ms).
func BenchmarkAsk(b *testing.B) {
	lib := mustLoad(b)
	var set evalSet
	if err := readYAML(os.DirFS("."), "testdata/eval.yaml", &set); err != nil {
		b.Fatal(err)
	}
	qs := append([]string{}, set.OutOfScope...)
	for _, c := range set.InScope {
		qs = append(qs, c.Q)
	}
	qs = append(qs, adversarialQuestions(b)...)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		lib.Ask(qs[i%len(qs)])
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/question")
}

func TestRedFlagTypos(t *testing.T) {
	lib := mustLoad(t)
	for text, urgent := range map[string]bool{
		"chset pain and leg cramps":                   true,
		"I was painting the fence and my legs twitch": false,
		"my calves twitch after chess club":           false,
	} {
		_, u, _ := lib.redFlags.find(text)
		if (len(u) > 0) != urgent {
			t.Errorf("%q: urgent flags %v, want urgent=%v", text, flagIDs(u), urgent)
		}
	}
}

// TestUrgentAgreesWithAsk: the safety screen's cheap reading of
// emergencies gives the same tier as the full answer on every eval
// question.
func TestUrgentAgreesWithAsk(t *testing.T) {
	lib := mustLoad(t)
	for _, q := range adversarialQuestions(t) {
		full, quick := lib.Ask(q), lib.Urgent(q)
		if (full.Tier == TierUrgent) != (quick.Tier == TierUrgent) {
			t.Errorf("%q: Ask says %v, Urgent says %v", q, full.Tier, quick.Tier)
		}
	}
}

// TestNegationThroughAList: a negation reaches through a short list of
// signs ("no swelling, redness or pain"), not into a clause of its own,
// and "not sure" negates nothing.
func TestNegationThroughAList(t *testing.T) {
	lib := mustLoad(t)
	for q, urgent := range map[string]bool{
		"my calves twitch after the flight but there's no swelling, redness or pain":  false,
		"no swelling or redness in my calf, just twitching":                           false,
		"not sure if it matters, my calf is swollen and painful since the flight":     true,
		"stumbling around like im drunk but i havent had anything, walking is wobbly": true,
	} {
		if got := lib.Ask(q).Tier == TierUrgent; got != urgent {
			t.Errorf("%q: urgent = %v, want %v", q, got, urgent)
		}
	}
}

// adversarialQuestions are every message of the adversarial eval's two
// parts: questions in and out of scope, warnings and statements.
func adversarialQuestions(t testing.TB) []string {
	var qs []string
	for _, path := range []string{"testdata/eval_tuning.yaml", "testdata/eval_holdout.yaml"} {
		adv := loadAdvSet(t, path)
		qs = append(qs, adv.OutOfScope...)
		qs = append(qs, adv.Statements...)
		for _, c := range adv.InScope {
			qs = append(qs, c.Q)
		}
		for _, c := range adv.Warnings {
			qs = append(qs, c.Q)
		}
	}
	return qs
}

// TestUnlistedMedicinesAreAPharmacists: a medicine the lists do not name
// is known by its family's ending, and the answer names the pharmacist.
func TestUnlistedMedicinesAreAPharmacists(t *testing.T) {
	lib := mustLoad(t)
	for _, q := range []string{
		"will donepezil make his legs worse at night?",
		"does tenofovir cause leg twitching?",
		"I take lisinopril and my calves cramp at night, is it the lisinopril?",
		"can omeprazole give you restless legs",
	} {
		a := lib.Ask(q)
		if a.Topic != nil || a.Refer == "" {
			t.Errorf("%q: got topic %v, refer %q; want the pharmacist", q, a.Topic, a.Refer)
		}
	}
	for _, q := range []string{"what helps restless legs", "does magnesium help cramps", "can stretching help at night"} {
		if a := lib.Ask(q); a.Topic == nil {
			t.Errorf("%q: refused", q)
		}
	}
}
