package library_test

import (
	"strings"
	"testing"
)

func TestAskAnswersWithTitleAndRelated(t *testing.T) {
	h := newHarness(t)
	out := h.Send("/ask can dehydration make my legs twitch?")
	mustContain(t, out, "Dehydration", "Common causes", "electrolytes")
	if got := payloads(out); len(got) == 0 || len(got) > 3 || !strings.HasPrefix(got[0], "tp/t/") {
		t.Fatalf("related buttons = %v", got)
	}
	// Pressing a related topic shows it.
	mustContain(t, h.Press(payloads(out)[0]), "·")
}

func TestFreeTextIsAQuestionInPrivateOnly(t *testing.T) {
	h := newHarness(t)
	mustContain(t, h.Send("why do my legs jump just as I fall asleep?"), "hypnic jerk")
	req := h.Request()
	req.Private, req.Text = false, "why do my legs jump just as I fall asleep?"
	if out := h.Bot.Handle(ctx, req); len(out) != 0 {
		t.Fatalf("free text in a group got a reply: %v", text(out))
	}
	mustContain(t, h.Send("hello"), "Ask me anything", "/help")
	mustContain(t, h.Send("thanks!"), "You're welcome")
}

func TestAskFallbackRedFlagsAndUrgent(t *testing.T) {
	h := newHarness(t)
	out := h.Send("/ask what is the capital of France?")
	mustContain(t, out, "I can't answer that one", "rather say so than guess")
	if got := payloads(out); len(got) != 1 || got[0] != "tp/s" {
		t.Fatalf("fallback buttons = %v", got)
	}
	out = h.Send("my arm feels weak and the twitching is spreading")
	mustContain(t, out, "This is worth seeing a doctor about", "neurologist or a sleep specialist", "muscle weakness")
	if !strings.HasPrefix(text(out), "This is worth seeing a doctor about") {
		t.Error("the doctor advice does not come first")
	}
	if !out[0].Personal {
		t.Error("a reply repeating the user's symptoms is not marked personal")
	}
	last := strings.TrimSpace(text(out))
	if i := strings.LastIndex(last, "\n"); !strings.Contains(strings.ToLower(last[i:]), "not medical advice") {
		t.Errorf("red-flag reply does not end with a not-medical-advice line:\n%s", last)
	}
	out = h.Send("I have sudden weakness in my left arm and chest pain")
	mustContain(t, out, "seek urgent medical care now", "chest pain")
	if len(payloads(out)) != 0 || strings.Contains(text(out), "·") {
		t.Error("an urgent reply carries more than the urgent advice")
	}
	mustContain(t, h.Send("/ask"), "Type your question after /ask")
}

func TestTopicsAndTips(t *testing.T) {
	h := newHarness(t)
	out := h.Send("/topics")
	if len(payloads(out)) != 5 {
		t.Fatalf("sections = %v", payloads(out))
	}
	out = h.Press("tp/s/doctor")
	mustContain(t, out, "Seeing a doctor")
	if !strings.Contains(strings.Join(payloads(out), " "), "tp/t/sarah") {
		t.Fatalf("doctor section lacks Sarah's story: %v", payloads(out))
	}
	mustContain(t, h.Press("tp/t/sarah"), "42", "ferritin", "six weeks")
	mustContain(t, h.Press("tp/t/nope"), "doesn't work any more")
	mustContain(t, h.Press("tp/s/nope"), "doesn't work any more")
	mustContain(t, h.Send("/tips"), "2–2.5 litres", "2 p.m.", "18 °C", "Do:", "Don't:")
}
