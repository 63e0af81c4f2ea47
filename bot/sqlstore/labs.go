package sqlstore

import (
	"context"

	"github.com/calmnights/calmnights/bot"
)

// AddLab records an iron test result and returns its id.
func (s *Store) AddLab(ctx context.Context, l bot.Lab) (int64, error) {
	return s.insert(ctx, "add lab", `INSERT INTO labs (user_id, test, value, taken_on, logged_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		l.UserID, l.Test, l.Value, l.Date, l.LoggedAt.Unix())
}

const labColumns = `id, user_id, test, value, taken_on, logged_at`

func scanLab(row Scanner) (l bot.Lab, err error) {
	err = row.Scan(&l.ID, &l.UserID, &l.Test, &l.Value, &l.Date, unixTime{&l.LoggedAt})
	return l, err
}

// Labs returns the user's iron test results, oldest first.
func (s *Store) Labs(ctx context.Context, userID string) ([]bot.Lab, error) {
	return labs(ctx, s.read(ctx), userID)
}

func labs(ctx context.Context, r Q, userID string) ([]bot.Lab, error) {
	return collect(ctx, r, "labs", scanLab, `SELECT `+labColumns+` FROM labs WHERE user_id = ? ORDER BY taken_on, id`, userID)
}

// DeleteLab deletes one of the user's iron test results; it reports
// whether it was there.
func (s *Store) DeleteLab(ctx context.Context, userID string, id int64) (bool, error) {
	n, err := s.execN(ctx, "delete lab", `DELETE FROM labs WHERE id = ? AND user_id = ?`, id, userID)
	return n > 0, err
}
