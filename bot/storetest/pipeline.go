package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
)

// The pipeline's inbox and outbox, on every engine.

func testInboxClaims(t *testing.T, s Store) {
	ctx := context.Background()
	var us []delivery.Update
	for i := range 10 {
		us = append(us, delivery.Update{ID: int64(i + 1), ChatKey: "busy", Payload: []byte("x")})
	}
	us = append(us, delivery.Update{ID: 100, ChatKey: "quiet", Payload: []byte("y")})
	fresh, flooded, err := s.AcceptUpdates(ctx, "p", us, 0)
	if err != nil || fresh != 11 || len(flooded) != 0 {
		t.Fatalf("accept: %d fresh, flooded %v, %v", fresh, flooded, err)
	}
	if fresh, _, _ := s.AcceptUpdates(ctx, "p", us[:3], 0); fresh != 0 {
		t.Fatalf("%d updates seen before were stored again", fresh)
	}
	got, err := s.ClaimUpdates(ctx, "p", time.Minute, 10)
	if err != nil || len(got) != 2 || got[0].ID != 1 || got[1].ID != 100 || string(got[1].Payload) != "y" {
		t.Fatalf("claimed %+v, %v; want the first update of each chat (1 and 100)", got, err)
	}
	if again, _ := s.ClaimUpdates(ctx, "p", time.Minute, 10); len(again) != 0 {
		t.Fatalf("claimed %d more while each chat's first update is leased", len(again))
	}
	if err := s.FinishUpdate(ctx, "p", 1); err != nil {
		t.Fatal(err)
	}
	if next, _ := s.ClaimUpdates(ctx, "p", time.Minute, 10); len(next) != 1 || next[0].ID != 2 {
		t.Fatalf("after the first was handled, claimed %+v; want update 2", next)
	}
	if err := s.ReleaseUpdates(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.ClaimUpdates(ctx, "p", time.Minute, 10); len(again) != 2 {
		t.Fatalf("claimed %d after the leases were released, want 2", len(again))
	}
	// A short lease ends by itself (a replica that died).
	if err := s.ReleaseUpdates(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ClaimUpdates(ctx, "p", 50*time.Millisecond, 10); len(got) != 2 {
		t.Fatalf("claimed %d", len(got))
	}
	time.Sleep(100 * time.Millisecond)
	if got, _ := s.ClaimUpdates(ctx, "p", time.Minute, 10); len(got) != 2 {
		t.Fatalf("claimed %d after the leases ran out, want 2", len(got))
	}
	n, err := s.WaitingUpdates(ctx)
	if err != nil || n != 10 {
		t.Fatalf("%d waiting, %v; want 10", n, err)
	}
	if err := s.PruneUpdates(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.WaitingUpdates(ctx); n != 10 {
		t.Fatalf("pruning removed waiting updates: %d left", n)
	}
}

func testInboxFlood(t *testing.T, s Store) {
	ctx := context.Background()
	var us []delivery.Update
	for i := range 8 {
		us = append(us, delivery.Update{ID: int64(i + 1), ChatKey: "f", Payload: []byte("x")})
	}
	fresh, flooded, err := s.AcceptUpdates(ctx, "p", us, 5)
	if err != nil || fresh != 8 || len(flooded) != 1 || flooded[0] != "f" {
		t.Fatalf("accept: %d fresh, flooded %v, %v", fresh, flooded, err)
	}
	if n, _ := s.WaitingUpdates(ctx); n != 5 {
		t.Fatalf("%d waiting, want the limit of 5", n)
	}
	// The dropped ones are remembered: sent again, they are not stored.
	if fresh, _, _ := s.AcceptUpdates(ctx, "p", us[6:], 5); fresh != 0 {
		t.Fatalf("a dropped update was stored when sent again")
	}
}

func testOutbox(t *testing.T, s Store) {
	ctx := context.Background()
	r := bot.Response{Text: "**hi** ü", Buttons: [][]bot.Button{{{Label: "Yes", Payload: "ck/1/yes"}}},
		Image: &bot.Attachment{Name: "c.png", MIME: "image/png", Data: []byte{0, 1, 2, 255}}, Personal: true, To: "9"}
	ms := []delivery.Message{
		{Platform: "p", ChatID: "a", Kind: delivery.KindReply, Reply: &r, Meta: []byte{1, 0, 255}, Part: 2},
		{Platform: "p", ChatID: "a", Kind: delivery.KindReply, Reply: &bot.Response{Text: "second"}},
		{Platform: "p", ChatID: "b", Kind: delivery.KindReply, Reply: &bot.Response{Text: "b1"}},
		{Platform: "other", ChatID: "a", Kind: delivery.KindReply, Reply: &bot.Response{Text: "elsewhere"}},
	}
	if err := s.Enqueue(ctx, ms); err != nil {
		t.Fatal(err)
	}
	heads, err := s.OutboxHeads(ctx, "p", time.Now(), 10)
	if err != nil || len(heads) != 2 || heads[0].ChatID != "a" || heads[1].ChatID != "b" {
		t.Fatalf("heads %+v, %v; want the first of a, then of b", heads, err)
	}
	want, _ := json.Marshal(r)
	got, _ := json.Marshal(heads[0].Reply)
	if string(want) != string(got) || string(heads[0].Meta) != string([]byte{1, 0, 255}) || heads[0].Part != 2 || heads[0].ReminderID != 0 {
		t.Fatalf("stored reply %s meta %v part %d; want %s", got, heads[0].Meta, heads[0].Part, want)
	}
	// Retried later: the chat waits, the other does not.
	if err := s.RetryMessage(ctx, heads[0].ID, time.Now().Add(time.Hour), 1, "rate limited"); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.OutboxHeads(ctx, "p", time.Now(), 10); len(h) != 1 || h[0].ChatID != "b" {
		t.Fatalf("heads while a waits: %+v", h)
	}
	if h, _ := s.OutboxHeads(ctx, "p", time.Now().Add(2*time.Hour), 10); len(h) != 2 || h[0].Attempts != 1 {
		t.Fatalf("heads after the wait: %+v", h)
	}
	if err := s.FinishMessage(ctx, heads[0].ID, delivery.StateSent, ""); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.OutboxHeads(ctx, "p", time.Now(), 10); len(h) != 2 || h[0].Reply.Text != "second" {
		t.Fatalf("after the first was sent: %+v", h)
	}
	if err := s.CancelChat(ctx, "p", "a"); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.OutboxHeads(ctx, "p", time.Now(), 10); len(h) != 1 || h[0].ChatID != "b" {
		t.Fatalf("after cancelling a: %+v", h)
	}
	if n, _ := s.WaitingMessages(ctx); n != 2 { // b1 and "elsewhere"
		t.Fatalf("%d messages waiting, want 2 (sent replies are deleted)", n)
	}
}

func testOutboxAtomicWithHandling(t *testing.T, s Store) {
	ctx := context.Background()
	if _, _, err := s.AcceptUpdates(ctx, "p", []delivery.Update{{ID: 7, ChatKey: "c", Payload: []byte("x")}}, 0); err != nil {
		t.Fatal(err)
	}
	fail := fmt.Errorf("handler failed")
	err := s.Atomic(ctx, func(ctx context.Context) error {
		if err := s.Enqueue(ctx, []delivery.Message{{Platform: "p", ChatID: "c", Kind: delivery.KindReply, Reply: &bot.Response{Text: "x"}}}); err != nil {
			return err
		}
		if err := s.FinishUpdate(ctx, "p", 7); err != nil {
			return err
		}
		return fail
	})
	if err == nil {
		t.Fatal("Atomic hid the error")
	}
	if n, _ := s.WaitingUpdates(ctx); n != 1 {
		t.Fatal("a rolled-back update was marked done")
	}
	if n, _ := s.WaitingMessages(ctx); n != 0 {
		t.Fatal("a rolled-back reply stayed in the outbox")
	}
}

// testReplicaUpdateClaims: two replicas claim the same inbox as fast as
// they can; every update is handled exactly once and each chat in order.
func testReplicaUpdateClaims(t *testing.T, a, b Store) {
	ctx := context.Background()
	var us []delivery.Update
	for i := range 400 {
		us = append(us, delivery.Update{ID: int64(i + 1), ChatKey: fmt.Sprint("chat", i%40), Payload: []byte("x")})
	}
	if _, _, err := a.AcceptUpdates(ctx, "p", us, 0); err != nil {
		t.Fatal(err)
	}
	var (
		mu      sync.Mutex
		handled = map[int64]int{}
		last    = map[string]int64{}
		wg      sync.WaitGroup
	)
	for _, s := range []Store{a, b, a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for idle := 0; idle < 20; {
				got, err := s.ClaimUpdates(ctx, "p", time.Minute, 5)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					idle++
					time.Sleep(5 * time.Millisecond)
					continue
				}
				idle = 0
				for _, u := range got {
					mu.Lock()
					handled[u.ID]++
					if u.ID < last[u.ChatKey] {
						t.Errorf("chat %s: update %d handled after %d", u.ChatKey, u.ID, last[u.ChatKey])
					}
					last[u.ChatKey] = u.ID
					mu.Unlock()
					if err := s.FinishUpdate(ctx, "p", u.ID); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
	for i := range 400 {
		if n := handled[int64(i+1)]; n != 1 {
			t.Errorf("update %d handled %d times", i+1, n)
		}
	}
}

// testLeader checks, on engines that elect a sender among replicas
// (delivery.Leader), that one replica leads a platform at a time and that
// another takes over once it lets go.
func testLeader(t *testing.T, a, b Store) {
	la, ok := a.(delivery.Leader)
	if !ok {
		t.Skip("this engine runs one process; it elects no leader")
	}
	lb := b.(delivery.Leader)
	_, releaseA, err := la.Lead(ctx, "telegram")
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if _, _, err := lb.Lead(short, "telegram"); err == nil {
		t.Fatal("two replicas lead one platform")
	}
	_, releaseOther, err := lb.Lead(ctx, "discord")
	if err != nil {
		t.Fatalf("another platform: %v", err)
	}
	releaseOther()
	releaseA()
	releaseA() // a second release does nothing
	long, cancel2 := context.WithTimeout(ctx, 10*time.Second)
	defer cancel2()
	lost, releaseB, err := lb.Lead(long, "telegram")
	if err != nil {
		t.Fatalf("no take-over after release: %v", err)
	}
	select {
	case <-lost:
		t.Fatal("the new leader lost at once")
	default:
	}
	releaseB()
}
