package delivery

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/pace"
)

// Sender tuning.
const (
	// DefaultChats is how many chats are being sent to at once; the pacer
	// holds the rate, this only bounds the goroutines.
	DefaultChats = 64
	sendTimeout  = 30 * time.Second
	// maxAttempts bounds retries of temporary failures.
	maxAttempts = 5
	// backoffBase is the wait before the first retry; it doubles each time.
	backoffBase = 2 * time.Second
	// maxRetryAfter bounds a platform's retry-after honoured per attempt.
	maxRetryAfter = 10 * time.Minute
	// headsBatch is how many chats' first messages one read returns.
	headsBatch = 500
	// minRead is the least time between two reads of the outbox: wake-ups
	// in a burst share one read.
	minRead = 20 * time.Millisecond
)

// Outcome states of a message.
const (
	StateSent      = "sent"
	StateFailed    = "failed"
	StateSkipped   = "skipped"
	StateCancelled = "cancelled"
)

// Composer writes a reminder's message when it is about to be sent. It
// returns a reason instead when the reminder should not go any more (too
// late, quiet hours, turned off).
type Composer interface {
	Compose(ctx context.Context, m *Message) (skip string, err error)
}

// SenderOptions configure a Sender.
type SenderOptions struct {
	Platform string
	Store    Store
	Door     Door
	Pacer    *pace.Pacer
	Logger   *slog.Logger
	// Composer writes reminders; nil skips them.
	Composer Composer
	// OnBlocked turns off the reminders of a user who cannot be messaged.
	OnBlocked func(ctx context.Context, userID string) error
	// Done is told each message's outcome (for metrics); nil: nothing.
	Done func(m Message, state string)
	// Chats bounds the chats sent to at once; default DefaultChats.
	Chats int
	// Poll is how often the outbox is read without a wake-up; default 1 s.
	Poll time.Duration
	// Now is the clock of retry times; default time.Now.
	Now func() time.Time
	// Leader, when set, lets only one sender of the platform run at a
	// time across replicas, so the platform's limits hold for the whole
	// deployment; nil sends whenever Run runs (one process).
	Leader Leader
	// Handover is how long a replica that has just taken the lead waits
	// before its first send, so that the last second of the previous
	// leader's sends and its own first second never fall in one of the
	// platform's one-second windows; default DefaultHandover.
	Handover time.Duration
}

// DefaultHandover is the pause at a change of sender: one of Telegram's
// one-second windows.
const DefaultHandover = time.Second

// Leader elects the one process that sends for a platform.
type Leader interface {
	// Lead blocks until this process leads the platform's sending (or ctx
	// ends). lost is closed when leadership is lost; release gives it up.
	Lead(ctx context.Context, platform string) (lost <-chan struct{}, release func(), err error)
}

// Sender drains the outbox: each chat's messages one at a time and in
// order, chats side by side, every send paced.
type Sender struct {
	o      SenderOptions
	log    *slog.Logger
	wake   chan struct{}
	onLead []func(ctx context.Context)
}

// OnLead registers work done once each time this process takes the lead
// (registering a webhook, say); call it before Run.
func (s *Sender) OnLead(f func(ctx context.Context)) { s.onLead = append(s.onLead, f) }

// NewSender returns a Sender; Run starts it.
func NewSender(o SenderOptions) *Sender {
	if o.Chats < 1 {
		o.Chats = DefaultChats
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Pacer == nil {
		o.Pacer = pace.New(pace.Limits{})
	}
	if o.Done == nil {
		o.Done = func(Message, string) {}
	}
	return &Sender{o: o, log: o.Logger.With("platform", o.Platform), wake: make(chan struct{}, 1)}
}

// Wake makes Run read the outbox now.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends, then lets the sends on the wire finish.
// Messages not yet sent stay in the outbox for the next run. With a
// Leader it sends only while this process leads.
func (s *Sender) Run(ctx context.Context) error {
	if s.o.Leader == nil {
		return s.drain(ctx)
	}
	for ctx.Err() == nil {
		lost, release, err := s.o.Leader.Lead(ctx, s.o.Platform)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			s.log.Error("elect the sender", "err", err)
			if err := pace.Sleep(ctx, 5*time.Second); err != nil {
				return nil
			}
			continue
		}
		s.log.Info("this replica sends for the platform")
		for _, f := range s.onLead {
			f(ctx)
		}
		lead, stop := context.WithCancel(ctx)
		handover := s.o.Handover
		if handover <= 0 {
			handover = DefaultHandover
		}
		go func() {
			select {
			case <-lost:
				s.log.Warn("lost the sender's lead: another replica takes over")
			case <-lead.Done():
			}
			stop()
		}()
		err = nil
		if pace.Sleep(lead, handover) == nil {
			err = s.drain(lead)
		}
		stop()
		release()
		if err != nil {
			return err
		}
	}
	return nil
}

