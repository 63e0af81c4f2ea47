package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/reminders"
)

// ErrNotImplemented is returned by the inbox and the delivery (outbox)
// methods, which wait for the transactional-outbox pipeline that replaces
// them in both stores.
var ErrNotImplemented = errors.New("postgres: not yet implemented")

// TODO(issue 16): the delivery methods below are stubs until the
// transactional-outbox pipeline replaces them (in bot/sqlite as well);
// ClaimDue already writes the outbox rows they would read.

// PendingDeliveries is not implemented yet (see ErrNotImplemented).
func (s *Store) PendingDeliveries(ctx context.Context, platform string, now time.Time, limit int) ([]reminders.Delivery, error) {
	return nil, ErrNotImplemented
}

// MarkSending is not implemented yet (see ErrNotImplemented).
func (s *Store) MarkSending(ctx context.Context, id int64) error { return ErrNotImplemented }

// FinishDelivery is not implemented yet (see ErrNotImplemented).
func (s *Store) FinishDelivery(ctx context.Context, id int64, state reminders.State, note string) error {
	return ErrNotImplemented
}

// RetryDelivery is not implemented yet (see ErrNotImplemented).
func (s *Store) RetryDelivery(ctx context.Context, id int64, at time.Time, attempts int, note string) error {
	return ErrNotImplemented
}

// RecoverInFlight is not implemented yet (see ErrNotImplemented).
func (s *Store) RecoverInFlight(ctx context.Context) ([]reminders.Delivery, error) {
	return nil, ErrNotImplemented
}

// PruneDeliveries is not implemented yet (see ErrNotImplemented).
func (s *Store) PruneDeliveries(ctx context.Context, before time.Time) (int64, error) {
	return 0, ErrNotImplemented
}

// DeliveriesInState is not implemented yet (see ErrNotImplemented).
func (s *Store) DeliveriesInState(ctx context.Context, st reminders.State) ([]reminders.Delivery, error) {
	return nil, ErrNotImplemented
}

// TODO(issue 16): the inbox is replaced by the pipeline's durable intake;
// these stubs keep the Store satisfying bot.InboxStore meanwhile.

var _ bot.InboxStore = (*Store)(nil)

// AcceptInbox is not implemented yet (see ErrNotImplemented).
func (s *Store) AcceptInbox(ctx context.Context, platform string, items []bot.InboxItem) (int, error) {
	return 0, ErrNotImplemented
}

// PendingInbox is not implemented yet (see ErrNotImplemented).
func (s *Store) PendingInbox(ctx context.Context, platform string, limit int) ([]bot.InboxItem, error) {
	return nil, ErrNotImplemented
}

// StartInbox is not implemented yet (see ErrNotImplemented).
func (s *Store) StartInbox(ctx context.Context, platform string, id int64) (bool, error) {
	return false, ErrNotImplemented
}

// FinishInbox is not implemented yet (see ErrNotImplemented).
func (s *Store) FinishInbox(ctx context.Context, platform string, id int64) error {
	return ErrNotImplemented
}

// RecoverInbox is not implemented yet (see ErrNotImplemented).
func (s *Store) RecoverInbox(ctx context.Context, platform string) ([]bot.InboxItem, error) {
	return nil, ErrNotImplemented
}

// PruneInbox is not implemented yet (see ErrNotImplemented).
func (s *Store) PruneInbox(ctx context.Context, platform string, before time.Time) error {
	return ErrNotImplemented
}
