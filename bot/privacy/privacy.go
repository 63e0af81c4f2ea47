// Package privacy is the user's control over their data: /privacy says
// what is stored and why and takes consent back, /export sends all of it,
// /forget deletes all of it.
package privacy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// Store is what the privacy commands read, change and delete.
type Store interface {
	bot.UserStore
	bot.ConversationStore
	DeleteUser(ctx context.Context, userID string) error
	Export(ctx context.Context, userID string) (bot.Export, error)
}

// Options configure the privacy commands.
type Options struct {
	Store  Store
	Logger *slog.Logger     // nil discards logs
	Now    func() time.Time // nil means time.Now
	// Facets are the daily ratings other features keep (bot.Facet): /export
	// includes them and /privacy names them.
	Facets []bot.Facet
	// Content holds /forget's texts in each language and the yes and no
	// words a typed answer may use; nil means the embedded library.
	Content *content.Library
}

// Privacy is the privacy feature.
type Privacy struct {
	store   Store
	log     *slog.Logger
	now     func() time.Time
	facets  []bot.Facet
	content *content.Library
}

// New returns the privacy commands.
func New(o Options) *Privacy {
	p := &Privacy{store: o.Store, log: o.Logger, now: o.Now, facets: o.Facets, content: o.Content}
	if p.content == nil {
		p.content = content.Default()
	}
	if p.log == nil {
		p.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if p.now == nil {
		p.now = time.Now
	}
	return p
}

// Register adds /export, /forget, /privacy and their buttons to r.
func (p *Privacy) Register(r *bot.Router) {
	private := []bot.Middleware{bot.PrivateOnly}
	r.Command(bot.Command{Name: "export", Description: "Download everything I store about you", Handler: p.exportCommand, Use: private})
	r.Command(bot.Command{Name: "forget", Description: "Delete everything I store about you", Handler: p.forget, Use: private})
	r.Command(bot.Command{Name: "privacy", Description: "What I store, why, and how to remove it", Handler: p.privacy, Use: private})
	r.Button(bot.WithdrawPayload, p.withdrawButton)
	r.Button(forgetPrefix+"/yes", p.forgetButton)
	r.Button(forgetPrefix+"/no", p.cancelForgetButton)
	r.Flow(forgetFlow, p.forgetText)
	r.Flow(privacyFlow, p.privacyText)
}

const privacyText = `**Your privacy**

**What I store**, in this bot's own database:
- who you are here: your platform ID and chat, so I can answer you and send reminders
- your settings: time zone, bedtime and wake time
- whether and when you allowed me to keep health notes
- only with that permission: what you log about your nights (scores, habits, sleep diary, when symptoms started), the medicines and supplements you log with their times, the iron test results you enter, and your checklist results

**Why:** only to run the features you use. Nothing is sold, shared or used for advertising, and no other user can see it. The person who runs this copy of Calm Nights can technically read its database.

**Logs** never hold your messages or your platform ID.`

// privacy explains what is stored and why, shows the consent state and
// offers to give or withdraw consent.
func (p *Privacy) privacy(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	var sb strings.Builder
	sb.WriteString(privacyText)
	if len(p.facets) > 0 {
		var names []string
		for _, f := range p.facets {
			names = append(names, strings.ToLower(f.Label()))
		}
		sb.WriteString("\n\nWith your permission I also keep the daily ratings you give: " + strings.Join(names, ", ") + ".")
	}
	sb.WriteString("\n\n**Your permission:** ")
	btn := bot.Button{Label: "Allow health notes", Payload: bot.ConsentPayload}
	if u.Consented() {
		sb.WriteString("given on " + u.ConsentAt.In(u.Location()).Format("2 Jan 2006") + ".")
		btn = bot.Button{Label: "Withdraw permission", Payload: bot.WithdrawPayload}
	} else {
		sb.WriteString("not given, so I keep no health notes.")
	}
	if err := p.offer(ctx, u); err != nil {
		return nil, err
	}
	sb.WriteString("\n\n**Your data is yours:**\n- /export sends you everything I store about you, as a JSON file, plus your journal as a CSV file for a spreadsheet.\n- /forget deletes all of it, in every table, after you confirm. Your reminders stop too.\n- Withdrawing permission (tap below, or type **withdraw**) stops new health notes at once, in the middle of a /log too; what is already stored stays until you /forget it.")
	return []bot.Response{{Text: sb.String(), Buttons: [][]bot.Button{{btn}}, Personal: true}}, nil
}

// privacyFlow holds /privacy's offer (give or withdraw consent), so that
// typing it counts like its button.
const privacyFlow = bot.PrivacyFlow

// offer keeps /privacy's offer in the privacy flow, unless another
// conversation is running: /privacy is often looked up in the middle of
// one, and must not end it.
func (p *Privacy) offer(ctx context.Context, u *bot.User) error {
	conv, err := p.store.Conversation(ctx, u.ID)
	switch {
	case err == nil && conv.Flow != privacyFlow && bot.Busy(conv):
		return nil
	case err != nil && !errors.Is(err, bot.ErrNotFound):
		return fmt.Errorf("load conversation: %w", err)
	}
	if err := p.store.SaveConversation(ctx, bot.Conversation{UserID: u.ID, Flow: privacyFlow}); err != nil {
		return fmt.Errorf("save privacy offer: %w", err)
	}
	return nil
}

// privacyText reads a typed answer to /privacy's offer: "withdraw" (or
// "yes", when withdrawing is what was offered) takes consent back;
// "allow" gives it. Anything else is a new message.
func (p *Privacy) privacyText(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
	if err := p.store.EndConversation(ctx, req.User.ID); err != nil {
		return nil, false, fmt.Errorf("drop privacy offer: %w", err)
	}
	if bot.Expired(conv, p.now()) {
		return nil, false, nil
	}
	t := strings.ToLower(strings.Trim(strings.TrimSpace(req.Text), ".!"))
	consented := req.User.Consented()
	switch {
	case consented && (strings.HasPrefix(t, "withdraw") || bot.TypedAnswer(t) == bot.AnswerYes):
		out, err := p.withdrawButton(ctx, req)
		return out, true, err
	case !consented && (strings.HasPrefix(t, "allow") || bot.TypedAnswer(t) == bot.AnswerYes):
		out, err := p.allow(ctx, req)
		return out, true, err
	case bot.TypedAnswer(t) == bot.AnswerNo:
		return bot.Reply("Okay, nothing changed."), true, nil
	}
	return nil, false, nil
}

// allow gives consent, as /start's button does.
func (p *Privacy) allow(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	now := p.now().UTC()
	if _, err := p.store.UpdateUser(ctx, req.User.ID, func(u *bot.User) error {
		if u.ConsentAt == nil {
			u.ConsentAt = &now
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("give consent: %w", err)
	}
	return bot.Personal("Thank you: I'll keep your health notes, private to you. /export and /forget are there whenever you want them."), nil
}

// withdrawButton takes consent back ("privacy/withdraw"). A conversation
// that was running ends with it (a /log, the checklist, a "Save it?"), so
// nothing it gathered is kept after this.
func (p *Privacy) withdrawButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	_, err := p.store.UpdateUser(ctx, req.User.ID, func(u *bot.User) error {
		u.ConsentAt = nil
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("withdraw consent: %w", err)
	}
	stopped := ""
	conv, err := p.store.Conversation(ctx, req.User.ID)
	switch {
	case err == nil:
		if err := p.store.EndConversation(ctx, req.User.ID); err != nil {
			return nil, fmt.Errorf("end conversation: %w", err)
		}
		if conv.Flow != privacyFlow && bot.Busy(conv) {
			stopped = " I've also stopped what we were in the middle of, and kept nothing more from it."
		}
	case !errors.Is(err, bot.ErrNotFound):
		return nil, fmt.Errorf("load conversation: %w", err)
	}
	return bot.Personal("Done: you've withdrawn your permission, so I won't keep new health notes." + stopped + " You can allow it again at any time with /start or /privacy."), nil
}
