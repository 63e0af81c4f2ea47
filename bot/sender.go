package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Sender delivers a message that is not a direct reply, such as a
// reminder, to a chat. Each front door implements it.
type Sender interface {
	Send(ctx context.Context, chatID string, r Response) error
}

// ErrBlocked means the recipient cannot be messaged any more: they blocked
// the bot (Telegram 403) or do not accept messages from it (Discord
// 50007). Retrying is pointless.
var ErrBlocked = errors.New("recipient blocked the bot or cannot be messaged")

// ErrTooLarge means the platform refused a message as too large (an
// upload over its limit, a text or caption too long). Retrying the same
// message is pointless.
var ErrTooLarge = errors.New("message too large for the platform")

// RetryAfterError means the platform asked to wait before sending again.
type RetryAfterError struct {
	After time.Duration
	// Global is true when the limit is for the whole bot, false when it is
	// for this one chat.
	Global bool
}

func (e *RetryAfterError) Error() string {
	scope := "this chat"
	if e.Global {
		scope = "the whole bot"
	}
	return fmt.Sprintf("rate limited for %s: retry after %s", scope, e.After)
}

// TemporaryError wraps a failure worth retrying later: a network error or
// a server error of the platform.
type TemporaryError struct{ Err error }

func (e *TemporaryError) Error() string { return "temporary: " + e.Err.Error() }
func (e *TemporaryError) Unwrap() error { return e.Err }
