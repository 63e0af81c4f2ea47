package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot"
)

var _ bot.InboxStore = (*Store)(nil)

// AcceptInbox stores the items not seen before.
func (s *Store) AcceptInbox(ctx context.Context, platform string, items []bot.InboxItem) (int, error) {
	fresh := 0
	err := s.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `
			INSERT INTO inbox (platform, id, chat_key, payload, state, received_at) VALUES (?, ?, ?, ?, 'pending', ?)
			ON CONFLICT (platform, id) DO NOTHING`)
		if err != nil {
			return fmt.Errorf("prepare inbox: %w", err)
		}
		defer st.Close()
		now := time.Now().Unix()
		for _, it := range items {
			res, err := st.ExecContext(ctx, platform, it.ID, it.ChatKey, it.Payload, now)
			if err != nil {
				return fmt.Errorf("store update: %w", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				fresh++
			}
		}
		return nil
	})
	return fresh, err
}

// PendingInbox returns items not yet started, oldest first.
func (s *Store) PendingInbox(ctx context.Context, platform string, limit int) ([]bot.InboxItem, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT id, chat_key, payload FROM inbox WHERE platform = ? AND state = 'pending' ORDER BY id LIMIT ?`, platform, limit)
	if err != nil {
		return nil, fmt.Errorf("read inbox: %w", err)
	}
	return scanInbox(rows)
}

func scanInbox(rows *sql.Rows) ([]bot.InboxItem, error) {
	defer rows.Close()
	var out []bot.InboxItem
	for rows.Next() {
		var it bot.InboxItem
		if err := rows.Scan(&it.ID, &it.ChatKey, &it.Payload); err != nil {
			return nil, fmt.Errorf("read inbox: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// StartInbox marks an item as being handled.
func (s *Store) StartInbox(ctx context.Context, platform string, id int64) (bool, error) {
	started := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE inbox SET state = 'started' WHERE platform = ? AND id = ? AND state = 'pending'`, platform, id)
		if err != nil {
			return fmt.Errorf("start update: %w", err)
		}
		n, _ := res.RowsAffected()
		started = n == 1
		return nil
	})
	return started, err
}

// FinishInbox marks an item handled and drops its payload.
func (s *Store) FinishInbox(ctx context.Context, platform string, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE inbox SET state = 'done', payload = NULL WHERE platform = ? AND id = ?`, platform, id); err != nil {
			return fmt.Errorf("finish update: %w", err)
		}
		return nil
	})
}

// RecoverInbox marks items left started by a crash as unknown.
func (s *Store) RecoverInbox(ctx context.Context, platform string) ([]bot.InboxItem, error) {
	var out []bot.InboxItem
	err := s.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			UPDATE inbox SET state = 'unknown', payload = NULL WHERE platform = ? AND state = 'started'
			RETURNING id, chat_key, payload`, platform)
		if err != nil {
			return fmt.Errorf("recover inbox: %w", err)
		}
		out, err = scanInbox(rows)
		return err
	})
	return out, err
}

// PruneInbox forgets finished items received before the time.
func (s *Store) PruneInbox(ctx context.Context, platform string, before time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM inbox WHERE platform = ? AND state IN ('done', 'unknown') AND received_at < ?`, platform, before.Unix())
		if err != nil {
			return fmt.Errorf("prune inbox: %w", err)
		}
		return nil
	})
}
