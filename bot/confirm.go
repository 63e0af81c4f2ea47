package bot

import (
	"strings"
	"time"
)

// Answer is a typed reply to a yes/no question.
type Answer int

// The answers TypedAnswer tells apart.
const (
	AnswerOther Answer = iota // not an answer: a new message
	AnswerYes
	AnswerNo
)

// typedYes and typedNo are the everyday ways to answer a confirmation,
// lowercased, without trailing punctuation. "ok" alone is a yes only to a
// question: every caller asks one before reading it.
var (
	typedYes = set("yes", "y", "yeah", "yea", "yep", "yup", "ya", "sure", "ok", "okay", "k", "go ahead", "do it", "yes please",
		"please do", "confirm", "confirmed", "save", "save it", "yes save", "yes delete", "delete", "delete it", "yes delete it",
		"yes delete everything", "delete everything", "correct", "right", "that's right", "thats right", "absolutely", "of course", "sure thing",
		"alright", "fine", "yes do it", "go for it")
	typedNo = set("no", "n", "nope", "nah", "no thanks", "no thank you", "cancel", "stop", "don't", "dont", "do not", "keep",
		"keep it", "never mind", "nevermind", "not now", "wrong", "no don't", "no dont", "leave it", "abort", "no way")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// TypedAnswer reads text typed in answer to a confirmation ("Save it?",
// "Delete everything?"): yes, no, or another message altogether. Only a
// short answer counts: "yes I had coffee at 5" is a new message.
func TypedAnswer(text string) Answer { return LedAnswer(text, maxAnswerWords) }

// LedAnswer is TypedAnswer for a reply of up to maxWords words: inside a
// flow that asks yes or no, "yes my wife says I kick all night long"
// answers it.
func LedAnswer(text string, maxWords int) Answer {
	t := strings.ToLower(strings.TrimSpace(text))
	t = strings.Trim(t, ".!? 👍🙏")
	t = strings.ReplaceAll(t, "’", "'")
	t = strings.Join(strings.Fields(strings.ReplaceAll(t, ",", " ")), " ")
	switch {
	case typedYes[t]:
		return AnswerYes
	case typedNo[t]:
		return AnswerNo
	}
	// "yes please delete everything", "nah leave it": a short reply led
	// by a yes or a no word.
	words := strings.Fields(t)
	if len(words) < 2 || len(words) > maxWords {
		return AnswerOther
	}
	if noLeads[words[0]] {
		return AnswerNo // "nah not really": a no, whatever follows
	}
	for _, w := range words[1:] {
		if negations[w] {
			return AnswerOther // "yes but not the journal": not a plain yes
		}
	}
	if yesLeads[words[0]] {
		return AnswerYes
	}
	return AnswerOther
}

// maxAnswerWords is the longest reply read as a yes or a no.
const maxAnswerWords = 5

// yesLeads, noLeads and negations read a short reply by its first word.
var (
	yesLeads  = set("yes", "yeah", "yea", "yep", "yup", "ya", "sure", "ok", "okay", "y", "absolutely", "definitely", "please")
	noLeads   = set("no", "nope", "nah", "n", "cancel", "stop")
	negations = set("not", "no", "don't", "dont", "never", "nothing", "but", "wait", "hold")
)

// QuestionTTL is how long a pending confirmation waits for its answer: a
// "yes" typed later answers nothing.
const QuestionTTL = 10 * time.Minute

// Expired reports whether a conversation's pending question is older
// than QuestionTTL.
func Expired(c Conversation, now time.Time) bool {
	return !c.UpdatedAt.IsZero() && now.Sub(c.UpdatedAt) > QuestionTTL
}

// ContextFlow names the conversation that only remembers what the chat
// was about (the last topic answered), so that a follow-up ("and what
// else helps?") continues it. It is no flow: no step answers to it, any
// command or flow replaces it, and Busy does not count it.
const ContextFlow = "context"

// Busy reports whether c is a running flow the user is in the middle of
// (not the remembered context).
func Busy(c Conversation) bool { return c.Flow != "" && c.Flow != ContextFlow }
