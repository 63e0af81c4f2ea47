package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/calmnights/calmnights/bot"
)

// The sleep diary, medicines, doses and iron tests (the journal's health
// records), as in bot/sqlite.

const diaryColumns = `user_id, night, in_bed, latency_min, awakenings, final_wake, out_of_bed, quality, symptom_start, moving_eased, spread, alcohol, updated_at`

func scanDiary(row rowScanner) (bot.Diary, error) {
	var (
		d                       bot.Diary
		inBed, wake, out, start *int32
		lat, awake, q           *int32
		updated                 int64
	)
	if err := row.Scan(&d.UserID, &d.Date, &inBed, &lat, &awake, &wake, &out, &q, &start, &d.MovingEased, &d.Spread, &d.Alcohol, &updated); err != nil {
		return bot.Diary{}, err
	}
	d.InBed, d.FinalWake, d.OutOfBed, d.SymptomStart = clockPtr(inBed), clockPtr(wake), clockPtr(out), clockPtr(start)
	d.LatencyMin, d.Awakenings, d.Quality = intPtr(lat), intPtr(awake), intPtr(q)
	d.UpdatedAt = time.Unix(updated, 0).UTC()
	return d, nil
}

func intPtr(v *int32) *int {
	if v == nil {
		return nil
	}
	n := int(*v)
	return &n
}

// SaveDiary creates or replaces the sleep diary of a night.
func (s *Store) SaveDiary(ctx context.Context, d bot.Diary) error {
	_, err := s.q(ctx).Exec(ctx, `
		INSERT INTO sleep_diary (`+diaryColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		ON CONFLICT (user_id, night) DO UPDATE SET in_bed = excluded.in_bed, latency_min = excluded.latency_min,
			awakenings = excluded.awakenings, final_wake = excluded.final_wake, out_of_bed = excluded.out_of_bed,
			quality = excluded.quality, symptom_start = excluded.symptom_start, moving_eased = excluded.moving_eased,
			spread = excluded.spread, alcohol = excluded.alcohol, updated_at = excluded.updated_at`,
		d.UserID, d.Date, clockValue(d.InBed), d.LatencyMin, d.Awakenings, clockValue(d.FinalWake),
		clockValue(d.OutOfBed), d.Quality, clockValue(d.SymptomStart), d.MovingEased, d.Spread, d.Alcohol, d.UpdatedAt.Unix())
	if err != nil {
		return fmt.Errorf("save diary: %w", err)
	}
	return nil
}

// Diaries returns the user's sleep diary for nights in [from, to], oldest
// first.
func (s *Store) Diaries(ctx context.Context, userID, from, to string) ([]bot.Diary, error) {
	return queryDiaries(ctx, s.q(ctx), `SELECT `+diaryColumns+` FROM sleep_diary WHERE user_id = $1 AND night BETWEEN $2 AND $3 ORDER BY night`, userID, from, to)
}

// LatestDiary returns the user's most recent diary for a night before
// the given date, or nil when there is none.
func (s *Store) LatestDiary(ctx context.Context, userID, before string) (*bot.Diary, error) {
	ds, err := queryDiaries(ctx, s.q(ctx), `SELECT `+diaryColumns+` FROM sleep_diary WHERE user_id = $1 AND night < $2 ORDER BY night DESC LIMIT 1`, userID, before)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	return &ds[0], nil
}

func queryDiaries(ctx context.Context, q dbtx, query string, args ...any) ([]bot.Diary, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read diary: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (bot.Diary, error) { return scanDiary(r) })
	if err != nil {
		return nil, fmt.Errorf("read diary: %w", err)
	}
	return out, nil
}

// LogDose records a dose and puts the medicine on the user's list (with
// the dose as its usual one when given), in one transaction. It returns
// the dose's id.
func (s *Store) LogDose(ctx context.Context, d bot.Dose) (int64, error) {
	var id int64
	err := s.Atomic(ctx, func(ctx context.Context) error {
		if _, err := s.q(ctx).Exec(ctx, `
			INSERT INTO medicines (user_id, name, dose, added_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (user_id, lower(name)) DO UPDATE SET dose = CASE WHEN excluded.dose <> '' THEN excluded.dose ELSE medicines.dose END`,
			d.UserID, d.Name, d.Dose, d.TakenAt.Unix()); err != nil {
			return fmt.Errorf("add medicine: %w", err)
		}
		if err := s.q(ctx).QueryRow(ctx, `INSERT INTO doses (user_id, name, dose, taken_at, day) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			d.UserID, d.Name, d.Dose, d.TakenAt.Unix(), d.Day).Scan(&id); err != nil {
			return fmt.Errorf("log dose: %w", err)
		}
		return nil
	})
	return id, err
}

// Doses returns the user's doses taken on local days in [from, to],
// oldest first.
func (s *Store) Doses(ctx context.Context, userID, from, to string) ([]bot.Dose, error) {
	return queryDoses(ctx, s.q(ctx), `SELECT id, user_id, name, dose, taken_at, day FROM doses WHERE user_id = $1 AND day BETWEEN $2 AND $3 ORDER BY taken_at, id`, userID, from, to)
}

