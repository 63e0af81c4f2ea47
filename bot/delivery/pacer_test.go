package delivery_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/delivery/deliverytest"
)

// maxInWindow is the most events in any window [t, t+w).
func maxInWindow(ts []time.Time, w time.Duration) int {
	best, j := 0, 0
	for i := range ts {
		for ts[i].Sub(ts[j]) >= w {
			j++
		}
		best = max(best, i-j+1)
	}
	return best
}

// The pacer's waits run on the fake clock: each test checks the limits in
// the clock's time and takes no real time.

func TestGlobalAndPerChatRates(t *testing.T) {
	clock := deliverytest.NewClock()
	p := delivery.NewPacer(delivery.Limits{Global: 100, PerChat: delivery.Window{N: 5, Per: time.Second}, Burst: 1}, clock)
	var (
		mu  sync.Mutex
		all []time.Time
		one []time.Time
	)
	var wg sync.WaitGroup
	start := clock.Now()
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				chat := "busy"
				if w > 0 || i%2 == 1 {
					chat = string(rune('a' + w*20 + i))
				}
				mu.Lock() // a send is the wait and the request: one at a time here, so the times are in order
				if err := p.Wait(context.Background(), chat); err != nil {
					mu.Unlock()
					t.Error(err)
					return
				}
				now := clock.Now()
				all = append(all, now)
				if chat == "busy" {
					one = append(one, now)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := clock.Now().Sub(start)
	if n := maxInWindow(all, time.Second); n > 100 {
		t.Errorf("%d messages in one second, limit 100", n)
	}
	if n := maxInWindow(one, time.Second); n > 5 {
		t.Errorf("%d messages to one chat in a second, limit 5", n)
	}
	if elapsed < 1500*time.Millisecond {
		t.Errorf("160 messages at 100/s took only %s of the clock's time", elapsed)
	}
}

func TestPauseHoldsScope(t *testing.T) {
	clock := deliverytest.NewClock()
	p := delivery.NewPacer(delivery.Limits{Global: rate.Inf}, clock)
	start := clock.Now()
	p.Pause("a", 300*time.Millisecond)
	if err := p.Wait(context.Background(), "b"); err != nil || clock.Waited() > 0 {
		t.Fatalf("another chat waited %s for a's pause (%v)", clock.Waited(), err)
	}
	p.Wait(context.Background(), "a")
	if d := clock.Now().Sub(start); d < 300*time.Millisecond {
		t.Fatalf("chat a went after %s of a 300 ms pause", d)
	}
	start = clock.Now()
	p.Pause("", 200*time.Millisecond)
	p.Pause("", 10*time.Millisecond) // shorter: does not shorten
	p.Wait(context.Background(), "b")
	if d := clock.Now().Sub(start); d < 200*time.Millisecond {
		t.Fatalf("global pause ignored: %s", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.Pause("", time.Hour)
	cancel()
	if err := p.Wait(ctx, "b"); err == nil {
		t.Fatal("Wait ignored a cancelled context")
	}
}

func TestIdleChatsAreForgotten(t *testing.T) {
	clock := deliverytest.NewClock()
	p := delivery.NewPacer(delivery.Limits{PerChat: delivery.Window{N: 1, Per: time.Second}}, clock)
	for i := range 100 {
		p.Wait(context.Background(), string(rune('a'+i)))
	}
	clock.Advance(3 * time.Minute) // longer than a chat is kept idle
	p.Wait(context.Background(), "new")
	if n := p.Chats(); n != 1 {
		t.Fatalf("%d chats tracked after they went idle, want 1", n)
	}
}

func TestGroupsHaveTheirOwnWindow(t *testing.T) {
	clock := deliverytest.NewClock()
	p := delivery.NewPacer(delivery.Limits{PerChat: delivery.Window{N: 100, Per: time.Second}, PerGroup: delivery.Window{N: 3, Per: 400 * time.Millisecond},
		IsGroup: func(id string) bool { return id[0] == '-' }}, clock)
	start := clock.Now()
	for range 4 {
		p.Wait(context.Background(), "-100")
	}
	if d := clock.Now().Sub(start); d < 400*time.Millisecond {
		t.Fatalf("4 group messages with a limit of 3 per 400 ms took %s", d)
	}
	waited := clock.Waited()
	for range 4 {
		p.Wait(context.Background(), "42")
	}
	if d := clock.Waited() - waited; d > 0 {
		t.Fatalf("private chat held back by the group limit: %s", d)
	}
}

// BenchmarkPacerThroughput paces messages to 100 chats at Telegram's
// published limits on the fake clock and reports the rate they would
// leave at, in messages per second of the clock's time: the ceiling is
// 30, and the pacer's headroom keeps it near 29.
func BenchmarkPacerThroughput(b *testing.B) {
	clock := deliverytest.NewClock()
	p := delivery.NewPacer(delivery.TelegramLimits, clock)
	ctx := context.Background()
	start := clock.Now()
	for i := 0; b.Loop(); i++ {
		if err := p.Wait(ctx, strconv.Itoa(i%100)); err != nil {
			b.Fatal(err)
		}
	}
	if took := clock.Now().Sub(start); took > 0 {
		b.ReportMetric(float64(b.N)/took.Seconds(), "msgs/s")
	}
}
