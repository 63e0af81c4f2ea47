package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/sqlstore"
	"github.com/calmnights/calmnights/reminders"
)

// The claims are PostgreSQL's own: several replicas claim at once, so the
// rows are locked with SKIP LOCKED, and a large minute is written as arrays.

// ClaimUpdates leases the oldest waiting update of each chat whose oldest
// is not leased. Several replicas claim at once: the rows are locked with
// SKIP LOCKED and the lease and state are checked again on the locked row,
// so no update is claimed twice.
func (s *Store) ClaimUpdates(ctx context.Context, platform string, lease time.Duration, limit int) ([]delivery.Update, error) {
	now := time.Now()
	rows, err := sqlstore.Conn(ctx, s.Store).QueryContext(ctx, `
		WITH heads AS (
			SELECT DISTINCT ON (chat_key) id FROM inbox
			WHERE platform = $1 AND state = 'pending'
			ORDER BY chat_key, id
		), picked AS (
			SELECT i.platform, i.id FROM inbox i JOIN heads h ON i.id = h.id
			WHERE i.platform = $1 AND i.state = 'pending' AND i.lease_until <= $2
			ORDER BY i.id LIMIT $3
			FOR UPDATE OF i SKIP LOCKED
		)
		UPDATE inbox SET lease_until = $4 FROM picked
		WHERE inbox.platform = picked.platform AND inbox.id = picked.id
		RETURNING inbox.id, inbox.chat_key, inbox.payload`,
		platform, now.UnixMilli(), limit, now.Add(lease).UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("claim updates: %w", err)
	}
	defer rows.Close()
	var out []delivery.Update
	for rows.Next() {
		var u delivery.Update
		if err := rows.Scan(&u.ID, &u.ChatKey, &u.Payload); err != nil {
			return nil, fmt.Errorf("claim updates: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim updates: %w", err)
	}
	return out, nil
}

// dueValue is a next due time as an array element: Unix seconds, or NULL
// for zero.
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
	var first sql.NullInt64
	err := sqlstore.Conn(ctx, s.Store).QueryRowContext(ctx, `SELECT next_due FROM reminders WHERE next_due IS NOT NULL ORDER BY next_due LIMIT 1`).Scan(&first)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("find due reminders: %w", err)
	}
	if !first.Valid || first.Int64 > now.Unix() || limit <= 0 {
		return 0, nil
	}
	// A large minute is claimed by claimWorkers transactions side by side:
	// SKIP LOCKED gives each its own rows, and the database's cores share
	// the writing. Inside a caller's transaction there is only that one.
	workers := 1
	if _, inTx := sqlstore.Tx(ctx, s.Store); !inTx && limit >= 2*claimChunk {
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
				tx, _ := sqlstore.Tx(ctx, s.Store)
				due, err := lockDue(ctx, tx, now, share)
				if err != nil {
					return err
				}
				for start := 0; start < len(due); start += claimChunk {
					chunk := due[start:min(start+claimChunk, len(due))]
					n, err := applyClaims(ctx, tx, chunk, now, serial)
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
func lockDue(ctx context.Context, tx *sql.Tx, now time.Time, limit int) ([]reminders.Due, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT `+sqlstore.DueColumns+`
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
		d, err := sqlstore.ScanDue(rows)
		if err != nil {
			return nil, err
		}
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
func applyClaims(ctx context.Context, tx *sql.Tx, chunk []reminders.Due, now time.Time, decide func(reminders.Due) reminders.Decision) (int, error) {
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
		res, err := tx.ExecContext(ctx, `
			UPDATE reminders r SET next_due = v.next
			FROM unnest($1::bigint[], $2::bigint[]) AS v(id, next)
			WHERE r.id = v.id`, advIDs, advNext)
		if err != nil {
			return 0, fmt.Errorf("advance reminders: %w", err)
		}
		n, _ := res.RowsAffected()
		claimed += int(n)
	}
	if len(removeIDs) > 0 {
		res, err := tx.ExecContext(ctx, `DELETE FROM reminders WHERE id = ANY($1::bigint[])`, removeIDs)
		if err != nil {
			return 0, fmt.Errorf("remove claimed one-offs: %w", err)
		}
		n, _ := res.RowsAffected()
		claimed += int(n)
	}
	if len(obReminder) > 0 {
		_, err := tx.ExecContext(ctx, `
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
