package sqlite_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/bot/storetest"
)

// BenchmarkStore runs the engine benchmarks shared with PostgreSQL
// (storetest.Bench); CALMNIGHTS_BENCH_USERS sets the size.
func BenchmarkStore(b *testing.B) {
	storetest.Bench(b, func(tb testing.TB) storetest.Store { return sqlitetest.Open(tb) }, storetest.SQLSeeder(rawFile, seed))
}

// rawFile opens the store's file apart from the store, for seeding.
func rawFile(tb testing.TB, s storetest.Store) *sql.DB {
	db, err := sql.Open("sqlite", "file:"+s.(*sqlite.Store).Path()+"?_pragma=busy_timeout(10000)")
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

// seed fills the store in bulk, as storetest.Seeder describes.
func seed(users int, due time.Time, lastNight string) []storetest.Statement {
	return []storetest.Statement{
		{SQL: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
		  INSERT INTO users (id, platform, chat_id, time_zone, consent_at, created_at, updated_at)
		  SELECT 'tg:' || i, 'telegram', 'c' || i, 'UTC', 0, 0, 0 FROM n`, Args: []any{users}},
		{SQL: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
		  INSERT INTO reminders (user_id, kind, spec, mode, enabled, one_off, next_due, created_at)
		  SELECT 'tg:' || i, 'caffeine', '0 14 * * *', 'auto', 1, 0,
		    CASE WHEN i < ? THEN ? + i % 60 ELSE ? + 366 * 86400 + i % 86400 END, 0 FROM n`, Args: []any{users, storetest.BenchDueUsers, due.Unix(), due.Unix()}},
		{SQL: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?),
		       d(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM d WHERE j + 1 < ?)
		  INSERT INTO nights (user_id, night, severity, woke, late_caffeine, stretched, note, logged_at)
		  SELECT 'tg:' || i, date(?, '-' || j || ' days'), (i + j) % 11, (i + j) % 2, NULL, 1, '', 0 FROM n, d`,
			Args: []any{users, storetest.BenchNights, lastNight}},
		{SQL: `ANALYZE`},
	}
}
