package insights_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// reportBenchUsers is how many users the report benchmark's database
// holds, each with a year of nights, water, sleep diary and doses and a
// few iron tests: 2,000 by default, 100,000 with
// CALMNIGHTS_BENCH_REPORT_USERS=100000 (about 150 million rows, kept in
// CALMNIGHTS_BENCH_CACHE or the temp folder and reused).
func reportBenchUsers() int {
	if v, err := strconv.Atoi(os.Getenv("CALMNIGHTS_BENCH_REPORT_USERS")); err == nil && v > 0 {
		return v
	}
	return 2000
}

func reportBenchDB(b *testing.B, users int) string {
	dir := os.Getenv("CALMNIGHTS_BENCH_CACHE")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("calmnights-bench-report-%dx%d-v1.db", users, benchNights))
	if _, err := os.Stat(path + ".ready"); err == nil {
		return path
	}
	os.Remove(path)
	sqlitetest.OpenAt(b, path).Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	start := time.Now()
	last := featuretest.FixedNow
	rows := func(n int, tuple string) string { return strings.TrimSuffix(strings.Repeat(tuple+", ", n), ", ") }
	nightsSQL := `INSERT INTO nights (user_id, night, severity, woke, late_caffeine, stretched, note, logged_at) VALUES ` + rows(benchNights, "(?, ?, ?, ?, ?, ?, '', 0)")
	waterSQL := `INSERT INTO water (user_id, day, ml) VALUES ` + rows(benchNights, "(?, ?, ?)")
	diarySQL := `INSERT INTO sleep_diary (user_id, night, in_bed, latency_min, awakenings, final_wake, out_of_bed, quality, symptom_start, alcohol, updated_at) VALUES ` + rows(benchNights, "(?, ?, ?, ?, ?, 405, 420, ?, ?, ?, 0)")
	dosesSQL := `INSERT INTO doses (user_id, name, dose, taken_at, day) VALUES ` + rows(benchNights, "(?, 'Iron', '65 mg', ?, ?)")
	for u0 := 0; u0 < users; u0 += 500 {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		usersSt, _ := tx.Prepare(`INSERT INTO users (id, platform, chat_id, time_zone, consent_at, created_at, updated_at) VALUES (?, 'telegram', ?, 'Europe/Berlin', 1, 0, 0)`)
		nights, _ := tx.Prepare(nightsSQL)
		water, _ := tx.Prepare(waterSQL)
		diary, _ := tx.Prepare(diarySQL)
		doses, _ := tx.Prepare(dosesSQL)
		meds, _ := tx.Prepare(`INSERT INTO medicines (user_id, name, dose, added_at) VALUES (?, 'Iron', '65 mg', 0)`)
		labs, _ := tx.Prepare(`INSERT INTO labs (user_id, test, value, taken_on, logged_at) VALUES (?, 'ferritin', 40, '2026-03-01', 0), (?, 'tsat', 18, '2026-03-01', 0), (?, 'ferritin', 55, '2026-09-01', 0), (?, 'tsat', 22, '2026-09-01', 0)`)
		for u := u0; u < min(u0+500, users); u++ {
			id := fmt.Sprintf("tg:%d", u)
			if _, err := usersSt.Exec(id, fmt.Sprint(u)); err != nil {
				b.Fatal(err)
			}
			var na, wa, da, ma []any
			for d := benchNights - 1; d >= 0; d-- {
				day := last.AddDate(0, 0, -d)
				key := day.Format(bot.DateLayout)
				na = append(na, id, key, (u+d)%11, d%3 == 0, d%2 == 0, d%4 == 0)
				wa = append(wa, id, key, 1500+(u*d)%1200)
				da = append(da, id, key, 22*60+30+(d%4)*15, 10+(d%5)*10, d%4, 1+d%5, 20*60+(d%7)*15, d%6 == 0)
				ma = append(ma, id, day.Add(-22*time.Hour).Unix(), day.AddDate(0, 0, -1).Format(bot.DateLayout))
			}
			for _, st := range []struct {
				s    *sql.Stmt
				args []any
			}{{nights, na}, {water, wa}, {diary, da}, {doses, ma}, {meds, []any{id}}, {labs, []any{id, id, id, id}}} {
				if _, err := st.s.Exec(st.args...); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s in %s", path, time.Since(start).Round(time.Second))
	os.WriteFile(path+".ready", nil, 0o600)
	return path
}

// BenchmarkReport: /report (four weeks overview, sleep diary, medicines,
// iron tests, patterns, chart and PDF) for a user with a year of data,
// among many such users (target < 100 ms with 100,000).
func BenchmarkReport(b *testing.B) {
	users := reportBenchUsers()
	path := reportBenchDB(b, users)
	store := sqlitetest.OpenAt(b, path)
	core := features.New(features.Options{Store: store, Now: func() time.Time { return featuretest.FixedNow }})
	i := 0
	for b.Loop() {
		req := &bot.Request{Platform: bot.PlatformTelegram, UserID: fmt.Sprintf("tg:%d", (i*7919)%users), ChatID: "1", Private: true, Command: "report"}
		out := core.Handle(ctx, req)
		if len(out) != 1 || out[0].File == nil {
			b.Fatalf("reply: %+v", out)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/report")
	b.ReportMetric(float64(users), "users")
	b.ReportMetric(dbSizeMB(path), "MB-db")
}
