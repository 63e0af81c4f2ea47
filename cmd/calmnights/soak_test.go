package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// The soak test: many simulated users talk to the real program (this
// test binary re-run as TestSoakChild, which calls the same run() as
// main) through a fake Telegram, on a clock that runs soakSpeed times
// faster than real time, while the program is stopped once with SIGTERM
// and once with SIGKILL. Afterwards every conversation must have got every
// reply (none lost), every change applied once (each user's water is
// exactly what they sent), every reminder that fell due must have arrived,
// the only repeats are sends on the wire at the SIGKILL (at most one per
// chat being sent to), the database must pass integrity_check, and memory
// must stay flat. It is opt-in (CALMNIGHTS_SOAK=1, about four minutes);
// CI runs it.
const (
	// soakSpeed compresses time: one real second is six simulated minutes,
	// so a restart of a few seconds stays well inside the three-hour grace
	// of the morning check-in, and a simulated day takes four real minutes.
	soakSpeed = 360
	soakToken = "123456:SOAK-token"
)

var soakT0 = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

func soakUsers() int {
	if n, err := strconv.Atoi(os.Getenv("CALMNIGHTS_SOAK_USERS")); err == nil && n > 0 {
		return n
	}
	return 1000
}

// step is one thing a simulated user does and what the reply must say.
type step struct {
	text, press string // a message to send, or the callback data of a button on the last message
	want        string
}

// remindStep marks the step that sets the reminder; its time is chosen
// when the step runs, a few simulated hours ahead.
const remindStep = "/remind morning "

// script is one user's conversation.
func script(i int) []step {
	sev := i % 11
	s := []step{
		{text: "/start", want: "Welcome to Calm Nights"},
		{press: "start/yes", want: "Thank you"},
		{press: "start/zone/UTC", want: "Your bedtime"},
		{press: "start/bed/22:30", want: "You're all set"},
		{text: "/quiet off", want: "Quiet hours are now off"},
		{text: remindStep, want: "Morning check-in: "},
		{text: fmt.Sprintf("/log %d", sev), want: fmt.Sprintf("twitching %d/10", sev)},
		{text: "/water 0.5", want: "Added 500 ml"},
		{text: "/checklist", want: "Question 1 of 7"},
	}
	for q := 1; q <= 7; q++ {
		ans := "no"
		if (i+q)%3 == 0 {
			ans = "yes"
		}
		want := fmt.Sprintf("Question %d of 7", q+1)
		if q == 7 {
			want = "You answered yes to"
		}
		s = append(s, step{press: fmt.Sprintf("ck/%d/%s", q, ans), want: want})
	}
	return append(s,
		step{text: "can dehydration make my legs twitch?", want: "Dehydration"},
		step{text: "/journal", want: "Nights logged: 1 of 7"},
	)
}

// TestSoakChild is the program under test, in its own process.
func TestSoakChild(t *testing.T) {
	if os.Getenv("CALMNIGHTS_SOAK_CHILD") != "1" {
		t.Skip("run by TestSoak")
	}
	real0, _ := strconv.ParseInt(os.Getenv("CALMNIGHTS_SOAK_REAL0"), 10, 64)
	clock = func() time.Time { return soakT0.Add(time.Since(time.Unix(0, real0)) * soakSpeed) }
	tickEvery = 100 * time.Millisecond // a simulated minute is about 0.17 s
	telegramLimits = delivery.Limits{Global: 1000, Burst: 1, PerChat: delivery.Window{N: 1, Per: time.Second}, PerGroup: delivery.Window{N: 20, Per: time.Minute}}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if code := run(ctx, nil, stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}, os.Getenv); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

