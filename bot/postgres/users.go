package postgres

import (
	"context"
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
	err = s.Atomic(ctx, func(ctx context.Context) error {
		_, err := s.q(ctx).Exec(ctx, `
			INSERT INTO users (id, platform, chat_id, time_zone, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5)
			ON CONFLICT (id) DO UPDATE SET chat_id = excluded.chat_id, updated_at = excluded.updated_at
			WHERE excluded.chat_id <> '' AND excluded.chat_id <> users.chat_id`,
			nu.ID, nu.Platform, nu.ChatID, zone, now)
		if err != nil {
			return fmt.Errorf("upsert user: %w", err)
		}
		u, err = scanUser(s.q(ctx).QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, nu.ID))
		return err
	})
	return u, err
}

// User returns one user, or bot.ErrNotFound.
func (s *Store) User(ctx context.Context, id string) (bot.User, error) {
	return scanUser(s.q(ctx).QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
}

// UpdateUser changes a user inside one transaction, holding the user's row
// lock from the read to the write so concurrent updates never lose one.
func (s *Store) UpdateUser(ctx context.Context, id string, fn func(*bot.User) error) (bot.User, error) {
	var u bot.User
	err := s.Atomic(ctx, func(ctx context.Context) error {
		var err error
		u, err = s.lockUser(ctx, id)
		if err != nil {
			return err
		}
		if err := fn(&u); err != nil {
			return err
		}
		return s.saveUser(ctx, u)
	})
	if err != nil {
		return bot.User{}, err
	}
	return u, nil
}

// lockUser reads a user and locks their row until the transaction ends.
func (s *Store) lockUser(ctx context.Context, id string) (bot.User, error) {
	return scanUser(s.q(ctx).QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1 FOR UPDATE`, id))
}

// rowScanner is a pgx.Row or pgx.Rows.
type rowScanner interface{ Scan(dest ...any) error }

// saveUser writes a user's changeable fields.
func (s *Store) saveUser(ctx context.Context, u bot.User) error {
	_, err := s.q(ctx).Exec(ctx, `
		UPDATE users SET chat_id = $1, time_zone = $2, bedtime = $3, wake_time = $4, consent_at = $5,
			quiet_start = $6, quiet_end = $7, paused_until = $8, updated_at = $9
		WHERE id = $10`,
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
	if isNoRows(err) {
		return bot.User{}, bot.ErrNotFound
	}
	return u, err
}

// scanUserColumns reads the userColumns, plus any extra destinations.
func scanUserColumns(row rowScanner, extra ...any) (bot.User, error) {
	var (
		u               bot.User
		bed, wake       *int32
		qStart, qEnd    *int32
		cons, pausedEnd *int64
		created         int64
	)
	dest := append([]any{&u.ID, &u.Platform, &u.ChatID, &u.TimeZone, &bed, &wake, &cons, &created, &qStart, &qEnd, &pausedEnd}, extra...)
	err := row.Scan(dest...)
	if isNoRows(err) {
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

func clockPtr(v *int32) *bot.Clock {
	if v == nil {
		return nil
	}
	c := bot.Clock(*v)
	return &c
}

func timePtr(v *int64) *time.Time {
	if v == nil {
		return nil
	}
	t := time.Unix(*v, 0).UTC()
	return &t
}

func clockValue(c *bot.Clock) *int32 {
	if c == nil {
		return nil
	}
	v := int32(*c)
	return &v
}

func timeValue(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	v := t.Unix()
	return &v
}
