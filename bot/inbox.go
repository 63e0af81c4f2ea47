package bot

import (
	"context"
	"time"
)

// InboxItem is one update received from a platform, kept until handled.
type InboxItem struct {
	ID      int64  // the platform's update id, unique per platform
	ChatKey string // updates with the same key are handled in order
	Payload []byte // the raw update; dropped once handled
}

// InboxStore keeps received updates durably, so a platform's updates can
// be confirmed as soon as they are stored: a restart then neither loses an
// update (it is still pending here) nor handles one twice (its id is
// remembered).
type InboxStore interface {
	// AcceptInbox stores the items not seen before and returns how many
	// were new.
	AcceptInbox(ctx context.Context, platform string, items []InboxItem) (int, error)
	// PendingInbox returns items not yet started, oldest first.
	PendingInbox(ctx context.Context, platform string, limit int) ([]InboxItem, error)
	// StartInbox marks an item as being handled; false when it is not
	// pending any more.
	StartInbox(ctx context.Context, platform string, id int64) (bool, error)
	// FinishInbox marks an item handled and drops its payload.
	FinishInbox(ctx context.Context, platform string, id int64) error
	// RecoverInbox marks items left started by a crash as unknown (they
	// may have been partly handled; they are not handled again) and
	// returns them.
	RecoverInbox(ctx context.Context, platform string) ([]InboxItem, error)
	// PruneInbox forgets finished items received before the time.
	PruneInbox(ctx context.Context, platform string, before time.Time) error
}
