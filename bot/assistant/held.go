package assistant

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/understand"
	"github.com/calmnights/calmnights/content"
)

// A night or water told before the person allowed health notes is not
// stored: it is held in this process's memory for the conversation and
// offered back, to confirm, the moment they allow them ("Allow health
// notes" under the request for permission). If they never do, it is
// dropped after heldTTL; nothing of it reaches the database or the logs.
// With several replicas the press may reach another one: then consent is
// recorded and the person tells it again.

// heldTTL is how long a message waits for permission.
const heldTTL = 15 * time.Minute

// maxHeld bounds the memory the held messages take.
const maxHeld = 10000

// held is one message waiting for permission, and the language it was
// told in.
type held struct {
	in   understand.Intent
	lang string
	at   time.Time
}

// heldMessages are the messages waiting for permission, by user.
type heldMessages struct {
	mu sync.Mutex
	m  map[string]held
}

// put holds in, told in lang, for userID, replacing what was held before.
func (h *heldMessages) put(userID string, in understand.Intent, lang string, now time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.m == nil {
		h.m = map[string]held{}
	}
	if len(h.m) >= maxHeld {
		for id, x := range h.m {
			if now.Sub(x.at) > heldTTL || len(h.m) >= maxHeld {
				delete(h.m, id)
			}
		}
	}
	h.m[userID] = held{in: in, lang: lang, at: now}
}

// take returns and forgets what is held for userID, and its language, if
// it is still fresh.
func (h *heldMessages) take(userID string, now time.Time) (understand.Intent, string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	x, ok := h.m[userID]
	delete(h.m, userID)
	return x.in, x.lang, ok && now.Sub(x.at) <= heldTTL
}

// allowPayload is the "Allow health notes" button that also offers back
// the held message.
const allowPayload = prefix + "/allow"

// askConsent holds the message, told in lang, and asks for permission.
// The question waits in the confirm flow (unless another conversation is
// running), so that a typed "yes" or "allow" counts like the button.
func (a *Assistant) askConsent(ctx context.Context, userID string, in understand.Intent, lang string) ([]bot.Response, error) {
	a.held.put(userID, in, lang, a.now())
	conv, err := a.store.Conversation(ctx, userID)
	switch {
	case err != nil && !errors.Is(err, bot.ErrNotFound):
		return nil, fmt.Errorf("load conversation: %w", err)
	case err == nil && conv.Flow != flow && bot.Busy(conv):
	default:
		if err := a.store.SaveConversation(ctx, bot.Conversation{UserID: userID, Flow: flow, Step: stepConsent, Data: map[string]string{"lang": lang}}); err != nil {
			return nil, fmt.Errorf("save consent question: %w", err)
		}
	}
	return bot.ConsentNeededHeld(allowPayload), nil
}

// consentTyped reads a typed answer to askConsent's question: yes or
// "allow" gives permission and offers the held message back, as the
// button does; no drops the held message and keeps nothing. Anything
// else is a new message.
func (a *Assistant) consentTyped(ctx context.Context, req *bot.Request, conv bot.Conversation, word string) ([]bot.Response, bool, error) {
	if err := a.drop(ctx, req.User.ID); err != nil {
		return nil, false, err
	}
	if bot.Expired(conv, a.now()) {
		return nil, false, nil
	}
	lang := langOf(conv.Data)
	allow := strings.ToLower(a.say(lang, "PrivAllowWord", nil))
	switch answer := bot.TypedAnswer(word); {
	case answer == bot.AnswerYes || a.content.Says(word, content.WordYes) || strings.HasPrefix(word, "allow") || allow != "" && strings.HasPrefix(word, allow):
		out, err := a.allowButton(ctx, req)
		return out, true, err
	case answer == bot.AnswerNo || a.content.Says(word, content.WordNo):
		a.held.take(req.User.ID, a.now())
		return bot.Reply(a.say(lang, "AsstCancelled", nil)), true, nil
	}
	return nil, false, nil
}

// allowButton records permission to keep health notes and offers back
// the message held while it was missing.
func (a *Assistant) allowButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	updated, err := a.store.UpdateUser(ctx, req.User.ID, func(u *bot.User) error {
		if u.ConsentAt == nil {
			now := a.now().UTC().Truncate(time.Second)
			u.ConsentAt = &now
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record consent: %w", err)
	}
	if err := a.changed(ctx, req.User.ID); err != nil {
		return nil, err
	}
	in, lang, ok := a.held.take(req.User.ID, a.now())
	if !ok {
		lang = req.Language()
	}
	thanks := a.say(lang, "AsstThanks", nil)
	if !ok {
		return bot.Reply(thanks + " " + a.say(lang, "AsstTellNight", nil)), nil
	}
	sub := *req
	sub.User = &updated
	if conv, err := a.store.Conversation(ctx, req.User.ID); err == nil && conv.Flow != flow && bot.Busy(conv) {
		// In the middle of another conversation (getting started): the
		// message waits until it is over.
		a.held.put(req.User.ID, in, lang, a.now())
		return []bot.Response{{Text: thanks + "\n\n" + a.say(lang, "AsstHeldWaiting", nil),
			Buttons: [][]bot.Button{{{Label: a.say(lang, "AsstBtnShowIt", nil), Payload: allowPayload}}}, Personal: true}}, nil
	}
	out, err := a.propose(ctx, &sub, in, lang)
	if err != nil || len(out) == 0 {
		return out, err
	}
	out[0].Text = thanks + "\n\n" + out[0].Text
	return out, nil
}
