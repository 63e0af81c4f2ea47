package postgres_test

import (
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/postgres"
	"github.com/calmnights/calmnights/bot/postgres/pgtest"
	"github.com/calmnights/calmnights/bot/storetest"
)

// BenchmarkStore runs the engine benchmarks shared with SQLite
// (storetest.Bench); CALMNIGHTS_BENCH_USERS sets the size.
func BenchmarkStore(b *testing.B) {
	storetest.Bench(b, func(tb testing.TB) storetest.Store { return pgtest.Open(tb) }, seed)
}

// seed fills the store in bulk, as storetest.Seeder describes.
func seed(tb testing.TB, s storetest.Store, users int, due time.Time, lastNight string) {
	tb.Helper()
	pool := s.(*postgres.Store).Pool()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO users (id, platform, chat_id, time_zone, consent_at, created_at, updated_at)
		  SELECT 'tg:' || i, 'telegram', 'c' || i, 'UTC', 0, 0, 0 FROM generate_series(0, $1 - 1) AS i`, []any{users}},
		{`INSERT INTO reminders (user_id, kind, spec, mode, enabled, one_off, next_due, created_at)
		  SELECT 'tg:' || i, 'caffeine', '0 14 * * *', 'auto', true, false,
		    CASE WHEN i < $3 THEN $2::bigint + i % 60 ELSE $2::bigint + 366 * 86400 + i % 86400 END, 0
		  FROM generate_series(0, $1 - 1) AS i`, []any{users, due.Unix(), storetest.BenchDueUsers}},
		{`INSERT INTO nights (user_id, night, severity, woke, late_caffeine, stretched, note, logged_at)
		  SELECT 'tg:' || i, to_char($3::date - j, 'YYYY-MM-DD'), (i + j) % 11, (i + j) % 2 = 1, NULL, true, '', 0
		  FROM generate_series(0, $1 - 1) AS i, generate_series(0, $2 - 1) AS j`, []any{users, storetest.BenchNights, lastNight}},
		{`ANALYZE`, nil},
	} {
		if _, err := pool.Exec(tb.Context(), q.sql, q.args...); err != nil {
			tb.Fatalf("seed: %v", err)
		}
	}
}
