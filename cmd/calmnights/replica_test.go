package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/discord"
	"github.com/calmnights/calmnights/bot/discord/discordtest"
	"github.com/calmnights/calmnights/bot/postgres"
	"github.com/calmnights/calmnights/bot/postgres/pgtest"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
	"github.com/calmnights/calmnights/reminders"
)

// The replica test: three copies of the program share one PostgreSQL,
// behind a load balancer for Telegram's webhook and Discord's interactions
// endpoint, for a simulated day (replicaSpeed times faster than real
// time). 1,000 users each have a daily morning check-in; in the middle of
// the day all of them send a message at once (the outbox fills), one
// replica is killed with SIGKILL and later all three are restarted one by
// one. The fake Telegram enforces its published limits with 429s.
const (
	replicaSpeed = 720 // one real second is twelve simulated minutes: a day in two minutes
	replicaCount = 3
	// While the outbox drains the burst, the clock slows to replicaSlow:
	// at 720 times real time, the half minute that 1,000 replies take at
	// Telegram's 30 a second would be six simulated hours, and check-ins
	// due meanwhile would pass their three-hour grace, which in real time
	// they never come near.
	replicaSlow     = 30
	replicaSlowFrom = 40 * time.Second // real time since the start: 08:00 simulated
	replicaSlowFor  = 75 * time.Second
)

// replicaClock is the simulated time real seconds after the start.
func replicaClock(elapsed time.Duration) time.Time {
	fast1 := min(elapsed, replicaSlowFrom)
	slow := min(max(elapsed-replicaSlowFrom, 0), replicaSlowFor)
	fast2 := max(elapsed-replicaSlowFrom-replicaSlowFor, 0)
	return replicaT0.Add(fast1*replicaSpeed + slow*replicaSlow + fast2*replicaSpeed)
}

var replicaT0 = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// TestReplicaChild is one replica, in its own process.
func TestReplicaChild(t *testing.T) {
	if os.Getenv("CALMNIGHTS_REPLICA_CHILD") != "1" {
		t.Skip("run by TestReplicas")
	}
	real0, _ := strconv.ParseInt(os.Getenv("CALMNIGHTS_REPLICA_REAL0"), 10, 64)
	clock = func() time.Time { return replicaClock(time.Since(time.Unix(0, real0))) }
	tickEvery = 50 * time.Millisecond // a simulated minute is 83 ms
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if code := run(ctx, nil, stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}, os.Getenv); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

// freeAddr returns a loopback address a replica can listen on, across
// its restarts. The port is taken below Linux's ephemeral range
// (32768-60999): a port the kernel hands out for outgoing connections
// (the replicas open many, to PostgreSQL and the fakes) could be taken by
// one of them while a replica restarts, and its listener would then fail
// with "address already in use".
func freeAddr(t *testing.T) string {
	t.Helper()
	for range 200 {
		port := 20000 + mrand.IntN(12000)
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			continue
		}
		addr := ln.Addr().String()
		ln.Close()
		return addr
	}
	t.Fatal("no free port below the ephemeral range")
	return ""
}

