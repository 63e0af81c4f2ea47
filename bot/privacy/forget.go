package privacy

import (
	"context"
	"fmt"

	"github.com/calmnights/calmnights/bot"
)

const forgetPrefix = "fg"

// forgetFlow is the conversation that holds /forget's pending question,
// so that a typed "yes" or "no" answers it like its buttons.
const forgetFlow = bot.ForgetFlow

// msgForgetAsk is /forget's question.
const msgForgetAsk = "**Delete everything?** This removes all I have stored about you: your settings, your journal and water log, medicines, iron tests, checklist results and reminders. It can't be undone. (/export first if you'd like a copy.)\n\nTap a button, or type **yes** to delete or **no** to keep it all."

// forget asks for confirmation before deleting everything. The question
// waits in the forget flow, so a typed answer counts; it replaces any
// other conversation, as every new command does.
func (p *Privacy) forget(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if err := p.store.SaveConversation(ctx, bot.Conversation{UserID: req.User.ID, Flow: forgetFlow}); err != nil {
		return nil, fmt.Errorf("save forget question: %w", err)
	}
	return []bot.Response{{
		Text: msgForgetAsk,
		Buttons: [][]bot.Button{{
			{Label: "Yes, delete everything", Payload: forgetPrefix + "/yes"},
			{Label: "Cancel", Payload: forgetPrefix + "/no"},
		}},
		Personal: true,
	}}, nil
}

// forgetText reads a typed answer to /forget's question: yes deletes, no
// keeps; anything else, or an answer after the question expired, leaves
// the question behind and is read as a new message.
func (p *Privacy) forgetText(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
	expired := bot.Expired(conv, p.now())
	switch ans := bot.TypedAnswer(req.Text); {
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
	return bot.Reply("Cancelled: nothing was deleted."), nil
}

// forgetButton deletes every row about the user ("fg/yes").
func (p *Privacy) forgetButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if err := p.store.DeleteUser(ctx, req.User.ID); err != nil {
		return nil, fmt.Errorf("delete user: %w", err)
	}
	p.log.Info("user deleted their data", "user", bot.LogID(req.User.ID))
	return bot.Reply("Done. I've deleted everything I had stored about you, and your reminders have stopped. If you write to me again, I'll start fresh, as with someone new."), nil
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
