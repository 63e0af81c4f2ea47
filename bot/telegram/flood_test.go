package telegram_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// TestFloodDoesNotStarveOthers: one chat sends 500 updates at once; another
// chat's /help is still answered within 2 s, the flooding chat is told to
// slow down once, and its excess is dropped rather than queued.
func TestFloodDoesNotStarveOthers(t *testing.T) {
	e := newEnv(t)
	// Ten a second per chat, so the flooding chat's twenty queued replies
	// and the note behind them arrive within the test's few seconds.
	e.limits = delivery.Limits{Global: 30, Burst: 1, PerChat: delivery.Window{N: 10, Per: time.Second}}
	e.start(telegram.WebhookOptions{})
	mallory := telegramtest.User{ID: 666, FirstName: "Mallory"}
	flood := telegramtest.PrivateChat(mallory.ID)
	for i := range 500 {
		e.srv.SendMessage(flood, mallory, fmt.Sprintf("/water %d", 10+i%5))
	}
	// Let the adapter take the flood in before the other chat speaks.
	e.srv.WaitPolls(2, 5*time.Second)
	time.Sleep(300 * time.Millisecond)
	begin := time.Now()
	bob := telegramtest.User{ID: 77, FirstName: "Bob"}
	e.srv.SendMessage(telegramtest.PrivateChat(bob.ID), bob, "/help")
	got := e.srv.WaitSent(bob.ID, 1, 10*time.Second)
	took := time.Since(begin)
	if len(got) == 0 || !strings.Contains(got[0].Plain, "what I can do") {
		t.Fatalf("the other chat's /help was not answered: %+v", got)
	}
	t.Logf("the other chat's /help answered in %s during a 500-update flood", took.Round(time.Millisecond))
	// Starved, it would wait for the flooding chat's queued replies (two
	// seconds of them at ten a second); the race detector slows every
	// step several times over, so its bound is wider.
	bound := 2 * time.Second
	if raceEnabled {
		bound = 6 * time.Second
	}
	if took > bound {
		t.Errorf("the other chat waited %s for its first answer", took)
	}
	slow := 0
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		slow = 0
		for _, m := range e.srv.Sent(mallory.ID) {
			if strings.Contains(m.Plain, "faster than I can answer") {
				slow++
			}
		}
		if slow > 0 {
			break
		}
	}
	time.Sleep(500 * time.Millisecond) // a second note would arrive now
	slow = 0
	for _, m := range e.srv.Sent(mallory.ID) {
		if strings.Contains(m.Plain, "faster than I can answer") {
			slow++
		}
	}
	if slow != 1 {
		t.Errorf("the flooding chat was told to slow down %d times, want once", slow)
	}
	waiting, err := e.store.WaitingUpdates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if waiting > delivery.DefaultPerChat {
		t.Errorf("%d updates queued for one chat: more than the limit of %d", waiting, delivery.DefaultPerChat)
	}
}
