package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// LogDose records a dose and puts the medicine on the user's list (with
// the dose as its usual one when given), in one transaction. It returns
// the dose's id.
func (s *Store) LogDose(ctx context.Context, d bot.Dose) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO medicines (user_id, name, dose, added_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, name) DO UPDATE SET dose = CASE WHEN excluded.dose <> '' THEN excluded.dose ELSE medicines.dose END`,
			d.UserID, d.Name, d.Dose, d.TakenAt.Unix()); err != nil {
			return fmt.Errorf("add medicine: %w", err)
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO doses (user_id, name, dose, taken_at, day) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			d.UserID, d.Name, d.Dose, d.TakenAt.Unix(), d.Day).Scan(&id)
		if err != nil {
			return fmt.Errorf("log dose: %w", err)
		}
		return nil
	})
	return id, err
}

// Doses returns the user's doses taken on local days in [from, to],
// oldest first.
func (s *Store) Doses(ctx context.Context, userID, from, to string) ([]bot.Dose, error) {
	return queryDoses(ctx, s.rd(ctx), `SELECT id, user_id, name, dose, taken_at, day FROM doses WHERE user_id = ? AND day BETWEEN ? AND ? ORDER BY taken_at, id`, userID, from, to)
}

func queryDoses(ctx context.Context, q reads, query string, args ...any) ([]bot.Dose, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read doses: %w", err)
	}
	defer rows.Close()
	var out []bot.Dose
	for rows.Next() {
		var (
			d     bot.Dose
			taken int64
		)
		if err := rows.Scan(&d.ID, &d.UserID, &d.Name, &d.Dose, &taken, &d.Day); err != nil {
			return nil, fmt.Errorf("read dose: %w", err)
		}
		d.TakenAt = time.Unix(taken, 0).UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// Medicines returns the user's list of medicines, by name.
func (s *Store) Medicines(ctx context.Context, userID string) ([]bot.Medicine, error) {
	return queryMedicines(ctx, s.rd(ctx), userID)
}

func queryMedicines(ctx context.Context, q reads, userID string) ([]bot.Medicine, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, user_id, name, dose, added_at FROM medicines WHERE user_id = ? ORDER BY name`, userID)
	if err != nil {
		return nil, fmt.Errorf("read medicines: %w", err)
	}
	defer rows.Close()
	var out []bot.Medicine
	for rows.Next() {
		var (
			m     bot.Medicine
			added int64
		)
		if err := rows.Scan(&m.ID, &m.UserID, &m.Name, &m.Dose, &added); err != nil {
			return nil, fmt.Errorf("read medicine: %w", err)
		}
		m.AddedAt = time.Unix(added, 0).UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// Medicine returns one medicine of the user's list by id; ok is false
// when it is not (or no longer) there.
func (s *Store) Medicine(ctx context.Context, userID string, id int64) (bot.Medicine, bool, error) {
	var (
		m     bot.Medicine
		added int64
	)
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT id, user_id, name, dose, added_at FROM medicines WHERE user_id = ? AND id = ?`, userID, id).
		Scan(&m.ID, &m.UserID, &m.Name, &m.Dose, &added)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return bot.Medicine{}, false, nil
	case err != nil:
		return bot.Medicine{}, false, fmt.Errorf("read medicine: %w", err)
	}
	m.AddedAt = time.Unix(added, 0).UTC()
	return m, true, nil
}

// RemoveMedicine takes a medicine off the user's list (its logged doses
// stay); it reports whether it was there.
func (s *Store) RemoveMedicine(ctx context.Context, userID, name string) (bool, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM medicines WHERE user_id = ? AND name = ?`, userID, name)
		if err != nil {
			return fmt.Errorf("remove medicine: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}

// AddLab records an iron test result and returns its id.
func (s *Store) AddLab(ctx context.Context, l bot.Lab) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO labs (user_id, test, value, taken_on, logged_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			l.UserID, l.Test, l.Value, l.Date, l.LoggedAt.Unix()).Scan(&id)
		if err != nil {
			return fmt.Errorf("add lab: %w", err)
		}
		return nil
	})
	return id, err
}

// Labs returns the user's iron test results, oldest first.
func (s *Store) Labs(ctx context.Context, userID string) ([]bot.Lab, error) {
	return queryLabs(ctx, s.rd(ctx), userID)
}

func queryLabs(ctx context.Context, q reads, userID string) ([]bot.Lab, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, user_id, test, value, taken_on, logged_at FROM labs WHERE user_id = ? ORDER BY taken_on, id`, userID)
	if err != nil {
		return nil, fmt.Errorf("read labs: %w", err)
	}
	defer rows.Close()
	var out []bot.Lab
	for rows.Next() {
		var (
			l      bot.Lab
			logged int64
		)
		if err := rows.Scan(&l.ID, &l.UserID, &l.Test, &l.Value, &l.Date, &logged); err != nil {
			return nil, fmt.Errorf("read lab: %w", err)
		}
		l.LoggedAt = time.Unix(logged, 0).UTC()
		out = append(out, l)
	}
	return out, rows.Err()
}

// exportHealth adds the diary, medicines, doses and labs to an export.
func exportHealth(ctx context.Context, q reads, userID string, ex *bot.Export) error {
	var err error
	if ex.Diary, err = queryDiaries(ctx, q, `SELECT `+diaryColumns+` FROM sleep_diary WHERE user_id = ? ORDER BY night`, userID); err != nil {
		return err
	}
	if ex.Medicines, err = queryMedicines(ctx, q, userID); err != nil {
		return err
	}
	if ex.Doses, err = queryDoses(ctx, q, `SELECT id, user_id, name, dose, taken_at, day FROM doses WHERE user_id = ? ORDER BY taken_at, id`, userID); err != nil {
		return err
	}
	ex.Labs, err = queryLabs(ctx, q, userID)
	return err
}

// DeleteDose deletes one of the user's logged doses; it reports whether
// it was there.
func (s *Store) DeleteDose(ctx context.Context, userID string, id int64) (bool, error) {
	return s.deleteOwned(ctx, "doses", userID, id)
}

// DeleteLab deletes one of the user's iron test results; it reports
// whether it was there.
func (s *Store) DeleteLab(ctx context.Context, userID string, id int64) (bool, error) {
	return s.deleteOwned(ctx, "labs", userID, id)
}

// deleteOwned deletes the row id of table if it belongs to the user.
func (s *Store) deleteOwned(ctx context.Context, table, userID string, id int64) (bool, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ? AND user_id = ?`, id, userID)
		if err != nil {
			return fmt.Errorf("delete from %s: %w", table, err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}
