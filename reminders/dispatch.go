package reminders

import (
	"context"
	"errors"
	"hash/fnv"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/pace"
)

// Dispatcher tuning.
const (
	pollEvery   = time.Second
	fetchBatch  = 200
	sendTimeout = 30 * time.Second
	// maxAttempts bounds retries of temporary failures.
	maxAttempts = 5
	// backoffBase is the wait before the first retry; it doubles each time.
	backoffBase = 2 * time.Second
	// maxRetryAfter bounds a platform's retry-after we honour per attempt.
	maxRetryAfter = 10 * time.Minute
)

// Dispatcher sends one platform's pending deliveries through its Sender,
// paced to the platform's limits.
type Dispatcher struct {
	svc      *Service
	platform string
	sender   bot.Sender
	pacer    *pace.Pacer
	workers  int
	wake     chan struct{}
}

// Dispatcher returns a dispatcher for a platform. workers is how many
// sends may be in flight at once (the pacer still holds the rate).
func (s *Service) Dispatcher(platform string, sender bot.Sender, pacer *pace.Pacer, workers int) *Dispatcher {
	if workers < 1 {
		workers = 1
	}
	d := &Dispatcher{svc: s, platform: platform, sender: sender, pacer: pacer, workers: workers, wake: make(chan struct{}, 1)}
	s.mu.Lock()
	s.wakers = append(s.wakers, d.wake)
	s.mu.Unlock()
	return d
}

// Recover marks deliveries left in flight by a crash as unknown: each may
// or may not have arrived, and is never sent again. Call it once at start,
// before any dispatcher runs.
func (s *Service) Recover(ctx context.Context) error {
	lost, err := s.store.RecoverInFlight(ctx)
	if err != nil {
		return err
	}
	for _, d := range lost {
		s.log.Warn("reminder was being sent at a crash: outcome unknown, not resent",
			"delivery", d.ID, "kind", d.Kind, "user", bot.LogID(d.UserID), "due", d.DueAt)
	}
	return nil
}

// Run sends deliveries until ctx ends; it then finishes the sends in
// flight and returns. Deliveries queued but not started stay pending.
func (d *Dispatcher) Run(ctx context.Context) error {
	var (
		mu       sync.Mutex
		inFlight = map[int64]bool{}
	)
	pool := d.startWorkers(ctx, fetchBatch, func(del Delivery) {
		mu.Lock()
		delete(inFlight, del.ID)
		mu.Unlock()
	})
	defer pool.close()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-d.wake:
		case <-timer.C:
		}
		ready, err := d.svc.store.PendingDeliveries(ctx, d.platform, d.svc.now(), fetchBatch)
		if err != nil && ctx.Err() == nil {
			d.svc.log.Error("read pending deliveries", "platform", d.platform, "err", err)
		}
		for _, del := range ready {
			mu.Lock()
			busy := inFlight[del.ID]
			inFlight[del.ID] = true
			mu.Unlock()
			if busy {
				continue
			}
			select {
			case pool.queue(del.ChatID) <- del:
			case <-ctx.Done():
				return nil
			}
		}
		timer.Reset(pollEvery)
	}
}

// RunOnce sends every delivery that is ready now, with the dispatcher's
// workers, and returns how many it handled. Run does the same in a loop;
// RunOnce is for tests and one-off tools.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	ready, err := d.svc.store.PendingDeliveries(ctx, d.platform, d.svc.now(), fetchBatch)
	if err != nil {
		return 0, err
	}
	pool := d.startWorkers(ctx, 0, nil)
	for _, del := range ready {
		pool.queue(del.ChatID) <- del
	}
	pool.close()
	return len(ready), nil
}

// workerPool is the dispatcher's workers, each with its own queue.
// Deliveries to one chat always go to the same worker, so they go out one
// at a time and in order, and what the first one finds out (the user
// blocked the bot) is known before the next is sent: it is skipped.
type workerPool struct {
	queues []chan Delivery
	wg     sync.WaitGroup
}

// startWorkers starts the workers; each queue holds up to buffer
// deliveries, and done, if set, is called after each one.
func (d *Dispatcher) startWorkers(ctx context.Context, buffer int, done func(Delivery)) *workerPool {
	p := &workerPool{queues: make([]chan Delivery, d.workers)}
	for i := range p.queues {
		q := make(chan Delivery, buffer)
		p.queues[i] = q
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for del := range q {
				if ctx.Err() == nil { // after shutdown, queued ones stay pending
					d.deliver(ctx, del)
				}
				if done != nil {
					done(del)
				}
			}
		}()
	}
	return p
}

// queue is the queue of the worker that serves a chat.
func (p *workerPool) queue(chatID string) chan<- Delivery {
	h := fnv.New32a()
	h.Write([]byte(chatID))
	return p.queues[h.Sum32()%uint32(len(p.queues))]
}

// close lets the workers finish what they hold and waits for them.
func (p *workerPool) close() {
	for _, q := range p.queues {
		close(q)
	}
	p.wg.Wait()
}

