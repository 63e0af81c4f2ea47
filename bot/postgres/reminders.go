package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/reminders"
	"github.com/jackc/pgx/v5"
)

var _ reminders.Store = (*Store)(nil)

const reminderColumns = `r.id, r.user_id, r.kind, r.spec, r.mode, r.every_hours, r.enabled, r.one_off, r.next_due`

// scanReminder reads reminderColumns.
func scanReminder(row rowScanner) (reminders.Reminder, error) {
	var (
		r          reminders.Reminder
		kind, mode string
		nextDue    *int64
	)
	if err := row.Scan(&r.ID, &r.UserID, &kind, &r.Spec, &mode, &r.EveryHours, &r.Enabled, &r.OneOff, &nextDue); err != nil {
		return reminders.Reminder{}, fmt.Errorf("read reminder: %w", err)
	}
	r.Kind, r.Mode = reminders.Kind(kind), reminders.Mode(mode)
	if nextDue != nil {
		r.NextDue = time.Unix(*nextDue, 0).UTC()
	}
	return r, nil
}

// Reminders returns the user's reminders, recurring ones first.
func (s *Store) Reminders(ctx context.Context, userID string) ([]reminders.Reminder, error) {
	return queryReminders(ctx, s.q(ctx), userID)
}

func queryReminders(ctx context.Context, q dbtx, userID string) ([]reminders.Reminder, error) {
	rows, err := q.Query(ctx, `SELECT `+reminderColumns+` FROM reminders r WHERE r.user_id = $1 ORDER BY r.one_off, r.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("read reminders: %w", err)
	}
	defer rows.Close()
	var out []reminders.Reminder
	for rows.Next() {
		r, err := scanReminder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read reminders: %w", err)
	}
	return out, nil
}

// UpdateReminders changes a user and their reminders in one transaction,
// holding the user's row lock throughout.
func (s *Store) UpdateReminders(ctx context.Context, userID string, fn func(*bot.User, []reminders.Reminder) ([]reminders.Reminder, error)) error {
	return s.Atomic(ctx, func(ctx context.Context) error {
		u, err := s.lockUser(ctx, userID)
		if err != nil {
			return err
		}
		rs, err := queryReminders(ctx, s.q(ctx), userID)
		if err != nil {
			return err
		}
		out, err := fn(&u, rs)
		if err != nil {
			return err
		}
		if err := s.saveUser(ctx, u); err != nil {
			return err
		}
		now := time.Now().Unix()
		for _, r := range out {
			if r.UserID != userID {
				return fmt.Errorf("save reminder: it belongs to another user")
			}
			if r.ID == 0 {
				_, err = s.q(ctx).Exec(ctx, `
					INSERT INTO reminders (user_id, kind, spec, mode, every_hours, enabled, one_off, next_due, created_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
					r.UserID, string(r.Kind), r.Spec, string(r.Mode), r.EveryHours, r.Enabled, r.OneOff, dueValue(r.NextDue), now)
			} else {
				_, err = s.q(ctx).Exec(ctx, `
					UPDATE reminders SET spec = $1, mode = $2, every_hours = $3, enabled = $4, next_due = $5
					WHERE id = $6 AND user_id = $7`,
					r.Spec, string(r.Mode), r.EveryHours, r.Enabled, dueValue(r.NextDue), r.ID, userID)
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
	if _, err := s.q(ctx).Exec(ctx, `DELETE FROM reminders WHERE id = $1 AND user_id = $2`, id, userID); err != nil {
		return fmt.Errorf("delete reminder: %w", err)
	}
	return nil
}

// dueValue is a next due time as stored: Unix seconds, or NULL for zero.
func dueValue(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	v := t.Unix()
	return &v
}

// claimChunk is how many claims one statement carries: the rows travel as
// arrays, so this bounds a statement's size, not its parameter count.
const claimChunk = 10000

// ClaimDue claims up to limit due reminders, asks decide what to do with
// each, and applies the decisions (advance, remove a one-off, write the
// outbox row) in one transaction.
//
// The due rows are read with FOR UPDATE SKIP LOCKED: replicas ticking at
// the same moment each take rows the others have not locked, so no
// reminder is claimed twice and none waits for another replica's
// transaction. The decisions are applied with a few statements per
// claimChunk rows (arrays passed through unnest), not one per reminder.
// With nothing due it costs one index probe and no transaction.
func (s *Store) ClaimDue(ctx context.Context, now time.Time, limit int, decide func(reminders.Due) reminders.Decision) (int, error) {
	// The earliest next due time, from the index's first entry: a plan
	// that stays an index probe even when the statement is cached as a
	// generic plan (an EXISTS with "next_due <= $1" then scanned the table).
	var first *int64
	err := s.q(ctx).QueryRow(ctx, `SELECT next_due FROM reminders WHERE next_due IS NOT NULL ORDER BY next_due LIMIT 1`).Scan(&first)
	if err != nil && !isNoRows(err) {
		return 0, fmt.Errorf("find due reminders: %w", err)
	}
	if first == nil || *first > now.Unix() || limit <= 0 {
		return 0, nil
	}
	// A large minute is claimed by claimWorkers transactions side by side:
	// SKIP LOCKED gives each its own rows, and the database's cores share
	// the writing. Inside a caller's transaction there is only that one.
	workers := 1
	if _, inTx := ctx.Value(txKey{s.pool}).(pgx.Tx); !inTx && limit >= 2*claimChunk {
		workers = claimWorkers
	}
	var (
		mu      sync.Mutex // decide is the caller's, and need not be safe for concurrent use
		claimed int
		wg      sync.WaitGroup
		errs    = make([]error, workers)
	)
	serial := func(d reminders.Due) reminders.Decision {
		mu.Lock()
		defer mu.Unlock()
		return decide(d)
	}
	share := (limit + workers - 1) / workers
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = s.Atomic(ctx, func(ctx context.Context) error {
				due, err := s.lockDue(ctx, now, share)
				if err != nil {
					return err
				}
				for start := 0; start < len(due); start += claimChunk {
					chunk := due[start:min(start+claimChunk, len(due))]
					n, err := s.applyClaims(ctx, chunk, now, serial)
					if err != nil {
						return err
					}
					mu.Lock()
					claimed += n
					mu.Unlock()
				}
				return nil
			})
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return claimed, err
	}
	return claimed, nil
}