func TestReplicas(t *testing.T) {
	if os.Getenv("CALMNIGHTS_REPLICA") != "1" || testing.Short() || raceEnabled {
		t.Skip("the replica test is opt-in: CALMNIGHTS_REPLICA=1 with CALMNIGHTS_TEST_POSTGRES set (CI runs it; about three minutes)")
	}
	users := 1000
	if n, err := strconv.Atoi(os.Getenv("CALMNIGHTS_REPLICA_USERS")); err == nil && n > 0 {
		users = n
	}
	dbURL := pgtest.NewSchema(t)
	const token = "123456:REPLICA-token"
	tg := telegramtest.New(t, token)
	tg.Enforce(telegramtest.PublishedLimits)
	dc := discordtest.New(t)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)

	// The users, already set up: consent, UTC, no quiet hours, and a daily
	// check-in at a minute of their own between 01:00 and 23:00.
	ctx := context.Background()
	store, err := postgres.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	remindAt := make([]time.Time, users)
	for i := range users {
		id := fmt.Sprintf("tg:%d", 7000+i)
		if _, err := store.EnsureUser(ctx, bot.NewUser{ID: id, Platform: bot.PlatformTelegram, ChatID: strconv.Itoa(7000 + i), TimeZone: "UTC"}); err != nil {
			t.Fatal(err)
		}
		at := replicaT0.Add(time.Hour + time.Duration(mrand.IntN(22*60))*time.Minute)
		remindAt[i] = at
		err := store.UpdateReminders(ctx, id, func(u *bot.User, _ []reminders.Reminder) ([]reminders.Reminder, error) {
			now, zero := replicaT0, bot.Clock(0)
			u.ConsentAt, u.QuietStart, u.QuietEnd = &now, &zero, &zero
			spec := fmt.Sprintf("%d %d * * *", at.Minute(), at.Hour())
			return []reminders.Reminder{{UserID: id, Kind: reminders.Morning, Spec: spec, Mode: reminders.ModeCustom, Enabled: true, NextDue: at}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		tg.AddChat(telegramtest.PrivateChat(int64(7000 + i)))
	}
	store.Close()

	// The replicas and the load balancer in front of them.
	real0 := time.Now()
	type replica struct {
		cmd         *exec.Cmd
		hook, inter string
		up          atomic.Bool
	}
	reps := make([]*replica, replicaCount)
	var logs lockedOutput
	start := func(r *replica) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestReplicaChild$")
		cmd.Env = append(os.Environ(), "CALMNIGHTS_REPLICA_CHILD=1", fmt.Sprintf("CALMNIGHTS_REPLICA_REAL0=%d", real0.UnixNano()),
			"CALMNIGHTS_DB="+dbURL, "CALMNIGHTS_LOG_LEVEL=warn",
			"CALMNIGHTS_TELEGRAM_TOKEN="+token, "CALMNIGHTS_TELEGRAM_API_URL="+tg.BaseURL(),
			"CALMNIGHTS_TELEGRAM_WEBHOOK_URL=https://bot.example.org:8443/tg/hook", "CALMNIGHTS_TELEGRAM_WEBHOOK_SECRET=replica_secret",
			"CALMNIGHTS_TELEGRAM_WEBHOOK_ADDR="+r.hook,
			"CALMNIGHTS_DISCORD_TOKEN="+discordtest.Token, "CALMNIGHTS_DISCORD_API_URL="+dc.URL(),
			"CALMNIGHTS_DISCORD_INTERACTIONS_ADDR="+r.inter, "CALMNIGHTS_DISCORD_PUBLIC_KEY="+hex.EncodeToString(pub),
			"CALMNIGHTS_DISCORD_APP_ID="+discordtest.AppID)
		cmd.Stdout, cmd.Stderr = &logs, &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill() })
		r.cmd = cmd
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if c, err := net.Dial("tcp", r.hook); err == nil {
				c.Close()
				break
			}
		}
		r.up.Store(true)
	}
	for i := range reps {
		reps[i] = &replica{hook: freeAddr(t), inter: freeAddr(t)}
		start(reps[i])
	}
	var rr atomic.Int64
	pick := func(addr func(*replica) string) string {
		for range 2 * replicaCount {
			r := reps[int(rr.Add(1))%replicaCount]
			if r.up.Load() {
				return addr(r)
			}
		}
		return addr(reps[0])
	}
	stopPush := tg.PushToWebhook(func() string { return "http://" + pick(func(r *replica) string { return r.hook }) + "/tg/hook" }, 8)
	defer stopPush()
	simNow := func() time.Time { return replicaClock(time.Since(real0)) }

	// Discord: a few users through the HTTP interactions endpoint.
	var dcWG sync.WaitGroup
	dcAnswered := atomic.Int64{}
	for i := range 20 {
		dcWG.Add(1)
		go func() {
			defer dcWG.Done()
			u := discordtest.User{ID: fmt.Sprintf("1000000000000%05d", i), Username: fmt.Sprintf("d%d", i)}
			in := discordtest.SlashCommand("help", nil, u, "", "")
			for range 5 { // a replica may be restarting: the load balancer tries another
				if dc.HTTPInteraction("http://"+pick(func(r *replica) string { return r.inter })+discord.InteractionsPath, priv, in) == 200 {
					break
				}
				in = discordtest.SlashCommand("help", nil, u, "", "")
				time.Sleep(200 * time.Millisecond)
			}
			if got := dc.WaitResponses(in.ID, 2, 60*time.Second); len(got) >= 2 && strings.Contains(got[1].Content(), "what I can do") {
				dcAnswered.Add(1)
			}
		}()
	}

	// Mid-morning: every user sends /water at once, filling the outbox.
	for simNow().Before(replicaT0.Add(8 * time.Hour)) {
		time.Sleep(100 * time.Millisecond)
	}
	burstAt := time.Now()
	for i := range users {
		tg.SendMessage(telegramtest.PrivateChat(int64(7000+i)), telegramtest.User{ID: int64(7000 + i), FirstName: "R"}, "/water 100")
	}
	// A replica dies while the outbox drains, and comes back.
	time.Sleep(8 * time.Second)
	victim := reps[mrand.IntN(replicaCount)]
	victim.up.Store(false)
	victim.cmd.Process.Signal(syscall.SIGKILL)
	victim.cmd.Wait()
	time.Sleep(3 * time.Second)
	start(victim)
	// A rolling restart: one replica at a time.
	time.Sleep(10 * time.Second)
	for _, r := range reps {
		r.up.Store(false)
		if _, err := terminate(r.cmd); err != nil {
			t.Errorf("rolling restart: %v\n%s", err, tail(logs.String()))
		}
		start(r)
		time.Sleep(2 * time.Second)
	}
	// Past the end of the day and every check-in's grace, then stop.
	for simNow().Before(replicaT0.Add(27 * time.Hour)) {
		time.Sleep(200 * time.Millisecond)
	}
	dcWG.Wait()
	for _, r := range reps {
		if _, err := terminate(r.cmd); err != nil {
			t.Errorf("final stop: %v\n%s", err, tail(logs.String()))
		}
	}

	// What each user received.
	check, err := postgres.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	db := check.Pool()
	lostReplies, repeats, missing, twice, wrongWater := 0, 0, 0, 0, 0
	for i := range users {
		var water, checkins int
		for _, m := range tg.Sent(int64(7000 + i)) {
			switch {
			case strings.Contains(m.Plain, "Added 100 ml"):
				water++
			case strings.Contains(m.Plain, "Good morning"):
				checkins++
			}
		}
		switch {
		case water == 0:
			lostReplies++
		case water > 1:
			repeats += water - 1
		}
		switch {
		case checkins == 0:
			missing++
			t.Errorf("user %d: no check-in (due %s)", i, remindAt[i].Format("15:04"))
		case checkins > 1:
			repeats += checkins - 1
		}
		var ml int
		if err := db.QueryRow(ctx, `SELECT COALESCE(SUM(ml), 0) FROM water WHERE user_id = $1`, fmt.Sprintf("tg:%d", 7000+i)).Scan(&ml); err != nil {
			t.Fatal(err)
		}
		if ml != 100 {
			wrongWater++
			if ml > 100 {
				twice++
			}
		}
	}
	var waitingUpdates, waitingMessages int
	db.QueryRow(ctx, `SELECT COUNT(*) FROM inbox WHERE state = 'pending'`).Scan(&waitingUpdates)
	db.QueryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE state = 'pending'`).Scan(&waitingMessages)
	if rows, err := db.Query(ctx, `SELECT platform, kind, attempts, note, next_attempt FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 10`); err == nil {
		for rows.Next() {
			var platform, kind, note string
			var attempts int
			var next int64
			rows.Scan(&platform, &kind, &attempts, &note, &next)
			t.Logf("left in the outbox: %s %s, %d attempts, %q, next at %s", platform, kind, attempts, note, time.Unix(next, 0).UTC().Format(time.TimeOnly))
		}
		rows.Close()
	}

	// Throughput while the outbox was full: the middle 80 % of the burst's
	// sends, against Telegram's ceiling of 30 a second.
	var burst []time.Time
	for _, at := range tg.SendTimes() {
		if at.After(burstAt) {
			burst = append(burst, at)
		}
	}
	sort.Slice(burst, func(a, b int) bool { return burst[a].Before(burst[b]) })
	// Two figures: the rate over the middle 80 % of the burst's sends,
	// which includes the seconds the sender's lead moved after the
	// SIGKILL, and the median of the per-second counts while the outbox
	// was full, which is the rate the elected sender sustains.
	rate, sustained := 0.0, 0.0
	if n := len(burst); n > 100 {
		lo, hi := burst[n/10], burst[min(users, n)*9/10]
		rate = float64(min(users, n)*9/10-n/10) / hi.Sub(lo).Seconds()
		counts := map[int64]int{}
		for _, at := range burst[n/10 : min(users, n)*9/10] {
			counts[at.Sub(lo).Milliseconds()/1000]++
		}
		var per []int
		for sec, c := range counts {
			if sec > 0 && sec < int64(hi.Sub(lo).Seconds()) { // whole seconds only
				per = append(per, c)
			}
		}
		sort.Ints(per)
		if len(per) > 0 {
			sustained = float64(per[len(per)/2])
		}
	}
	setWebhooks := len(tg.Calls("setWebhook"))
	t.Logf("%d users, %d replicas, one SIGKILL and a rolling restart: updates lost %d, changes applied twice %d (water wrong for %d), updates left %d, messages left %d; check-ins missing %d; repeated sends %d (bound %d); 429s from the fake %d; send rate with the outbox full %.1f/s over the burst, failover included (%.0f%% of 30/s), %.0f/s sustained (median second, %.0f%%); webhook registered %d times (once per leader); Discord HTTP interactions answered %d of 20",
		users, replicaCount, lostReplies, twice, wrongWater, waitingUpdates, waitingMessages, missing, repeats, 2*delivery.DefaultChats, tg.TooManyRequests(), rate, rate/30*100, sustained, sustained/30*100, setWebhooks, dcAnswered.Load())
	if lostReplies > 0 || waitingUpdates > 0 {
		t.Errorf("%d updates lost, %d never handled", lostReplies, waitingUpdates)
	}
	if wrongWater > 0 {
		t.Errorf("%d users' water is wrong (%d applied twice)", wrongWater, twice)
	}
	if repeats > 2*delivery.DefaultChats {
		t.Errorf("%d repeated sends: more than two kills' worth", repeats)
	}
	if n := tg.TooManyRequests(); n > 0 {
		t.Errorf("the replicas together went over Telegram's limits %d times", n)
	}
	if sustained < 27 {
		t.Errorf("sent %.0f messages a second with the outbox full: under 90%% of Telegram's 30", sustained)
	}
	if setWebhooks > 1+replicaCount+1 {
		t.Errorf("setWebhook called %d times: the webhook is registered by every replica", setWebhooks)
	}
	if dcAnswered.Load() != 20 {
		t.Errorf("%d of 20 Discord interactions answered", dcAnswered.Load())
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a replica logged errors:\n%s", tail(logs.String()))
	}
}