// drain is Run's loop while this process may send.
func (s *Sender) drain(ctx context.Context) error {
	var (
		mu     sync.Mutex
		active = map[string]bool{}
		// finished holds the messages finished since the current read of
		// the outbox began: that read may still return them.
		finished = map[int64]bool{}
		wg       sync.WaitGroup
	)
	defer wg.Wait()
	slots := make(chan struct{}, s.o.Chats)
	timer := time.NewTimer(0)
	defer timer.Stop()
	var lastRead time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.wake:
		case <-timer.C:
		}
		mu.Lock()
		clear(finished)
		mu.Unlock()
		if err := pace.Sleep(ctx, minRead-time.Since(lastRead)); err != nil {
			return nil
		}
		lastRead = time.Now()
		heads, err := s.o.Store.OutboxHeads(ctx, s.o.Platform, s.o.Now(), headsBatch)
		if err != nil && ctx.Err() == nil {
			s.log.Error("read outbox", "err", err)
		}
		for _, m := range heads {
			mu.Lock()
			busy := active[m.ChatID] || finished[m.ID]
			if !busy {
				active[m.ChatID] = true
			}
			mu.Unlock()
			if busy {
				continue
			}
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return nil
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.deliver(ctx, m)
				mu.Lock()
				delete(active, m.ChatID)
				finished[m.ID] = true
				mu.Unlock()
				<-slots
				s.Wake() // the chat's next message, if any (reads are throttled to minRead)
			}()
		}
		timer.Reset(s.o.Poll)
	}
}

// RunOnce sends every message that may go now, one chat after another,
// and returns how many it handled; for tests and one-off tools.
func (s *Sender) RunOnce(ctx context.Context) (int, error) {
	n := 0
	for {
		heads, err := s.o.Store.OutboxHeads(ctx, s.o.Platform, s.o.Now(), headsBatch)
		if err != nil || len(heads) == 0 {
			return n, err
		}
		progress := false
		for _, m := range heads {
			if s.deliver(ctx, m) {
				progress = true
			}
			n++
		}
		if !progress {
			return n, nil
		}
	}
}

// deliver sends one message and records the outcome. It reports whether
// the message left the outbox's head (sent, skipped or given up).
func (s *Sender) deliver(ctx context.Context, m Message) bool {
	log := s.log.With("message", m.ID, "kind", m.Kind)
	if m.Reply == nil {
		if s.o.Composer == nil {
			s.finish(ctx, m, StateSkipped, "nothing composes it")
			return true
		}
		skip, err := s.o.Composer.Compose(ctx, &m)
		switch {
		case err != nil:
			if ctx.Err() == nil {
				log.Error("compose reminder", "err", err)
				s.retry(ctx, m, s.o.Now().Add(backoff(m.Attempts+1)), m.Attempts+1, "could not be composed")
			}
			return false
		case skip != "":
			s.finish(ctx, m, StateSkipped, skip)
			log.Debug("reminder skipped", "why", skip)
			return true
		case m.Reply == nil:
			s.finish(ctx, m, StateSkipped, "nothing to say")
			return true
		}
	}
	if err := s.o.Pacer.Wait(ctx, m.ChatID); err != nil || ctx.Err() != nil {
		return false // shutting down: it stays and goes after the restart
	}
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	err := s.o.Door.Deliver(sendCtx, m)
	cancel()
	ctx = context.WithoutCancel(ctx) // what was sent is recorded, even at shutdown
	attempts := m.Attempts + 1
	var (
		retry *bot.RetryAfterError
		temp  *bot.TemporaryError
	)
	switch {
	case err == nil:
		s.finish(ctx, m, StateSent, "")
		return true
	case errors.Is(err, bot.ErrBlocked):
		s.finish(ctx, m, StateFailed, "recipient cannot be messaged")
		if err := s.o.Store.CancelChat(ctx, s.o.Platform, m.ChatID); err != nil {
			log.Error("cancel messages to a blocked chat", "err", err)
		}
		if m.UserID != "" && s.o.OnBlocked != nil {
			if err := s.o.OnBlocked(ctx, m.UserID); err != nil {
				log.Error("turn off reminders of a blocked user", "err", err)
			} else {
				log.Info("recipient blocked the bot or cannot be messaged: their reminders are off", "user", bot.LogID(m.UserID))
			}
		}
		return true
	case errors.As(err, &retry):
		wait := min(max(retry.After, time.Second), maxRetryAfter)
		scope := m.ChatID
		if retry.Global {
			scope = ""
		}
		s.o.Pacer.Pause(scope, wait)
		// A rate limit is not the message's fault: it uses up no attempt.
		s.retry(ctx, m, s.o.Now().Add(wait), m.Attempts, "rate limited")
		log.Info("rate limited: waiting", "retry_after", wait, "global", retry.Global)
		return false
	case errors.As(err, &temp) || errors.Is(err, context.DeadlineExceeded):
		if attempts >= maxAttempts {
			s.finish(ctx, m, StateFailed, "temporary failures: gave up")
			log.Warn("message failed after retries", "attempts", attempts, "err", err)
			return true
		}
		s.retry(ctx, m, s.o.Now().Add(backoff(attempts)), attempts, "temporary failure")
		log.Info("send failed: will retry", "attempt", attempts, "err", err)
		return false
	default:
		s.finish(ctx, m, StateFailed, "refused by the platform")
		log.Warn("message refused", "err", err)
		return true
	}
}

func (s *Sender) finish(ctx context.Context, m Message, state, note string) {
	if err := s.o.Store.FinishMessage(context.WithoutCancel(ctx), m.ID, state, note); err != nil {
		s.log.Error("record message outcome", "message", m.ID, "state", state, "err", err)
	}
	s.o.Done(m, state)
}

func (s *Sender) retry(ctx context.Context, m Message, at time.Time, attempts int, note string) {
	if err := s.o.Store.RetryMessage(context.WithoutCancel(ctx), m.ID, at, attempts, note); err != nil {
		s.log.Error("reschedule message", "message", m.ID, "err", err)
	}
}

// backoff is the wait before retry n: doubling from backoffBase, with up
// to half of it again as random jitter so retries do not arrive in step.
func backoff(n int) time.Duration {
	d := backoffBase << min(max(n-1, 0), 10)
	return d + time.Duration(rand.Int64N(int64(d/2)+1))
}
