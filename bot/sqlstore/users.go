package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot"
)

const userColumns = `id, platform, chat_id, time_zone, bedtime, wake_time, consent_at, created_at, quiet_start, quiet_end, paused_until, language`

// EnsureUser returns the user, creating them on first contact. A non-empty
// chat that differs from the stored one replaces it; the zone hint is used
// only when the user is created, and only if it is a real zone; so is the
// language (the platform's, on first contact).
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
	err = s.write(ctx, func(w Q) error {
		_, err := w.Exec(ctx, `
			INSERT INTO users (id, platform, chat_id, time_zone, language, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET chat_id = excluded.chat_id, updated_at = excluded.updated_at
			WHERE excluded.chat_id <> '' AND excluded.chat_id <> users.chat_id`,
			nu.ID, nu.Platform, nu.ChatID, zone, nu.Language, now, now)
		if err != nil {
			return fmt.Errorf("upsert user: %w", err)
		}
		u, err = scanUser(w.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, nu.ID))
		return err
	})
	return u, err
}

// User returns one user, or bot.ErrNotFound.
func (s *Store) User(ctx context.Context, id string) (bot.User, error) {
	return scanUser(s.read(ctx).QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
}

// UpdateUser changes a user inside one transaction, holding the user's row
// (where the engine locks rows) from the read to the write, so concurrent
// updates never lose one.
func (s *Store) UpdateUser(ctx context.Context, id string, fn func(*bot.User) error) (bot.User, error) {
	var u bot.User
	err := s.write(ctx, func(w Q) error {
		var err error
		if u, err = s.lockUser(ctx, w, id); err != nil {
			return err
		}
		if err := fn(&u); err != nil {
			return err
		}
		return saveUser(ctx, w, u)
	})
	if err != nil {
		return bot.User{}, err
	}
	return u, nil
}

// lockUser reads a user inside a write, locking their row until it ends.
func (s *Store) lockUser(ctx context.Context, w Q, id string) (bot.User, error) {
	return scanUser(w.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`+s.d.ForUpdate(), id))
}

// saveUser writes a user's changeable fields.
func saveUser(ctx context.Context, w Q, u bot.User) error {
	_, err := w.Exec(ctx, `
		UPDATE users SET chat_id = ?, time_zone = ?, bedtime = ?, wake_time = ?, consent_at = ?,
			quiet_start = ?, quiet_end = ?, paused_until = ?, language = ?, updated_at = ?
		WHERE id = ?`,
		u.ChatID, u.TimeZone, clockValue(u.Bedtime), clockValue(u.WakeTime), timeValue(u.ConsentAt),
		clockValue(u.QuietStart), clockValue(u.QuietEnd), timeValue(u.PausedUntil), u.Language, time.Now().Unix(), u.ID)
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	return nil
}

// scanUser reads one user row, or bot.ErrNotFound.
func scanUser(row Scanner) (bot.User, error) {
	var (
		u                       bot.User
		bed, wake, cons         sql.NullInt64
		qStart, qEnd, pausedEnd sql.NullInt64
		created                 int64
	)
	err := row.Scan(&u.ID, &u.Platform, &u.ChatID, &u.TimeZone, &bed, &wake, &cons, &created, &qStart, &qEnd, &pausedEnd, &u.Language)
	if errors.Is(err, sql.ErrNoRows) {
		return bot.User{}, bot.ErrNotFound
	}
	if err != nil {
		return bot.User{}, fmt.Errorf("read user: %w", err)
	}
	u.Bedtime, u.WakeTime = clockPtr(bed), clockPtr(wake)
	u.QuietStart, u.QuietEnd = clockPtr(qStart), clockPtr(qEnd)
	u.ConsentAt, u.PausedUntil = timePtr(cons), timePtr(pausedEnd)
	u.CreatedAt = unix(created)
	return u, nil
}
