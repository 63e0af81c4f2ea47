package privacy

import (
	"context"
	"fmt"

	"github.com/calmnights/calmnights/bot"
)

const forgetPrefix = "fg"

// forget asks for confirmation before deleting everything.
func (p *Privacy) forget(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return []bot.Response{{
		Text: "**Delete everything?** This removes all I have stored about you: your settings, your journal and water log, checklist results and reminders. It can't be undone. (/export first if you'd like a copy.)",
		Buttons: [][]bot.Button{{
			{Label: "Yes, delete everything", Payload: forgetPrefix + "/yes"},
			{Label: "Cancel", Payload: forgetPrefix + "/no"},
		}},
		Personal: true,
	}}, nil
}

// cancelForgetButton keeps everything ("fg/no").
func (p *Privacy) cancelForgetButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
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
