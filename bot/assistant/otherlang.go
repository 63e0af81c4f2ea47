package assistant

import (
	"context"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/language"
	"github.com/calmnights/calmnights/bot/library"
)

// answerIn answers a message to be answered in lang, a language other
// than English: from that language's article, with its warning signs
// (the safety screen has already answered a crisis or an emergency in any
// language). Statements, reminders and settings in words are read in
// English only so far; in another language such a message gets the honest
// answer that names the commands. A message written in a language that is
// not the user's also offers to switch to it.
func (a *Assistant) answerIn(ctx context.Context, req *bot.Request, lang, text string) ([]bot.Response, error) {
	r, _ := library.Compose(a.content, a.content.AskIn(lang, text))
	if lang != req.Language() {
		r.Text += "\n\n" + a.content.Text(lang, "LanguageOffer", nil)
		r.Buttons = append(r.Buttons, []bot.Button{language.SwitchButton(a.content, lang)})
	}
	return []bot.Response{r}, nil
}
