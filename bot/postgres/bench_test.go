package postgres_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/calmnights/calmnights/bot/postgres"
	"github.com/calmnights/calmnights/bot/postgres/pgtest"
	"github.com/calmnights/calmnights/bot/storetest"
)

// BenchmarkStore runs the engine benchmarks shared with SQLite
// (storetest.Bench); CALMNIGHTS_BENCH_USERS sets the size.
func BenchmarkStore(b *testing.B) {
	storetest.Bench(b, func(tb testing.TB) storetest.Store { return pgtest.Open(tb) }, storetest.SQLSeeder(
		func(_ testing.TB, s storetest.Store) *sql.DB {
			return stdlib.OpenDBFromPool(s.(*postgres.Store).Pool())
		},
		func(users int, due time.Time, lastNight string) []storetest.Statement {
			return []storetest.Statement{
				{SQL: `INSERT INTO users (id, platform, chat_id, time_zone, consent_at, created_at, updated_at)
				  SELECT 'tg:' || i, 'telegram', 'c' || i, 'UTC', 0, 0, 0 FROM generate_series(0, $1 - 1) AS i`, Args: []any{users}},
				{SQL: `INSERT INTO reminders (user_id, kind, spec, mode, enabled, one_off, next_due, created_at)
				  SELECT 'tg:' || i, 'caffeine', '0 14 * * *', 'auto', true, false,
				    CASE WHEN i < $3 THEN $2::bigint + i % 60 ELSE $2::bigint + 366 * 86400 + i % 86400 END, 0
				  FROM generate_series(0, $1 - 1) AS i`, Args: []any{users, due.Unix(), storetest.BenchDueUsers}},
				{SQL: `INSERT INTO nights (user_id, night, severity, woke, late_caffeine, stretched, note, logged_at)
				  SELECT 'tg:' || i, to_char($3::date - j, 'YYYY-MM-DD'), (i + j) % 11, (i + j) % 2 = 1, NULL, true, '', 0
				  FROM generate_series(0, $1 - 1) AS i, generate_series(0, $2 - 1) AS j`, Args: []any{users, storetest.BenchNights, lastNight}},
				{SQL: `ANALYZE`},
			}
		}))
}
