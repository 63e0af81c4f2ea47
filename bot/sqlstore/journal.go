package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/calmnights/calmnights/bot"
)

const nightColumns = `user_id, night, severity, woke, late_caffeine, stretched, note, logged_at`

func scanNight(row Scanner) (bot.Night, error) {
	var (
		n                  bot.Night
		woke, caf, stretch sql.NullBool
		logged             int64
	)
	if err := row.Scan(&n.UserID, &n.Date, &n.Severity, &woke, &caf, &stretch, &n.Note, &logged); err != nil {
		return bot.Night{}, err
	}
	n.Woke, n.LateCaffeine, n.Stretched = boolPtr(woke), boolPtr(caf), boolPtr(stretch)
	n.LoggedAt = unix(logged)
	return n, nil
}

// SaveNight creates or replaces a night and returns the one it replaced.
// Where the engine allows, it is one statement: a CTE locks and reads the
// old row, and the upsert, which sees the same snapshot, replaces it.
func (s *Store) SaveNight(ctx context.Context, n bot.Night) (*bot.Night, error) {
	old := `SELECT ` + nightColumns + ` FROM nights WHERE user_id = ? AND night = ?` + s.d.ForUpdate()
	upsert := `INSERT INTO nights (` + nightColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, night) DO UPDATE SET severity = excluded.severity, woke = excluded.woke,
			late_caffeine = excluded.late_caffeine, stretched = excluded.stretched, note = excluded.note,
			logged_at = excluded.logged_at`
	key := []any{n.UserID, n.Date}
	values := []any{n.UserID, n.Date, n.Severity, boolValue(n.Woke), boolValue(n.LateCaffeine), boolValue(n.Stretched), n.Note, n.LoggedAt.Unix()}
	var prev *bot.Night
	if s.d.WithWrites() {
		err := s.write1(ctx, func(w Q) error {
			olds, err := collect(ctx, w, "night", scanNight,
				`WITH old AS (`+old+`), saved AS (`+upsert+`) SELECT `+nightColumns+` FROM old`, append(key, values...)...)
			if len(olds) > 0 {
				prev = &olds[0]
			}
			return err
		})
		return prev, err
	}
	err := s.write(ctx, func(w Q) error {
		got, err := scanNight(w.QueryRow(ctx, old, key...))
		switch {
		case err == nil:
			prev = &got
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("read night: %w", err)
		}
		if _, err = w.Exec(ctx, upsert, values...); err != nil {
			return fmt.Errorf("save night: %w", err)
		}
		return nil
	})
	return prev, err
}

// Nights returns the user's nights in [from, to], oldest first.
func (s *Store) Nights(ctx context.Context, userID, from, to string) ([]bot.Night, error) {
	return collect(ctx, s.read(ctx), "nights", scanNight,
		`SELECT `+nightColumns+` FROM nights WHERE user_id = ? AND night BETWEEN ? AND ? ORDER BY night`, userID, from, to)
}

// DeleteNight removes one night of a user's journal, if it is there: the
// undo of a night that was new.
func (s *Store) DeleteNight(ctx context.Context, userID, date string) error {
	return s.exec(ctx, "delete night", `DELETE FROM nights WHERE user_id = ? AND night = ?`, userID, date)
}

// AddWater adds to a day's water, never below zero, and returns the total.
func (s *Store) AddWater(ctx context.Context, userID, day string, ml int) (int, error) {
	var total int
	err := s.write1(ctx, func(w Q) error {
		err := w.QueryRow(ctx, `
			INSERT INTO water (user_id, day, ml) VALUES (?, ?, ?)
			ON CONFLICT (user_id, day) DO UPDATE SET ml = CASE WHEN water.ml + ? < 0 THEN 0 ELSE water.ml + ? END
			RETURNING ml`, userID, day, max(0, ml), ml, ml).Scan(&total)
		if err != nil {
			return fmt.Errorf("add water: %w", err)
		}
		return nil
	})
	return total, err
}

// Water returns the user's water per day in [from, to].
func (s *Store) Water(ctx context.Context, userID, from, to string) (map[string]int, error) {
	return water(ctx, s.read(ctx), `SELECT day, ml FROM water WHERE user_id = ? AND day BETWEEN ? AND ?`, userID, from, to)
}

func water(ctx context.Context, r Q, query string, args ...any) (map[string]int, error) {
	out := map[string]int{}
	err := each(ctx, r, "water", func(rows *sql.Rows) error {
		var (
			day string
			ml  int
		)
		if err := rows.Scan(&day, &ml); err != nil {
			return err
		}
		out[day] = ml
		return nil
	}, query, args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}