func TestSoak(t *testing.T) {
	if os.Getenv("CALMNIGHTS_SOAK") != "1" || testing.Short() || raceEnabled {
		t.Skip("the soak test is opt-in: CALMNIGHTS_SOAK=1 go test ./cmd/calmnights -run '^TestSoak$' (CI runs it on its own, without -race)")
	}
	users := soakUsers()
	srv := telegramtest.New(t, soakToken)
	dir := t.TempDir()
	db := filepath.Join(dir, "soak.db")
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	httpAddr := ln.Addr().String()
	ln.Close()
	real0 := time.Now()
	var logs lockedOutput
	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSoakChild$")
		cmd.Env = append(os.Environ(), "CALMNIGHTS_SOAK_CHILD=1", fmt.Sprintf("CALMNIGHTS_SOAK_REAL0=%d", real0.UnixNano()),
			"CALMNIGHTS_DB="+db, "CALMNIGHTS_TELEGRAM_TOKEN="+soakToken, "CALMNIGHTS_TELEGRAM_API_URL="+srv.BaseURL(),
			"CALMNIGHTS_HTTP_ADDR="+httpAddr, "CALMNIGHTS_LOG_LEVEL=warn")
		cmd.Stderr, cmd.Stdout = &logs, &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill() })
		return cmd
	}
	simNow := func() time.Time { return soakT0.Add(time.Since(real0) * soakSpeed) }
	remindAt := make([]time.Time, users) // when each user's daily check-in is

	child := start()
	var heap []float64 // heap in use, sampled from /metrics
	var heapMu sync.Mutex
	stopSampling := make(chan struct{})
	go func() {
		for {
			select {
			case <-stopSampling:
				return
			case <-time.After(2 * time.Second):
			}
			if v, ok := scrape("http://"+httpAddr+"/metrics", "go_memstats_heap_inuse_bytes"); ok {
				heapMu.Lock()
				heap = append(heap, v)
				heapMu.Unlock()
			}
		}
	}()

	// The users: each starts at a random moment of the first minute and
	// works through their script, one reply at a time.
	var (
		handled   atomic.Int64
		latencies = make([]time.Duration, 0, users*20)
		latMu     sync.Mutex
		wg        sync.WaitGroup
		failures  = make(chan string, users)
		stuck     atomic.Int64
	)
	for i := 0; i < users; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			time.Sleep(time.Duration(i*60000/users) * time.Millisecond)
			user := telegramtest.User{ID: int64(1000 + i), FirstName: fmt.Sprintf("U%d", i)}
			chat := telegramtest.PrivateChat(user.ID)
			for n, st := range script(i) {
				before := len(replies(srv.Sent(chat.ID)))
				sent := time.Now()
				var id int
				switch {
				case st.text == remindStep:
					at := simNow().Add(3 * time.Hour).Truncate(time.Minute)
					remindAt[i] = at
					st.text, st.want = remindStep+at.Format("15:04"), st.want+at.Format("15:04")+" every day"
					id = srv.SendMessage(chat, user, st.text)
				case st.text != "":
					id = srv.SendMessage(chat, user, st.text)
				default:
					msgs := replies(srv.Sent(chat.ID))
					id = srv.PressButton(chat, user, msgs[len(msgs)-1].MessageID, st.press)
				}
				// A send on the wire at the SIGKILL may arrive twice: a copy
				// of the reply just before this step's is passed over.
				prev := ""
				if before > 0 {
					prev = replies(srv.Sent(chat.ID))[before-1].Plain
				}
				var got []telegramtest.Sent
				for deadline := time.Now().Add(45 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
					got = replies(srv.Sent(chat.ID))
					for len(got) > before && got[before].Plain == prev && !strings.Contains(prev, st.want) {
						before++
					}
					if len(got) > before {
						break
					}
				}
				if len(got) <= before {
					stuck.Add(1)
					failures <- fmt.Sprintf("user %d step %d (update %d, %q): no reply", i, n, id, st.text+st.press)
					return
				}
				if !strings.Contains(got[before].Plain, st.want) {
					failures <- fmt.Sprintf("user %d step %d: reply %q lacks %q", i, n, got[before].Plain, st.want)
					return
				}
				handled.Add(1)
				latMu.Lock()
				latencies = append(latencies, time.Since(sent))
				latMu.Unlock()
			}
		}(i)
	}

	// Restarts in the middle of the conversations.
	time.Sleep(40 * time.Second)
	took, err := terminate(child)
	if err != nil {
		t.Fatalf("%v\n%s", err, tail(logs.String()))
	}
	t.Logf("stopped by SIGTERM in %s", took.Round(time.Millisecond))
	child = start()
	time.Sleep(30 * time.Second)
	child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	child = start()
	convStart := real0
	wg.Wait()
	convTook := time.Since(convStart)
	close(failures)
	for f := range failures {
		t.Error(f)
	}

	// Run on to a full simulated day, and past the last reminder.
	end := soakT0.Add(24 * time.Hour)
	for _, at := range remindAt {
		if at.Add(time.Hour).After(end) {
			end = at.Add(time.Hour)
		}
	}
	for simNow().Before(end) {
		time.Sleep(time.Second)
	}
	close(stopSampling)
	p50, p99 := histogramQuantiles("http://"+httpAddr+"/metrics", "calmnights_handler_seconds")
	end = simNow() // reminders count up to the moment the program stops
	if _, err := terminate(child); err != nil {
		t.Fatalf("final stop: %v\n%s", err, tail(logs.String()))
	}

	// Everything each user received, exactly once.
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := store.IntegrityCheck(context.Background()); err != nil {
		t.Fatalf("integrity: %v", err)
	}
	ro, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	dupReplies, missingReminders, dupReminders, delivered, twice := 0, 0, 0, 0, 0
	for i := 0; i < users; i++ {
		id := int64(1000 + i)
		msgs := srv.Sent(id)
		checkins := len(msgs) - len(replies(msgs))
		delivered += checkins
		if n := len(replies(msgs)); n > len(script(i)) {
			dupReplies += n - len(script(i))
		}
		var ml int
		if err := ro.QueryRow(`SELECT COALESCE(SUM(ml), 0) FROM water WHERE user_id = ?`, fmt.Sprintf("tg:%d", id)).Scan(&ml); err != nil {
			t.Fatal(err)
		}
		if ml > 500 {
			twice++
			t.Errorf("user %d: %d ml stored after sending 500 ml: a change applied twice", i, ml)
		}
		if remindAt[i].IsZero() {
			continue // the conversation did not get that far
		}
		// Occurrences of the daily time up to the end (the last hour may
		// still be on its way, or not yet due).
		want, maybe := 0, 0
		for at := remindAt[i]; !at.After(end); at = at.Add(24 * time.Hour) {
			if at.After(end.Add(-time.Hour)) {
				maybe++
			} else {
				want++
			}
		}
		switch {
		case checkins >= want && checkins <= want+maybe:
		case checkins < want:
			missingReminders++
			t.Errorf("user %d: %d check-ins, want %d", i, checkins, want)
		default:
			dupReminders += checkins - want - maybe
		}
	}
	waiting, _ := store.WaitingUpdates(context.Background())
	lost := make([]struct{}, waiting)

	// Figures.
	latMu.Lock()
	sort.Slice(latencies, func(a, b int) bool { return latencies[a] < latencies[b] })
	p := func(q float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[int(math.Min(float64(len(latencies)-1), q*float64(len(latencies))))]
	}
	latMu.Unlock()
	t.Logf("%d users, %d updates answered in %s (%.0f updates/s), reply time p50 %s p99 %s (per-chat pacing of 1 message/s included)",
		users, handled.Load(), convTook.Round(time.Second), float64(handled.Load())/convTook.Seconds(), p(.5).Round(time.Millisecond), p(.99).Round(time.Millisecond))
	t.Logf("core handler time (last process, from /metrics): p50 ≤ %s, p99 ≤ %s", p50, p99)
	// One SIGKILL: at most one send per chat being sent to was on the wire.
	bound := delivery.DefaultChats
	t.Logf("updates lost %d (stuck conversations), changes applied twice %d, updates left waiting %d; reminders delivered %d, missing %d; repeated sends %d replies + %d reminders (bound %d)",
		stuck.Load(), twice, len(lost), delivered, missingReminders, dupReplies, dupReminders, bound)
	if len(lost) > 0 {
		t.Errorf("%d updates were never handled", len(lost))
	}
	if dupReplies+dupReminders > bound {
		t.Errorf("%d sends repeated after one SIGKILL: more than %d", dupReplies+dupReminders, bound)
	}
	heapMu.Lock()
	defer heapMu.Unlock()
	if len(heap) > 6 {
		mid, end := heap[len(heap)/2], heap[len(heap)-1]
		t.Logf("heap in use: %.1f MB mid-run (last process), %.1f MB at the end", mid/(1<<20), end/(1<<20))
		if end > 2*mid+32<<20 {
			t.Errorf("memory grew from %.1f MB to %.1f MB", mid/(1<<20), end/(1<<20))
		}
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("the program logged errors:\n%s", tail(logs.String()))
	}
}

