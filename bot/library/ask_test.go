package library_test

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/library"
	"github.com/calmnights/calmnights/content"
)

func TestAskAnswersWithTitleAndRelated(t *testing.T) {
	h := featuretest.New(t)
	out := h.Send("/ask can dehydration make my legs twitch?")
	featuretest.MustContain(t, out, "Dehydration", "Common causes", "electrolytes")
	if got := featuretest.Payloads(out); len(got) == 0 || len(got) > 3 || !strings.HasPrefix(got[0], "tp/t/") {
		t.Fatalf("related buttons = %v", got)
	}
	// Pressing a related topic shows it.
	featuretest.MustContain(t, h.Press(featuretest.Payloads(out)[0]), "·")
}

func TestFreeTextIsAQuestionInPrivateOnly(t *testing.T) {
	h := featuretest.New(t)
	featuretest.MustContain(t, h.Send("why do my legs jump just as I fall asleep?"), "hypnic jerk")
	req := h.Request()
	req.Private, req.ChatID, req.Text, req.Unaddressed = false, "-100", "why do my legs jump just as I fall asleep?", true
	if out := h.Bot.Handle(ctx, req); len(out) != 0 {
		t.Fatalf("free text in a group got a reply: %v", featuretest.Text(out))
	}
	// A question that mentions the bot is answered in the group.
	req.Unaddressed = false
	if out := h.Bot.Handle(ctx, req); len(out) != 1 || out[0].To != "" || !strings.Contains(out[0].Text, "hypnic jerk") {
		t.Fatalf("a question addressed to the bot in a group: %+v", out)
	}
	featuretest.MustContain(t, h.Send("hello"), "Ask me anything", "/help")
	featuretest.MustContain(t, h.Send("thanks!"), "You're welcome")
}

func TestAskFallbackRedFlagsAndUrgent(t *testing.T) {
	h := featuretest.New(t)
	out := h.Send("/ask what is the capital of France?")
	featuretest.MustContain(t, out, "I can't answer that one", "rather say so than guess")
	if got := featuretest.Payloads(out); len(got) != 1 || got[0] != "tp/s" {
		t.Fatalf("fallback buttons = %v", got)
	}
	out = h.Send("my arm feels weak and the twitching is spreading")
	featuretest.MustContain(t, out, "This is worth seeing a doctor about", "neurologist or a sleep specialist", "muscle weakness")
	if !strings.HasPrefix(featuretest.Text(out), "This is worth seeing a doctor about") {
		t.Error("the doctor advice does not come first")
	}
	if !out[0].Personal {
		t.Error("a reply repeating the user's symptoms is not marked personal")
	}
	last := strings.TrimSpace(featuretest.Text(out))
	if i := strings.LastIndex(last, "\n"); !strings.Contains(strings.ToLower(last[i:]), "not medical advice") {
		t.Errorf("red-flag reply does not end with a not-medical-advice line:\n%s", last)
	}
	out = h.Send("I have sudden weakness in my left arm and chest pain")
	featuretest.MustContain(t, out, "seek urgent medical care now", "chest pain")
	if len(featuretest.Payloads(out)) != 0 || strings.Contains(featuretest.Text(out), "·") {
		t.Error("an urgent reply carries more than the urgent advice")
	}
	featuretest.MustContain(t, h.Send("/ask"), "Type your question after /ask")
}

func TestTopicsAndTips(t *testing.T) {
	h := featuretest.New(t)
	out := h.Send("/topics")
	if len(featuretest.Payloads(out)) != 5 {
		t.Fatalf("sections = %v", featuretest.Payloads(out))
	}
	out = h.Press("tp/s/doctor")
	featuretest.MustContain(t, out, "Seeing a doctor")
	if !strings.Contains(strings.Join(featuretest.Payloads(out), " "), "tp/t/sarah") {
		t.Fatalf("doctor section lacks Sarah's story: %v", featuretest.Payloads(out))
	}
	featuretest.MustContain(t, h.Press("tp/t/sarah"), "42", "ferritin", "six weeks")
	featuretest.MustContain(t, h.Press("tp/t/nope"), "doesn't work any more")
	featuretest.MustContain(t, h.Press("tp/s/nope"), "doesn't work any more")
	featuretest.MustContain(t, h.Send("/tips"), "2–2.5 litres", "2 p.m.", "18 °C", "Do:", "Don't:")
}

// TestWarningsThroughTheRouter: the warning signs reach the right
// tier through the bot, end with the not-medical-advice line and carry no
// reassuring topic; statements about one's own night get no doctor
// lead-in; answers name the part of the article they come from.
func TestWarningsThroughTheRouter(t *testing.T) {
	h := featuretest.New(t)
	for _, msg := range []string{
		"i keep falling over and my walking is unsteady, legs twitch at night",
		"my legs are numb and i lost control of my bladder",
		"the numbness is climbing up both legs since yesterday",
		"trouble swallowing and the twitching is spreading",
		"my calf is hot swollen and painful",
	} {
		out := h.Send(msg)
		text := featuretest.Text(out)
		if !strings.Contains(strings.ToLower(text), "urgent") || !strings.Contains(strings.ToLower(text), "emergency") {
			t.Errorf("%q: not escalated to urgent care:\n%s", msg, text)
		}
		for _, reassuring := range []string{"usually harmless", "don't have to change everything", "·"} {
			if strings.Contains(text, reassuring) {
				t.Errorf("%q: a warning came with %q", msg, reassuring)
			}
		}
		last := strings.TrimSpace(text)
		if i := strings.LastIndex(last, "\n"); !strings.Contains(strings.ToLower(last[i+1:]), "not medical advice") {
			t.Errorf("%q: does not end with the not-medical-advice line:\n%s", msg, last)
		}
	}
	out := h.Send("it woke me up again last night")
	if strings.Contains(featuretest.Text(out), "worth seeing a doctor") {
		t.Errorf("a statement about one's own night got the doctor lead-in: %s", featuretest.Text(out))
	}
	featuretest.MustContain(t, h.Send("how common are hypnic jerks"), "70", "From the article")
}

// TestRefusalNamesTheRightPerson: a question outside the article about a
// medicine, pregnancy safety or a pet is refused, and the refusal says who
// can answer it.
func TestRefusalNamesTheRightPerson(t *testing.T) {
	lib := content.Default()
	for q, who := range map[string]string{
		"can I take magnesium with my blood pressure pills?":  "pharmacist",
		"can metformin cause leg cramps?":                     "pharmacist",
		"is it safe for the baby?":                            "midwife",
		"will my night cramps affect the baby?":               "midwife",
		"my labrador's legs twitch when he sleeps, is he ok?": "vet",
	} {
		r, answered := library.ComposeAnswer(lib, q)
		if answered || !strings.Contains(r.Text, who) {
			t.Errorf("%q: answered=%v, want a refusal naming %s:\n%s", q, answered, who, r.Text)
		}
	}
}
