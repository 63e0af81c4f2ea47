package reminders

import (
	"context"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
)

// Reminder is one reminder row: a recurring reminder of a kind, or a
// one-off (a snooze).
type Reminder struct {
	ID     int64
	UserID string
	Kind   Kind
	// Spec is a five-field cron spec in the user's zone; "" for one-offs.
	Spec string
	// Mode says where Spec comes from: ModeAuto (the user's day), ModeEvery
	// (water every N hours over the user's day) or ModeCustom (the user's
	// own time or spec). Auto and every specs move with bedtime and wake.
	Mode       Mode
	EveryHours int
	Enabled    bool
	OneOff     bool
	// NextDue is the next time it fires; zero when it is off or paused.
	NextDue time.Time
}

// Mode is where a reminder's schedule comes from.
type Mode string

// Reminder modes.
const (
	ModeAuto   Mode = "auto"
	ModeEvery  Mode = "every"
	ModeCustom Mode = "custom"
)

// Due is a reminder whose time has come, with its user. Only the user's
// fields that scheduling needs are filled in: ID, platform, chat, time
// zone, bedtime, wake time and quiet hours.
type Due struct {
	Reminder Reminder
	User     bot.User
}

// Decision is what the tick does with a due reminder.
type Decision struct {
	// Deliver, when not zero, is the occurrence to send (an outbox row).
	Deliver time.Time
	// Next is the reminder's new next due time; zero removes a one-off and
	// unschedules a recurring reminder.
	Next time.Time
}

// State is where a delivery is.
type State string

// Delivery states. A delivery waits "pending" in the pipeline's outbox
// until it is sent, skipped, cancelled or given up ("failed"). "sending"
// and "unknown" are only found in databases from before the pipeline.
const (
	StatePending   State = "pending"
	StateSending   State = "sending"
	StateSent      State = "sent"
	StateFailed    State = "failed"
	StateSkipped   State = "skipped"
	StateUnknown   State = "unknown"
	StateCancelled State = "cancelled"
)

// Delivery is one outbox row: one occurrence of one reminder to send.
type Delivery struct {
	ID         int64
	ReminderID int64
	UserID     string
	Kind       Kind
	Platform   string
	ChatID     string
	DueAt      time.Time
	State      State
	Attempts   int
}

// Store is what reminders keep in the database.
type Store interface {
	bot.UserStore
	// The pipeline's inbox and outbox, which reminders are queued into.
	delivery.Store

	// Reminders returns the user's reminders, recurring ones first.
	Reminders(ctx context.Context, userID string) ([]Reminder, error)
	// UpdateReminders loads the user and their reminders in one write
	// transaction and saves what fn returns: rows with an ID are updated,
	// rows without are inserted, and rows fn leaves out are kept.
	UpdateReminders(ctx context.Context, userID string, fn func(u *bot.User, rs []Reminder) ([]Reminder, error)) error
	// DeleteReminder removes one reminder row of the user.
	DeleteReminder(ctx context.Context, userID string, id int64) error

	// ClaimDue takes up to limit reminders due at now, asks decide what to
	// do with each, and applies the decisions (advance, remove, write the
	// outbox row) in one transaction. It returns how many it claimed.
	ClaimDue(ctx context.Context, now time.Time, limit int, decide func(Due) Decision) (int, error)
	// PausedUntil returns up to limit users whose pause has ended by now.
	PauseEnded(ctx context.Context, now time.Time, limit int) ([]string, error)

	// StopUser turns all the user's reminders off and cancels their
	// pending deliveries; it reports whether anything was still on.
	StopUser(ctx context.Context, userID string) (bool, error)
	// PruneDeliveries deletes finished deliveries older than before.
	PruneDeliveries(ctx context.Context, before time.Time) (int64, error)
}
