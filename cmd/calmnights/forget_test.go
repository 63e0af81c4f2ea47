package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// TestForgetLeavesNoTrace: a user talks to the program, in its own
// process with its own SQLite file, through a fake Telegram (settings, a journal note, water, the checklist, a question),
// then sends /forget and confirms. After a clean stop neither their id
// nor anything they typed is anywhere in the database files, free pages
// and the WAL included.
func TestForgetLeavesNoTrace(t *testing.T) {
	t.Parallel() // it waits on the program in its own process
	token := "123456:FORGET-token"
	srv := telegramtest.New(t, token)
	dir := t.TempDir()
	db := filepath.Join(dir, "forget.db")
	bin := startFastChild(t, []string{"CALMNIGHTS_DB=" + db, "CALMNIGHTS_TELEGRAM_TOKEN=" + token, "CALMNIGHTS_TELEGRAM_API_URL=" + srv.BaseURL(), "CALMNIGHTS_LOG_LEVEL=warn"})
	const uid = 918273645
	user := telegramtest.User{ID: uid, FirstName: "Zanzibar"}
	chat := telegramtest.PrivateChat(uid)
	n := 0
	say := func(text string) telegramtest.Sent {
		t.Helper()
		srv.SendMessage(chat, user, text)
		n++
		got := srv.WaitSent(uid, n, 15*time.Second)
		if len(got) < n {
			t.Fatalf("%q: no reply", text)
		}
		n = len(got)
		return got[len(got)-1]
	}
	press := func(m telegramtest.Sent, data string) {
		t.Helper()
		srv.PressButton(chat, user, m.MessageID, data)
		n++
		if got := srv.WaitSent(uid, n, 15*time.Second); len(got) < n {
			t.Fatalf("press %s: no reply", data)
		}
		n = len(srv.Sent(uid))
	}
	welcome := say("/start")
	press(welcome, "start/yes")
	say("/timezone Pacific/Chatham")
	say("/bedtime 23:47")
	say("/log 2026-11-20 7")
	say("/water 1370ml")
	say("/checklist")
	say("yes")
	say("stop")
	say("my Quixotic-Marmalade calves twitch when I think about walruses, why?")
	confirm := say("/forget")
	press(confirm, "fg/yes")
	time.Sleep(500 * time.Millisecond)
	bin.stop(t)

	secrets := []string{"918273645", "Quixotic-Marmalade", "walruses", "Zanzibar", "Pacific/Chatham", "Chatham", "1370"}
	files, _ := filepath.Glob(db + "*")
	if len(files) == 0 {
		t.Fatal("no database files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(data, []byte(s)) {
				i := bytes.Index(data, []byte(s))
				t.Errorf("%s still holds %q after /forget: …%q…", filepath.Base(f), s, data[max(0, i-40):min(len(data), i+60)])
			}
		}
	}
	t.Logf("checked %s for %d traces: none", strings.Join(files, ", "), len(secrets))
}
