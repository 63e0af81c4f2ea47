// Package delivery is the one pipeline every message travels: updates are
// stored before the platform is told they arrived (intake), handled in one
// transaction that also queues the replies and marks the update done, and
// the queued messages (replies and reminders alike) leave through one
// sender that drains each chat in order, paced to the platform's limits.
//
// What a crash can do, and nothing more: an update that was stored is
// handled after the restart, exactly once (its changes, its replies and its
// done mark commit together); a message is deleted from the outbox only
// after the platform accepted it, so the one send per chat that was on the
// wire at the crash may go out twice.
package delivery

import (
	"context"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// KindReply is the Kind of an outbox message that answers an update;
// reminders use their own kind names.
const KindReply = "reply"

// Update is one update received from a platform, stored until handled.
type Update struct {
	ID      int64  // the platform's update id, unique per platform
	ChatKey string // updates with the same key are handled in order
	Payload []byte // the raw update; dropped once handled
}

// Message is one outgoing message waiting in the outbox.
type Message struct {
	ID       int64
	Platform string
	ChatID   string // where it goes; also the key of its ordering and pacing
	// UserID is whose reminder this is ("" for replies): when the platform
	// says they blocked the bot, their reminders are turned off.
	UserID     string
	Kind       string // KindReply or a reminder kind
	ReminderID int64  // the reminder that queued it; 0 for replies
	DueAt      time.Time
	// Reply is the message; nil for a reminder, which is composed when it
	// is sent so that it shows the state of that moment.
	Reply *bot.Response
	// Meta is the front door's own addressing, such as the Discord
	// interaction a reply completes.
	Meta []byte
	// Part is the reply's place among the replies to its update (0 for
	// the first), for a door that completes an acknowledged update with
	// the first and follows up with the rest.
	Part     int
	Attempts int
	// Piece is which of the pieces a Splitter cut the message into this
	// is (0 for the first); it is never stored.
	Piece int
}

// Store keeps the inbox and the outbox.
type Store interface {
	// Atomic runs fn in one transaction; store calls made with the context
	// fn receives take part in it.
	Atomic(ctx context.Context, fn func(ctx context.Context) error) error

	// AcceptUpdates stores the updates not seen before. When a chat already
	// has perChat updates waiting (0: no limit), a new one is remembered
	// (so it is never handled) but dropped, and its chat is in flooded.
	AcceptUpdates(ctx context.Context, platform string, us []Update, perChat int) (fresh int, flooded []string, err error)
	// ClaimUpdates leases up to limit updates until the lease ends: the
	// oldest waiting update of each chat whose oldest is not leased already,
	// oldest first, so every chat gets its turn.
	ClaimUpdates(ctx context.Context, platform string, lease time.Duration, limit int) ([]Update, error)
	// ReleaseUpdates ends every lease of the platform (at start, when this
	// process is the only one).
	ReleaseUpdates(ctx context.Context, platform string) error
	// FinishUpdate marks an update handled and keeps only what duplicate
	// detection needs (platform and id).
	FinishUpdate(ctx context.Context, platform string, id int64) error
	// PruneUpdates forgets handled updates received before the time.
	PruneUpdates(ctx context.Context, before time.Time) error

	// Enqueue adds messages to the outbox, in order.
	Enqueue(ctx context.Context, ms []Message) error
	// OutboxHeads returns, oldest first, the first waiting message of up to
	// limit chats of the platform, where that message may be sent at now.
	OutboxHeads(ctx context.Context, platform string, now time.Time, limit int) ([]Message, error)
	// FinishMessage records a message's outcome ("sent", "failed",
	// "skipped", "cancelled") with a short fixed note (never an error's
	// text); replies are deleted, reminders keep a row without content.
	FinishMessage(ctx context.Context, id int64, state, note string) error
	// RetryMessage puts a message back to wait until at.
	RetryMessage(ctx context.Context, id int64, at time.Time, attempts int, note string) error
	// CancelChat cancels every waiting message to a chat (the recipient
	// blocked the bot).
	CancelChat(ctx context.Context, platform, chatID string) error
}

// Door is a front door as the pipeline sees it: it converts updates in and
// makes platform requests out. It neither paces nor retries; the Sender
// does both, once, for every door.
type Door interface {
	// Open turns a stored update into what the core should handle. It may
	// make the platform's immediate acknowledgements (a button press
	// answered), which are harmless to repeat.
	Open(ctx context.Context, u Update) (In, error)
	// Deliver makes exactly one platform request for m (for a Splitter,
	// for the piece m.Piece of it) and reports how it went, with a typed
	// error the sender acts on: bot.ErrBlocked (forbidden: the recipient
	// cannot be messaged), *bot.RetryAfterError (rate limited, with the
	// platform's wait), *bot.TemporaryError (a network or server error
	// worth trying again), bot.ErrTooLarge (refused for its size); the
	// last and anything else are permanent.
	Deliver(ctx context.Context, m Message) error
}

// Splitter is a Door whose platform needs several requests for some
// messages: a text longer than one message holds, a text with an image
// and a file. Split returns the pieces in the order they go, each a copy
// of m with Piece set (and whatever else the door needs to address it),
// each one request for Deliver. The sender paces each piece; once the
// first is out, it retries the others in place (a rate limit waited out,
// a temporary failure up to five attempts) and records the message as
// failed if one still fails: the first piece never goes twice. A Door
// that is not a Splitter sends a message with one request.
type Splitter interface {
	Split(m Message) ([]Message, error)
}

// In is an opened update.
type In struct {
	// Req is the request for the core; nil when there is nothing to handle.
	Req *bot.Request
	// Replies, when set, answer the update without the core (an update the
	// bot cannot read, say).
	Replies []bot.Response
	// Before are messages that go out before the replies (marking a
	// pressed button as chosen).
	Before []Message
	// Blocked is the user who blocked the bot with this update.
	Blocked string
	// Meta is attached to the replies that go to the update's own chat.
	Meta []byte
	// Fallback is sent when the core has no reply, for a platform that
	// waits for one (a deferred Discord interaction).
	Fallback *bot.Response
}

// Server is a bot.Handler (the core: one request in, the replies out) that
// also says when its replies are an apology for
// an internal error (*bot.Bot is one): the intake then rolls back what the
// handler changed and sends only the apology.
type Server interface {
	Serve(ctx context.Context, req *bot.Request) (out []bot.Response, failed bool)
}