// deliver sends one delivery and records what happened.
func (d *Dispatcher) deliver(ctx context.Context, del Delivery) {
	s := d.svc
	log := s.log.With("delivery", del.ID, "kind", del.Kind, "user", bot.LogID(del.UserID))
	u, err := s.store.User(ctx, del.UserID)
	if err != nil {
		if errors.Is(err, bot.ErrNotFound) {
			d.finish(ctx, del, StateCancelled, "user is gone")
		} else if ctx.Err() == nil {
			log.Error("load user for delivery", "err", err)
		}
		return
	}
	if note := s.stale(ctx, del, u); note != "" {
		d.finish(ctx, del, StateSkipped, note)
		log.Debug("delivery skipped", "why", note)
		return
	}
	resp := s.compose(ctx, del, u)
	if err := d.pacer.Wait(ctx, del.ChatID); err != nil || ctx.Err() != nil {
		return // shutting down: it stays pending and goes after restart
	}
	if err := s.store.MarkSending(ctx, del.ID); err != nil {
		if !errors.Is(err, bot.ErrNotFound) && ctx.Err() == nil {
			log.Error("mark sending", "err", err)
		}
		return
	}
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	err = d.sender.Send(sendCtx, del.ChatID, resp)
	cancel()
	attempts := del.Attempts + 1
	var retry *bot.RetryAfterError
	var temp *bot.TemporaryError
	switch {
	case err == nil:
		d.finish(ctx, del, StateSent, "")
	case errors.Is(err, bot.ErrBlocked):
		d.finish(ctx, del, StateFailed, "recipient cannot be messaged")
		stopped, serr := s.store.StopUser(context.WithoutCancel(ctx), del.UserID)
		if serr != nil {
			log.Error("turn off reminders of a blocked user", "err", serr)
		} else if stopped {
			log.Info("recipient blocked the bot or cannot be messaged: all their reminders are off")
		}
	case errors.As(err, &retry):
		wait := min(max(retry.After, time.Second), maxRetryAfter)
		scope := del.ChatID
		if retry.Global {
			scope = ""
		}
		d.pacer.Pause(scope, wait)
		// A rate limit is not the delivery's fault: it does not use up an attempt.
		d.retry(ctx, del, s.now().Add(wait), attempts-1, err.Error())
		log.Info("rate limited: waiting", "retry_after", wait, "global", retry.Global)
	case errors.As(err, &temp) || errors.Is(err, context.DeadlineExceeded):
		if attempts >= maxAttempts {
			d.finish(ctx, del, StateFailed, err.Error())
			log.Warn("delivery failed after retries", "attempts", attempts, "err", err)
			return
		}
		d.retry(ctx, del, s.now().Add(backoff(attempts)), attempts, err.Error())
		log.Info("delivery failed: will retry", "attempt", attempts, "err", err)
	default:
		d.finish(ctx, del, StateFailed, err.Error())
		log.Warn("delivery failed", "err", err)
	}
}

// stale says why a delivery should no longer go out: too late for its
// kind, inside quiet hours now, paused, or turned off since it was queued.
// It returns "" when it should go.
func (s *Service) stale(ctx context.Context, del Delivery, u bot.User) string {
	now := s.now()
	grace := del.Kind.Grace()
	if del.ReminderID != 0 {
		if rs, err := s.store.Reminders(ctx, del.UserID); err == nil {
			found, enabled := false, false
			for _, r := range rs {
				if r.ID == del.ReminderID {
					found, enabled = true, r.Enabled || r.OneOff
					if r.OneOff {
						grace = snoozeGrace
					}
				}
			}
			if found && !enabled {
				return "turned off"
			}
			if !found { // a claimed snooze: its row is gone
				if kindOff(rs, del.Kind) {
					return "turned off"
				}
				grace = max(grace, snoozeGrace)
			}
		}
	}
	switch {
	case now.Sub(del.DueAt) > grace:
		return "too late to be useful"
	case inQuiet(u, now):
		return "quiet hours"
	case paused(u, now):
		return "paused"
	}
	return ""
}

// kindOff reports whether the user's recurring reminder of a kind is off.
func kindOff(rs []Reminder, k Kind) bool {
	for _, r := range rs {
		if !r.OneOff && r.Kind == k {
			return !r.Enabled
		}
	}
	return false
}

func (d *Dispatcher) finish(ctx context.Context, del Delivery, st State, note string) {
	if err := d.svc.store.FinishDelivery(context.WithoutCancel(ctx), del.ID, st, note); err != nil {
		d.svc.log.Error("record delivery outcome", "delivery", del.ID, "state", st, "err", err)
	}
	d.svc.metrics.Delivered(d.platform, del.Kind, st, d.svc.now().Sub(del.DueAt))
}

func (d *Dispatcher) retry(ctx context.Context, del Delivery, at time.Time, attempts int, note string) {
	if err := d.svc.store.RetryDelivery(context.WithoutCancel(ctx), del.ID, at, attempts, note); err != nil {
		d.svc.log.Error("reschedule delivery", "delivery", del.ID, "err", err)
	}
}

// backoff is the wait before retry n: doubling from backoffBase, with up
// to half of it again as random jitter so retries do not arrive in step.
func backoff(n int) time.Duration {
	d := backoffBase << min(n-1, 10)
	return d + time.Duration(rand.Int64N(int64(d/2)+1))
}
