// Package checklist is /checklist: seven yes/no questions on whether to
// see a doctor, one at a time with Back and Stop, resumable after a
// restart, and the history of saved results.
package checklist

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// Store is what the checklist keeps: its progress and finished results.
type Store interface {
	bot.ConversationStore
	SaveChecklistResult(ctx context.Context, r bot.ChecklistResult) error
	ChecklistResults(ctx context.Context, userID string, limit int) ([]bot.ChecklistResult, error)
}

// Options configure the checklist.
type Options struct {
	Store   Store
	Content *content.Library // nil means the embedded one
	Now     func() time.Time // nil means time.Now
	// Hint, when set, adds a line to the first question, such as what the
	// user's journal says about the last week, written in u's language
	// (u.LanguageOrDefault()); "" adds nothing.
	Hint func(ctx context.Context, u *bot.User) string
}

// Checklist is the doctor checklist.
type Checklist struct {
	store   Store
	content *content.Library
	now     func() time.Time
	hint    func(ctx context.Context, u *bot.User) string
	router  *bot.Router
}

// New returns the checklist.
func New(o Options) *Checklist {
	c := &Checklist{store: o.Store, content: o.Content, now: o.Now, hint: o.Hint}
	if c.content == nil {
		c.content = content.Default()
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c
}

// Register adds /checklist, its buttons and its flow to r.
func (c *Checklist) Register(r *bot.Router) {
	c.router = r
	// The checklist runs in the private chat only: its questions, the
	// journal's hint and the result are the user's own.
	private := []bot.Middleware{bot.PrivateOnly}
	r.Command(bot.Command{Name: "checklist", Description: "Should I see a doctor? Seven yes/no questions", Args: "[history]", Handler: c.checklist, Use: private})
	r.Button(checklistPrefix+"/restart", c.restartButton, private...)
	r.Button(checklistPrefix+"/{action}", c.actionButton, private...)
	r.Button(checklistPrefix+"/{step}/{answer}", c.answerButton, private...)
	r.Flow(checklistFlow, c.checklistText)
}

// The checklist conversation: seven yes/no questions, one at a time, with
// Back and Stop. Its progress (the answers so far, as "y"/"n" letters) is
// kept in the store, so it survives restarts and can be resumed.
const (
	checklistFlow   = "checklist"
	checklistPrefix = "ck"
	answersKey      = "answers"
	runKey          = "run"
	// historyLimit is how many past results /checklist history shows.
	historyLimit = 10
)

// checklist starts, resumes or reviews the checklist.
func (c *Checklist) checklist(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	switch strings.ToLower(strings.TrimSpace(req.Args)) {
	case "":
	case "history", "results", "past":
		return c.checklistHistory(ctx, req.User)
	case "restart", "again", "new", "start":
		return c.startChecklist(ctx, req.User)
	default:
		return bot.Reply(c.say(req.User, "CkUsage", nil)), nil
	}
	conv, in, err := bot.ConversationIn(ctx, c.store, req.User.ID, checklistFlow)
	if err != nil {
		return nil, err
	}
	if in && len(conv.Data[answersKey]) > 0 {
		n := len(conv.Data[answersKey])
		u := req.User
		return []bot.Response{{
			Text: c.say(u, "CkPartway", map[string]string{
				"Answered": strconv.Itoa(n), "Total": strconv.Itoa(len(c.content.Checklist.Questions)), "Next": strconv.Itoa(n + 1),
			}),
			Buttons: [][]bot.Button{{
				{Label: c.say(u, "CkContinue", nil), Payload: checklistPrefix + "/resume"},
				{Label: c.say(u, "CkStartOver", nil), Payload: checklistPrefix + "/restart"},
			}},
		}}, nil
	}
	return c.startChecklist(ctx, req.User)
}

// list is the checklist in the user's language.
func (c *Checklist) list(u *bot.User) content.Checklist {
	if p, ok := c.content.Pack(u.LanguageOrDefault()); ok {
		return p.Checklist
	}
	return c.content.Checklist
}

// say is a message of the catalog in the user's language.
func (c *Checklist) say(u *bot.User, id string, data map[string]string) string {
	return c.content.Text(u.LanguageOrDefault(), id, data)
}

// topicTitle is a topic's title in the user's language.
func (c *Checklist) topicTitle(u *bot.User, id string) string {
	if p, ok := c.content.Pack(u.LanguageOrDefault()); ok {
		if t, ok := p.Topic(id); ok {
			return t.Title
		}
	}
	if t, ok := c.content.Topic(id); ok {
		return t.Title
	}
	return id
}

// startChecklist begins a fresh checklist with the first question.
func (c *Checklist) startChecklist(ctx context.Context, u *bot.User) ([]bot.Response, error) {
	run := newRun()
	if err := c.saveProgress(ctx, u.ID, "", run); err != nil {
		return nil, err
	}
	cl := c.list(u)
	lead := "**" + cl.Title + "**\n" + cl.Intro
	if !u.Consented() {
		lead += "\n\n" + c.say(u, "CkNoConsent", nil)
	}
	return c.question(ctx, u, "", run, lead+"\n\n"), nil
}

// question shows the next unanswered question with its buttons.
func (c *Checklist) question(ctx context.Context, u *bot.User, answers, run, lead string) []bot.Response {
	qs := c.list(u).Questions
	i := len(answers)
	n := strconv.Itoa(i + 1)
	tag := ""
	if run != "" { // the run's tag makes this keyboard inert in any other run
		tag = "." + run
	}
	text := lead + c.say(u, "CkQuestion", map[string]string{"N": strconv.Itoa(i + 1), "Total": strconv.Itoa(len(qs))}) + "\n" + qs[i].Text
	if i == 0 && c.hint != nil {
		if hint := c.hint(ctx, u); hint != "" {
			text += "\n\n" + hint
		}
	}
	nav := []bot.Button{{Label: c.say(u, "CkStop", nil), Payload: checklistPrefix + "/stop" + tag}}
	if i > 0 {
		nav = append([]bot.Button{{Label: c.say(u, "CkBack", nil), Payload: checklistPrefix + "/back" + tag}}, nav...)
	}
	return []bot.Response{{
		Text: text,
		Buttons: [][]bot.Button{
			{{Label: c.say(u, "CkYes", nil), Payload: checklistPrefix + "/" + n + tag + "/yes"}, {Label: c.say(u, "CkNo", nil), Payload: checklistPrefix + "/" + n + tag + "/no"}},
			nav,
		},
	}}
}

// restartButton starts the checklist afresh ("ck/restart").
func (c *Checklist) restartButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return c.startChecklist(ctx, req.User)
}

