package assistant

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/understand"
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

// held is one message waiting for permission.
type held struct {
	in understand.Intent
	at time.Time
}

// heldMessages are the messages waiting for permission, by user.
type heldMessages struct {
	mu sync.Mutex
	m  map[string]held
}

// put holds in for userID, replacing what was held before.
func (h *heldMessages) put(userID string, in understand.Intent, now time.Time) {
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
	h.m[userID] = held{in: in, at: now}
}

// take returns and forgets what is held for userID, if it is still fresh.
func (h *heldMessages) take(userID string, now time.Time) (understand.Intent, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	x, ok := h.m[userID]
	delete(h.m, userID)
	return x.in, ok && now.Sub(x.at) <= heldTTL
}

// allowPayload is the "Allow health notes" button that also offers back
// the held message.
const allowPayload = prefix + "/allow"

// askConsent holds the message and asks for permission.
func (a *Assistant) askConsent(userID string, in understand.Intent) []bot.Response {
	a.held.put(userID, in, a.now())
	return bot.ConsentNeededHeld(allowPayload)
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
	const thanks = "Thank you. I'll keep your notes private, and you can change your mind at any time in /privacy."
	in, ok := a.held.take(req.User.ID, a.now())
	if !ok {
		return bot.Reply(thanks + " Tell me about your night whenever you like."), nil
	}
	sub := *req
	sub.User = &updated
	if conv, err := a.store.Conversation(ctx, req.User.ID); err == nil && conv.Flow != flow && bot.Busy(conv) {
		// In the middle of another conversation (getting started): the
		// message waits until it is over.
		a.held.put(req.User.ID, in, a.now())
		return []bot.Response{{Text: thanks + "\n\nWhat you told me before is kept here for now: finish what we're in the middle of, then tap below to see it.",
			Buttons: [][]bot.Button{{{Label: "Show it", Payload: allowPayload}}}, Personal: true}}, nil
	}
	out, err := a.propose(ctx, &sub, in)
	if err != nil || len(out) == 0 {
		return out, err
	}
	out[0].Text = thanks + "\n\n" + out[0].Text
	return out, nil
}
