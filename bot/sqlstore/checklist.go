package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// SaveChecklistResult stores one finished checklist.
func (s *Store) SaveChecklistResult(ctx context.Context, r bot.ChecklistResult) error {
	answers, err := json.Marshal(r.Answers)
	if err != nil {
		return fmt.Errorf("encode checklist answers: %w", err)
	}
	return s.exec(ctx, "save checklist result", `
		INSERT INTO checklist_results (user_id, taken_at, yes_count, total, answers, see_doctor)
		VALUES (?, ?, ?, ?, ?, ?)`,
		r.UserID, r.TakenAt.Unix(), r.Yes, r.Total, string(answers), r.SeeDoctor)
}

// ChecklistResults returns the user's latest results, newest first.
func (s *Store) ChecklistResults(ctx context.Context, userID string, limit int) ([]bot.ChecklistResult, error) {
	return checklistResults(ctx, s.read(ctx), userID, limit)
}

// checklistResults reads results newest first; limit < 0 means all.
func checklistResults(ctx context.Context, r Q, userID string, limit int) ([]bot.ChecklistResult, error) {
	query, args := `SELECT taken_at, yes_count, total, answers, see_doctor FROM checklist_results
		WHERE user_id = ? ORDER BY taken_at DESC, id DESC`, []any{userID}
	if limit >= 0 {
		query, args = query+` LIMIT ?`, append(args, limit)
	}
	return collect(ctx, r, "checklist results", func(row Scanner) (bot.ChecklistResult, error) {
		var (
			c       = bot.ChecklistResult{UserID: userID}
			taken   int64
			answers string
		)
		if err := row.Scan(&taken, &c.Yes, &c.Total, &answers, &c.SeeDoctor); err != nil {
			return c, err
		}
		if err := json.Unmarshal([]byte(answers), &c.Answers); err != nil {
			return c, fmt.Errorf("decode checklist answers: %w", err)
		}
		c.TakenAt = time.Unix(taken, 0).UTC()
		return c, nil
	}, query, args...)
}