// actionButton handles "ck/resume", "ck/back.<run>" and "ck/stop.<run>".
func (c *Checklist) actionButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	a, run, _ := strings.Cut(req.Param("action"), ".")
	switch a {
	case "resume", "back", "stop":
		return c.checklistStep(ctx, req.User, a, 0, run)
	}
	return bot.Stale(), nil
}

// answerButton handles "ck/<n>.<run>/yes|no", the answer to question n of
// one run of the checklist (keyboards sent before runs were tagged carry
// no run).
func (c *Checklist) answerButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	a := req.Param("answer")
	step, run, _ := strings.Cut(req.Param("step"), ".")
	n, err := strconv.Atoi(step)
	if err != nil || n < 1 || (a != "yes" && a != "no") {
		return bot.Stale(), nil
	}
	return c.checklistStep(ctx, req.User, a, n, run)
}

// checklistAnswerWords is the longest reply read as a yes or a no to a
// checklist question: longer than a confirmation's, as people explain.
const checklistAnswerWords = 12

// checklistStep applies one action ("yes", "no", "back", "stop",
// "resume") to the running checklist. For yes and no, n is the number of
// the question the button belongs to (0 for typed answers, which always
// answer the current question). run is the run a button belongs to; ""
// for typed answers and untagged buttons.
func (c *Checklist) checklistStep(ctx context.Context, u *bot.User, action string, n int, run string) ([]bot.Response, error) {
	conv, in, err := bot.ConversationIn(ctx, c.store, u.ID, checklistFlow)
	if err != nil {
		return nil, err
	}
	if !in {
		return []bot.Response{{
			Text:    c.say(u, "CkEnded", nil),
			Buttons: [][]bot.Button{{{Label: c.say(u, "CkStartButton", nil), Payload: checklistPrefix + "/restart"}}},
		}}, nil
	}
	answers, current := conv.Data[answersKey], conv.Data[runKey]
	if run != "" && run != current {
		return c.question(ctx, u, validAnswers(answers, len(c.content.Checklist.Questions)), current, c.say(u, "CkEarlier", nil)+"\n\n"), nil
	}
	total := len(c.content.Checklist.Questions)
	if len(answers) >= total || strings.Trim(answers, "yn") != "" {
		answers = "" // damaged state: start again rather than fail
	}
	switch action {
	case "stop":
		if err := c.store.EndConversation(ctx, u.ID); err != nil {
			return nil, fmt.Errorf("stop checklist: %w", err)
		}
		return bot.Reply(c.say(u, "CkStopped", nil)), nil
	case "resume":
		return c.question(ctx, u, answers, current, ""), nil
	case "back":
		if answers == "" {
			return c.question(ctx, u, answers, current, c.say(u, "CkFirst", nil)+"\n\n"), nil
		}
		prev := "CkBackWasNo"
		if answers[len(answers)-1] == 'y' {
			prev = "CkBackWasYes"
		}
		answers = answers[:len(answers)-1]
		if err := c.saveProgress(ctx, u.ID, answers, current); err != nil {
			return nil, err
		}
		return c.question(ctx, u, answers, current, c.say(u, prev, nil)+"\n\n"), nil
	}
	if n != 0 && n != len(answers)+1 {
		return c.question(ctx, u, answers, current, c.say(u, "CkOtherQuestion", nil)+"\n\n"), nil
	}
	answers += action[:1]
	if len(answers) < total {
		if err := c.saveProgress(ctx, u.ID, answers, current); err != nil {
			return nil, err
		}
		return c.question(ctx, u, answers, current, ""), nil
	}
	return c.finishChecklist(ctx, u, answers)
}

