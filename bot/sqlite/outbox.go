package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
)

// Enqueue adds messages to the outbox in order.
func (s *Store) Enqueue(ctx context.Context, ms []delivery.Message) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		now := time.Now().Unix()
		for _, m := range ms {
			row, err := delivery.EncodeRow(m, time.Unix(now, 0))
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO outbox (platform, chat_id, user_id, kind, reminder_id, due_at, body, meta, part, state, next_attempt, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
				m.Platform, m.ChatID, m.UserID, m.Kind, row.Reminder, row.Due, row.Body, m.Meta, m.Part, now, now); err != nil {
				return fmt.Errorf("queue message: %w", err)
			}
		}
		return nil
	})
}

// OutboxHeads returns the first waiting message of each chat that may go.
func (s *Store) OutboxHeads(ctx context.Context, platform string, now time.Time, limit int) ([]delivery.Message, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `
		SELECT o.id, o.platform, o.chat_id, o.user_id, o.kind, COALESCE(o.reminder_id, 0), o.due_at, o.body, o.meta, o.part, o.attempts
		FROM outbox o
		WHERE o.platform = ? AND o.state = 'pending' AND o.next_attempt <= ?
		  AND o.id = (SELECT MIN(p.id) FROM outbox p WHERE p.platform = o.platform AND p.chat_id = o.chat_id AND p.state = 'pending')
		ORDER BY o.id LIMIT ?`, platform, now.Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	defer rows.Close()
	var out []delivery.Message
	for rows.Next() {
		var (
			m    delivery.Message
			due  int64
			body []byte
		)
		if err := rows.Scan(&m.ID, &m.Platform, &m.ChatID, &m.UserID, &m.Kind, &m.ReminderID, &due, &body, &m.Meta, &m.Part, &m.Attempts); err != nil {
			return nil, fmt.Errorf("read outbox: %w", err)
		}
		if err := delivery.DecodeRow(&m, due, body); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// FinishMessage records a message's outcome: a reply is deleted, a
// reminder keeps its row without content until it is pruned.
func (s *Store) FinishMessage(ctx context.Context, id int64, state, note string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE id = ? AND reminder_id IS NULL`, id); err != nil {
			return fmt.Errorf("finish message: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, note = ?, body = NULL, meta = NULL, attempts = attempts + 1, updated_at = ? WHERE id = ?`,
			state, note, time.Now().Unix(), id); err != nil {
			return fmt.Errorf("finish message: %w", err)
		}
		return nil
	})
}

// RetryMessage puts a message back to wait until at.
func (s *Store) RetryMessage(ctx context.Context, id int64, at time.Time, attempts int, note string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET next_attempt = ?, attempts = ?, note = ?, updated_at = ? WHERE id = ?`,
			at.Unix(), attempts, note, time.Now().Unix(), id); err != nil {
			return fmt.Errorf("retry message: %w", err)
		}
		return nil
	})
}

// CancelChat cancels every waiting message to a chat.
func (s *Store) CancelChat(ctx context.Context, platform, chatID string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE platform = ? AND chat_id = ? AND state = 'pending' AND reminder_id IS NULL`, platform, chatID); err != nil {
			return fmt.Errorf("cancel chat: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'cancelled', note = 'recipient cannot be messaged', updated_at = ? WHERE platform = ? AND chat_id = ? AND state = 'pending'`,
			time.Now().Unix(), platform, chatID); err != nil {
			return fmt.Errorf("cancel chat: %w", err)
		}
		return nil
	})
}

// WaitingMessages counts the messages not yet sent (for operators and
// tests).
func (s *Store) WaitingMessages(ctx context.Context) (int, error) {
	var n int
	if err := s.rd(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE state = 'pending'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count outbox: %w", err)
	}
	return n, nil
}
