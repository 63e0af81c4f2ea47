package main

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// TestCrashBurst: many users send a burst of /water updates to the
// program, in its own process, through a fake Telegram while the process
// is killed with SIGKILL at random moments inside the burst and
// restarted. Afterwards every update was answered
// (0 lost), every user's stored water is exactly what they sent (0 changes
// applied twice or lost), and the only repeated replies are sends that
// were on the wire at a kill: at most one per chat being sent to.
func TestCrashBurst(t *testing.T) {
	t.Parallel() // it waits on the process; the other waiting tests overlap it
	if testing.Short() {
		t.Skip("the crash test kills and restarts a process")
	}
	const (
		users = 40
		burst = 5 // /water 100 each
		kills = 3
	)
	token := "123456:CRASH-token"
	srv := telegramtest.New(t, token)
	db := filepath.Join(t.TempDir(), "crash.db")
	env := []string{"CALMNIGHTS_DB=" + db, "CALMNIGHTS_TELEGRAM_TOKEN=" + token, "CALMNIGHTS_TELEGRAM_API_URL=" + srv.BaseURL(), "CALMNIGHTS_LOG_LEVEL=warn"}
	bin := startFastChild(t, env)

	chats := make([]telegramtest.Chat, users)
	people := make([]telegramtest.User, users)
	for i := range users {
		people[i] = telegramtest.User{ID: int64(5000 + i), FirstName: fmt.Sprintf("C%d", i)}
		chats[i] = telegramtest.PrivateChat(people[i].ID)
		srv.SendMessage(chats[i], people[i], "/start")
	}
	for i := range users {
		got := srv.WaitSent(chats[i].ID, 1, 20*time.Second)
		if len(got) < 1 {
			t.Fatalf("user %d: no welcome", i)
		}
		srv.PressButton(chats[i], people[i], got[0].MessageID, "start/yes")
	}
	for i := range users {
		if got := srv.WaitSent(chats[i].ID, 2, 20*time.Second); len(got) < 2 {
			t.Fatalf("user %d: consent not answered", i)
		}
	}

	waterReplies := func(i int) int {
		n := 0
		for _, m := range srv.Sent(chats[i].ID) {
			if strings.Contains(m.Plain, "Added 100 ml") {
				n++
			}
		}
		return n
	}
	allWater := func() int {
		n := 0
		for i := range users {
			n += waterReplies(i)
		}
		return n
	}
	// The burst, with kills while it is handled: each kill comes at a
	// random moment after the next quarter of the replies has arrived, so
	// every kill lands inside the burst however fast it is answered.
	for i := range users {
		for range burst {
			srv.SendMessage(chats[i], people[i], "/water 100")
		}
	}
	killed, at := 0, []int{}
	for k := range kills {
		for deadline := time.Now().Add(20 * time.Second); allWater() < (k+1)*users*burst/(kills+1) && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(rand.IntN(50)) * time.Millisecond)
		at = append(at, allWater())
		bin.Process.Signal(syscall.SIGKILL)
		bin.Wait()
		killed++
		bin = startFastChild(t, env)
	}
	t.Logf("killed after %v of %d replies", at, users*burst)
	deadline := time.Now().Add(60 * time.Second)
	for i := 0; i < users && time.Now().Before(deadline); {
		if waterReplies(i) >= burst {
			i++
			continue
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(time.Second) // any repeat still on its way
	bin.stop(t)

	lost, repeated := 0, 0
	for i := range users {
		n := waterReplies(i)
		if n < burst {
			lost += burst - n
			t.Errorf("user %d: %d of %d updates answered", i, n, burst)
		}
		repeated += max(n-burst, 0)
	}
	store, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	twice, short := 0, 0
	for i := range users {
		var ml int
		if err := store.QueryRow(`SELECT COALESCE(SUM(ml), 0) FROM water WHERE user_id = ?`, fmt.Sprintf("tg:%d", people[i].ID)).Scan(&ml); err != nil {
			t.Fatal(err)
		}
		switch {
		case ml > burst*100:
			twice++
			t.Errorf("user %d: %d ml stored, sent %d ml: a change applied twice", i, ml, burst*100)
		case ml < burst*100:
			short++
			t.Errorf("user %d: %d ml stored, sent %d ml: a change lost", i, ml, burst*100)
		}
	}
	var waiting int
	store.QueryRow(`SELECT COUNT(*) FROM inbox WHERE state = 'pending'`).Scan(&waiting)
	bound := killed * delivery.DefaultChats
	t.Logf("%d users × %d updates, %d SIGKILLs: %d lost, %d applied twice, %d short, %d updates left waiting, %d repeated replies (bound %d: one per chat on the wire per kill)",
		users, burst, killed, lost, twice, short, waiting, repeated, bound)
	if waiting > 0 {
		t.Errorf("%d updates never handled", waiting)
	}
	if repeated > bound {
		t.Errorf("%d repeated replies: more than %d", repeated, bound)
	}
}