// finishChecklist shows the result, saves it for consenting users and
// ends the conversation.
func (c *Checklist) finishChecklist(ctx context.Context, u *bot.User, answers string) ([]bot.Response, error) {
	cl := c.list(u)
	yes := make([]bool, len(answers))
	byID := map[string]bool{}
	for i, a := range answers {
		yes[i] = a == 'y'
		byID[cl.Questions[i].ID] = yes[i]
	}
	o := cl.Evaluate(yes)
	note := ""
	if u.Consented() {
		err := c.store.SaveChecklistResult(ctx, bot.ChecklistResult{
			UserID: u.ID, TakenAt: c.now().UTC(), Yes: o.Yes, Total: o.Total, Answers: byID, SeeDoctor: o.SeeDoctor,
		})
		if err != nil {
			return nil, fmt.Errorf("save checklist result: %w", err)
		}
		note = c.say(u, "CkSaved", nil)
	}
	text := cl.Result(o, note)
	if err := c.store.EndConversation(ctx, u.ID); err != nil {
		return nil, fmt.Errorf("end checklist: %w", err)
	}
	next := []bot.Button{{Label: c.topicTitle(u, "see-a-doctor"), Payload: bot.TopicPayload("see-a-doctor")}}
	if !o.SeeDoctor {
		next = []bot.Button{{Label: c.topicTitle(u, "steps-overview"), Payload: bot.TopicPayload("steps-overview")}}
	}
	return []bot.Response{{Text: text, Buttons: [][]bot.Button{next}, Personal: true}}, nil
}

