package delivery

// The pacer keeps outgoing messages within a platform's rate limits: an
// overall rate for the bot, a limit per chat, and pauses the platform asks
// for (retry-after), for the whole bot or for one chat. The sender makes
// every platform request wait here first, replies and reminders alike;
// no front door paces.

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
	// TelegramLimits are Telegram's.
	TelegramLimits = Limits{Global: 30, Burst: 1, PerChat: Window{1, time.Second}, PerGroup: Window{20, time.Minute}}
	// DiscordLimits are Discord's, with a margin.
	DiscordLimits = Limits{Global: 45, Burst: 1, PerChat: Window{5, time.Second}}
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
	clock  Clock

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

// NewPacer returns a Pacer for the limits that waits on the clock (nil:
// the real one).
func NewPacer(l Limits, clock Clock) *Pacer {
	if l.Burst < 1 {
		l.Burst = 1
	}
	if clock == nil {
		clock = SystemClock{}
	}
	p := &Pacer{limits: l, chats: map[string]*chat{}, clock: clock}
	if l.Global > 0 && l.Global != rate.Inf {
		p.global = rate.NewLimiter(l.Global*headroom, l.Burst)
	}
	return p
}

// Wait blocks until a message to chatID may be sent: after any pause the
// platform asked for, within the chat's window and the global rate.
func (p *Pacer) Wait(ctx context.Context, chatID string) error {
	if p.limits.OnWait != nil {
		start := p.clock.Now()
		defer func() {
			if d := p.clock.Now().Sub(start); d > time.Millisecond {
				p.limits.OnWait(d)
			}
		}()
	}
	for {
		d := p.pauseLeft(chatID)
		if d <= 0 {
			break
		}
		if err := p.clock.Sleep(ctx, d); err != nil {
			return err
		}
	}
	slot, err := p.reserveChat(ctx, chatID)
	if err != nil {
		return err
	}
	if p.global != nil {
		now := p.clock.Now()
		r := p.global.ReserveN(now, 1)
		if err := p.clock.Sleep(ctx, r.DelayFrom(now)); err != nil {
			r.CancelAt(p.clock.Now())
			p.release(chatID, slot)
			return err
		}
	}
	if slot != nil {
		p.mu.Lock()
		*slot = p.clock.Now() // the real send time, after the global wait
		p.mu.Unlock()
	}
	return nil
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
		now := p.clock.Now()
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
		if err := p.clock.Sleep(ctx, wait); err != nil {
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
	until := p.clock.Now().Add(d)
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
	return until.Sub(p.clock.Now())
}

// chatLocked returns the chat's entry, creating it, and now and then drops
// entries idle for a while so the map does not grow without bound.
func (p *Pacer) chatLocked(chatID string) *chat {
	now := p.clock.Now()
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
