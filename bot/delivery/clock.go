package delivery

import (
	"context"
	"time"
)

// Clock is the time the pacer and the sender read and wait on. Tests give
// them a fake one (deliverytest.Clock), so that a minute of rate limits
// and retry-afters passes without a real second of waiting.
type Clock interface {
	Now() time.Time
	// Sleep waits d, or until ctx ends (then it returns ctx's error).
	Sleep(ctx context.Context, d time.Duration) error
	// After returns a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// Sleep waits d on a timer, or until ctx ends.
func (SystemClock) Sleep(ctx context.Context, d time.Duration) error { return Sleep(ctx, d) }

// After is time.After.
func (SystemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Sleep waits d in real time, or until ctx ends (then it returns ctx's
// error); a d of zero or less returns at once.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
