package pace

import (
	"context"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
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

func TestGlobalAndPerChatRates(t *testing.T) {
	p := New(Limits{Global: 100, PerChat: Window{5, time.Second}, Burst: 1})
	var (
		mu  sync.Mutex
		all []time.Time
		one []time.Time
	)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				chat := "busy"
				if w > 0 || i%2 == 1 {
					chat = string(rune('a' + w*20 + i))
				}
				if err := p.Wait(context.Background(), chat); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				all = append(all, time.Now())
				if chat == "busy" {
					one = append(one, time.Now())
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if n := maxInWindow(all, time.Second); n > 100 {
		t.Errorf("%d messages in one second, limit 100", n)
	}
	if n := maxInWindow(one, time.Second); n > 5 {
		t.Errorf("%d messages to one chat in a second, limit 5", n)
	}
	if elapsed < 1500*time.Millisecond {
		t.Errorf("160 messages at 100/s took only %s", elapsed)
	}
}

func TestPauseHoldsScope(t *testing.T) {
	p := New(Limits{Global: rate.Inf})
	p.Pause("a", 300*time.Millisecond)
	start := time.Now()
	if err := p.Wait(context.Background(), "b"); err != nil || time.Since(start) > 100*time.Millisecond {
		t.Fatalf("another chat waited for a's pause: %v", time.Since(start))
	}
	p.Wait(context.Background(), "a")
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Fatalf("chat a went after %s of a 300 ms pause", d)
	}
	p.Pause("", 200*time.Millisecond)
	p.Pause("", 10*time.Millisecond) // shorter: does not shorten
	start = time.Now()
	p.Wait(context.Background(), "b")
	if d := time.Since(start); d < 150*time.Millisecond {
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
	p := New(Limits{PerChat: Window{1, time.Second}})
	now := time.Now()
	p.now = func() time.Time { return now }
	for i := range 100 {
		p.Wait(context.Background(), string(rune('a'+i)))
	}
	now = now.Add(chatIdle + time.Second)
	p.Wait(context.Background(), "new")
	if n := p.Chats(); n != 1 {
		t.Fatalf("%d chats tracked after they went idle, want 1", n)
	}
}

func TestGroupsHaveTheirOwnWindow(t *testing.T) {
	p := New(Limits{PerChat: Window{100, time.Second}, PerGroup: Window{3, 400 * time.Millisecond}, IsGroup: func(id string) bool { return id[0] == '-' }})
	start := time.Now()
	for range 4 {
		p.Wait(context.Background(), "-100")
	}
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Fatalf("4 group messages with a limit of 3 per 400 ms took %s", d)
	}
	start = time.Now()
	for range 4 {
		p.Wait(context.Background(), "42")
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Fatalf("private chat held back by the group limit: %s", d)
	}
}

func TestTurnWaitsWithoutTakingThePlace(t *testing.T) {
	p := New(Limits{PerChat: Window{2, 300 * time.Millisecond}})
	ctx := context.Background()
	start := time.Now()
	if err := p.Turn(ctx, "a"); err != nil || time.Since(start) > 50*time.Millisecond {
		t.Fatalf("Turn on a fresh chat: %v after %s", err, time.Since(start))
	}
	p.Wait(ctx, "a")
	p.Wait(ctx, "a") // the window is full now
	// Turn does not take a place: two Turns in a row both wait for the same moment.
	p.Turn(ctx, "a")
	first := time.Since(start)
	p.Turn(ctx, "a")
	second := time.Since(start)
	if first < 250*time.Millisecond {
		t.Fatalf("Turn returned after %s with the window full (300 ms)", first)
	}
	if second-first > 50*time.Millisecond {
		t.Fatalf("a second Turn waited %s more: the first took a place", second-first)
	}
	if err := p.Turn(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	p.Pause("a", time.Hour)
	cctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := p.Turn(cctx, "a"); err == nil {
		t.Fatal("Turn ignored the chat's pause and the context's end")
	}
}
