package telegram_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// benchUsers is how many simulated people take turns in the benchmarks.
const benchUsers = 64

// unpaced lifts Telegram's rate limits so that the benchmarks measure our
// own path (long poll, conversion, core, SQLite, rendering, sendMessage)
// rather than the 30 messages a second Telegram allows.
var unpaced = delivery.Limits{Global: 1e6, Burst: 1000, PerChat: delivery.Window{N: 1000, Per: time.Second}}

// benchEnv starts the real adapter, core and store against the fake Bot
// API with benchUsers people who have said yes to health notes.
func benchEnv(b *testing.B) (*env, []telegramtest.User) {
	e := newEnv(b)
	e.limits = unpaced
	e.start(telegram.WebhookOptions{})
	users := make([]telegramtest.User, benchUsers)
	for i := range users {
		users[i] = telegramtest.User{ID: int64(5000 + i), FirstName: fmt.Sprintf("B%d", i)}
		chat := telegramtest.PrivateChat(users[i].ID)
		e.srv.SendMessage(chat, users[i], "/start")
		got := e.srv.WaitSent(chat.ID, 1, 10*time.Second)
		if len(got) < 1 {
			b.Fatal("no welcome")
		}
		e.srv.PressButton(chat, users[i], got[0].MessageID, "start/yes")
		if got := e.srv.WaitSent(chat.ID, 2, 10*time.Second); len(got) < 2 {
			b.Fatal("no reply to consent")
		}
	}
	return e, users
}

// BenchmarkUpdateToReply measures the full path one message takes: the
// fake Bot API hands the update to the adapter's long poll, the core
// answers it (reading and writing the SQLite file), and the reply arrives
// back at the fake's sendMessage. Each iteration waits for its reply, so
// ms/update is the latency a person would see with no rate limit.
//
//	go test ./bot/telegram -run '^$' -bench UpdateToReply -benchtime 2000x
func BenchmarkUpdateToReply(b *testing.B) {
	for _, tc := range []struct{ name, text, want string }{
		{"help", "/help", "/checklist"},
		{"question", "can dehydration make my legs twitch?", "Dehydration"},
		{"log", "/log 4", "twitching 4/10"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			e, users := benchEnv(b)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				u := users[i%len(users)]
				before := len(e.srv.Sent(u.ID))
				e.srv.SendMessage(telegramtest.PrivateChat(u.ID), u, tc.text)
				got := e.srv.WaitSent(u.ID, before+1, 10*time.Second)
				if len(got) <= before || !strings.Contains(got[before].Plain, tc.want) {
					b.Fatalf("%q: no reply containing %q", tc.text, tc.want)
				}
			}
			b.StopTimer()
			perUpdate := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(perUpdate*1000, "ms/update")
		})
	}
}

// BenchmarkUpdateThroughput has every user talk at once, each waiting for
// its own reply before the next message, and reports how many updates a
// second the program answers end to end.
//
//	go test ./bot/telegram -run '^$' -bench UpdateThroughput -benchtime 5000x
func BenchmarkUpdateThroughput(b *testing.B) {
	e, users := benchEnv(b)
	b.ReportAllocs()
	var next atomic.Int64
	b.SetParallelism(benchUsers / runtime.GOMAXPROCS(0))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		u := users[int(next.Add(1)-1)%len(users)]
		chat := telegramtest.PrivateChat(u.ID)
		for pb.Next() {
			before := len(e.srv.Sent(u.ID))
			e.srv.SendMessage(chat, u, "/log 3")
			if got := e.srv.WaitSent(u.ID, before+1, 10*time.Second); len(got) <= before {
				b.Error("no reply")
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}
