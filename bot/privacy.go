package bot

import (
	"context"
	"fmt"
	"strings"
)

const privacyPrefix = "privacy"

const privacyText = `**Your privacy**

**What I store**, in this bot's own database:
- who you are here: your platform ID and chat, so I can answer you and send reminders
- your settings: time zone, bedtime and wake time
- whether and when you allowed me to keep health notes
- only with that permission: what you log about your nights, and your checklist results

**Why:** only to run the features you use. Nothing is sold, shared or used for advertising, and no other user can see it. The person who runs this copy of Calm Nights can technically read its database.

**Logs** never hold your messages or your platform ID.`

// privacy explains what is stored and why, shows the consent state and
// offers to give or withdraw consent.
func (b *Bot) privacy(ctx context.Context, req *Request) ([]Response, error) {
	u := req.User
	var sb strings.Builder
	sb.WriteString(privacyText)
	sb.WriteString("\n\n**Your permission:** ")
	btn := Button{Label: "Allow health notes", Payload: "start/yes"}
	if u.Consented() {
		sb.WriteString("given on " + u.ConsentAt.In(u.Location()).Format("2 Jan 2006") + ".")
		btn = Button{Label: "Withdraw permission", Payload: privacyPrefix + "/withdraw"}
	} else {
		sb.WriteString("not given, so I keep no health notes.")
	}
	sb.WriteString("\n\n**Your data is yours:**\n- /export sends you everything I store about you, as a JSON file, plus your journal as a CSV file for a spreadsheet.\n- /forget deletes all of it, in every table, after you confirm. Your reminders stop too.\n- Withdrawing permission (below) stops new health notes; what is already stored stays until you /forget it.")
	return []Response{{Text: sb.String(), Buttons: [][]Button{{btn}}, Personal: true}}, nil
}

// privacyButton handles the withdraw button.
func (b *Bot) privacyButton(ctx context.Context, req *Request) ([]Response, error) {
	if req.Payload != privacyPrefix+"/withdraw" {
		return Reply(msgStale), nil
	}
	_, err := b.store.UpdateUser(ctx, req.User.ID, func(u *User) error {
		u.ConsentAt = nil
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("withdraw consent: %w", err)
	}
	return personal("Done: you've withdrawn your permission, so I won't keep new health notes. You can allow it again at any time with /start or /privacy."), nil
}
