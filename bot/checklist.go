package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// The checklist conversation: seven yes/no questions, one at a time, with
// Back and Stop. Its progress (the answers so far, as "y"/"n" letters) is
// kept in the store, so it survives restarts and can be resumed.
const (
	checklistFlow   = "checklist"
	checklistPrefix = "ck"
	answersKey      = "answers"
	// historyLimit is how many past results /checklist history shows.
	historyLimit = 10
)

// checklist starts, resumes or reviews the checklist.
func (b *Bot) checklist(ctx context.Context, req *Request) ([]Response, error) {
	switch strings.ToLower(strings.TrimSpace(req.Args)) {
	case "":
	case "history", "results", "past":
		return b.checklistHistory(ctx, req.User)
	case "restart", "again", "new", "start":
		return b.startChecklist(ctx, req.User)
	default:
		return Reply("Send /checklist to go through the questions, or /checklist history to see your past results."), nil
	}
	conv, in, err := b.conversation(ctx, req.User.ID, checklistFlow)
	if err != nil {
		return nil, err
	}
	if in && len(conv.Data[answersKey]) > 0 {
		n := len(conv.Data[answersKey]) + 1
		return []Response{{
			Text: fmt.Sprintf("You're partway through the checklist: %d of %d answered. Carry on from question %d, or start over?", n-1, len(b.content.Checklist.Questions), n),
			Buttons: [][]Button{{
				{Label: "Continue", Payload: checklistPrefix + "/resume"},
				{Label: "Start over", Payload: checklistPrefix + "/restart"},
			}},
		}}, nil
	}
	return b.startChecklist(ctx, req.User)
}

// startChecklist begins a fresh checklist with the first question.
func (b *Bot) startChecklist(ctx context.Context, u *User) ([]Response, error) {
	if err := b.saveAnswers(ctx, u.ID, ""); err != nil {
		return nil, err
	}
	cl := b.content.Checklist
	lead := "**" + cl.Title + "**\n" + cl.Intro
	if !u.Consented() {
		lead += "\n\nYou haven't allowed me to keep health notes, so your answers stay only until the checklist ends, and the result isn't saved. (You can change that in /privacy.)"
	}
	return b.question(ctx, u, "", lead+"\n\n"), nil
}

// question shows the next unanswered question with its buttons.
func (b *Bot) question(ctx context.Context, u *User, answers, lead string) []Response {
	qs := b.content.Checklist.Questions
	i := len(answers)
	n := strconv.Itoa(i + 1)
	text := lead + fmt.Sprintf("**Question %d of %d**\n%s", i+1, len(qs), qs[i].Text)
	if i == 0 {
		if hint := b.checklistHint(ctx, u); hint != "" {
			text += "\n\n" + hint
		}
	}
	nav := []Button{{Label: "Stop", Payload: checklistPrefix + "/stop"}}
	if i > 0 {
		nav = append([]Button{{Label: "« Back", Payload: checklistPrefix + "/back"}}, nav...)
	}
	return []Response{{
		Text: text,
		Buttons: [][]Button{
			{{Label: "Yes", Payload: checklistPrefix + "/" + n + "/yes"}, {Label: "No", Payload: checklistPrefix + "/" + n + "/no"}},
			nav,
		},
	}}
}

// checklistHint is what the user's journal says about the last 7 nights,
// shown with the first question ("more than three nights a week").
func (b *Bot) checklistHint(ctx context.Context, u *User) string { return b.journalWeek(ctx, u) }

// checklistButton handles "ck/<n>/yes|no", "ck/back", "ck/stop",
// "ck/resume" and "ck/restart".
func (b *Bot) checklistButton(ctx context.Context, req *Request) ([]Response, error) {
	parts := strings.Split(req.Payload, "/")
	switch {
	case len(parts) == 2 && parts[1] == "restart":
		return b.startChecklist(ctx, req.User)
	case len(parts) == 2 && (parts[1] == "resume" || parts[1] == "back" || parts[1] == "stop"):
		return b.checklistStep(ctx, req.User, parts[1], 0)
	case len(parts) == 3 && (parts[2] == "yes" || parts[2] == "no"):
		n, err := strconv.Atoi(parts[1])
		if err != nil || n < 1 {
			return Reply(msgStale), nil
		}
		return b.checklistStep(ctx, req.User, parts[2], n)
	}
	return Reply(msgStale), nil
}

// checklistStep applies one action ("yes", "no", "back", "stop",
// "resume") to the running checklist. For yes and no, n is the number of
// the question the button belongs to (0 for typed answers, which always
// answer the current question).
func (b *Bot) checklistStep(ctx context.Context, u *User, action string, n int) ([]Response, error) {
	conv, in, err := b.conversation(ctx, u.ID, checklistFlow)
	if err != nil {
		return nil, err
	}
	if !in {
		return []Response{{
			Text:    "That checklist has already ended. Would you like to go through it again?",
			Buttons: [][]Button{{{Label: "Start the checklist", Payload: checklistPrefix + "/restart"}}},
		}}, nil
	}
	answers := conv.Data[answersKey]
	total := len(b.content.Checklist.Questions)
	if len(answers) >= total || strings.Trim(answers, "yn") != "" {
		answers = "" // damaged state: start again rather than fail
	}
	switch action {
	case "stop":
		if err := b.store.EndConversation(ctx, u.ID); err != nil {
			return nil, fmt.Errorf("stop checklist: %w", err)
		}
		return Reply("Checklist stopped, and your answers are cleared. Send /checklist whenever you'd like to go through it."), nil
	case "resume":
		return b.question(ctx, u, answers, ""), nil
	case "back":
		if answers == "" {
			return b.question(ctx, u, answers, "This is the first question.\n\n"), nil
		}
		prev := "No"
		if answers[len(answers)-1] == 'y' {
			prev = "Yes"
		}
		answers = answers[:len(answers)-1]
		if err := b.saveAnswers(ctx, u.ID, answers); err != nil {
			return nil, err
		}
		return b.question(ctx, u, answers, fmt.Sprintf("Going back. You had answered %s here.\n\n", prev)), nil
	}
	if n != 0 && n != len(answers)+1 {
		return b.question(ctx, u, answers, "That button belongs to another question. Here is where you are:\n\n"), nil
	}
	answers += action[:1]
	if len(answers) < total {
		if err := b.saveAnswers(ctx, u.ID, answers); err != nil {
			return nil, err
		}
		return b.question(ctx, u, answers, ""), nil
	}
	return b.finishChecklist(ctx, u, answers)
}

