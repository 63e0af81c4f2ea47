// Package library answers questions from the rewritten article: /ask,
// free text outside any flow, /topics to browse it and /tips.
package library

import (
	"context"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// Library is the question answerer and the topic browser.
type Library struct {
	content *content.Library
	// understand, when set, answers /ask's question instead: it reads what
	// the message means first (the assistant).
	understand bot.RouteFunc
}

// Understand makes h answer /ask's question, so that /ask reads a message
// the way free text is read (a statement to log, a reminder request).
func (l *Library) Understand(h bot.RouteFunc) { l.understand = h }

// New returns the library on lib; nil means the embedded article.
func New(lib *content.Library) *Library {
	if lib == nil {
		lib = content.Default()
	}
	return &Library{content: lib}
}

// Register adds /ask, /tips, /topics, the topic buttons and the answer to
// free text outside any flow to r.
func (l *Library) Register(r *bot.Router) {
	r.Command(bot.Command{Name: "ask", Description: "Ask a question about twitchy or restless legs", Args: "<question>", Handler: l.ask})
	r.Command(bot.Command{Name: "tips", Description: "Six steps that help, with do's and don'ts", Handler: l.tips})
	r.Command(bot.Command{Name: "topics", Description: "Browse everything I can explain", Handler: l.topics})
	r.Button(topicsPrefix+"/s", l.topics)
	r.Button(topicsPrefix+"/s/{section}", l.sectionButton)
	r.Button(topicsPrefix+"/t/{topic}", l.topicButton)
	r.Text(l.answerText)
}

// Texts of the question answerer.
// askPrompt is /ask without a question.
const askPrompt = "What would you like to know? Type your question after /ask, for example:\n/ask can dehydration make my legs twitch?\n\nOr browse what I can explain:"

// ask answers "/ask question".
func (l *Library) ask(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if strings.TrimSpace(req.Args) == "" {
		return []bot.Response{{Text: askPrompt, Buttons: [][]bot.Button{{articleIn(l.content, "en").browse()}}}}, nil
	}
	if l.understand != nil {
		return l.understand(ctx, req)
	}
	r, _ := ComposeAnswer(l.content, req.Args)
	return []bot.Response{r}, nil
}

// answerText answers free text outside any conversation: in a private
// chat, or addressed to the bot in a group.
func (l *Library) answerText(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if req.Unaddressed {
		return nil, nil
	}
	if reply, ok := smallTalk(req.Text); ok {
		return bot.Reply(reply), nil
	}
	r, _ := ComposeAnswer(l.content, req.Text)
	return []bot.Response{r}, nil
}

// ComposeAnswer writes the reply to a question: urgent symptoms first and
// alone; then, for warning signs, a clear "see a doctor"; then the best
// topic with its title and section, and up to three related topics as
// buttons. answered is false when the reply is the honest fallback.
func ComposeAnswer(lib *content.Library, question string) (r bot.Response, answered bool) {
	return Compose(lib, lib.Ask(question))
}

// Compose is ComposeAnswer for a question the library was already asked
// (the assistant asks it once, to look for warning signs first). The
// answer's language (Lang) picks the article and the words around it.
func Compose(lib *content.Library, a content.Answer) (r bot.Response, answered bool) {
	art := articleIn(lib, a.Lang)
	switch a.Tier {
	case content.TierUrgent:
		// Urgent care now, and nothing else: no topic under it.
		if art.lang != "en" {
			return bot.Response{Text: lib.UrgentReplyIn(art.lang, ""), Personal: true}, true
		}
		return bot.Response{Text: lib.WarningReply(a), Personal: true}, true
	case content.TierSoon:
		// See a doctor soon, with the article's rule; only a topic that is
		// itself about warning signs may follow, never a reassuring one.
		r = bot.Response{Text: lib.WarningReply(a), Personal: true} // it repeats what the user said about their health
		if art.lang != "en" {
			r.Text = art.say("AskSoon") + "\n\n" + art.say("Disclaimer")
		}
		r.Buttons = [][]bot.Button{{art.checklistButton()}, {art.browse()}}
		return r, true
	}
	switch {
	case a.Topic != nil:
		parts := []string{art.topicText(a.Topic)}
		if a.Also != nil { // the question asks two things
			parts = append(parts, art.topicText(a.Also))
		}
		r.Text = strings.Join(parts, "\n\n")
		r.Buttons = relatedButtons(a.Related)
		if a.Topic.ID == checklistTopic {
			// "Should I see a doctor?": the seven questions, one tap away.
			r.Buttons = append([][]bot.Button{{art.checklistButton()}}, r.Buttons...)
		}
		return r, true
	case a.Statement && !a.Outside:
		r.Text = statementText
		r.Buttons = [][]bot.Button{{art.browse()}}
		return r, false
	}
	r.Text = art.say("AskFallback")
	switch {
	case a.Refer != "" && art.lang != "en":
		r.Text = art.lib.Text(art.lang, "AskRefer", map[string]string{"Who": art.say(a.Refer)})
	case a.Refer != "":
		r.Text = referText(a.Refer)
	}
	r.Buttons = [][]bot.Button{{art.browse()}}
	return r, false
}

// checklistTopic is the topic that is the article's checklist.
const checklistTopic = "see-a-doctor"

// referText is the honest refusal that names who can answer: a
// pharmacist for medicines, a midwife for pregnancy, a vet for a pet.
func referText(who string) string {
	return "I'm sorry, I can't answer that one: the article I know says nothing about it, and I'd rather say so than guess. The right person to ask is **" + who + "**.\n\nI can tell you about legs that twitch, jerk or feel restless at night; browse what I can explain below."
}

// statementText answers a message about the writer's own night that is not
// a question: no advice and no alarm, an offer to keep a record.
const statementText = "Thanks for telling me how it went. Send /log to keep a note of last night, so you can see patterns over time; or ask me a question about twitching legs if you have one."

// relatedButtons offers related topics, one per row.
func relatedButtons(ts []*content.Topic) [][]bot.Button {
	var rows [][]bot.Button
	for _, t := range ts {
		rows = append(rows, []bot.Button{{Label: t.Title, Payload: bot.TopicPayload(t.ID)}})
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
