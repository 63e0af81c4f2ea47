package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// Conversation returns the user's running conversation, or bot.ErrNotFound.
func (s *Store) Conversation(ctx context.Context, userID string) (bot.Conversation, error) {
	var (
		c       = bot.Conversation{UserID: userID}
		data    string
		updated int64
	)
	err := s.read(ctx).QueryRow(ctx, `SELECT flow, step, data, updated_at FROM conversations WHERE user_id = ?`, userID).
		Scan(&c.Flow, &c.Step, &data, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return bot.Conversation{}, bot.ErrNotFound
	}
	if err != nil {
		return bot.Conversation{}, fmt.Errorf("read conversation: %w", err)
	}
	if err := json.Unmarshal([]byte(data), &c.Data); err != nil {
		return bot.Conversation{}, fmt.Errorf("decode conversation data: %w", err)
	}
	c.UpdatedAt = unix(updated)
	return c, nil
}

// SaveConversation creates or replaces the user's conversation.
func (s *Store) SaveConversation(ctx context.Context, c bot.Conversation) error {
	data, err := json.Marshal(c.Data)
	if err != nil {
		return fmt.Errorf("encode conversation data: %w", err)
	}
	if c.Data == nil {
		data = []byte("{}")
	}
	return s.write1(ctx, func(w Q) error {
		_, err := w.Exec(ctx, `
			INSERT INTO conversations (user_id, flow, step, data, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET flow = excluded.flow, step = excluded.step,
				data = excluded.data, updated_at = excluded.updated_at`,
			c.UserID, c.Flow, c.Step, string(data), time.Now().Unix())
		if err != nil {
			return fmt.Errorf("save conversation: %w", err)
		}
		return nil
	})
}

// EndConversation removes the user's conversation, if any.
func (s *Store) EndConversation(ctx context.Context, userID string) error {
	return s.exec(ctx, "end conversation", `DELETE FROM conversations WHERE user_id = ?`, userID)
}

// exec runs one writing statement (see write1), wrapping its error with what.
func (s *Store) exec(ctx context.Context, what, query string, args ...any) error {
	_, err := s.execN(ctx, what, query, args...)
	return err
}

// execN is exec that returns how many rows the statement changed.
func (s *Store) execN(ctx context.Context, what, query string, args ...any) (int64, error) {
	var n int64
	err := s.write1(ctx, func(w Q) error {
		res, err := w.Exec(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		n = affected(res)
		return nil
	})
	return n, err
}
