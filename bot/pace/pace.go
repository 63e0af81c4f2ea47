// Package pace keeps outgoing messages within a platform's rate limits: an
// overall rate for the bot, a limit per chat, and pauses the platform asks
// for (retry-after), for the whole bot or for one chat. Every message a
// front door sends, replies and reminders alike, waits here first.
package pace

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Window allows at most N messages in any period of length Per.
type Window struct {
	N   int
	Per time.Duration
}

// Limits are a platform's sending limits.
type Limits struct {
	// Global is the overall rate in messages per second; 0 means none.
	Global rate.Limit
	// Burst is how many messages may go at once before Global applies.
	Burst int
	// PerChat limits each chat; the zero Window means no limit.
	PerChat Window
	// PerGroup, when set, limits group chats instead of PerChat; IsGroup
	// tells which chats are groups.
	PerGroup Window
	IsGroup  func(chatID string) bool
	// OnWait, when set, is told how long each message waited for its turn
	// (only waits longer than a millisecond).
	OnWait func(d time.Duration)
}

// Published limits: Telegram allows about 30 messages a second overall,
// about one a second per chat and 20 a minute per group; Discord allows 50
// requests a second per token, and we keep a margin.
var (
	Telegram = Limits{Global: 30, Burst: 1, PerChat: Window{1, time.Second}, PerGroup: Window{20, time.Minute}}
	Discord  = Limits{Global: 45, Burst: 1, PerChat: Window{5, time.Second}}
)

// headroom is the share of each limit the pacer uses: it runs 3 % under
// the limit so that scheduling jitter between the pacer and the wire (a
// goroutine that sends a few milliseconds late) never puts one message too
// many into a platform's window. Throughput stays at 97 %.
const headroom = 0.97

// chatIdle is how long an unused chat entry is kept.
const chatIdle = 2 * time.Minute

// Pacer makes senders wait for their turn. It is safe for concurrent use.
type Pacer struct {
	limits Limits
	global *rate.Limiter
	now    func() time.Time

	mu          sync.Mutex
	chats       map[string]*chat
	globalPause time.Time
	lastSweep   time.Time
}

// chat is one chat's recent sends (oldest first) and pause.
type chat struct {
	sends    []*time.Time
	pause    time.Time
	lastUsed time.Time
}

// New returns a Pacer for the limits.
func New(l Limits) *Pacer {
	if l.Burst < 1 {
		l.Burst = 1
	}
	p := &Pacer{limits: l, chats: map[string]*chat{}, now: time.Now}
	if l.Global > 0 && l.Global != rate.Inf {
		p.global = rate.NewLimiter(l.Global*headroom, l.Burst)
	}
	return p
}

// Wait blocks until a message to chatID may be sent: after any pause the
// platform asked for, within the chat's window and the global rate.
func (p *Pacer) Wait(ctx context.Context, chatID string) error {
	if p.limits.OnWait != nil {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > time.Millisecond {
				p.limits.OnWait(d)
			}
		}()
	}
	for {
		d := p.pauseLeft(chatID)
		if d <= 0 {
			break
		}
		if err := Sleep(ctx, d); err != nil {
			return err
		}
	}
	slot, err := p.reserveChat(ctx, chatID)
	if err != nil {
		return err
	}
	if p.global != nil {
		if err := p.global.Wait(ctx); err != nil {
			p.release(chatID, slot)
			return err
		}
	}
	if slot != nil {
		p.mu.Lock()
		*slot = p.now() // the real send time, after the global wait
		p.mu.Unlock()
	}
	return nil
}

// Turn blocks until a message to chatID could be sent now, without taking
// the place: after any pause, and when the chat's window has room. A
// front door calls it before it starts on an update, so the update is
// not half-handled (and lost to a crash) while it waits to answer.
func (p *Pacer) Turn(ctx context.Context, chatID string) error {
	w := p.window(chatID)
	span := time.Duration(float64(w.Per) / headroom)
	for {
		wait := p.pauseLeft(chatID)
		if wait <= 0 && w.N > 0 {
			p.mu.Lock()
			if c, ok := p.chats[chatID]; ok && len(c.sends) >= w.N {
				now := p.now()
				// the oldest send leaves the window at sends[len-N] + span
				wait = c.sends[len(c.sends)-w.N].Add(span).Sub(now)
			}
			p.mu.Unlock()
		}
		if wait <= 0 {
			return nil
		}
		if err := Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// window returns the limit that applies to a chat.
func (p *Pacer) window(chatID string) Window {
	if p.limits.IsGroup != nil && p.limits.PerGroup.N > 0 && p.limits.IsGroup(chatID) {
		return p.limits.PerGroup
	}
	return p.limits.PerChat
}

// reserveChat takes a place in the chat's window, waiting until there is
// one. The place holds the reservation time until Wait records the real
// send time in it.
func (p *Pacer) reserveChat(ctx context.Context, chatID string) (*time.Time, error) {
	w := p.window(chatID)
	if w.N <= 0 {
		return nil, nil
	}
	span := time.Duration(float64(w.Per) / headroom)
	for {
		p.mu.Lock()
		c := p.chatLocked(chatID)
		now := p.now()
		for len(c.sends) > 0 && now.Sub(*c.sends[0]) >= span {
			c.sends = c.sends[1:]
		}
		if len(c.sends) < w.N {
			slot := new(time.Time)
			*slot = now
			c.sends = append(c.sends, slot)
			p.mu.Unlock()
			return slot, nil
		}
		wait := c.sends[0].Add(span).Sub(now)
		p.mu.Unlock()
		if err := Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// release gives back a place that was not used.
func (p *Pacer) release(chatID string, slot *time.Time) {
	if slot == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if c, ok := p.chats[chatID]; ok {
		for i, s := range c.sends {
			if s == slot {
				c.sends = append(c.sends[:i], c.sends[i+1:]...)
				break
			}
		}
	}
}

// Pause stops sending for d: to one chat, or to all when chatID is "".
// A later, longer pause wins; a shorter one never shortens a pause.
func (p *Pacer) Pause(chatID string, d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	until := p.now().Add(d)
	if chatID == "" {
		if until.After(p.globalPause) {
			p.globalPause = until
		}
		return
	}
	c := p.chatLocked(chatID)
	if until.After(c.pause) {
		c.pause = until
	}
}

func (p *Pacer) pauseLeft(chatID string) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	until := p.globalPause
	if c, ok := p.chats[chatID]; ok && c.pause.After(until) {
		until = c.pause
	}
	return until.Sub(p.now())
}

// chatLocked returns the chat's entry, creating it, and now and then drops
// entries idle for a while so the map does not grow without bound.
func (p *Pacer) chatLocked(chatID string) *chat {
	now := p.now()
	if now.Sub(p.lastSweep) > chatIdle {
		for id, c := range p.chats {
			if now.Sub(c.lastUsed) > chatIdle && !c.pause.After(now) {
				delete(p.chats, id)
			}
		}
		p.lastSweep = now
	}
	c, ok := p.chats[chatID]
	if !ok {
		c = &chat{}
		p.chats[chatID] = c
	}
	c.lastUsed = now
	return c
}

// Chats returns how many chats the pacer currently tracks.
func (p *Pacer) Chats() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.chats)
}

// Sleep waits d, or until ctx ends (then it returns ctx's error).
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
