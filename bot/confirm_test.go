package bot

import (
	"testing"
	"time"
)

func TestTypedAnswer(t *testing.T) {
	for text, want := range map[string]Answer{
		"yes": AnswerYes, "Yeah.": AnswerYes, "ok": AnswerYes, "go ahead": AnswerYes, "Sure!": AnswerYes,
		"yes please delete everything": AnswerYes, "yes, delete it": AnswerYes, "ok do it": AnswerYes,
		"no": AnswerNo, "Nope": AnswerNo, "cancel": AnswerNo, "stop": AnswerNo, "nah leave it": AnswerNo, "no thanks": AnswerNo,
		"yes but not the journal": AnswerOther, "yes I had coffee at 5pm and woke twice": AnswerOther,
		"does coffee make it worse?": AnswerOther, "": AnswerOther, "wait": AnswerOther,
	} {
		if got := TypedAnswer(text); got != want {
			t.Errorf("TypedAnswer(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestExpired(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	if Expired(Conversation{UpdatedAt: now.Add(-9 * time.Minute)}, now) || !Expired(Conversation{UpdatedAt: now.Add(-11 * time.Minute)}, now) {
		t.Error("a question expires after ten minutes, not before")
	}
	if Expired(Conversation{}, now) {
		t.Error("a conversation without a time never expires")
	}
}
