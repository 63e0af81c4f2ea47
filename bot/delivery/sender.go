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
	// pieceTimeout bounds the sending of a message's later pieces, waits
	// and retries included, once its first piece is out (even at shutdown:
	// stopping half-way would send the first piece again after a restart).
	pieceTimeout = 2 * time.Minute
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
	// Pacer paces every request; nil makes one for Limits on Clock.
	Pacer  *Pacer
	Limits Limits
	// Clock is what the pacer and the retries wait on; default the real
	// one. Tests give a deliverytest.Clock.
	Clock Clock
	// Metrics counts each platform request's outcome and the waits for
	// the pacer; nil counts nothing.
	Metrics bot.Metrics
	Logger  *slog.Logger
	// Composer writes reminders; nil skips them.
	Composer Composer
	// OnBlocked turns off the reminders of a user who cannot be messaged.
	OnBlocked func(ctx context.Context, userID string) error
	// Done is told each message's outcome (for metrics), after all it
	// led to (a blocked chat's queue cancelled, its reminders off); nil:
	// nothing.
	Done func(m Message, state string)
	// Chats bounds the chats sent to at once; default DefaultChats.
	Chats int
	// Poll is how often the outbox is read without a wake-up; default 1 s.
	Poll time.Duration
	// Now is the time of retries and of what is due; default Clock.Now.
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
// order, chats side by side, every platform request paced. It is the one
// retry loop: a door makes one request and reports what went wrong, and
// the sender decides whether and when to try again.
type Sender struct {
	o      SenderOptions
	log    *slog.Logger
	wake   chan struct{}
	onLead []func(ctx context.Context)

	mu      sync.Mutex
	retries []time.Time // when messages put back to wait fall due
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
	if o.Clock == nil {
		o.Clock = SystemClock{}
	}
	if o.Now == nil {
		o.Now = o.Clock.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Metrics == nil {
		o.Metrics = bot.NopMetrics{}
	}
	if o.Pacer == nil {
		l, m, platform := o.Limits, o.Metrics, o.Platform
		if l.OnWait == nil {
			l.OnWait = func(d time.Duration) { m.Waited(platform, d) }
		}
		o.Pacer = NewPacer(l, o.Clock)
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
			if err := s.o.Clock.Sleep(ctx, 5*time.Second); err != nil {
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
		if s.o.Clock.Sleep(lead, handover) == nil {
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
		case <-s.nextRetry():
		}
		mu.Lock()
		clear(finished)
		mu.Unlock()
		// a throttle of reads, not a wait for the platform: real time
		if err := Sleep(ctx, minRead-time.Since(lastRead)); err != nil {
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
	pieces := []Message{m}
	if sp, ok := s.o.Door.(Splitter); ok {
		var err error
		if pieces, err = sp.Split(m); err != nil {
			s.finish(ctx, m, StateFailed, "could not be rendered")
			log.Warn("message could not be rendered", "err", err)
			return true
		}
	}
	for k, piece := range pieces {
		if k == 0 {
			if err := s.o.Pacer.Wait(ctx, m.ChatID); err != nil || ctx.Err() != nil {
				return false // shutting down: it stays and goes after the restart
			}
			if err := s.request(ctx, piece); err != nil {
				return s.settle(ctx, m, err)
			}
			continue
		}
		// The first piece is out: the rest are sent now, retried here if
		// need be, since putting the message back would repeat the first.
		if err := s.rest(ctx, piece); err != nil {
			if errors.Is(err, bot.ErrBlocked) {
				return s.settle(ctx, m, err)
			}
			s.finish(ctx, m, StateFailed, "sent in part")
			log.Warn("message sent in part: a later piece failed", "piece", k, "of", len(pieces), "err", err)
			return true
		}
	}
	s.finish(ctx, m, StateSent, "")
	return true
}

// request makes one platform request for a piece of a message.
func (s *Sender) request(ctx context.Context, piece Message) error {
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	err := s.o.Door.Deliver(sendCtx, piece)
	s.o.Metrics.Sent(s.o.Platform, err)
	return err
}

// rest sends a later piece of a message, waiting out rate limits and
// retrying temporary failures a bounded number of times, within
// pieceTimeout. It returns the error that made it give up.
func (s *Sender) rest(ctx context.Context, piece Message) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), pieceTimeout)
	defer cancel()
	for attempts := 1; ; {
		if err := s.o.Pacer.Wait(ctx, piece.ChatID); err != nil {
			return &bot.TemporaryError{Err: err}
		}
		err := s.request(ctx, piece)
		if err == nil {
			return nil
		}
		wait, temporary, global := retryWait(err, attempts)
		if wait <= 0 || (temporary && attempts >= maxAttempts) {
			return err
		}
		if temporary {
			attempts++
			if err := s.o.Clock.Sleep(ctx, wait); err != nil {
				return &bot.TemporaryError{Err: err}
			}
			continue
		}
		s.pause(piece.ChatID, global, wait) // the next Wait waits it out
	}
}

// retryWait says how long to wait before trying a failed request again:
// a rate limit's own wait (not temporary: it uses up no attempt), or a
// backoff after a temporary failure's attempt; 0 means never.
func retryWait(err error, attempt int) (wait time.Duration, temporary, global bool) {
	var (
		retry *bot.RetryAfterError
		temp  *bot.TemporaryError
	)
	switch {
	case errors.Is(err, bot.ErrBlocked):
		return 0, false, false
	case errors.As(err, &retry):
		return min(max(retry.After, time.Second), maxRetryAfter), false, retry.Global
	case errors.As(err, &temp) || errors.Is(err, context.DeadlineExceeded):
		return backoff(attempt), true, false
	}
	return 0, false, false
}

// pause holds back the chat's requests, or every request when global.
func (s *Sender) pause(chatID string, global bool, d time.Duration) {
	if global {
		chatID = ""
	}
	s.o.Pacer.Pause(chatID, d)
}

// settle records what a failed send means for the message: put back to
// wait (rate limited, or a temporary failure with attempts left), or
// given up (the recipient cannot be messaged, refused, out of attempts).
// It reports whether the message left the outbox's head.
func (s *Sender) settle(ctx context.Context, m Message, err error) bool {
	ctx = context.WithoutCancel(ctx) // what was sent is recorded, even at shutdown
	log := s.log.With("message", m.ID, "kind", m.Kind)
	attempts := m.Attempts + 1
	wait, temporary, global := retryWait(err, attempts)
	switch {
	case errors.Is(err, bot.ErrBlocked):
		// Done hears of it last, once the chat's queue is cancelled and
		// the reminders are off.
		s.record(ctx, m, StateFailed, "recipient cannot be messaged")
		defer s.o.Done(m, StateFailed)
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
	case wait > 0 && !temporary:
		s.pause(m.ChatID, global, wait)
		// A rate limit is not the message's fault: it uses up no attempt.
		s.retry(ctx, m, s.o.Now().Add(wait), m.Attempts, "rate limited")
		log.Info("rate limited: waiting", "retry_after", wait, "global", global)
		return false
	case temporary && attempts < maxAttempts:
		s.retry(ctx, m, s.o.Now().Add(wait), attempts, "temporary failure")
		log.Info("send failed: will retry", "attempt", attempts, "err", err)
		return false
	case temporary:
		s.finish(ctx, m, StateFailed, "temporary failures: gave up")
		log.Warn("message failed after retries", "attempts", attempts, "err", err)
		return true
	case errors.Is(err, bot.ErrTooLarge):
		s.finish(ctx, m, StateFailed, "too large for the platform")
		log.Warn("message too large for the platform", "err", err)
		return true
	default:
		s.finish(ctx, m, StateFailed, "refused by the platform")
		log.Warn("message refused", "err", err)
		return true
	}
}

// finish records a message's outcome and tells Done.
func (s *Sender) finish(ctx context.Context, m Message, state, note string) {
	s.record(ctx, m, state, note)
	s.o.Done(m, state)
}

// record stores a message's outcome.
func (s *Sender) record(ctx context.Context, m Message, state, note string) {
	if err := s.o.Store.FinishMessage(context.WithoutCancel(ctx), m.ID, state, note); err != nil {
		s.log.Error("record message outcome", "message", m.ID, "state", state, "err", err)
	}
}

func (s *Sender) retry(ctx context.Context, m Message, at time.Time, attempts int, note string) {
	if err := s.o.Store.RetryMessage(context.WithoutCancel(ctx), m.ID, at, attempts, note); err != nil {
		s.log.Error("reschedule message", "message", m.ID, "err", err)
		return
	}
	s.mu.Lock()
	s.retries = append(s.retries, at)
	s.mu.Unlock()
}

// nextRetry fires when the earliest message put back to wait falls due
// (on the Clock, so a fake clock gets there at once); nil when none is
// waiting. Run reads the outbox then, rather than at its next poll.
func (s *Sender) nextRetry() <-chan time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.o.Now()
	var next time.Time
	kept := s.retries[:0]
	for _, at := range s.retries {
		if at.After(now) {
			kept = append(kept, at)
			if next.IsZero() || at.Before(next) {
				next = at
			}
		}
	}
	s.retries = kept
	if next.IsZero() {
		return nil
	}
	return s.o.Clock.After(next.Sub(now))
}

// backoff is the wait before retry n: doubling from backoffBase, with up
// to half of it again as random jitter so retries do not arrive in step.
func backoff(n int) time.Duration {
	d := backoffBase << min(max(n-1, 0), 10)
	return d + time.Duration(rand.Int64N(int64(d/2)+1))
}
