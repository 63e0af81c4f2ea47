// Package deliverytest helps test code that runs the delivery pipeline:
// a clock whose waits take no real time.
package deliverytest

import (
	"context"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
)

var _ delivery.Clock = (*Clock)(nil)

// Clock is a delivery.Clock that never sleeps for real: it runs with the
// real clock, plus every wait anyone asked of it. Sleep(d) moves its time
// d ahead and returns at once, so a pacer's one message a second or a
// platform's retry-after of ten seconds is honoured in the clock's time
// (what the pacer and the sender read) while the test runs at full speed.
// Waits that overlap in real life add up here: the clock may run ahead of
// what a real run would show, never behind, so limits still hold in its
// time. It is safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
}

// NewClock returns a Clock that starts at the real time.
func NewClock() *Clock { return &Clock{} }

// Now is the real time plus every wait so far.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// Advance moves the clock d ahead.
func (c *Clock) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}

// Sleep moves the clock d ahead and returns at once (ctx's error if it
// has ended).
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	return nil
}

// After moves the clock d ahead and returns a channel that is ready.
func (c *Clock) After(d time.Duration) <-chan time.Time {
	c.Advance(d)
	ch := make(chan time.Time, 1)
	ch <- c.Now()
	return ch
}

// Waited is how far the clock has run ahead of the real time: the sum of
// every wait.
func (c *Clock) Waited() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}
