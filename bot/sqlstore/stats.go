package sqlstore

import (
	"context"
	"fmt"
)

// Stats are the database's headline numbers.
type Stats struct {
	Users, Consented, Nights, WaterDays, Checklists int
	RemindersOn, DeliveriesPending, InboxPending    int
	SchemaVersion                                   int
	SizeBytes                                       int64
}

// Stats counts the database's contents in one snapshot.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.snapshot(ctx, func(r Q) error {
		for _, c := range []struct {
			dst   *int
			query string
		}{
			{&st.Users, `SELECT COUNT(*) FROM users`},
			{&st.Consented, `SELECT COUNT(*) FROM users WHERE consent_at IS NOT NULL`},
			{&st.Nights, `SELECT COUNT(*) FROM nights`},
			{&st.WaterDays, `SELECT COUNT(*) FROM water`},
			{&st.Checklists, `SELECT COUNT(*) FROM checklist_results`},
			{&st.RemindersOn, `SELECT COUNT(*) FROM reminders WHERE enabled = TRUE AND one_off = FALSE`},
			{&st.DeliveriesPending, `SELECT COUNT(*) FROM outbox WHERE state = 'pending'`},
			{&st.InboxPending, `SELECT COUNT(*) FROM inbox WHERE state = 'pending'`},
			{&st.SchemaVersion, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`},
		} {
			if err := r.QueryRow(ctx, c.query).Scan(c.dst); err != nil {
				return err
			}
		}
		if s.cfg.Size != nil {
			var err error
			st.SizeBytes, err = s.cfg.Size(ctx, r.on)
			return err
		}
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}
