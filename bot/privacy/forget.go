package privacy

import (
	"context"
	"fmt"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

const forgetPrefix = "fg"

// forgetFlow is the conversation that holds /forget's pending question,
// so that a typed "yes" or "no" answers it like its buttons.
const forgetFlow = bot.ForgetFlow

// say is the privacy commands' message id (content/locales/privacy) in
// the user's language.
func (p *Privacy) say(req *bot.Request, id string) string {
	return p.content.Text(req.Language(), id, nil)
}

// text is say with data filled in.
func (p *Privacy) text(req *bot.Request, id string, data map[string]string) string {
	return p.content.Text(req.Language(), id, data)
}

// count is a message with plural forms for n in the user's language.
func (p *Privacy) count(req *bot.Request, id string, n int) string {
	return p.content.TextN(req.Language(), id, n, nil)
}

// forget asks for confirmation before deleting everything. The question
// waits in the forget flow, so a typed answer counts; it replaces any
// other conversation, as every new command does.
func (p *Privacy) forget(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if err := p.store.SaveConversation(ctx, bot.Conversation{UserID: req.User.ID, Flow: forgetFlow}); err != nil {
		return nil, fmt.Errorf("save forget question: %w", err)
	}
	return []bot.Response{{
		Text: p.say(req, "ForgetAsk"),
		Buttons: [][]bot.Button{{
			{Label: p.say(req, "ForgetYes"), Payload: forgetPrefix + "/yes"},
			{Label: p.say(req, "ForgetCancel"), Payload: forgetPrefix + "/no"},
		}},
		Personal: true,
	}}, nil
}

// forgetText reads a typed answer to /forget's question: yes deletes, no
// keeps, in English or in the words of the bot's other languages ("sí",
// "нет"); anything else, or an answer after the question expired, leaves
// the question behind and is read as a new message.
func (p *Privacy) forgetText(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
	expired := bot.Expired(conv, p.now())
	ans := bot.TypedAnswer(req.Text)
	if word := strings.Trim(req.Text, " .!?¡¿"); ans == bot.AnswerOther {
		switch {
		case p.content.Says(word, content.WordYes):
			ans = bot.AnswerYes
		case p.content.Says(word, content.WordNo):
			ans = bot.AnswerNo
		}
	}
	switch {
	case !expired && ans == bot.AnswerYes:
		out, err := p.forgetButton(ctx, req)
		return out, true, err
	case !expired && ans == bot.AnswerNo:
		out, err := p.cancelForgetButton(ctx, req)
		return out, true, err
	}
	if err := p.store.EndConversation(ctx, req.User.ID); err != nil {
		return nil, false, fmt.Errorf("drop forget question: %w", err)
	}
	return nil, false, nil
}

// cancelForgetButton keeps everything ("fg/no").
func (p *Privacy) cancelForgetButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if err := p.endFlow(ctx, req.User.ID, forgetFlow); err != nil {
		return nil, err
	}
	return bot.Reply(p.say(req, "ForgetCancelled")), nil
}

// forgetButton deletes every row about the user ("fg/yes").
func (p *Privacy) forgetButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if err := p.store.DeleteUser(ctx, req.User.ID); err != nil {
		return nil, fmt.Errorf("delete user: %w", err)
	}
	p.log.Info("user deleted their data", "user", bot.LogID(req.User.ID))
	return bot.Reply(p.say(req, "ForgetDone")), nil
}

// endFlow ends the user's conversation when it is in flow.
func (p *Privacy) endFlow(ctx context.Context, userID, flow string) error {
	if _, in, err := bot.ConversationIn(ctx, p.store, userID, flow); err != nil || !in {
		return err
	}
	if err := p.store.EndConversation(ctx, userID); err != nil {
		return fmt.Errorf("end %s: %w", flow, err)
	}
	return nil
}
