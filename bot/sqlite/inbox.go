package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
)

var _ delivery.Store = (*Store)(nil)

// AcceptUpdates stores the updates not seen before; past perChat waiting
// updates in a chat, a new one is remembered but dropped.
func (s *Store) AcceptUpdates(ctx context.Context, platform string, us []delivery.Update, perChat int) (int, []string, error) {
	fresh := 0
	var flooded []string
	err := s.write(ctx, func(tx *sql.Tx) error {
		fresh, flooded = 0, nil
		seen := map[string]bool{}
		now := time.Now().Unix()
		for _, u := range us {
			state, chat, payload := "pending", u.ChatKey, u.Payload
			if perChat > 0 {
				var waiting int
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox WHERE platform = ? AND chat_key = ? AND state = 'pending'`,
					platform, u.ChatKey).Scan(&waiting); err != nil {
					return fmt.Errorf("count waiting updates: %w", err)
				}
				if waiting >= perChat {
					state, chat, payload = "dropped", "", nil
				}
			}
			res, err := tx.ExecContext(ctx, `
				INSERT INTO inbox (platform, id, chat_key, payload, state, received_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (platform, id) DO NOTHING`, platform, u.ID, chat, payload, state, now)
			if err != nil {
				return fmt.Errorf("store update: %w", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				fresh++
				if state == "dropped" && !seen[u.ChatKey] {
					seen[u.ChatKey] = true
					flooded = append(flooded, u.ChatKey)
				}
			}
		}
		return nil
	})
	return fresh, flooded, err
}

// ClaimUpdates leases the oldest waiting update of each chat not leased.
func (s *Store) ClaimUpdates(ctx context.Context, platform string, lease time.Duration, limit int) ([]delivery.Update, error) {
	var out []delivery.Update
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = nil
		now := time.Now()
		rows, err := tx.QueryContext(ctx, `
			UPDATE inbox SET lease_until = ?
			WHERE platform = ? AND id IN (
				SELECT i.id FROM inbox i
				WHERE i.platform = ? AND i.state = 'pending' AND i.lease_until <= ?
				  AND i.id = (SELECT MIN(j.id) FROM inbox j WHERE j.platform = i.platform AND j.chat_key = i.chat_key AND j.state = 'pending')
				ORDER BY i.id LIMIT ?)
			RETURNING id, chat_key, payload`,
			now.Add(lease).UnixMilli(), platform, platform, now.UnixMilli(), limit)
		if err != nil {
			return fmt.Errorf("claim updates: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var u delivery.Update
			if err := rows.Scan(&u.ID, &u.ChatKey, &u.Payload); err != nil {
				return fmt.Errorf("claim updates: %w", err)
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

// ReleaseUpdates ends every lease of the platform.
func (s *Store) ReleaseUpdates(ctx context.Context, platform string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE inbox SET lease_until = 0 WHERE platform = ? AND state = 'pending' AND lease_until <> 0`, platform); err != nil {
			return fmt.Errorf("release updates: %w", err)
		}
		return nil
	})
}

// FinishUpdate marks an update handled, keeping only platform and id.
func (s *Store) FinishUpdate(ctx context.Context, platform string, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE inbox SET state = 'done', payload = NULL, chat_key = '', lease_until = 0 WHERE platform = ? AND id = ?`, platform, id); err != nil {
			return fmt.Errorf("finish update: %w", err)
		}
		return nil
	})
}

// PruneUpdates forgets handled updates received before the time; a
// platform does not send an update again after a day.
func (s *Store) PruneUpdates(ctx context.Context, before time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM inbox WHERE state <> 'pending' AND received_at < ?`, before.Unix()); err != nil {
			return fmt.Errorf("prune inbox: %w", err)
		}
		return nil
	})
}

// WaitingUpdates counts the updates not yet handled (for operators and
// tests).
func (s *Store) WaitingUpdates(ctx context.Context) (int, error) {
	var n int
	if err := s.rd(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox WHERE state = 'pending'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count inbox: %w", err)
	}
	return n, nil
}
