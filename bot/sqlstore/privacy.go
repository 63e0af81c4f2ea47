package sqlstore

import (
	"context"
	"fmt"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/migration"
)

// DeleteUser deletes every row about the user, in every table, in one
// transaction (explicitly, not only by cascade, so a table without a
// foreign key cannot keep anything). Once that has committed, the engine's
// UserDeleted runs (SQLite scrubs the rows' bytes from its files).
func (s *Store) DeleteUser(ctx context.Context, userID string) error {
	err := s.write(ctx, func(w Q) error {
		for _, t := range migration.UserTables {
			if _, err := w.Exec(ctx, `DELETE FROM `+t.Table+` WHERE `+t.Column+` = ?`, userID); err != nil {
				return fmt.Errorf("delete from %s: %w", t.Table, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if s.cfg.UserDeleted != nil {
		s.afterCommit(ctx, func() { s.cfg.UserDeleted(context.WithoutCancel(ctx)) })
	}
	return nil
}

// CountUserRows returns, per table, how many rows are about the user: a
// check that deleting a user left nothing behind.
func (s *Store) CountUserRows(ctx context.Context, userID string) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range migration.UserTables {
		var n int
		if err := s.read(ctx).QueryRow(ctx, `SELECT COUNT(*) FROM `+t.Table+` WHERE `+t.Column+` = ?`, userID).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t.Table, err)
		}
		out[t.Table] = n
	}
	return out, nil
}

// Export returns everything stored about the user, read in one snapshot.
func (s *Store) Export(ctx context.Context, userID string) (bot.Export, error) {
	var ex bot.Export
	err := s.snapshot(ctx, func(r Q) error {
		var err error
		if ex.User, err = scanUser(r.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, userID)); err != nil {
			return err
		}
		if ex.Nights, err = collect(ctx, r, "nights", scanNight, `SELECT `+nightColumns+` FROM nights WHERE user_id = ? ORDER BY night`, userID); err != nil {
			return err
		}
		if ex.Water, err = water(ctx, r, `SELECT day, ml FROM water WHERE user_id = ? ORDER BY day`, userID); err != nil {
			return err
		}
		if ex.Checklists, err = checklistResults(ctx, r, userID, -1); err != nil {
			return err
		}
		rs, err := reminderList(ctx, r, userID)
		if err != nil {
			return err
		}
		for _, rm := range rs {
			er := bot.ExportedReminder{Kind: string(rm.Kind), Spec: rm.Spec, Mode: string(rm.Mode), Enabled: rm.Enabled, Snooze: rm.OneOff}
			if !rm.NextDue.IsZero() {
				t := rm.NextDue
				er.NextDue = &t
			}
			ex.Reminders = append(ex.Reminders, er)
		}
		if ex.Diary, err = collect(ctx, r, "diary", scanDiary, `SELECT `+diaryColumns+` FROM sleep_diary WHERE user_id = ? ORDER BY night`, userID); err != nil {
			return err
		}
		if ex.Medicines, err = s.medicines(ctx, r, userID); err != nil {
			return err
		}
		if ex.Doses, err = collect(ctx, r, "doses", scanDose, `SELECT `+doseColumns+` FROM doses WHERE user_id = ? ORDER BY taken_at, id`, userID); err != nil {
			return err
		}
		ex.Labs, err = labs(ctx, r, userID)
		return err
	})
	if err != nil {
		return bot.Export{}, fmt.Errorf("export: %w", err)
	}
	return ex, nil
}