// claimWorkers is how many transactions claim a large minute side by side.
const claimWorkers = 2

// lockDue reads and locks up to limit due reminders no other transaction
// holds, with the user fields a decision needs.
func (s *Store) lockDue(ctx context.Context, now time.Time, limit int) ([]reminders.Due, error) {
	rows, err := s.q(ctx).Query(ctx, `
		SELECT r.id, r.user_id, r.kind, r.spec, r.one_off, r.next_due,
			u.platform, u.chat_id, u.time_zone, u.bedtime, u.wake_time, u.quiet_start, u.quiet_end
		FROM reminders r JOIN users u ON u.id = r.user_id
		WHERE r.next_due IS NOT NULL AND r.next_due <= $1
		ORDER BY r.next_due LIMIT $2
		FOR UPDATE OF r SKIP LOCKED`, now.Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("find due reminders: %w", err)
	}
	defer rows.Close()
	var out []reminders.Due
	for rows.Next() {
		var (
			d                               reminders.Due
			kind                            string
			next                            int64
			bed, wake, quietStart, quietEnd *int32
		)
		err := rows.Scan(&d.Reminder.ID, &d.Reminder.UserID, &kind, &d.Reminder.Spec, &d.Reminder.OneOff, &next,
			&d.User.Platform, &d.User.ChatID, &d.User.TimeZone, &bed, &wake, &quietStart, &quietEnd)
		if err != nil {
			return nil, fmt.Errorf("read due reminder: %w", err)
		}
		d.Reminder.Kind, d.Reminder.NextDue, d.Reminder.Enabled = reminders.Kind(kind), time.Unix(next, 0).UTC(), true
		d.User.ID = d.Reminder.UserID
		d.User.Bedtime, d.User.WakeTime = clockPtr(bed), clockPtr(wake)
		d.User.QuietStart, d.User.QuietEnd = clockPtr(quietStart), clockPtr(quietEnd)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find due reminders: %w", err)
	}
	return out, nil
}

