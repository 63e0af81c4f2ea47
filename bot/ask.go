package bot

import (
	"context"
	"strings"

	"github.com/calmnights/calmnights/content"
)

// Texts of the question answerer.
const (
	askPrompt = "What would you like to know? Type your question after /ask, for example:\n/ask can dehydration make my legs twitch?\n\nOr browse what I can explain:"
	// fallbackText is the honest answer when no topic fits: it never guesses.
	fallbackText = "I'm sorry, I can't answer that one. I only know about legs that twitch, jerk or feel restless at night, from one article that I've rewritten in plain words, and I'd rather say so than guess.\n\nYou could try asking in other words, or browse what I can explain. For any other health question, a doctor or pharmacist is the right person to ask."
)

// ask answers "/ask question".
func (b *Bot) ask(ctx context.Context, req *Request) ([]Response, error) {
	if strings.TrimSpace(req.Args) == "" {
		return []Response{{Text: askPrompt, Buttons: [][]Button{{browseButton}}}}, nil
	}
	r, _ := ComposeAnswer(b.content, req.Args)
	return []Response{r}, nil
}

// answerText answers free text outside any conversation. In group chats
// the bot only reacts to commands, so free text there gets no reply.
func (b *Bot) answerText(ctx context.Context, req *Request) ([]Response, error) {
	if !req.Private {
		return nil, nil
	}
	if reply, ok := smallTalk(req.Text); ok {
		return Reply(reply), nil
	}
	r, _ := ComposeAnswer(b.content, req.Text)
	return []Response{r}, nil
}

// ComposeAnswer writes the reply to a question: urgent symptoms first and
// alone; then, for warning signs, a clear "see a doctor"; then the best
// topic with its title and section, and up to three related topics as
// buttons. answered is false when the reply is the honest fallback.
func ComposeAnswer(lib *content.Library, question string) (r Response, answered bool) {
	a := lib.Ask(question)
	if len(a.Urgent) > 0 {
		return Response{Text: lib.UrgentMessage(a.Urgent) + "\n\n" + lib.UrgentDisclaimer(), Personal: true}, true
	}
	var parts []string
	if len(a.Flags) > 0 {
		parts = append(parts, lib.DoctorMessage(a.Flags))
		r.Personal = true // it repeats what the user said about their health
	}
	switch {
	case a.Topic != nil:
		parts = append(parts, topicText(lib, a.Topic))
		r.Buttons = relatedButtons(a.Related)
		answered = true
	case len(a.Flags) > 0:
		parts = append(parts, "The checklist can help you put it into words for the doctor.")
		r.Buttons = [][]Button{{{Label: "Take the checklist", Payload: checklistPrefix + "/restart"}}, {browseButton}}
		answered = true
	default:
		parts = append(parts, fallbackText)
		r.Buttons = [][]Button{{browseButton}}
	}
	if len(a.Flags) > 0 && (a.Topic == nil || !content.EndsWithDisclaimer(a.Topic.Body)) {
		parts = append(parts, lib.Disclaimer())
	}
	r.Text = strings.Join(parts, "\n\n")
	return r, answered
}

// topicText shows a topic with its title and the section it comes from.
func topicText(lib *content.Library, t *content.Topic) string {
	section := t.Section
	if s, ok := lib.Section(t.Section); ok {
		section = s.Title
	}
	return "**" + t.Title + "** · _" + section + "_\n\n" + t.Body
}

// relatedButtons offers related topics, one per row.
func relatedButtons(ts []*content.Topic) [][]Button {
	var rows [][]Button
	for _, t := range ts {
		rows = append(rows, []Button{{Label: t.Title, Payload: topicsPrefix + "/t/" + t.ID}})
	}
	return rows
}

// smallTalk answers greetings and thanks, which are not questions.
func smallTalk(text string) (string, bool) {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(text), ".!?,:) 🙂😊🙏"))
	switch t {
	case "hi", "hello", "hey", "hiya", "good morning", "good evening", "good afternoon", "good night", "hallo", "hola", "yo":
		return "Hello! Ask me anything about legs that twitch, jerk or feel restless at night, in your own words. Send /help to see everything I can do.", true
	case "thanks", "thank you", "thx", "ty", "thanks a lot", "thank you so much", "cheers", "great, thanks", "ok thanks":
		return "You're welcome. I hope your nights get calmer. I'm here whenever you have another question.", true
	}
	return "", false
}
