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

// privacy explains what is stored and why, shows the consent state and
// offers to give or withdraw consent, in the user's language.
func (p *Privacy) privacy(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	var sb strings.Builder
	sb.WriteString(p.say(req, "PrivIntro"))
	if len(p.facets) > 0 {
		var names []string
		for _, f := range p.facets {
			names = append(names, p.ratingName(req, f))
		}
		sb.WriteString("\n\n" + p.text(req, "PrivRatings", map[string]string{"Names": strings.Join(names, ", ")}))
	}
	sb.WriteString("\n\n")
	btn := bot.Button{Label: p.say(req, "CoreConsentAllow"), Payload: bot.ConsentPayload}
	if u.Consented() {
		date := u.ConsentAt.In(u.Location()).Format(p.say(req, "DateFormat"))
		sb.WriteString(p.text(req, "PrivGiven", map[string]string{"Date": date}))
		btn = bot.Button{Label: p.say(req, "PrivWithdrawButton"), Payload: bot.WithdrawPayload}
	} else {
		sb.WriteString(p.say(req, "PrivNotGiven"))
	}
	if err := p.offer(ctx, u); err != nil {
		return nil, err
	}
	sb.WriteString("\n\n" + p.say(req, "PrivYours"))
	return []bot.Response{{Text: sb.String(), Buttons: [][]bot.Button{{btn}}, Personal: true}}, nil
}

// ratingName names a daily rating in /privacy's list, in the user's
// language: PrivRating_<name>, or the facet's own label for a rating the
// catalog does not name yet.
func (p *Privacy) ratingName(req *bot.Request, f bot.Facet) string {
	if s := p.say(req, "PrivRating_"+f.Name()); s != "" {
		return s
	}
	return strings.ToLower(f.Label())
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
	t := strings.ToLower(strings.Trim(strings.TrimSpace(req.Text), ".!¡"))
	consented := req.User.Consented()
	switch {
	case consented && (p.typed(req, t, "withdraw", "PrivWithdrawWord") || p.answer(t) == bot.AnswerYes):
		out, err := p.withdrawButton(ctx, req)
		return out, true, err
	case !consented && (p.typed(req, t, "allow", "PrivAllowWord") || p.answer(t) == bot.AnswerYes):
		out, err := p.allow(ctx, req)
		return out, true, err
	case p.answer(t) == bot.AnswerNo:
		return bot.Reply(p.say(req, "PrivNothingChanged")), true, nil
	}
	return nil, false, nil
}

// typed reports whether t (lowercased) starts with the English word or
// with the word of id in the user's language ("отозвать").
func (p *Privacy) typed(req *bot.Request, t, english, id string) bool {
	if strings.HasPrefix(t, english) {
		return true
	}
	word := strings.ToLower(p.say(req, id))
	return word != "" && strings.HasPrefix(t, word)
}

// answer reads a typed yes or no, in English or in the words of the bot's
// other languages ("sí", "нет").
func (p *Privacy) answer(t string) bot.Answer {
	if a := bot.TypedAnswer(t); a != bot.AnswerOther {
		return a
	}
	word := strings.Trim(t, " .!?¡¿")
	switch {
	case p.content.Says(word, content.WordYes):
		return bot.AnswerYes
	case p.content.Says(word, content.WordNo):
		return bot.AnswerNo
	}
	return bot.AnswerOther
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
	return bot.Personal(p.say(req, "PrivAllowed")), nil
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
	done := "PrivWithdrawn"
	conv, err := p.store.Conversation(ctx, req.User.ID)
	switch {
	case err == nil:
		if err := p.store.EndConversation(ctx, req.User.ID); err != nil {
			return nil, fmt.Errorf("end conversation: %w", err)
		}
		if conv.Flow != privacyFlow && bot.Busy(conv) {
			done = "PrivWithdrawnStopped"
		}
	case !errors.Is(err, bot.ErrNotFound):
		return nil, fmt.Errorf("load conversation: %w", err)
	}
	return bot.Personal(p.say(req, done)), nil
}
