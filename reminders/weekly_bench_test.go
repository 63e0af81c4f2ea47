package reminders_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/reminders"
)

// weeklyBenchUsers is how many weekly summaries the weekly benchmark
// makes due in one hour: small by default, 100,000 with
// CALMNIGHTS_BENCH_WEEKLY_USERS=100000.
func weeklyBenchUsers(b *testing.B) int {
	if v, err := strconv.Atoi(os.Getenv("CALMNIGHTS_BENCH_WEEKLY_USERS")); err == nil && v > 0 {
		return v
	}
	return 5000
}

// BenchmarkWeeklyHour: every user's weekly summary due in the same hour
// (Wednesday 18:00-18:59, spread over its minutes), claimed and queued
// into the outbox by the hour's 60 ticks, as the scheduler runs them. The
// dispatcher then sends them paced like every other reminder. Target:
// under 5 s for 100,000.
//
// "spread": each minute's users are scattered over the whole reminders
// table (user i at minute i mod 60), as when people sign up at random
// times: every tick rewrites pages all over the table. "grouped": each
// minute's users are neighbours in the table, the best case.
func BenchmarkWeeklyHour(b *testing.B) {
	b.Run("spread", func(b *testing.B) { weeklyHour(b, func(i, n int) int { return i % 60 }) })
	b.Run("grouped", func(b *testing.B) { weeklyHour(b, func(i, n int) int { return i * 60 / n }) })
}

func weeklyHour(b *testing.B, minute func(i, n int) int) {
	n := weeklyBenchUsers(b)
	path := filepath.Join(benchDir(b), "weekly.db")
	start := benchDay.Add(18 * time.Hour) // a Wednesday
	sqlitetest.OpenAt(b, path).Close()
	db := rawDB(b, path)
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	users, _ := tx.Prepare(`INSERT INTO users (id, platform, chat_id, time_zone, quiet_start, quiet_end, consent_at, created_at, updated_at) VALUES (?, 'telegram', ?, 'UTC', 0, 0, 1, 0, 0)`)
	rems, _ := tx.Prepare(`INSERT INTO reminders (user_id, kind, spec, mode, enabled, next_due, created_at) VALUES (?, 'weekly', ?, 'custom', 1, ?, 0)`)
	for i := range n {
		due := start.Add(time.Duration(minute(i, n)) * time.Minute)
		if _, err := users.Exec(fmt.Sprintf("tg:%d", i), fmt.Sprint(i)); err != nil {
			b.Fatal(err)
		}
		if _, err := rems.Exec(fmt.Sprintf("tg:%d", i), fmt.Sprintf("%d 18 * * 3", minute(i, n)), due.Unix()); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	store := sqlitetest.OpenAt(b, path)
	var now time.Time
	svc := reminders.New(reminders.Options{Store: store, Now: func() time.Time { return now }})
	now = start.Add(-time.Minute)
	svc.Tick(ctx) // the first tick prunes; measure the hour's own ticks
	var slowest time.Duration
	cpu0 := cpuTime()
	for b.Loop() {
		b.StopTimer()
		if _, err := db.Exec(`UPDATE reminders SET next_due = ? + (CAST(substr(spec, 1, instr(spec, ' ') - 1) AS INTEGER) * 60)`, start.Unix()); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Exec(`DELETE FROM outbox`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for m := range 60 {
			now = start.Add(time.Duration(m) * time.Minute)
			t0 := time.Now()
			if err := svc.Tick(ctx); err != nil {
				b.Fatal(err)
			}
			slowest = max(slowest, time.Since(t0))
		}
	}
	cpu := cpuTime() - cpu0
	var queued, next int
	db.QueryRow(`SELECT COUNT(*) FROM outbox`).Scan(&queued)
	db.QueryRow(`SELECT COUNT(*) FROM reminders WHERE kind = 'weekly' AND next_due >= ?`, start.Add(7*24*time.Hour-time.Minute).Unix()).Scan(&next)
	if queued != n || next != n {
		b.Fatalf("%d queued and %d moved to next week, want %d", queued, next, n)
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/hour")
	b.ReportMetric(float64(slowest.Milliseconds()), "ms/slowest-tick")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/hour")
	b.ReportMetric(float64(n), "users")
}

// cpuTime is the CPU time (user and system) the process has used: on a
// machine shared with other work it shows the cost apart from the wait
// for a core. It includes the re-arming between iterations, which is
// small beside the claims.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
