package bot

import (
	"context"
	"fmt"
)

const forgetPrefix = "fg"

// forget asks for confirmation before deleting everything.
func (b *Bot) forget(ctx context.Context, req *Request) ([]Response, error) {
	return []Response{{
		Text: "**Delete everything?** This removes all I have stored about you: your settings, your journal and water log, checklist results and reminders. It can't be undone. (/export first if you'd like a copy.)",
		Buttons: [][]Button{{
			{Label: "Yes, delete everything", Payload: forgetPrefix + "/yes"},
			{Label: "Cancel", Payload: forgetPrefix + "/no"},
		}},
		Personal: true,
	}}, nil
}

// forgetButton deletes every row about the user, or cancels.
func (b *Bot) forgetButton(ctx context.Context, req *Request) ([]Response, error) {
	switch req.Payload {
	case forgetPrefix + "/no":
		return Reply("Cancelled: nothing was deleted."), nil
	case forgetPrefix + "/yes":
		if err := b.store.DeleteUser(ctx, req.User.ID); err != nil {
			return nil, fmt.Errorf("delete user: %w", err)
		}
		b.log.Info("user deleted their data", "user", LogID(req.User.ID))
		return Reply("Done. I've deleted everything I had stored about you, and your reminders have stopped. If you write to me again, I'll start fresh, as with someone new."), nil
	}
	return Reply(msgStale), nil
}
