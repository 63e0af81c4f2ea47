package sqlstore

import (
	"context"
	"fmt"

	"github.com/calmnights/calmnights/bot"
)

// LogDose records a dose and puts the medicine on the user's list (with
// the dose as its usual one when given), in one transaction. It returns
// the dose's id. A medicine's name is one entry whatever its case.
func (s *Store) LogDose(ctx context.Context, d bot.Dose) (int64, error) {
	var id int64
	err := s.write(ctx, func(w Q) error {
		if _, err := w.Exec(ctx, `
			INSERT INTO medicines (user_id, name, dose, added_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, `+s.d.Fold("name")+`) DO UPDATE SET dose = CASE WHEN excluded.dose <> '' THEN excluded.dose ELSE medicines.dose END`,
			d.UserID, d.Name, d.Dose, d.TakenAt.Unix()); err != nil {
			return fmt.Errorf("add medicine: %w", err)
		}
		var err error
		id, err = w.insert(ctx, "log dose", `INSERT INTO doses (user_id, name, dose, taken_at, day) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			d.UserID, d.Name, d.Dose, d.TakenAt.Unix(), d.Day)
		return err
	})
	return id, err
}

const doseColumns = `id, user_id, name, dose, taken_at, day`

func scanDose(row Scanner) (d bot.Dose, err error) {
	err = row.Scan(&d.ID, &d.UserID, &d.Name, &d.Dose, unixTime{&d.TakenAt}, &d.Day)
	return d, err
}

// Doses returns the user's doses taken on local days in [from, to],
// oldest first.
func (s *Store) Doses(ctx context.Context, userID, from, to string) ([]bot.Dose, error) {
	return collect(ctx, s.read(ctx), "doses", scanDose,
		`SELECT `+doseColumns+` FROM doses WHERE user_id = ? AND day BETWEEN ? AND ? ORDER BY taken_at, id`, userID, from, to)
}

// DeleteDose deletes one of the user's logged doses; it reports whether
// it was there.
func (s *Store) DeleteDose(ctx context.Context, userID string, id int64) (bool, error) {
	n, err := s.execN(ctx, "delete dose", `DELETE FROM doses WHERE id = ? AND user_id = ?`, id, userID)
	return n > 0, err
}

const medicineColumns = `id, user_id, name, dose, added_at`

func scanMedicine(row Scanner) (m bot.Medicine, err error) {
	err = row.Scan(&m.ID, &m.UserID, &m.Name, &m.Dose, unixTime{&m.AddedAt})
	return m, err
}

// Medicines returns the user's list of medicines, by name.
func (s *Store) Medicines(ctx context.Context, userID string) ([]bot.Medicine, error) {
	return s.medicines(ctx, s.read(ctx), userID)
}

func (s *Store) medicines(ctx context.Context, r Q, userID string) ([]bot.Medicine, error) {
	return collect(ctx, r, "medicines", scanMedicine,
		`SELECT `+medicineColumns+` FROM medicines WHERE user_id = ? ORDER BY `+s.d.Fold("name"), userID)
}

// Medicine returns one medicine of the user's list by id; ok is false
// when it is not (or no longer) there.
func (s *Store) Medicine(ctx context.Context, userID string, id int64) (bot.Medicine, bool, error) {
	ms, err := collect(ctx, s.read(ctx), "medicine", scanMedicine,
		`SELECT `+medicineColumns+` FROM medicines WHERE user_id = ? AND id = ?`, userID, id)
	if err != nil || len(ms) == 0 {
		return bot.Medicine{}, false, err
	}
	return ms[0], true, nil
}

// RemoveMedicine takes a medicine off the user's list (its logged doses
// stay); it reports whether it was there. The name matches whatever its
// case.
func (s *Store) RemoveMedicine(ctx context.Context, userID, name string) (bool, error) {
	n, err := s.execN(ctx, "remove medicine",
		`DELETE FROM medicines WHERE user_id = ? AND `+s.d.Fold("name")+` = `+s.d.Fold("?"), userID, name)
	return n > 0, err
}