// scrape reads one metric's value from a Prometheus endpoint.
func scrape(url, name string) (float64, bool) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == name {
			v, err := strconv.ParseFloat(f[1], 64)
			return v, err == nil
		}
	}
	return 0, false
}

func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}

// replies are a chat's messages other than reminders.
func replies(msgs []telegramtest.Sent) []telegramtest.Sent {
	var out []telegramtest.Sent
	for _, m := range msgs {
		if !strings.Contains(m.Plain, "Good morning ☀️") {
			out = append(out, m)
		}
	}
	return out
}

// histogramQuantiles reads a Prometheus histogram (all label sets added
// up) and returns the bucket bounds that hold its 50th and 99th
// percentiles.
func histogramQuantiles(url, name string) (p50, p99 string) {
	resp, err := http.Get(url)
	if err != nil {
		return "?", "?"
	}
	defer resp.Body.Close()
	buckets := map[float64]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, name+"_bucket{") {
			continue
		}
		i := strings.Index(line, `le="`)
		j := strings.Index(line[i+4:], `"`)
		le, err1 := strconv.ParseFloat(line[i+4:i+4+j], 64)
		f := strings.Fields(line)
		v, err2 := strconv.ParseFloat(f[len(f)-1], 64)
		if err1 == nil && err2 == nil {
			buckets[le] += v
		}
	}
	var bounds []float64
	for le := range buckets {
		bounds = append(bounds, le)
	}
	sort.Float64s(bounds)
	if len(bounds) == 0 {
		return "?", "?"
	}
	total := buckets[bounds[len(bounds)-1]]
	q := func(f float64) string {
		for _, le := range bounds {
			if buckets[le] >= f*total {
				return (time.Duration(le * float64(time.Second))).String()
			}
		}
		return "+Inf"
	}
	return q(.5), q(.99)
}
