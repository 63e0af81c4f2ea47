package reminders_test

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/calmnights/calmnights/bot/delivery"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
	"golang.org/x/time/rate"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/reminders"
)

// seed creates n users (no quiet hours), each with one daily reminder at
// the clock time of due(i), next due at due(i), in one transaction.
func seed(tb testing.TB, path string, n int, due func(i int) time.Time) {
	tb.Helper()
	sqlitetest.OpenAt(tb, path).Close()
	db := rawDB(tb, path)
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	users, _ := tx.Prepare(`INSERT INTO users (id, platform, chat_id, time_zone, quiet_start, quiet_end, created_at, updated_at) VALUES (?, 'telegram', ?, 'UTC', 0, 0, 0, 0)`)
	rems, _ := tx.Prepare(`INSERT INTO reminders (user_id, kind, spec, mode, enabled, next_due, created_at) VALUES (?, 'stretch', ?, 'custom', 1, ?, 0)`)
	for i := range n {
		d := due(i).UTC()
		if _, err := users.Exec(fmt.Sprintf("tg:%d", i), fmt.Sprint(i)); err != nil {
			tb.Fatal(err)
		}
		if _, err := rems.Exec(fmt.Sprintf("tg:%d", i), fmt.Sprintf("%d %d * * *", d.Minute(), d.Hour()), d.Unix()); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

func rawDB(tb testing.TB, path string) *sql.DB {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate")
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	tb.Cleanup(func() { db.Close() })
	return db
}

const benchUsers = 100_000

var benchDay = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// BenchmarkTickIdle: one minute's tick with 100,000 users' reminders stored
// and none due (target < 5 ms).
func BenchmarkTickIdle(b *testing.B) {
	path := filepath.Join(b.TempDir(), "idle.db")
	seed(b, path, benchUsers, func(i int) time.Time { return benchDay.Add(12*time.Hour + time.Duration(i%600)*time.Minute) })
	store := sqlitetest.OpenAt(b, path)
	now := benchDay.Add(6 * time.Hour)
	svc := reminders.New(reminders.Options{Store: store, Now: func() time.Time { return now }})
	svc.Tick(ctx) // first tick also prunes; measure the steady state
	for b.Loop() {
		if err := svc.Tick(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/tick")
}

// BenchmarkTickIdleNaive is the naive design's idle cost: one robfig/cron
// entry per reminder. Its run loop sorts every entry each time it wakes up
// (each minute some reminder is due, and every add or removal wakes it);
// adding one entry to the running scheduler measures one wake-up.
func BenchmarkTickIdleNaive(b *testing.B) {
	c := cron.New()
	for i := range benchUsers {
		c.AddFunc(fmt.Sprintf("%d %d * * *", i%60, 12+(i/60)%10), func() {})
	}
	c.Start()
	defer c.Stop()
	c.AddFunc("0 1 * * *", func() {}) // settle the first wake-up
	for b.Loop() {
		c.AddFunc("0 1 * * *", func() {})
	}
	c.AddFunc("0 1 * * *", func() {}) // waits for the last wake-up to finish
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/wakeup")
}

// peakHeap samples the heap while fn runs and returns the peak above the
// heap before it, in MB.
func peakHeap(fn func()) float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(stop)
	<-done
	if peak.Load() < base {
		return 0
	}
	return float64(peak.Load()-base) / (1 << 20)
}

// BenchmarkClaimAllDue: 100,000 reminders due in the same minute, claimed
// and advanced (with their outbox rows) by one tick (target < 2 s and
// < 100 MB).
func BenchmarkClaimAllDue(b *testing.B) {
	path := filepath.Join(benchDir(b), "due.db")
	due := benchDay.Add(21 * time.Hour)
	seed(b, path, benchUsers, func(int) time.Time { return due })
	store := sqlitetest.OpenAt(b, path)
	db := rawDB(b, path)
	svc := reminders.New(reminders.Options{Store: store, Now: func() time.Time { return due }})
	var heap float64
	for b.Loop() {
		b.StopTimer()
		if _, err := db.Exec(`UPDATE reminders SET next_due = ?`, due.Unix()); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Exec(`DELETE FROM outbox`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		heap = max(heap, peakHeap(func() {
			if err := svc.Tick(ctx); err != nil {
				b.Fatal(err)
			}
		}))
	}
	var n int
	db.QueryRow(`SELECT COUNT(*) FROM outbox`).Scan(&n)
	if n != benchUsers {
		b.Fatalf("%d deliveries queued, want %d", n, benchUsers)
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/claim-all")
	b.ReportMetric(heap, "MB-peak-heap")
}

// BenchmarkClaimAllDueNaive: the same 100,000 reminders as robfig/cron
// entries firing in the same second, each job writing its own delivery
// row, as a naive design would. It reports the time from the firing second
// until the last row is written, and the peak heap.
func BenchmarkClaimAllDueNaive(b *testing.B) {
	path := filepath.Join(b.TempDir(), "naive.db")
	sqlitetest.OpenAt(b, path).Close()
	db := rawDB(b, path)
	if _, err := db.Exec(`CREATE TABLE naive_outbox (reminder INTEGER PRIMARY KEY, due_at INTEGER)`); err != nil {
		b.Fatal(err)
	}
	var took, heap float64
	for b.Loop() {
		b.StopTimer()
		db.Exec(`DELETE FROM naive_outbox`)
		c := cron.New(cron.WithSeconds())
		fire := time.Now().Add(3 * time.Second).Truncate(time.Second)
		spec := fmt.Sprintf("%d %d %d * * *", fire.Second(), fire.Minute(), fire.Hour())
		var wg sync.WaitGroup
		wg.Add(benchUsers)
		for i := range benchUsers {
			c.AddFunc(spec, func() {
				defer wg.Done()
				db.Exec(`INSERT INTO naive_outbox VALUES (?, ?)`, i, fire.Unix())
			})
		}
		c.Start()
		b.StartTimer()
		heap = max(heap, peakHeap(func() { wg.Wait() }))
		took = max(took, time.Since(fire).Seconds())
		c.Stop()
	}
	b.ReportMetric(took, "s/claim-all")
	b.ReportMetric(heap, "MB-peak-heap")
}

// windowSender is a fake platform that accepts at most limit messages in
// any one second, and records when each arrived.
type windowSender struct {
	limit int
	mu    sync.Mutex
	times []time.Time
	over  int
}

func (w *windowSender) Send(ctx context.Context, chatID string, r bot.Response) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := time.Now()
	n := 0
	for i := len(w.times) - 1; i >= 0 && now.Sub(w.times[i]) < time.Second; i-- {
		n++
	}
	if n >= w.limit {
		w.over++
		return &bot.RetryAfterError{After: time.Second, Global: true}
	}
	w.times = append(w.times, now)
	return nil
}

// dispatchPaced queues n deliveries to n chats and sends them through a
// dispatcher paced at limit/s to a platform that allows limit/s. It returns
// the achieved rate and how often the platform refused.
func dispatchPaced(tb testing.TB, n, limit int) (perSecond float64, over int) {
	path := filepath.Join(tb.TempDir(), "pace.db")
	due := time.Now().Truncate(time.Minute)
	seed(tb, path, n, func(int) time.Time { return due })
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	defer store.Close()
	svc := reminders.New(reminders.Options{Store: store})
	sender := &windowSender{limit: limit}
	d := svc.Dispatcher(bot.PlatformTelegram, sender, delivery.NewPacer(delivery.Limits{Global: rate.Limit(limit), Burst: 1, PerChat: delivery.Window{N: 1, Per: time.Second}}, nil), 8)
	if err := svc.Tick(ctx); err != nil {
		tb.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { d.Run(runCtx); close(done) }()
	deadline := time.Now().Add(time.Duration(2*n/limit+10) * time.Second)
	for time.Now().Before(deadline) {
		sender.mu.Lock()
		got := len(sender.times)
		sender.mu.Unlock()
		if got == n {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	sender.mu.Lock()
	defer sender.mu.Unlock()
	if len(sender.times) != n {
		tb.Fatalf("delivered %d of %d", len(sender.times), n)
	}
	span := sender.times[n-1].Sub(sender.times[0]).Seconds()
	return float64(n-1) / span, sender.over
}

// The dispatcher delivers every message without ever exceeding the
// platform's rate. How close it comes to that rate is a speed figure and
// lives in BenchmarkDispatchPaced (%-of-limit), not here: a wall-clock
// floor in a unit test fails on a busy machine.
func TestDispatchKeepsThePace(t *testing.T) {
	t.Parallel() // it waits on the pace, with a database of its own
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
	rate, over := dispatchPaced(t, 200, 100)
	t.Logf("%.1f messages/s against a limit of 100/s, %d refused", rate, over)
	if over > 0 {
		t.Errorf("the platform refused %d messages: the limit was exceeded", over)
	}
}

// BenchmarkDispatchPaced: a fake platform limited to 30 messages/s.
func BenchmarkDispatchPaced(b *testing.B) {
	var perSecond float64
	var over int
	for b.Loop() {
		perSecond, over = dispatchPaced(b, 150, 30)
	}
	b.ReportMetric(perSecond, "msgs/s")
	b.ReportMetric(100*perSecond/30, "%-of-limit")
	b.ReportMetric(float64(over), "refused")
	if over > 0 {
		b.Fatalf("the 30/s limit was exceeded %d times", over)
	}
}

// benchDir is where benchmark databases go: CALMNIGHTS_BENCH_DIR when set
// (for example a tmpfs, to take the disk out of a measurement), else a
// temporary directory.
func benchDir(b *testing.B) string {
	if d := os.Getenv("CALMNIGHTS_BENCH_DIR"); d != "" {
		dir, err := os.MkdirTemp(d, "bench")
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { os.RemoveAll(dir) })
		return dir
	}
	return b.TempDir()
}