// checklistHistory lists the user's saved results, in the user's language.
func (c *Checklist) checklistHistory(ctx context.Context, u *bot.User) ([]bot.Response, error) {
	results, err := c.store.ChecklistResults(ctx, u.ID, historyLimit)
	if err != nil {
		return nil, fmt.Errorf("checklist history: %w", err)
	}
	if len(results) == 0 {
		msg := c.say(u, "CkHistoryNone", nil)
		if !u.Consented() {
			msg = c.say(u, "CkHistoryNoConsent", nil)
		}
		return bot.Personal(msg), nil
	}
	var sb strings.Builder
	sb.WriteString(c.say(u, "CkHistoryHeading", nil) + "\n")
	layout := c.say(u, "DateFormat", nil)
	for _, r := range results {
		verdict := "CkVerdictSelfCare"
		if r.SeeDoctor {
			verdict = "CkVerdictDoctor"
		}
		sb.WriteString(c.say(u, "CkHistoryLine", map[string]string{
			"Date": r.TakenAt.In(u.Location()).Format(layout), "Yes": strconv.Itoa(r.Yes), "Total": strconv.Itoa(r.Total), "Verdict": c.say(u, verdict, nil),
		}) + "\n")
	}
	sb.WriteString("\n" + c.list(u).Disclaimer)
	return bot.Personal(sb.String()), nil
}

// saveProgress stores the checklist's progress and the tag of its run.
func (c *Checklist) saveProgress(ctx context.Context, userID, answers, run string) error {
	data := map[string]string{answersKey: answers}
	if run != "" {
		data[runKey] = run
	}
	err := c.store.SaveConversation(ctx, bot.Conversation{UserID: userID, Flow: checklistFlow, Step: len(answers), Data: data})
	if err != nil {
		return fmt.Errorf("save checklist progress: %w", err)
	}
	return nil
}

// checklistText reads typed answers during the checklist. A real question
// typed meanwhile is answered, and the checklist waits.
func (c *Checklist) checklistText(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
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
	case "no idea", "not sure", "dunno", "idk", "no clue", "unsure", "maybe", "i don't know", "i dont know", "don't know", "dont know", "i'm not sure", "im not sure":
		// Unsure is no answer: the question is asked again below.
	default:
		for _, kind := range []string{content.WordYes, content.WordNo, content.WordBack, content.WordStop} {
			if c.content.Says(word, kind) { // "sí", "нет", "zurück"
				action = kind
			}
		}
		if action != "" {
			break
		}
		// "yeah most nights honestly", "yes my wife says I kick", "nah
		// not really": a reply led by a yes or a no (not a question)
		// answers the question on screen.
		a := bot.TypedAnswer(word)
		if a == bot.AnswerOther && !strings.Contains(word, "?") {
			a = bot.LedAnswer(word, checklistAnswerWords)
		}
		switch a {
		case bot.AnswerYes:
			action = "yes"
		case bot.AnswerNo:
			action = "no"
		}
	}
	if action != "" {
		out, err := c.checklistStep(ctx, req.User, action, 0, "")
		return out, true, err
	}
	answers := conv.Data[answersKey]
	if bot.LooksLikeAnswer(req.Text) || len(answers) >= len(c.content.Checklist.Questions) {
		return c.question(ctx, req.User, validAnswers(answers, len(c.content.Checklist.Questions)), conv.Data[runKey], c.say(req.User, "CkPlease", nil)+"\n\n"), true, nil
	}
	out, err := c.router.Fallback(ctx, req)
	if err != nil {
		return nil, true, err
	}
	out = append(out, bot.Response{Text: c.say(req.User, "CkWaiting", map[string]string{"N": strconv.Itoa(len(answers) + 1)})})
	return out, true, nil
}

// validAnswers is the stored answers, or none when they are damaged.
func validAnswers(answers string, total int) string {
	if len(answers) >= total || strings.Trim(answers, "yn") != "" {
		return ""
	}
	return answers
}

// newRun is a short random tag for one run of the checklist: its buttons
// carry it, so a keyboard from an earlier run cannot answer this one.
func newRun() string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	var b [4]byte
	_, _ = rand.Read(b[:])
	out := make([]byte, 4)
	for i, x := range b {
		out[i] = digits[int(x)%len(digits)]
	}
	return string(out)
}