// finishChecklist shows the result, saves it for consenting users and
// ends the conversation.
func (b *Bot) finishChecklist(ctx context.Context, u *User, answers string) ([]Response, error) {
	cl := b.content.Checklist
	yes := make([]bool, len(answers))
	byID := map[string]bool{}
	for i, a := range answers {
		yes[i] = a == 'y'
		byID[cl.Questions[i].ID] = yes[i]
	}
	o := cl.Evaluate(yes)
	note := ""
	if u.Consented() {
		err := b.store.SaveChecklistResult(ctx, ChecklistResult{
			UserID: u.ID, TakenAt: b.now().UTC(), Yes: o.Yes, Total: o.Total, Answers: byID, SeeDoctor: o.SeeDoctor,
		})
		if err != nil {
			return nil, fmt.Errorf("save checklist result: %w", err)
		}
		note = "I've saved this result; /checklist history shows your past ones."
	}
	text := cl.Result(o, note)
	if err := b.store.EndConversation(ctx, u.ID); err != nil {
		return nil, fmt.Errorf("end checklist: %w", err)
	}
	next := []Button{{Label: "When to see a doctor", Payload: topicsPrefix + "/t/see-a-doctor"}}
	if !o.SeeDoctor {
		next = []Button{{Label: "The six self-care steps", Payload: topicsPrefix + "/t/steps-overview"}}
	}
	return []Response{{Text: text, Buttons: [][]Button{next}, Personal: true}}, nil
}

// checklistHistory lists the user's saved results.
func (b *Bot) checklistHistory(ctx context.Context, u *User) ([]Response, error) {
	results, err := b.store.ChecklistResults(ctx, u.ID, historyLimit)
	if err != nil {
		return nil, fmt.Errorf("checklist history: %w", err)
	}
	if len(results) == 0 {
		msg := "You have no saved checklist results yet. Send /checklist to go through it."
		if !u.Consented() {
			msg = "I don't keep checklist results without your permission to store health notes (see /privacy), so there is nothing to show."
		}
		return personal(msg), nil
	}
	var sb strings.Builder
	sb.WriteString("**Your checklist results**, newest first:\n")
	for _, r := range results {
		verdict := "self-care first"
		if r.SeeDoctor {
			verdict = "worth seeing a neurologist or sleep specialist"
		}
		fmt.Fprintf(&sb, "- %s: %d of %d yes, %s\n", r.TakenAt.In(u.Location()).Format("2 Jan 2006"), r.Yes, r.Total, verdict)
	}
	sb.WriteString("\n" + b.content.Checklist.Disclaimer)
	return personal(sb.String()), nil
}

// saveAnswers stores the checklist's progress.
func (b *Bot) saveAnswers(ctx context.Context, userID, answers string) error {
	err := b.store.SaveConversation(ctx, Conversation{UserID: userID, Flow: checklistFlow, Step: len(answers), Data: map[string]string{answersKey: answers}})
	if err != nil {
		return fmt.Errorf("save checklist progress: %w", err)
	}
	return nil
}

// checklistText reads typed answers during the checklist. A real question
// typed meanwhile is answered, and the checklist waits.
func (b *Bot) checklistText(ctx context.Context, req *Request, conv Conversation) ([]Response, bool, error) {
	word := strings.ToLower(strings.Trim(strings.TrimSpace(req.Text), ".!"))
	action := ""
	switch word {
	case "yes", "y", "yeah", "yep", "yup", "sure", "i do", "it has", "they have", "correct", "true":
		action = "yes"
	case "no", "n", "nope", "nah", "not really", "i don't", "i dont", "it hasn't", "never", "false":
		action = "no"
	case "back", "go back", "previous", "undo":
		action = "back"
	case "stop", "cancel", "quit", "end", "exit":
		action = "stop"
	}
	if action != "" {
		out, err := b.checklistStep(ctx, req.User, action, 0)
		return out, true, err
	}
	answers := conv.Data[answersKey]
	if looksLikeAnswer(req.Text) || len(answers) >= len(b.content.Checklist.Questions) {
		return b.question(ctx, req.User, answers, "Please answer with yes or no, or tap a button. (Type stop to end the checklist.)\n\n"), true, nil
	}
	out, err := b.answerText(ctx, req)
	if err != nil {
		return nil, true, err
	}
	out = append(out, Response{Text: fmt.Sprintf("_Your checklist is waiting at question %d: send /checklist to carry on._", len(answers)+1)})
	return out, true, nil
}
