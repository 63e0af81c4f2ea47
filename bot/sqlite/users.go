package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot"
)

const userColumns = `id, platform, chat_id, time_zone, bedtime, wake_time, consent_at, created_at, quiet_start, quiet_end, paused_until`

// EnsureUser returns the user, creating them on first contact. A non-empty
// chat that differs from the stored one replaces it; the zone hint is used
// only when the user is created, and only if it is a real zone.
func (s *Store) EnsureUser(ctx context.Context, nu bot.NewUser) (bot.User, error) {
	u, err := s.User(ctx, nu.ID)
	if err == nil && (nu.ChatID == "" || nu.ChatID == u.ChatID) {
		return u, nil
	}
	if err != nil && !errors.Is(err, bot.ErrNotFound) {
		return bot.User{}, err
	}
	zone := ""
	if _, err := bot.LoadZone(nu.TimeZone); err == nil {
		zone = nu.TimeZone
	}
	now := time.Now().Unix()
	err = s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO users (id, platform, chat_id, time_zone, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET chat_id = excluded.chat_id, updated_at = excluded.updated_at
			WHERE excluded.chat_id != '' AND excluded.chat_id != users.chat_id`,
			nu.ID, nu.Platform, nu.ChatID, zone, now, now)
		if err != nil {
			return fmt.Errorf("upsert user: %w", err)
		}
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, nu.ID))
		return err
	})
	return u, err
}

// User returns one user, or bot.ErrNotFound.
func (s *Store) User(ctx context.Context, id string) (bot.User, error) {
	return scanUser(s.rd(ctx).QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
}

// UpdateUser changes a user inside one write transaction.
func (s *Store) UpdateUser(ctx context.Context, id string, fn func(*bot.User) error) (bot.User, error) {
	var u bot.User
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
		if err != nil {
			return err
		}
		if err := fn(&u); err != nil {
			return err
		}
		return saveUser(ctx, tx, u)
	})
	if err != nil {
		return bot.User{}, err
	}
	return u, nil
}

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

// saveUser writes a user's changeable fields.
func saveUser(ctx context.Context, tx *sql.Tx, u bot.User) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE users SET chat_id = ?, time_zone = ?, bedtime = ?, wake_time = ?, consent_at = ?,
			quiet_start = ?, quiet_end = ?, paused_until = ?, updated_at = ?
		WHERE id = ?`,
		u.ChatID, u.TimeZone, clockValue(u.Bedtime), clockValue(u.WakeTime), timeValue(u.ConsentAt),
		clockValue(u.QuietStart), clockValue(u.QuietEnd), timeValue(u.PausedUntil), time.Now().Unix(), u.ID)
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	return nil
}

// scanUser reads one user row.
func scanUser(row rowScanner) (bot.User, error) {
	u, err := scanUserColumns(row)
	if errors.Is(err, sql.ErrNoRows) {
		return bot.User{}, bot.ErrNotFound
	}
	return u, err
}

// scanUserColumns reads the userColumns, plus any extra destinations.
func scanUserColumns(row rowScanner, extra ...any) (bot.User, error) {
	var (
		u                       bot.User
		bed, wake, cons         sql.NullInt64
		qStart, qEnd, pausedEnd sql.NullInt64
		created                 int64
	)
	dest := append([]any{&u.ID, &u.Platform, &u.ChatID, &u.TimeZone, &bed, &wake, &cons, &created, &qStart, &qEnd, &pausedEnd}, extra...)
	err := row.Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return bot.User{}, err
	}
	if err != nil {
		return bot.User{}, fmt.Errorf("read user: %w", err)
	}
	u.Bedtime, u.WakeTime = clockPtr(bed), clockPtr(wake)
	u.QuietStart, u.QuietEnd = clockPtr(qStart), clockPtr(qEnd)
	u.ConsentAt, u.PausedUntil = timePtr(cons), timePtr(pausedEnd)
	u.CreatedAt = time.Unix(created, 0).UTC()
	return u, nil
}

func clockPtr(v sql.NullInt64) *bot.Clock {
	if !v.Valid {
		return nil
	}
	c := bot.Clock(v.Int64)
	return &c
}

func timePtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.Unix(v.Int64, 0).UTC()
	return &t
}

func clockValue(c *bot.Clock) any {
	if c == nil {
		return nil
	}
	return int64(*c)
}

func timeValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}
