package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot/migration"

	"github.com/calmnights/calmnights/bot"
)

const nightColumns = `user_id, night, severity, woke, late_caffeine, stretched, note, logged_at`

func scanNight(row rowScanner) (bot.Night, error) {
	var (
		n                  bot.Night
		woke, caf, stretch sql.NullInt64
		logged             int64
	)
	if err := row.Scan(&n.UserID, &n.Date, &n.Severity, &woke, &caf, &stretch, &n.Note, &logged); err != nil {
		return bot.Night{}, err
	}
	n.Woke, n.LateCaffeine, n.Stretched = boolPtr(woke), boolPtr(caf), boolPtr(stretch)
	n.LoggedAt = time.Unix(logged, 0).UTC()
	return n, nil
}

func boolPtr(v sql.NullInt64) *bool {
	if !v.Valid {
		return nil
	}
	b := v.Int64 == 1
	return &b
}

func boolValue(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// SaveNight creates or replaces a night and returns the one it replaced.
func (s *Store) SaveNight(ctx context.Context, n bot.Night) (*bot.Night, error) {
	var prev *bot.Night
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := scanNight(tx.QueryRowContext(ctx, `SELECT `+nightColumns+` FROM nights WHERE user_id = ? AND night = ?`, n.UserID, n.Date))
		switch {
		case err == nil:
			prev = &old
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("read night: %w", err)
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO nights (`+nightColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id, night) DO UPDATE SET severity = excluded.severity, woke = excluded.woke,
				late_caffeine = excluded.late_caffeine, stretched = excluded.stretched, note = excluded.note,
				logged_at = excluded.logged_at`,
			n.UserID, n.Date, n.Severity, boolValue(n.Woke), boolValue(n.LateCaffeine), boolValue(n.Stretched), n.Note, n.LoggedAt.Unix())
		if err != nil {
			return fmt.Errorf("save night: %w", err)
		}
		return nil
	})
	return prev, err
}

// Nights returns the user's nights in [from, to], oldest first.
func (s *Store) Nights(ctx context.Context, userID, from, to string) ([]bot.Night, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT `+nightColumns+` FROM nights WHERE user_id = ? AND night BETWEEN ? AND ? ORDER BY night`, userID, from, to)
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
	return out, rows.Err()
}

// AddWater adds to a day's water, never below zero, and returns the total.
func (s *Store) AddWater(ctx context.Context, userID, day string, ml int) (int, error) {
	var total int
	err := s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO water (user_id, day, ml) VALUES (?, ?, MAX(0, ?))
			ON CONFLICT (user_id, day) DO UPDATE SET ml = MAX(0, water.ml + ?)
			RETURNING ml`, userID, day, ml, ml).Scan(&total)
		if err != nil {
			return fmt.Errorf("add water: %w", err)
		}
		return nil
	})
	return total, err
}

// Water returns the user's water per day in [from, to].
func (s *Store) Water(ctx context.Context, userID, from, to string) (map[string]int, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT day, ml FROM water WHERE user_id = ? AND day BETWEEN ? AND ?`, userID, from, to)
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
	return out, rows.Err()
}

// DeleteUser deletes every row about the user, in every table, in one
// transaction (explicitly, not only by cascade, so a table without a
// foreign key cannot keep anything). The rows' bytes are then gone from
// the files too (secure_delete, then Scrub).
func (s *Store) DeleteUser(ctx context.Context, userID string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, t := range migration.UserTables {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.Table+` WHERE `+t.Column+` = ?`, userID); err != nil {
				return fmt.Errorf("delete from %s: %w", t.Table, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The delete is done; a reader holding the WAL only delays its truncation
	// to the next Scrub or Close, so that is not the user's failure. Inside
	// a transaction (the pipeline's) it runs once that has committed.
	afterCommit(ctx, func() { _ = s.Scrub(context.WithoutCancel(ctx)) })
	return nil
}

// CountUserRows returns, per table, how many rows are about the user: a
// check that deleting a user left nothing behind.
func (s *Store) CountUserRows(ctx context.Context, userID string) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range migration.UserTables {
		var n int
		if err := s.rd(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t.Table+` WHERE `+t.Column+` = ?`, userID).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t.Table, err)
		}
		out[t.Table] = n
	}
	return out, nil
}

// Export returns everything stored about the user, read in one snapshot.
func (s *Store) Export(ctx context.Context, userID string) (bot.Export, error) {
	var tx reads
	if in, ok := ctx.Value(txKey{}).(*sql.Tx); ok { // inside Atomic: see its writes
		tx = in
	} else {
		ro, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return bot.Export{}, fmt.Errorf("begin export: %w", err)
		}
		defer ro.Rollback()
		tx = ro
	}
	var (
		ex  bot.Export
		err error
	)
	if ex.User, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, userID)); err != nil {
		return bot.Export{}, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+nightColumns+` FROM nights WHERE user_id = ? ORDER BY night`, userID)
	if err != nil {
		return bot.Export{}, fmt.Errorf("export nights: %w", err)
	}
	for rows.Next() {
		n, err := scanNight(rows)
		if err != nil {
			rows.Close()
			return bot.Export{}, fmt.Errorf("export night: %w", err)
		}
		ex.Nights = append(ex.Nights, n)
	}
	rows.Close()
	ex.Water = map[string]int{}
	rows, err = tx.QueryContext(ctx, `SELECT day, ml FROM water WHERE user_id = ? ORDER BY day`, userID)
	if err != nil {
		return bot.Export{}, fmt.Errorf("export water: %w", err)
	}
	for rows.Next() {
		var (
			day string
			ml  int
		)
		if err := rows.Scan(&day, &ml); err != nil {
			rows.Close()
			return bot.Export{}, fmt.Errorf("export water: %w", err)
		}
		ex.Water[day] = ml
	}
	rows.Close()
	results, err := queryChecklistResults(ctx, tx, userID, -1)
	if err != nil {
		return bot.Export{}, err
	}
	ex.Checklists = results
	rs, err := queryReminders(ctx, tx, userID)
	if err != nil {
		return bot.Export{}, err
	}
	for _, r := range rs {
		er := bot.ExportedReminder{Kind: string(r.Kind), Spec: r.Spec, Mode: string(r.Mode), Enabled: r.Enabled, Snooze: r.OneOff}
		if !r.NextDue.IsZero() {
			t := r.NextDue
			er.NextDue = &t
		}
		ex.Reminders = append(ex.Reminders, er)
	}
	if err := exportHealth(ctx, tx, userID, &ex); err != nil {
		return bot.Export{}, fmt.Errorf("export: %w", err)
	}
	return ex, nil
}