// applyClaims decides one chunk of locked reminders and writes the
// decisions: advance the recurring ones, remove the one-offs, and insert
// the outbox rows, each as one statement over arrays.
func (s *Store) applyClaims(ctx context.Context, chunk []reminders.Due, now time.Time, decide func(reminders.Due) reminders.Decision) (int, error) {
	var (
		advIDs                               []int64
		advNext                              []*int64
		removeIDs                            []int64
		obReminder, obDue                    []int64
		obUser, obKind, obPlatform, obChatID []string
	)
	for _, d := range chunk {
		dec := decide(d)
		r := d.Reminder
		if r.OneOff {
			removeIDs = append(removeIDs, r.ID)
		} else {
			advIDs = append(advIDs, r.ID)
			advNext = append(advNext, dueValue(dec.Next))
		}
		if !dec.Deliver.IsZero() {
			obReminder, obDue = append(obReminder, r.ID), append(obDue, dec.Deliver.Unix())
			obUser, obKind = append(obUser, r.UserID), append(obKind, string(r.Kind))
			obPlatform, obChatID = append(obPlatform, d.User.Platform), append(obChatID, d.User.ChatID)
		}
	}
	claimed := 0
	if len(advIDs) > 0 {
		tag, err := s.q(ctx).Exec(ctx, `
			UPDATE reminders r SET next_due = v.next
			FROM unnest($1::bigint[], $2::bigint[]) AS v(id, next)
			WHERE r.id = v.id`, advIDs, advNext)
		if err != nil {
			return 0, fmt.Errorf("advance reminders: %w", err)
		}
		claimed += int(tag.RowsAffected())
	}
	if len(removeIDs) > 0 {
		tag, err := s.q(ctx).Exec(ctx, `DELETE FROM reminders WHERE id = ANY($1::bigint[])`, removeIDs)
		if err != nil {
			return 0, fmt.Errorf("remove claimed one-offs: %w", err)
		}
		claimed += int(tag.RowsAffected())
	}
	if len(obReminder) > 0 {
		_, err := s.q(ctx).Exec(ctx, `
			INSERT INTO outbox (reminder_id, user_id, kind, platform, chat_id, due_at, state, next_attempt, updated_at)
			SELECT v.reminder_id, v.user_id, v.kind, v.platform, v.chat_id, v.due_at, 'pending', $7, $7
			FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
				AS v(reminder_id, user_id, kind, platform, chat_id, due_at)
			ON CONFLICT (reminder_id, due_at) DO NOTHING`,
			obReminder, obUser, obKind, obPlatform, obChatID, obDue, now.Unix())
		if err != nil {
			return 0, fmt.Errorf("write outbox: %w", err)
		}
	}
	return claimed, nil
}

// PauseEnded returns users whose pause is over by now.
func (s *Store) PauseEnded(ctx context.Context, now time.Time, limit int) ([]string, error) {
	rows, err := s.q(ctx).Query(ctx, `SELECT id FROM users WHERE paused_until IS NOT NULL AND paused_until <= $1 LIMIT $2`, now.Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("find ended pauses: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("find ended pauses: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find ended pauses: %w", err)
	}
	return ids, nil
}

// StopUser turns off all the user's reminders and cancels what is pending.
func (s *Store) StopUser(ctx context.Context, userID string) (bool, error) {
	changed := false
	err := s.Atomic(ctx, func(ctx context.Context) error {
		var total int64
		for _, q := range []string{
			`UPDATE reminders SET enabled = false, next_due = NULL WHERE user_id = $1 AND NOT one_off AND (enabled OR next_due IS NOT NULL)`,
			`DELETE FROM reminders WHERE user_id = $1 AND one_off`,
			`UPDATE outbox SET state = 'cancelled', note = 'recipient cannot be messaged' WHERE state = 'pending' AND user_id = $1`,
		} {
			tag, err := s.q(ctx).Exec(ctx, q, userID)
			if err != nil {
				return fmt.Errorf("stop reminders: %w", err)
			}
			total += tag.RowsAffected()
		}
		changed = total > 0
		return nil
	})
	return changed, err
}
