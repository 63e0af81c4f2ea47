package checklist_test

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// answerAll types answers to the checklist, one per line.
func answerAll(h *featuretest.Harness, answers ...string) []string {
	var last []string
	for _, a := range answers {
		last = []string{featuretest.Text(h.Send(a))}
	}
	return last
}

func TestChecklistTwoYesRecommendsSpecialist(t *testing.T) {
	h := featuretest.New(t)
	h.Press("start/yes") // consent, so the result is saved
	out := h.Send("/checklist")
	featuretest.MustContain(t, out, "Should I see a doctor", "Question 1 of 7", "more than three nights a week")
	got := featuretest.Payloads(out)
	run := strings.TrimPrefix(strings.TrimSuffix(got[0], "/yes"), "ck/1.")
	if len(got) != 3 || len(run) != 4 || got[1] != "ck/1."+run+"/no" || got[2] != "ck/stop."+run {
		t.Fatalf("first question buttons = %v", got)
	}
	last := answerAll(h, "yes", "yes", "no", "no", "no", "no", "no")[0]
	for _, want := range []string{"You answered yes to 2 of 7", "neurologist or a sleep specialist", "• twitching on more than three nights a week", "• twitches that wake you up regularly", "This is not a diagnosis", "I've saved this result"} {
		if !strings.Contains(last, want) {
			t.Errorf("result lacks %q:\n%s", want, last)
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(last), "only a doctor can tell what's behind your symptoms.") {
		t.Errorf("the result does not end with the not-a-diagnosis line:\n%s", last)
	}
	results, err := h.Store.ChecklistResults(ctx, h.UserID, 10)
	if err != nil || len(results) != 1 || results[0].Yes != 2 || !results[0].SeeDoctor || !results[0].Answers["nights"] || results[0].Answers["iron"] {
		t.Fatalf("saved results: %+v, %v", results, err)
	}
	featuretest.MustContain(t, h.Send("/checklist history"), "25 Nov 2026: 2 of 7 yes, worth seeing a neurologist or sleep specialist", "not a diagnosis")
	if _, err := h.Store.Conversation(ctx, h.UserID); err == nil {
		t.Error("the checklist conversation is still open after the result")
	}
}

func TestChecklistOneYesIsSelfCare(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/checklist")
	last := answerAll(h, "no", "no", "no", "yes", "no", "no", "no")[0]
	if !strings.Contains(last, "1 of 7") || !strings.Contains(last, "self-care") || strings.Contains(last, "neurologist") {
		t.Fatalf("one yes:\n%s", last)
	}
	if strings.Contains(last, "saved") {
		t.Error("a result was saved without consent")
	}
	if r, _ := h.Store.ChecklistResults(ctx, h.UserID, 10); len(r) != 0 {
		t.Fatalf("results stored without consent: %+v", r)
	}
	featuretest.MustContain(t, h.Send("/checklist history"), "don't keep checklist results without your permission")
}

func TestChecklistRedFlagNamedBelowThreshold(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/checklist")
	last := answerAll(h, "no", "no", "no", "no", "no", "yes", "no")[0]
	for _, want := range []string{"1 of 7", "muscle weakness, numbness or trouble with coordination", "doctor soon"} {
		if !strings.Contains(last, want) {
			t.Errorf("result lacks %q:\n%s", want, last)
		}
	}
}

func TestChecklistBackChangesAnAnswer(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/checklist")
	h.Press("ck/1/yes")
	out := h.Press("ck/back")
	featuretest.MustContain(t, out, "You had answered Yes", "Question 1 of 7")
	h.Press("ck/1/no") // changed
	out = h.Send("back")
	featuretest.MustContain(t, out, "You had answered No", "Question 1 of 7")
	last := answerAll(h, "no", "no", "no", "no", "no", "no", "no")[0]
	if !strings.Contains(last, "0 of 7") {
		t.Fatalf("after changing the answer:\n%s", last)
	}
}

func TestChecklistResumesAfterRestartAndRejectsStaleButtons(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/checklist")
	h.Press("ck/1/yes")
	h.Press("ck/2/yes")
	h.Open() // restart
	out := h.Send("/checklist")
	featuretest.MustContain(t, out, "2 of 7 answered", "question 3")
	featuretest.MustContain(t, h.Press("ck/resume"), "Question 3 of 7")
	featuretest.MustContain(t, h.Press("ck/1/no"), "belongs to another question", "Question 3 of 7")
	last := answerAll(h, "no", "no", "no", "no", "no")[0]
	if !strings.Contains(last, "2 of 7") {
		t.Fatalf("after resume:\n%s", last)
	}
	featuretest.MustContain(t, h.Press("ck/3/yes"), "already ended")
}

func TestChecklistStopAndQuestionsInBetween(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/checklist")
	h.Send("yes")
	out := h.Send("can dehydration make my legs twitch at night?")
	featuretest.MustContain(t, out, "Dehydration", "Your checklist is waiting at question 2")
	featuretest.MustContain(t, h.Send("maybe"), "Please answer with yes or no", "Question 2 of 7")
	featuretest.MustContain(t, h.Press("ck/stop"), "Checklist stopped")
	if _, err := h.Store.Conversation(ctx, h.UserID); err == nil {
		t.Fatal("stop left the checklist running")
	}
	featuretest.MustContain(t, h.Send("/checklist"), "Question 1 of 7")
	featuretest.MustContain(t, h.Send("/checklist restart"), "Question 1 of 7")
	featuretest.MustContain(t, h.Send("/checklist sideways"), "/checklist history")
}

func TestChecklistButtonsFromAnEarlierRunAreInert(t *testing.T) {
	h := featuretest.New(t)
	first := featuretest.Payloads(h.Send("/checklist"))
	featuretest.MustContain(t, h.Press(first[0]), "Question 2 of 7") // yes to question 1 of the first run
	restart := h.Press("ck/restart")                                 // a new run, at question 1 again
	featuretest.MustContain(t, restart, "Question 1 of 7")
	// The first run's question-1 buttons now point at the same question
	// number, but they belong to the earlier run.
	out := h.Press(first[1])
	featuretest.MustContain(t, out, "from an earlier checklist", "Question 1 of 7")
	featuretest.MustContain(t, h.Press(first[2]), "from an earlier checklist") // its Stop does not stop this run
	if conv, err := h.Store.Conversation(ctx, h.UserID); err != nil || conv.Data["answers"] != "" {
		t.Fatalf("an old button changed the current run: %+v %v", conv, err)
	}
	// The current run's own buttons work.
	now := featuretest.Payloads(restart)
	featuretest.MustContain(t, h.Press(now[0]), "Question 2 of 7")
}

// TestChecklistTakesEverydayAnswers: "yeah most nights honestly" is a
// yes and "nah not really" a no, typed at a question.
func TestChecklistTakesEverydayAnswers(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/checklist")
	featuretest.MustContain(t, h.Send("yeah most nights honestly"), "Question 2 of 7")
	featuretest.MustContain(t, h.Send("nah not really"), "Question 3 of 7")
}

// Typed answers in everyday words: a longer answer led by yes or no
// answers the question; "no idea" is no answer and asks again.
func TestChecklistLongAnswersAndUnsure(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/checklist"), "Question 1 of 7")
	featuretest.MustContain(t, h.Send("yes my wife says I kick all night long"), "Question 2 of 7")
	featuretest.MustContain(t, h.Send("no idea"), "Please answer with yes or no", "Question 2 of 7")
	featuretest.MustContain(t, h.Send("nope, never noticed that"), "Question 3 of 7")
}
