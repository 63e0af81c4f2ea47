package reminders_test

import (
	"bufio"
	"context"
	"fmt"
	"github.com/calmnights/calmnights/bot/delivery"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/reminders"
)

// The crash test runs the scheduler in a child process (this test binary,
// re-run as TestCrashHelper) on simulated time that runs simSpeed times
// faster than real time and carries on across restarts. The parent kills
// the child with SIGKILL at random moments, and right after it announces a
// send, restarts it, and at the end stops it with SIGTERM. Then every
// reminder occurrence that fell due must have been sent, and only a send
// on the wire at a kill may have gone twice: at most one per chat being
// sent to at that moment (crashWorkers) per kill.
const (
	crashUsers   = 600
	crashMargin  = 3 * time.Minute // simulated: occurrences this close to the stop may still be queued
	crashWorkers = 4               // chats sent to at once
)

// slow stretches the crash test under the race detector, which makes
// every child start and every send several times slower.
var slow = map[bool]int{false: 1, true: 4}[raceEnabled]

var (
	simSpeed = time.Duration(1440 / slow)                    // one real second is 24 simulated minutes (6 under -race)
	crashRun = time.Duration(slow) * 2500 * time.Millisecond // a simulated hour and more
)

var crashT0 = time.Date(2026, 11, 25, 10, 0, 30, 0, time.UTC)

