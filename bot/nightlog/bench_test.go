package nightlog_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"

	_ "modernc.org/sqlite"
)

// The journal benchmarks run on 100,000 users with a year of nights and
// water each (73 million rows). Building that file takes minutes, so it is
// kept in CALMNIGHTS_BENCH_CACHE (default: the system temp folder) and
// reused while its schema version matches.
const (
	benchUsers  = 100_000
	benchNights = 365
)

func journalBenchDB(b *testing.B) string {
	dir := os.Getenv("CALMNIGHTS_BENCH_CACHE")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("calmnights-bench-journal-%dx%d.db", benchUsers, benchNights))
	if _, err := os.Stat(path + ".ready"); err == nil {
		return path
	}
	os.Remove(path)
	sqlitetest.OpenAt(b, path).Close() // schema
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	start := time.Now()
	last := featuretest.FixedNow
	const perStmt = 365
	nightsSQL := `INSERT INTO nights (user_id, night, severity, woke, late_caffeine, stretched, note, logged_at) VALUES ` +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, '', 0), ", perStmt), ", ")
	waterSQL := `INSERT INTO water (user_id, day, ml) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", perStmt), ", ")
	for u0 := 0; u0 < benchUsers; u0 += 1000 {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		users, _ := tx.Prepare(`INSERT INTO users (id, platform, chat_id, time_zone, consent_at, created_at, updated_at) VALUES (?, 'telegram', ?, 'Europe/Berlin', 1, 0, 0)`)
		nights, _ := tx.Prepare(nightsSQL)
		water, _ := tx.Prepare(waterSQL)
		for u := u0; u < u0+1000; u++ {
			id := fmt.Sprintf("tg:%d", u)
			if _, err := users.Exec(id, fmt.Sprint(u)); err != nil {
				b.Fatal(err)
			}
			var na, wa []any
			for d := benchNights - 1; d >= 0; d-- {
				day := last.AddDate(0, 0, -d).Format(bot.DateLayout)
				na = append(na, id, day, (u+d)%11, d%3 == 0, d%2 == 0, d%4 == 0)
				wa = append(wa, id, day, 1500+(u*d)%1200)
			}
			if _, err := nights.Exec(na...); err != nil {
				b.Fatal(err)
			}
			if _, err := water.Exec(wa...); err != nil {
				b.Fatal(err)
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

func dbSizeMB(path string) float64 {
	var total int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			total += fi.Size()
		}
	}
	return float64(total) / (1 << 20)
}

func benchBot(b *testing.B) (*bot.Bot, *sqlite.Store, string) {
	path := journalBenchDB(b)
	store := sqlitetest.OpenAt(b, path)
	return features.New(features.Options{Store: store, Now: func() time.Time { return featuretest.FixedNow }}), store, path
}

// BenchmarkLogNight: "/log 6" for a user with a year of journal, among
// 100,000 such users (target < 5 ms).
func BenchmarkLogNight(b *testing.B) {
	core, _, path := benchBot(b)
	i := 0
	for b.Loop() {
		req := &bot.Request{Platform: bot.PlatformTelegram, UserID: fmt.Sprintf("tg:%d", (i*7919)%benchUsers), ChatID: "1", Private: true, Command: "log", Args: fmt.Sprint(i % 11)}
		out := core.Handle(ctx, req)
		if len(out) != 1 || !strings.Contains(out[0].Text, "/10") {
			b.Fatalf("reply: %+v", out)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/log")
	b.ReportMetric(dbSizeMB(path), "MB-db")
}

// BenchmarkJournal30: "/journal 30" for a user with a year of journal,
// among 100,000 such users (target < 5 ms).
func BenchmarkJournal30(b *testing.B) {
	core, _, path := benchBot(b)
	i := 0
	for b.Loop() {
		req := &bot.Request{Platform: bot.PlatformTelegram, UserID: fmt.Sprintf("tg:%d", (i*104729)%benchUsers), ChatID: "1", Private: true, Command: "journal", Args: "30"}
		out := core.Handle(ctx, req)
		if len(out) != 1 || !strings.Contains(out[0].Text, "Nights logged: 30 of 30") {
			b.Fatalf("reply: %+v", out)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/journal")
	b.ReportMetric(dbSizeMB(path), "MB-db")
}