func queryDoses(ctx context.Context, q dbtx, query string, args ...any) ([]bot.Dose, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read doses: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (bot.Dose, error) {
		var (
			d     bot.Dose
			taken int64
		)
		err := r.Scan(&d.ID, &d.UserID, &d.Name, &d.Dose, &taken, &d.Day)
		d.TakenAt = time.Unix(taken, 0).UTC()
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("read doses: %w", err)
	}
	return out, nil
}

// Medicines returns the user's list of medicines, by name.
func (s *Store) Medicines(ctx context.Context, userID string) ([]bot.Medicine, error) {
	return queryMedicines(ctx, s.q(ctx), `SELECT id, user_id, name, dose, added_at FROM medicines WHERE user_id = $1 ORDER BY lower(name)`, userID)
}

func queryMedicines(ctx context.Context, q dbtx, query string, args ...any) ([]bot.Medicine, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read medicines: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (bot.Medicine, error) {
		var (
			m     bot.Medicine
			added int64
		)
		err := r.Scan(&m.ID, &m.UserID, &m.Name, &m.Dose, &added)
		m.AddedAt = time.Unix(added, 0).UTC()
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("read medicines: %w", err)
	}
	return out, nil
}

// Medicine returns one medicine of the user's list by id; ok is false
// when it is not (or no longer) there.
func (s *Store) Medicine(ctx context.Context, userID string, id int64) (bot.Medicine, bool, error) {
	ms, err := queryMedicines(ctx, s.q(ctx), `SELECT id, user_id, name, dose, added_at FROM medicines WHERE user_id = $1 AND id = $2`, userID, id)
	if err != nil || len(ms) == 0 {
		return bot.Medicine{}, false, err
	}
	return ms[0], true, nil
}

// RemoveMedicine takes a medicine off the user's list (its logged doses
// stay); it reports whether it was there.
func (s *Store) RemoveMedicine(ctx context.Context, userID, name string) (bool, error) {
	tag, err := s.q(ctx).Exec(ctx, `DELETE FROM medicines WHERE user_id = $1 AND lower(name) = lower($2)`, userID, name)
	if err != nil {
		return false, fmt.Errorf("remove medicine: %w", err)
	}
	return tag.RowsAffected() > 0, nil
}

// AddLab records an iron test result and returns its id.
func (s *Store) AddLab(ctx context.Context, l bot.Lab) (int64, error) {
	var id int64
	if err := s.q(ctx).QueryRow(ctx, `INSERT INTO labs (user_id, test, value, taken_on, logged_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		l.UserID, l.Test, l.Value, l.Date, l.LoggedAt.Unix()).Scan(&id); err != nil {
		return 0, fmt.Errorf("add lab: %w", err)
	}
	return id, nil
}

// Labs returns the user's iron test results, oldest first.
func (s *Store) Labs(ctx context.Context, userID string) ([]bot.Lab, error) {
	return queryLabs(ctx, s.q(ctx), userID)
}

func queryLabs(ctx context.Context, q dbtx, userID string) ([]bot.Lab, error) {
	rows, err := q.Query(ctx, `SELECT id, user_id, test, value, taken_on, logged_at FROM labs WHERE user_id = $1 ORDER BY taken_on, id`, userID)
	if err != nil {
		return nil, fmt.Errorf("read labs: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (bot.Lab, error) {
		var (
			l      bot.Lab
			logged int64
		)
		err := r.Scan(&l.ID, &l.UserID, &l.Test, &l.Value, &l.Date, &logged)
		l.LoggedAt = time.Unix(logged, 0).UTC()
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("read labs: %w", err)
	}
	return out, nil
}

// exportHealth adds the diary, medicines, doses and labs to an export.
func exportHealth(ctx context.Context, q dbtx, userID string, ex *bot.Export) error {
	var err error
	if ex.Diary, err = queryDiaries(ctx, q, `SELECT `+diaryColumns+` FROM sleep_diary WHERE user_id = $1 ORDER BY night`, userID); err != nil {
		return err
	}
	if ex.Medicines, err = queryMedicines(ctx, q, `SELECT id, user_id, name, dose, added_at FROM medicines WHERE user_id = $1 ORDER BY lower(name)`, userID); err != nil {
		return err
	}
	if ex.Doses, err = queryDoses(ctx, q, `SELECT id, user_id, name, dose, taken_at, day FROM doses WHERE user_id = $1 ORDER BY taken_at, id`, userID); err != nil {
		return err
	}
	if ex.Labs, err = queryLabs(ctx, q, userID); err != nil {
		return err
	}
	// None is nil, as in the SQLite store, so exports compare equal.
	if len(ex.Diary) == 0 {
		ex.Diary = nil
	}
	if len(ex.Medicines) == 0 {
		ex.Medicines = nil
	}
	if len(ex.Doses) == 0 {
		ex.Doses = nil
	}
	if len(ex.Labs) == 0 {
		ex.Labs = nil
	}
	return nil
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
	tag, err := s.q(ctx).Exec(ctx, `DELETE FROM `+table+` WHERE id = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return false, fmt.Errorf("delete from %s: %w", table, err)
	}
	return tag.RowsAffected() > 0, nil
}

// DeleteNight removes one night of a user's journal, if it is there: the
// undo of a night that was new.
func (s *Store) DeleteNight(ctx context.Context, userID, date string) error {
	if _, err := s.q(ctx).Exec(ctx, `DELETE FROM nights WHERE user_id = $1 AND night = $2`, userID, date); err != nil {
		return fmt.Errorf("delete night: %w", err)
	}
	return nil
}
