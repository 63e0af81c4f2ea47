package stress

import (
	"context"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot/sqlstore"
)

// Store keeps the ratings: one per user and day.
type Store interface {
	// StressRatings returns the user's ratings of the days from..to
	// (bot.DateLayout, both included), by day.
	StressRatings(ctx context.Context, userID, from, to string) (map[string]int, error)
	// RateStress keeps the rating of a day, replacing one given before.
	RateStress(ctx context.Context, userID, day string, v int, at time.Time) error
	// UnrateStress deletes the rating of a day.
	UnrateStress(ctx context.Context, userID, day string) error
}

// SQLStore is the Store on the shared SQL layer, written once for SQLite
// and PostgreSQL: its reads and writes join the pipeline's transaction
// (sqlstore.Read, sqlstore.Write), and its table is a schema part
// (schema/).
type SQLStore struct{ DB *sqlstore.Store }

// StressRatings implements Store.
func (s SQLStore) StressRatings(ctx context.Context, userID, from, to string) (map[string]int, error) {
	rows, err := sqlstore.Read(ctx, s.DB).Query(ctx, `SELECT day, rating FROM stress WHERE user_id = ? AND day >= ? AND day <= ? ORDER BY day`, userID, from, to)
	if err != nil {
		return nil, fmt.Errorf("stress ratings: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var day string
		var v int
		if err := rows.Scan(&day, &v); err != nil {
			return nil, fmt.Errorf("stress ratings: %w", err)
		}
		out[day] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stress ratings: %w", err)
	}
	return out, nil
}

// RateStress implements Store.
func (s SQLStore) RateStress(ctx context.Context, userID, day string, v int, at time.Time) error {
	return sqlstore.Write(ctx, s.DB, func(w sqlstore.Q) error {
		_, err := w.Exec(ctx, `INSERT INTO stress (user_id, day, rating, rated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, day) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at`, userID, day, v, at.Unix())
		if err != nil {
			return fmt.Errorf("rate stress: %w", err)
		}
		return nil
	})
}

// UnrateStress implements Store.
func (s SQLStore) UnrateStress(ctx context.Context, userID, day string) error {
	return sqlstore.Write(ctx, s.DB, func(w sqlstore.Q) error {
		if _, err := w.Exec(ctx, `DELETE FROM stress WHERE user_id = ? AND day = ?`, userID, day); err != nil {
			return fmt.Errorf("unrate stress: %w", err)
		}
		return nil
	})
}
