package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
)

// enqueueChunk is how many messages one INSERT carries (eleven parameters
// each; SQLite allows 32766 in a statement, PostgreSQL 65535).
const enqueueChunk = 500

// Enqueue adds messages to the outbox in order, with one statement per
// enqueueChunk messages.
func (s *Store) Enqueue(ctx context.Context, ms []delivery.Message) error {
	if len(ms) == 0 {
		return nil
	}
	now := time.Now().Unix()
	args := make([]any, 0, 11*min(len(ms), enqueueChunk))
	write := s.write
	if len(ms) <= enqueueChunk {
		write = s.write1 // one statement
	}
	return write(ctx, func(w Q) error {
		for start := 0; start < len(ms); start += enqueueChunk {
			chunk := ms[start:min(start+enqueueChunk, len(ms))]
			args = args[:0]
			for _, m := range chunk {
				row, err := delivery.EncodeRow(m, time.Unix(now, 0))
				if err != nil {
					return err
				}
				args = append(args, m.Platform, m.ChatID, m.UserID, m.Kind, row.Reminder, row.Due, row.Body, m.Meta, m.Part, now, now)
			}
			if _, err := w.Exec(ctx, `
				INSERT INTO outbox (platform, chat_id, user_id, kind, reminder_id, due_at, body, meta, part, next_attempt, updated_at, state)
				VALUES `+Rows(len(chunk), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')"), args...); err != nil {
				return fmt.Errorf("queue messages: %w", err)
			}
		}
		return nil
	})
}

// Rows repeats one row of a multi-row VALUES n times, comma-separated.
func Rows(n int, row string) string {
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// HeadColumns are the columns an engine's OutboxHeads query selects.
const HeadColumns = `id, platform, chat_id, user_id, kind, COALESCE(reminder_id, 0), due_at, body, meta, part, attempts`

// portableHeads finds each chat's first waiting message by its smallest
// id, a probe of the outbox_chat index per chat.
const portableHeads = `
	SELECT ` + HeadColumns + ` FROM outbox o
	WHERE o.platform = ? AND o.state = 'pending' AND o.next_attempt <= ?
	  AND o.id = (SELECT MIN(p.id) FROM outbox p WHERE p.platform = o.platform AND p.chat_id = o.chat_id AND p.state = 'pending')
	ORDER BY o.id LIMIT ?`

// OutboxHeads returns the first waiting message of each chat that may go.
func (s *Store) OutboxHeads(ctx context.Context, platform string, now time.Time, limit int) ([]delivery.Message, error) {
	return collect(ctx, s.read(ctx), "outbox", func(row Scanner) (delivery.Message, error) {
		var (
			m    delivery.Message
			due  int64
			body []byte
		)
		if err := row.Scan(&m.ID, &m.Platform, &m.ChatID, &m.UserID, &m.Kind, &m.ReminderID, &due, &body, &m.Meta, &m.Part, &m.Attempts); err != nil {
			return m, err
		}
		return m, delivery.DecodeRow(&m, due, body)
	}, s.cfg.OutboxHeads, platform, now.Unix(), limit)
}

// FinishMessage records a message's outcome: a reply is deleted, a
// reminder keeps its row without content until it is pruned.
func (s *Store) FinishMessage(ctx context.Context, id int64, state, note string) error {
	return s.writeAll(ctx, "finish message",
		statement{`DELETE FROM outbox WHERE id = ? AND reminder_id IS NULL`, []any{id}},
		statement{`UPDATE outbox SET state = ?, note = ?, body = NULL, meta = NULL, attempts = attempts + 1, updated_at = ?
			WHERE id = ? AND reminder_id IS NOT NULL`, []any{state, note, time.Now().Unix(), id}})
}

// RetryMessage puts a message back to wait until at.
func (s *Store) RetryMessage(ctx context.Context, id int64, at time.Time, attempts int, note string) error {
	return s.exec(ctx, "retry message", `UPDATE outbox SET next_attempt = ?, attempts = ?, note = ?, updated_at = ? WHERE id = ?`,
		at.Unix(), attempts, note, time.Now().Unix(), id)
}

// CancelChat cancels every waiting message to a chat: replies are deleted,
// reminders kept as cancelled, without content.
func (s *Store) CancelChat(ctx context.Context, platform, chatID string) error {
	return s.writeAll(ctx, "cancel chat",
		statement{`DELETE FROM outbox WHERE platform = ? AND chat_id = ? AND state = 'pending' AND reminder_id IS NULL`, []any{platform, chatID}},
		statement{`UPDATE outbox SET state = 'cancelled', note = 'recipient cannot be messaged', body = NULL, meta = NULL, updated_at = ?
			WHERE platform = ? AND chat_id = ? AND state = 'pending' AND reminder_id IS NOT NULL`, []any{time.Now().Unix(), platform, chatID}})
}

// WaitingMessages counts the messages not yet sent (for operators and
// tests).
func (s *Store) WaitingMessages(ctx context.Context) (int, error) {
	return s.count(ctx, "outbox", `SELECT COUNT(*) FROM outbox WHERE state = 'pending'`)
}
