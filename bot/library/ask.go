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

// The library's own words are in content/locales/library (Lib...); the
// words around the article (TopicsIntro, ButtonBrowse...) are in the
// shared locales/<code>.yaml.

// ask answers "/ask question"; /ask alone asks what the user would like
// to know, in their language.
func (l *Library) ask(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if strings.TrimSpace(req.Args) == "" {
		a := articleIn(l.content, req.Language())
		return []bot.Response{{Text: a.say("LibAskPrompt"), Buttons: [][]bot.Button{{a.browse()}}}}, nil
	}
	if l.understand != nil {
		return l.understand(ctx, req)
	}
	return []bot.Response{l.answerIn(req, req.Args)}, nil
}

// answerIn answers a question in the language it is written in, when the
// bot speaks it, else in the user's (content.ReplyLanguage): English is
// ComposeAnswer's answer as ever.
func (l *Library) answerIn(req *bot.Request, question string) bot.Response {
	lang := l.content.ReplyLanguage(question, req.Language())
	if lang == "en" {
		r, _ := ComposeAnswer(l.content, question)
		return r
	}
	r, _ := Compose(l.content, l.content.AskIn(lang, question))
	return r
}

// answerText answers free text outside any conversation: in a private
// chat, or addressed to the bot in a group.
func (l *Library) answerText(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if req.Unaddressed {
		return nil, nil
	}
	if reply, ok := SmallTalk(l.content, req.Language(), req.Text); ok {
		return bot.Reply(reply), nil
	}
	return []bot.Response{l.answerIn(req, req.Text)}, nil
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
		r.Text = art.say("LibStatement")
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

// relatedButtons offers related topics, one per row.
func relatedButtons(ts []*content.Topic) [][]bot.Button {
	var rows [][]bot.Button
	for _, t := range ts {
		rows = append(rows, []bot.Button{{Label: t.Title, Payload: bot.TopicPayload(t.ID)}})
	}
	return rows
}

// SmallTalk answers a greeting or thanks, which are not questions, in
// lang: ok is false for any other text. It reads them in every language
// the bot speaks ("hola", "спасибо").
func SmallTalk(lib *content.Library, lang, text string) (reply string, ok bool) {
	id, ok := smallTalk(text)
	if !ok {
		return "", false
	}
	return articleIn(lib, lang).say(id), true
}

// smallTalk reads greetings and thanks: ok is true with the id of the
// answer (content/locales/library).
func smallTalk(text string) (id string, ok bool) {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(text), ".!?¡¿,:) 🙂😊🙏"))
	switch {
	case greetings[t]:
		return "LibHello", true
	case thanks[t]:
		return "LibThanks", true
	}
	return "", false
}

// greetings and thanks are what smallTalk answers, in every language the
// bot speaks.
var (
	greetings = set("hi", "hello", "hey", "hiya", "good morning", "good evening", "good afternoon", "good night", "hallo", "hola", "yo",
		"buenos días", "buenos dias", "buenas", "buenas noches", "buenas tardes",
		"oi", "olá", "ola", "bom dia", "boa noite", "boa tarde",
		"guten morgen", "guten abend", "guten tag", "moin", "servus", "gute nacht",
		"привет", "здравствуй", "здравствуйте", "доброе утро", "добрый вечер", "добрый день", "спокойной ночи")
	thanks = set("thanks", "thank you", "thx", "ty", "thanks a lot", "thank you so much", "cheers", "great, thanks", "ok thanks",
		"gracias", "muchas gracias", "mil gracias",
		"obrigado", "obrigada", "muito obrigado", "muito obrigada", "valeu",
		"danke", "danke schön", "danke schon", "vielen dank", "dankeschön",
		"спасибо", "спасибо большое", "большое спасибо", "благодарю")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
