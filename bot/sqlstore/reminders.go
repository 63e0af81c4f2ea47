package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/reminders"
)

const reminderColumns = `id, user_id, kind, spec, mode, every_hours, enabled, one_off, next_due`

func scanReminder(row Scanner) (reminders.Reminder, error) {
	var (
		r          reminders.Reminder
		kind, mode string
		nextDue    sql.NullInt64
	)
	if err := row.Scan(&r.ID, &r.UserID, &kind, &r.Spec, &mode, &r.EveryHours, &r.Enabled, &r.OneOff, &nextDue); err != nil {
		return reminders.Reminder{}, err
	}
	r.Kind, r.Mode = reminders.Kind(kind), reminders.Mode(mode)
	if nextDue.Valid {
		r.NextDue = unix(nextDue.Int64)
	}
	return r, nil
}

// Reminders returns the user's reminders, recurring ones first.
func (s *Store) Reminders(ctx context.Context, userID string) ([]reminders.Reminder, error) {
	return reminderList(ctx, s.read(ctx), userID)
}

func reminderList(ctx context.Context, r Q, userID string) ([]reminders.Reminder, error) {
	return collect(ctx, r, "reminders", scanReminder,
		`SELECT `+reminderColumns+` FROM reminders WHERE user_id = ? ORDER BY one_off, id`, userID)
}

// UpdateReminders changes a user and their reminders in one transaction,
// holding the user's row (where the engine locks rows) throughout.
func (s *Store) UpdateReminders(ctx context.Context, userID string, fn func(*bot.User, []reminders.Reminder) ([]reminders.Reminder, error)) error {
	return s.write(ctx, func(w Q) error {
		u, err := s.lockUser(ctx, w, userID)
		if err != nil {
			return err
		}
		rs, err := reminderList(ctx, w, userID)
		if err != nil {
			return err
		}
		out, err := fn(&u, rs)
		if err != nil {
			return err
		}
		if err := saveUser(ctx, w, u); err != nil {
			return err
		}
		now := time.Now().Unix()
		for _, r := range out {
			if r.UserID != userID {
				return fmt.Errorf("save reminder %d: it belongs to another user", r.ID)
			}
			if r.ID == 0 {
				_, err = w.Exec(ctx, `
					INSERT INTO reminders (user_id, kind, spec, mode, every_hours, enabled, one_off, next_due, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					r.UserID, string(r.Kind), r.Spec, string(r.Mode), r.EveryHours, r.Enabled, r.OneOff, DueValue(r.NextDue), now)
			} else {
				_, err = w.Exec(ctx, `
					UPDATE reminders SET spec = ?, mode = ?, every_hours = ?, enabled = ?, next_due = ?
					WHERE id = ? AND user_id = ?`,
					r.Spec, string(r.Mode), r.EveryHours, r.Enabled, DueValue(r.NextDue), r.ID, userID)
			}
			if err != nil {
				return fmt.Errorf("save reminder: %w", err)
			}
		}
		return nil
	})
}

// DeleteReminder removes one reminder row of the user.
func (s *Store) DeleteReminder(ctx context.Context, userID string, id int64) error {
	return s.exec(ctx, "delete reminder", `DELETE FROM reminders WHERE id = ? AND user_id = ?`, id, userID)
}

// DueColumns are the columns ScanDue reads: a due reminder (alias r) with
// the fields of its user (alias u) that a decision needs. The engines'
// ClaimDue select them.
const DueColumns = `r.id, r.user_id, r.kind, r.spec, r.one_off, r.next_due,
	u.platform, u.chat_id, u.time_zone, u.bedtime, u.wake_time, u.quiet_start, u.quiet_end`

// ScanDue reads one due reminder's DueColumns.
func ScanDue(row Scanner) (reminders.Due, error) {
	var (
		d                               reminders.Due
		kind                            string
		next                            int64
		bed, wake, quietStart, quietEnd sql.NullInt64
	)
	err := row.Scan(&d.Reminder.ID, &d.Reminder.UserID, &kind, &d.Reminder.Spec, &d.Reminder.OneOff, &next,
		&d.User.Platform, &d.User.ChatID, &d.User.TimeZone, &bed, &wake, &quietStart, &quietEnd)
	if err != nil {
		return reminders.Due{}, fmt.Errorf("read due reminder: %w", err)
	}
	d.Reminder.Kind, d.Reminder.NextDue, d.Reminder.Enabled = reminders.Kind(kind), unix(next), true
	d.User.ID = d.Reminder.UserID
	d.User.Bedtime, d.User.WakeTime = clockPtr(bed), clockPtr(wake)
	d.User.QuietStart, d.User.QuietEnd = clockPtr(quietStart), clockPtr(quietEnd)
	return d, nil
}

// PauseEnded returns users whose pause is over by now.
func (s *Store) PauseEnded(ctx context.Context, now time.Time, limit int) ([]string, error) {
	return collect(ctx, s.read(ctx), "ended pauses", func(row Scanner) (string, error) {
		var id string
		err := row.Scan(&id)
		return id, err
	}, `SELECT id FROM users WHERE paused_until IS NOT NULL AND paused_until <= ? LIMIT ?`, now.Unix(), limit)
}

// StopUser turns off all the user's reminders and cancels what is pending
// for them.
func (s *Store) StopUser(ctx context.Context, userID string) (bool, error) {
	changed := false
	err := s.write(ctx, func(w Q) error {
		var total int64
		for _, query := range []string{
			`UPDATE reminders SET enabled = FALSE, next_due = NULL WHERE user_id = ? AND one_off = FALSE AND (enabled = TRUE OR next_due IS NOT NULL)`,
			`DELETE FROM reminders WHERE user_id = ? AND one_off = TRUE`,
			`UPDATE outbox SET state = 'cancelled', note = 'recipient cannot be messaged', body = NULL, meta = NULL WHERE state = 'pending' AND user_id = ?`,
		} {
			res, err := w.Exec(ctx, query, userID)
			if err != nil {
				return fmt.Errorf("stop reminders: %w", err)
			}
			total += affected(res)
		}
		changed = total > 0
		return nil
	})
	return changed, err
}

// PruneDeliveries deletes finished reminder deliveries older than before.
func (s *Store) PruneDeliveries(ctx context.Context, before time.Time) (int64, error) {
	return s.execN(ctx, "prune deliveries",
		`DELETE FROM outbox WHERE state NOT IN ('pending', 'sending') AND updated_at < ? AND reminder_id IS NOT NULL`, before.Unix())
}

// DeliveriesInState returns every reminder delivery in a state; for tests
// and operators (it is not used on a hot path).
func (s *Store) DeliveriesInState(ctx context.Context, st reminders.State) ([]reminders.Delivery, error) {
	return collect(ctx, s.read(ctx), "deliveries", func(row Scanner) (reminders.Delivery, error) {
		var (
			d           reminders.Delivery
			kind, state string
			due         int64
		)
		err := row.Scan(&d.ID, &d.ReminderID, &d.UserID, &kind, &d.Platform, &d.ChatID, &due, &state, &d.Attempts)
		d.Kind, d.State, d.DueAt = reminders.Kind(kind), reminders.State(state), unix(due)
		return d, err
	}, `SELECT id, reminder_id, user_id, kind, platform, chat_id, due_at, state, attempts
		FROM outbox WHERE state = ? AND reminder_id IS NOT NULL ORDER BY id`, string(st))
}