func TestCrashRecovery(t *testing.T) {
	t.Parallel() // it waits on a child process; the rest of the package overlaps it
	if testing.Short() {
		t.Skip("crash test runs for about 4 s")
	}
	dir := t.TempDir()
	db, sendLog := filepath.Join(dir, "crash.db"), filepath.Join(dir, "sent.log")
	store := sqlitetest.OpenAt(t, db)
	specs := map[int64]string{}
	for i := range crashUsers {
		id := fmt.Sprintf("tg:%d", i)
		if _, err := store.EnsureUser(ctx, bot.NewUser{ID: id, Platform: bot.PlatformTelegram, ChatID: strconv.Itoa(i), TimeZone: "UTC"}); err != nil {
			t.Fatal(err)
		}
		spec := fmt.Sprintf("%d * * * *", i%60) // hourly, at a minute of its own
		err := store.UpdateReminders(ctx, id, func(u *bot.User, _ []reminders.Reminder) ([]reminders.Reminder, error) {
			zero := bot.Clock(0)
			u.QuietStart, u.QuietEnd = &zero, &zero // no quiet hours
			next := nextMinute(crashT0, i%60)
			return []reminders.Reminder{{UserID: id, Kind: reminders.Morning, Spec: spec, Mode: reminders.ModeCustom, Enabled: true, NextDue: next}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range crashUsers {
		r, _ := store.Reminders(ctx, fmt.Sprintf("tg:%d", i))
		specs[r[0].ID] = r[0].Spec
	}
	store.Close()

	real0 := time.Now()
	simNow := func() time.Time { return crashT0.Add(time.Since(real0) * simSpeed) }
	env := append(os.Environ(), "CN_CRASH_HELPER=1", "CN_DB="+db, "CN_LOG="+sendLog,
		fmt.Sprintf("CN_REAL0=%d", real0.UnixNano()), fmt.Sprintf("CN_T0=%d", crashT0.Unix()))
	var childLog lockedBuffer // the children's logs
	start := func() (*exec.Cmd, *bufio.Scanner) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.v")
		cmd.Env = env
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = &childLog
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, bufio.NewScanner(out)
	}

	kills, targeted := 0, 0
	// interrupted counts, per occurrence, the killed runs that announced
	// its send: each may have cut it off on the wire, and so repeat it once.
	interrupted := map[string]int{}
	for time.Since(real0) < crashRun {
		cmd, out := start()
		var once sync.Once
		kill := func() { once.Do(func() { cmd.Process.Signal(syscall.SIGKILL) }) }
		timer := time.AfterFunc(time.Duration(slow*(100+rand.IntN(250)))*time.Millisecond, kill)
		announced := map[string]bool{}
		for out.Scan() { // the child prints "S <id> <reminder> <due>" just before each send
			if f := strings.Fields(out.Text()); len(f) == 4 && f[0] == "S" {
				announced[f[2]+" "+f[3]] = true
			}
			if strings.HasPrefix(out.Text(), "S ") && rand.IntN(40) == 0 {
				kill()
				targeted++
			}
		}
		for key := range announced {
			interrupted[key]++
		}
		timer.Stop()
		kill()
		cmd.Wait()
		kills++
	}
	// A last run that is stopped cleanly.
	cmd, out := start()
	go func() {
		for out.Scan() {
		}
	}()
	time.Sleep(time.Duration(slow) * 400 * time.Millisecond)
	stopAt := simNow()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("child did not stop cleanly on SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("child still running 10 s after SIGTERM")
	}

	// Whatever was still queued at the stop goes out at the next start: a
	// last child, with the clock held at the stop time, ticks and drains.
	drain := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
	drain.Env = append(env, "CN_DRAIN_AT="+strconv.FormatInt(stopAt.Unix(), 10))
	drain.Stderr = &childLog
	if out, err := drain.Output(); err != nil {
		t.Fatalf("drain run: %v\n%s", err, out)
	}

	// What was sent, and what the outbox says.
	data, err := os.ReadFile(sendLog)
	if err != nil {
		t.Fatal(err)
	}
	sentCount := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		sentCount[line]++
	}
	store = sqlitetest.OpenAt(t, db)
	states := outboxStates(t, store)

	expected, lost, dup := 0, 0, 0
	for id, spec := range specs {
		minute, _ := strconv.Atoi(strings.Fields(spec)[0])
		for o := nextMinute(crashT0, minute); !o.After(stopAt.Add(-crashMargin)); o = o.Add(time.Hour) {
			key := fmt.Sprintf("%d %d", id, o.Unix())
			expected++
			n := sentCount[key]
			switch {
			case n == 0:
				lost++
				t.Errorf("%s: due but never sent (outbox state %q)", key, states[key])
			case states[key] != reminders.StateSent:
				t.Errorf("%s: sent but recorded as %q", key, states[key])
			case n > 1+interrupted[key]:
				t.Errorf("%s: sent %d times, with %d killed runs that sent it; a kill repeats a send at most once", key, n, interrupted[key])
			}
		}
	}
	for _, n := range sentCount {
		if n > 1 {
			dup += n - 1
		}
	}
	t.Logf("%d kills (%d right after a send began), %d occurrences due, %d sends logged, %d lost, %d repeated (bound: %d)",
		kills, targeted, expected, len(sentCount), lost, dup, kills*crashWorkers)
	if dup > kills*crashWorkers {
		t.Errorf("%d sends repeated: more than the %d that can be on the wire at %d kills", dup, kills*crashWorkers, kills)
	}
	if testing.Verbose() {
		for _, l := range strings.Split(childLog.String(), "\n") {
			if strings.Contains(l, "WARN") {
				t.Log(l)
			}
		}
	}
	if strings.Contains(childLog.String(), "level=ERROR") {
		t.Errorf("the child logged errors:\n%s", childLog.String())
	}
	if kills < 5 || expected < 500 {
		t.Fatalf("the test did too little to mean anything: %d kills, %d occurrences", kills, expected)
	}
}

func nextMinute(after time.Time, minute int) time.Time {
	t := time.Date(after.Year(), after.Month(), after.Day(), after.Hour(), minute, 0, 0, time.UTC)
	if !t.After(after) {
		t = t.Add(time.Hour)
	}
	return t
}

func outboxStates(t *testing.T, s *sqlite.Store) map[string]reminders.State {
	t.Helper()
	out := map[string]reminders.State{}
	for _, st := range []reminders.State{reminders.StatePending, reminders.StateSent, reminders.StateSkipped, reminders.StateFailed} {
		ds, err := s.DeliveriesInState(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			out[fmt.Sprintf("%d %d", d.ReminderID, d.DueAt.Unix())] = st
		}
	}
	return out
}

// TestCrashHelper is the child process of TestCrashRecovery.
func TestCrashHelper(t *testing.T) {
	if os.Getenv("CN_CRASH_HELPER") != "1" {
		t.Skip("run by TestCrashRecovery")
	}
	real0, _ := strconv.ParseInt(os.Getenv("CN_REAL0"), 10, 64)
	t0, _ := strconv.ParseInt(os.Getenv("CN_T0"), 10, 64)
	now := func() time.Time {
		return time.Unix(t0, 0).Add(time.Since(time.Unix(0, real0)) * simSpeed)
	}
	drainAt, _ := strconv.ParseInt(os.Getenv("CN_DRAIN_AT"), 10, 64)
	if drainAt != 0 {
		now = func() time.Time { return time.Unix(drainAt, 0) }
	}
	store, err := sqlite.Open(context.Background(), os.Getenv("CN_DB"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	logf, err := os.OpenFile(os.Getenv("CN_LOG"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	svc := reminders.New(reminders.Options{Store: store, Now: now, Logger: logger})
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	sender := &logSender{log: logf, store: store}
	d := svc.Dispatcher(bot.PlatformTelegram, sender, delivery.NewPacer(delivery.Limits{}, nil), crashWorkers)
	if drainAt != 0 {
		// As any start does, it first catches up on what fell due while
		// the scheduler was down (or too busy to tick), then sends.
		if err := svc.Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
		for {
			n, err := d.RunOnce(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				return
			}
		}
	}
	go func() {
		for ctx.Err() == nil {
			if err := svc.Tick(ctx); err != nil && ctx.Err() == nil {
				logger.Error("tick", "err", err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	d.Run(ctx)
}

// logSender "sends" by appending the delivery's reminder and due time to a
// file; the chat ID alone cannot say which occurrence it was, so it reads
// the row being sent: the chat's first waiting one.
type logSender struct {
	log   *os.File
	store *sqlite.Store
}

func (s *logSender) Send(ctx context.Context, chatID string, r bot.Response) error {
	ds, err := s.store.DeliveriesInState(ctx, reminders.StatePending)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if d.ChatID != chatID {
			continue
		}
		fmt.Printf("S %d %d %d\n", d.ID, d.ReminderID, d.DueAt.Unix())
		time.Sleep(5 * time.Millisecond) // the window a kill can fall into
		_, err := fmt.Fprintf(s.log, "%d %d\n", d.ReminderID, d.DueAt.Unix())
		return err
	}
	return fmt.Errorf("no delivery in flight for chat %s", chatID)
}

// lockedBuffer collects output written from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
