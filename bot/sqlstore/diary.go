package sqlstore

import (
	"context"
	"database/sql"

	"github.com/calmnights/calmnights/bot"
)

const diaryColumns = `user_id, night, in_bed, latency_min, awakenings, final_wake, out_of_bed, quality, symptom_start, moving_eased, spread, alcohol, updated_at`

func scanDiary(row Scanner) (bot.Diary, error) {
	var (
		d                                      bot.Diary
		inBed, lat, awake, wake, out, q, start sql.NullInt64
		moving, spread, alcohol                sql.NullBool
		updated                                int64
	)
	if err := row.Scan(&d.UserID, &d.Date, &inBed, &lat, &awake, &wake, &out, &q, &start, &moving, &spread, &alcohol, &updated); err != nil {
		return bot.Diary{}, err
	}
	d.InBed, d.FinalWake, d.OutOfBed, d.SymptomStart = clockPtr(inBed), clockPtr(wake), clockPtr(out), clockPtr(start)
	d.LatencyMin, d.Awakenings, d.Quality = intPtr(lat), intPtr(awake), intPtr(q)
	d.MovingEased, d.Spread, d.Alcohol = boolPtr(moving), boolPtr(spread), boolPtr(alcohol)
	d.UpdatedAt = unix(updated)
	return d, nil
}

// SaveDiary creates or replaces the sleep diary of a night.
func (s *Store) SaveDiary(ctx context.Context, d bot.Diary) error {
	return s.exec(ctx, "save diary", `
		INSERT INTO sleep_diary (`+diaryColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, night) DO UPDATE SET in_bed = excluded.in_bed, latency_min = excluded.latency_min,
			awakenings = excluded.awakenings, final_wake = excluded.final_wake, out_of_bed = excluded.out_of_bed,
			quality = excluded.quality, symptom_start = excluded.symptom_start, moving_eased = excluded.moving_eased,
			spread = excluded.spread, alcohol = excluded.alcohol, updated_at = excluded.updated_at`,
		d.UserID, d.Date, clockValue(d.InBed), intValue(d.LatencyMin), intValue(d.Awakenings), clockValue(d.FinalWake),
		clockValue(d.OutOfBed), intValue(d.Quality), clockValue(d.SymptomStart), boolValue(d.MovingEased),
		boolValue(d.Spread), boolValue(d.Alcohol), d.UpdatedAt.Unix())
}

// Diaries returns the user's sleep diary for nights in [from, to], oldest
// first.
func (s *Store) Diaries(ctx context.Context, userID, from, to string) ([]bot.Diary, error) {
	return collect(ctx, s.read(ctx), "diary", scanDiary,
		`SELECT `+diaryColumns+` FROM sleep_diary WHERE user_id = ? AND night BETWEEN ? AND ? ORDER BY night`, userID, from, to)
}

// LatestDiary returns the user's most recent diary for a night before
// the given date, or nil when there is none.
func (s *Store) LatestDiary(ctx context.Context, userID, before string) (*bot.Diary, error) {
	ds, err := collect(ctx, s.read(ctx), "diary", scanDiary,
		`SELECT `+diaryColumns+` FROM sleep_diary WHERE user_id = ? AND night < ? ORDER BY night DESC LIMIT 1`, userID, before)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	return &ds[0], nil
}
