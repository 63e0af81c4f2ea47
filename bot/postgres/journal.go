package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot/migration"

	"github.com/jackc/pgx/v5"

	"github.com/calmnights/calmnights/bot"
)

const nightColumns = `user_id, night, severity, woke, late_caffeine, stretched, note, logged_at`

func scanNight(row rowScanner) (bot.Night, error) {
	var (
		n      bot.Night
		logged int64
	)
	if err := row.Scan(&n.UserID, &n.Date, &n.Severity, &n.Woke, &n.LateCaffeine, &n.Stretched, &n.Note, &logged); err != nil {
		return bot.Night{}, err
	}
	n.LoggedAt = time.Unix(logged, 0).UTC()
	return n, nil
}

// SaveNight creates or replaces a night and returns the one it replaced,
// in one statement (one round trip): the CTE locks and reads the old row,
// and the upsert, which sees the same snapshot, replaces it.
func (s *Store) SaveNight(ctx context.Context, n bot.Night) (*bot.Night, error) {
	rows, err := s.q(ctx).Query(ctx, `
		WITH old AS (
			SELECT `+nightColumns+` FROM nights WHERE user_id = $1 AND night = $2 FOR UPDATE
		), saved AS (
			INSERT INTO nights (`+nightColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (user_id, night) DO UPDATE SET severity = excluded.severity, woke = excluded.woke,
				late_caffeine = excluded.late_caffeine, stretched = excluded.stretched, note = excluded.note,
				logged_at = excluded.logged_at
		)
		SELECT `+nightColumns+` FROM old`,
		n.UserID, n.Date, n.Severity, n.Woke, n.LateCaffeine, n.Stretched, n.Note, n.LoggedAt.Unix())
	if err != nil {
		return nil, fmt.Errorf("save night: %w", err)
	}
	defer rows.Close()
	var prev *bot.Night
	if rows.Next() {
		old, err := scanNight(rows)
		if err != nil {
			return nil, fmt.Errorf("read night: %w", err)
		}
		prev = &old
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("save night: %w", err)
	}
	return prev, nil
}

// Nights returns the user's nights in [from, to], oldest first.
func (s *Store) Nights(ctx context.Context, userID, from, to string) ([]bot.Night, error) {
	return queryNights(ctx, s.q(ctx), `SELECT `+nightColumns+` FROM nights WHERE user_id = $1 AND night BETWEEN $2 AND $3 ORDER BY night`, userID, from, to)
}

func queryNights(ctx context.Context, q dbtx, query string, args ...any) ([]bot.Night, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read nights: %w", err)
	}
	defer rows.Close()
	var out []bot.Night
	for rows.Next() {
		n, err := scanNight(rows)
		if err != nil {
			return nil, fmt.Errorf("read night: %w", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read nights: %w", err)
	}
	return out, nil
}

// AddWater adds to a day's water, never below zero, and returns the total.
func (s *Store) AddWater(ctx context.Context, userID, day string, ml int) (int, error) {
	var total int
	err := s.q(ctx).QueryRow(ctx, `
		INSERT INTO water (user_id, day, ml) VALUES ($1, $2, GREATEST(0, $3::integer))
		ON CONFLICT (user_id, day) DO UPDATE SET ml = GREATEST(0, water.ml + $3::integer)
		RETURNING ml`, userID, day, ml).Scan(&total)
	if err != nil {
		return 0, fmt.Errorf("add water: %w", err)
	}
	return total, nil
}

// Water returns the user's water per day in [from, to].
func (s *Store) Water(ctx context.Context, userID, from, to string) (map[string]int, error) {
	return queryWater(ctx, s.q(ctx), `SELECT day, ml FROM water WHERE user_id = $1 AND day BETWEEN $2 AND $3`, userID, from, to)
}

func queryWater(ctx context.Context, q dbtx, query string, args ...any) (map[string]int, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read water: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var (
			day string
			ml  int
		)
		if err := rows.Scan(&day, &ml); err != nil {
			return nil, fmt.Errorf("read water: %w", err)
		}
		out[day] = ml
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read water: %w", err)
	}
	return out, nil
}

// DeleteUser deletes every row about the user, in every table, in one
// transaction (explicitly, not only by cascade, so a table without a
// foreign key cannot keep anything).
func (s *Store) DeleteUser(ctx context.Context, userID string) error {
	return s.Atomic(ctx, func(ctx context.Context) error {
		for _, t := range migration.UserTables {
			if _, err := s.q(ctx).Exec(ctx, `DELETE FROM `+t.Table+` WHERE `+t.Column+` = $1`, userID); err != nil {
				return fmt.Errorf("delete from %s: %w", t.Table, err)
			}
		}
		return nil
	})
}

// CountUserRows returns, per table, how many rows are about the user: a
// check that deleting a user left nothing behind.
func (s *Store) CountUserRows(ctx context.Context, userID string) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range migration.UserTables {
		var n int
		if err := s.q(ctx).QueryRow(ctx, `SELECT COUNT(*) FROM `+t.Table+` WHERE `+t.Column+` = $1`, userID).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t.Table, err)
		}
		out[t.Table] = n
	}
	return out, nil
}

// snapshot runs fn on one consistent view of the database: the caller's
// transaction when ctx carries one, else a read-only repeatable-read one.
func (s *Store) snapshot(ctx context.Context, fn func(q dbtx) error) error {
	if tx, ok := ctx.Value(txKey{s.pool}).(pgx.Tx); ok {
		return fn(tx)
	}
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		return fn(tx)
	})
}

// Export returns everything stored about the user, read in one snapshot.
func (s *Store) Export(ctx context.Context, userID string) (bot.Export, error) {
	var ex bot.Export
	err := s.snapshot(ctx, func(q dbtx) error {
		var err error
		if ex.User, err = scanUser(q.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, userID)); err != nil {
			return err
		}
		if ex.Nights, err = queryNights(ctx, q, `SELECT `+nightColumns+` FROM nights WHERE user_id = $1 ORDER BY night`, userID); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if ex.Water, err = queryWater(ctx, q, `SELECT day, ml FROM water WHERE user_id = $1 ORDER BY day`, userID); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if ex.Checklists, err = queryChecklistResults(ctx, q, userID, -1); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		rs, err := queryReminders(ctx, q, userID)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, r := range rs {
			er := bot.ExportedReminder{Kind: string(r.Kind), Spec: r.Spec, Mode: string(r.Mode), Enabled: r.Enabled, Snooze: r.OneOff}
			if !r.NextDue.IsZero() {
				t := r.NextDue
				er.NextDue = &t
			}
			ex.Reminders = append(ex.Reminders, er)
		}
		if err := exportHealth(ctx, q, userID, &ex); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	})
	if err != nil {
		return bot.Export{}, err
	}
	return ex, nil
}
