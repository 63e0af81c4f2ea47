package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
)

// AcceptUpdates stores the updates not seen before; past perChat waiting
// updates in a chat, a new one is remembered but dropped. ClaimUpdates is
// the engine's own (PostgreSQL's replicas claim with SKIP LOCKED).
func (s *Store) AcceptUpdates(ctx context.Context, platform string, us []delivery.Update, perChat int) (int, []string, error) {
	var (
		fresh   int
		flooded []string
	)
	err := s.write(ctx, func(w Q) error {
		fresh, flooded = 0, nil
		seen := map[string]bool{}
		now := time.Now().Unix()
		for _, u := range us {
			state, chat, payload := "pending", u.ChatKey, u.Payload
			if perChat > 0 {
				var waiting int
				if err := w.QueryRow(ctx, `SELECT COUNT(*) FROM inbox WHERE platform = ? AND chat_key = ? AND state = 'pending'`,
					platform, u.ChatKey).Scan(&waiting); err != nil {
					return fmt.Errorf("count waiting updates: %w", err)
				}
				if waiting >= perChat {
					state, chat, payload = "dropped", "", nil
				}
			}
			res, err := w.Exec(ctx, `
				INSERT INTO inbox (platform, id, chat_key, payload, state, received_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (platform, id) DO NOTHING`, platform, u.ID, chat, payload, state, now)
			if err != nil {
				return fmt.Errorf("store update: %w", err)
			}
			if affected(res) > 0 {
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

// ReleaseUpdates ends every lease of the platform. Only for a deployment
// of one process: with replicas, a lease ends by timing out.
func (s *Store) ReleaseUpdates(ctx context.Context, platform string) error {
	return s.exec(ctx, "release updates",
		`UPDATE inbox SET lease_until = 0 WHERE platform = ? AND state = 'pending' AND lease_until <> 0`, platform)
}

// FinishUpdate marks an update handled, keeping only platform and id.
func (s *Store) FinishUpdate(ctx context.Context, platform string, id int64) error {
	return s.exec(ctx, "finish update",
		`UPDATE inbox SET state = 'done', payload = NULL, chat_key = '', lease_until = 0 WHERE platform = ? AND id = ?`, platform, id)
}

// PruneUpdates forgets handled updates received before the time; a
// platform does not send an update again after a day.
func (s *Store) PruneUpdates(ctx context.Context, before time.Time) error {
	return s.exec(ctx, "prune inbox", `DELETE FROM inbox WHERE state <> 'pending' AND received_at < ?`, before.Unix())
}

// WaitingUpdates counts the updates not yet handled (for operators and
// tests).
func (s *Store) WaitingUpdates(ctx context.Context) (int, error) {
	return s.count(ctx, "inbox", `SELECT COUNT(*) FROM inbox WHERE state = 'pending'`)
}

// count runs a query that counts.
func (s *Store) count(ctx context.Context, what, query string, args ...any) (int, error) {
	var n int
	if err := s.read(ctx).QueryRow(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s: %w", what, err)
	}
	return n, nil
}
