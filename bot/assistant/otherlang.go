package assistant

import (
	"context"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/language"
	"github.com/calmnights/calmnights/bot/library"
	"github.com/calmnights/calmnights/bot/understand"
	"github.com/calmnights/calmnights/content"
)

// textIn answers a message to be answered in lang, a language other than
// English. A request about the user's own data opens its command; a
// statement (a night, water, a reminder, a setting, a screen to show, a
// dose), read through the language's gloss (understand.ClassifyIn), is
// shown back in the language with Save and Cancel, as in English;
// anything else is answered from that language's article (answerIn).
func (a *Assistant) textIn(ctx context.Context, req *bot.Request, lang, text string) ([]bot.Response, error) {
	if cmd := a.content.Request(text); cmd != "" {
		return a.run(ctx, req, cmd, "") // "borra todos mis datos": /forget's question
	}
	if a.content.Says(strings.Trim(strings.TrimSpace(text), ".!"), content.WordUndo) {
		// An undo with nothing to undo (a pending one answers in typed).
		return bot.Reply(a.say(lang, "AsstNothingToUndoNow", nil)), nil
	}
	// whatlanggo takes a short Spanish line for Portuguese and the
	// reverse: the user's own language reads it too.
	tries := []string{lang}
	if own := req.Language(); own != lang && own != "en" {
		tries = append(tries, own)
	}
	for _, l := range tries {
		if in, ok := a.classify.ClassifyIn(l, text); ok {
			return a.actOnStatement(ctx, req, in, l)
		}
	}
	return a.answerIn(ctx, req, lang, text)
}

// actOnStatement answers a statement read in lang: a screen to show
// ("muéstrame mi semana") opens its command; anything else is shown back
// with Save and Cancel, in a private chat.
func (a *Assistant) actOnStatement(ctx context.Context, req *bot.Request, in understand.Intent, lang string) ([]bot.Response, error) {
	if in.Action == understand.Show {
		return a.run(ctx, req, in.Values["command"], "")
	}
	return bot.PrivateOnly(func(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
		return a.propose(ctx, req, in, lang)
	})(ctx, req)
}

// answerIn answers a message to be answered in lang, a language other
// than English: from that language's article, with its warning signs
// (the safety screen has already answered a crisis or an emergency in any
// language). A message written in a language that is not the user's also
// offers to switch to it.
func (a *Assistant) answerIn(ctx context.Context, req *bot.Request, lang, text string) ([]bot.Response, error) {
	r, _ := library.Compose(a.content, a.content.AskIn(lang, text))
	if lang != req.Language() {
		r.Text += "\n\n" + a.content.Text(lang, "LanguageOffer", nil)
		r.Buttons = append(r.Buttons, []bot.Button{language.SwitchButton(a.content, lang)})
	}
	return []bot.Response{r}, nil
}

// classifyOther reads text as a statement in each of the other languages
// in turn, for a message whose language could not be told: the first
// language whose gloss makes a statement of it, and that statement.
func (a *Assistant) classifyOther(text string) (string, understand.Intent, bool) {
	for _, l := range content.Languages {
		if l == "en" {
			continue
		}
		if in, ok := a.classify.ClassifyIn(l, text); ok {
			return l, in, true
		}
	}
	return "", understand.Intent{}, false
}
