package postgres

import (
	"context"
	"encoding/json"
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
	err := s.q(ctx).QueryRow(ctx,
		`SELECT flow, step, data, updated_at FROM conversations WHERE user_id = $1`, userID).
		Scan(&c.Flow, &c.Step, &data, &updated)
	if isNoRows(err) {
		return bot.Conversation{}, bot.ErrNotFound
	}
	if err != nil {
		return bot.Conversation{}, fmt.Errorf("read conversation: %w", err)
	}
	if err := json.Unmarshal([]byte(data), &c.Data); err != nil {
		return bot.Conversation{}, fmt.Errorf("decode conversation data: %w", err)
	}
	c.UpdatedAt = time.Unix(updated, 0).UTC()
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
	_, err = s.q(ctx).Exec(ctx, `
		INSERT INTO conversations (user_id, flow, step, data, updated_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (user_id) DO UPDATE SET flow = excluded.flow, step = excluded.step,
			data = excluded.data, updated_at = excluded.updated_at`,
		c.UserID, c.Flow, c.Step, string(data), time.Now().Unix())
	if err != nil {
		return fmt.Errorf("save conversation: %w", err)
	}
	return nil
}

// EndConversation removes the user's conversation, if any.
func (s *Store) EndConversation(ctx context.Context, userID string) error {
	if _, err := s.q(ctx).Exec(ctx, `DELETE FROM conversations WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("end conversation: %w", err)
	}
	return nil
}
