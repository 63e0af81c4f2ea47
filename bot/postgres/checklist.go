package postgres

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
	_, err = s.q(ctx).Exec(ctx, `
		INSERT INTO checklist_results (user_id, taken_at, yes_count, total, answers, see_doctor)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		r.UserID, r.TakenAt.Unix(), r.Yes, r.Total, string(answers), r.SeeDoctor)
	if err != nil {
		return fmt.Errorf("save checklist result: %w", err)
	}
	return nil
}

// ChecklistResults returns the user's latest results, newest first.
func (s *Store) ChecklistResults(ctx context.Context, userID string, limit int) ([]bot.ChecklistResult, error) {
	return queryChecklistResults(ctx, s.q(ctx), userID, limit)
}

// queryChecklistResults reads results newest first; limit < 0 means all.
func queryChecklistResults(ctx context.Context, q dbtx, userID string, limit int) ([]bot.ChecklistResult, error) {
	var lim *int
	if limit >= 0 {
		lim = &limit
	}
	rows, err := q.Query(ctx, `
		SELECT taken_at, yes_count, total, answers, see_doctor FROM checklist_results
		WHERE user_id = $1 ORDER BY taken_at DESC, id DESC LIMIT $2`, userID, lim)
	if err != nil {
		return nil, fmt.Errorf("read checklist results: %w", err)
	}
	defer rows.Close()
	var out []bot.ChecklistResult
	for rows.Next() {
		var (
			r       = bot.ChecklistResult{UserID: userID}
			taken   int64
			answers string
		)
		if err := rows.Scan(&taken, &r.Yes, &r.Total, &answers, &r.SeeDoctor); err != nil {
			return nil, fmt.Errorf("read checklist result: %w", err)
		}
		if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
			return nil, fmt.Errorf("decode checklist answers: %w", err)
		}
		r.TakenAt = time.Unix(taken, 0).UTC()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read checklist results: %w", err)
	}
	return out, nil
}
