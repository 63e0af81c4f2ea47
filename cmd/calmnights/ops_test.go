package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestOpsEndpoints(t *testing.T) {
	m := newMetrics()
	var dbDown, doorUp atomic.Bool
	ready := newReadiness(func(context.Context) error {
		if dbDown.Load() {
			return errors.New("down")
		}
		return nil
	}, "telegram")
	srv := httptest.NewServer(opsHandler(m, ready))
	defer srv.Close()
	if code, body := get(t, srv.URL+"/healthz"); code != 200 || body != "ok\n" {
		t.Fatalf("healthz: %d %q", code, body)
	}
	if code, body := get(t, srv.URL+"/readyz"); code != 503 || !strings.Contains(body, `"telegram":"not connected"`) {
		t.Fatalf("readyz before telegram was even created: %d %q", code, body)
	}
	ready.setDoor("telegram", doorUp.Load)
	doorUp.Store(true)
	if code, body := get(t, srv.URL+"/readyz"); code != 200 || !strings.Contains(body, `"telegram":"connected"`) {
		t.Fatalf("readyz: %d %q", code, body)
	}
	doorUp.Store(false)
	if code, body := get(t, srv.URL+"/readyz"); code != 503 || !strings.Contains(body, `"telegram":"not connected"`) {
		t.Fatalf("readyz with telegram down: %d %q", code, body)
	}
	doorUp.Store(true)
	dbDown.Store(true)
	if code, _ := get(t, srv.URL+"/readyz"); code != 503 {
		t.Fatalf("readyz with the database down: %d", code)
	}
	routes := bot.NewRouter() // only known routes become labels
	routes.Command(bot.Command{Name: "help", Description: "every command", Handler: func(context.Context, *bot.Request) ([]bot.Response, error) { return nil, nil }})
	m.knowRoutes(routes)
	m.Received("telegram", "tg:1")
	m.Handled("telegram", "/help", 3*time.Millisecond, false)
	m.Sent("telegram", nil)
	m.Sent("telegram", &bot.RetryAfterError{After: time.Second})
	m.Sent("telegram", fmt.Errorf("x: %w", bot.ErrBlocked))
	m.Waited("telegram", 40*time.Millisecond)
	m.Claimed(3, 1, 0, 0)
	m.Delivered("telegram", "stretch", "sent", 2*time.Second)
	_, body := get(t, srv.URL+"/metrics")
	for _, want := range []string{
		`calmnights_updates_total{platform="telegram"} 1`,
		`calmnights_handler_seconds_bucket{platform="telegram",route="/help",le="0.005"} 1`,
		`calmnights_messages_sent_total{platform="telegram",result="ok"} 1`,
		`calmnights_messages_sent_total{platform="telegram",result="rate_limited"} 1`,
		`calmnights_messages_sent_total{platform="telegram",result="blocked"} 1`,
		`calmnights_rate_limit_waits_total{platform="telegram"} 1`,
		`calmnights_reminders_due_total 3`,
		`calmnights_reminders_skipped_total{reason="late"} 1`,
		`calmnights_reminders_total{platform="telegram",state="sent"} 1`,
		`calmnights_reminder_lateness_seconds_count 1`,
		`calmnights_active_users 1`,
		`go_goroutines`, `process_resident_memory_bytes`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// The running binary serves the endpoints, and counts real traffic.
func TestOpsThroughTheBinary(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	const token = "123456:OPS-token"
	srv := telegramtest.New(t, token)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "o.db")
	cmd := startBinary(t, []string{"CALMNIGHTS_DB=" + db, "CALMNIGHTS_TELEGRAM_TOKEN=" + token,
		"CALMNIGHTS_TELEGRAM_API_URL=" + srv.BaseURL(), "CALMNIGHTS_HTTP_ADDR=" + addr})
	defer cmd.stop(t)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if code, _ := tryGet("http://" + addr + "/readyz"); code == 200 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if code, body := get(t, "http://"+addr+"/readyz"); code != 200 || !strings.Contains(body, `"telegram":"connected"`) {
		t.Fatalf("readyz: %d %s", code, body)
	}
	user := telegramtest.User{ID: 7, FirstName: "Sam"}
	srv.SendMessage(telegramtest.PrivateChat(7), user, "/help")
	srv.WaitSent(7, 1, 10*time.Second)
	var body string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// The fake records the message a moment before the bot counts it.
		if _, body = get(t, "http://"+addr+"/metrics"); strings.Contains(body, `result="ok"} 1`) {
			break
		}
	}
	for _, want := range []string{`calmnights_updates_total{platform="telegram"} 1`, `calmnights_messages_sent_total{platform="telegram",result="ok"} 1`, `calmnights_active_users 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	// An online backup while the bot runs and holds the database open.
	target := filepath.Join(dir, "online-backup.db")
	if out, stderr, code := runBinary(t, db, "", "backup", target); code != 0 || !strings.Contains(out, "integrity check ok") {
		t.Fatalf("backup of the running bot's database: %d %q %q", code, out, stderr)
	}
	if out, _, code := runBinary(t, target, "", "stats"); code != 0 || !strings.Contains(out, "users                1 ") {
		t.Errorf("stats of the online backup: %d\n%s", code, out)
	}
	if out, _, code := runBinary(t, "", "", "healthcheck"); code != exitUsage {
		t.Errorf("healthcheck without an address: %d %q", code, out)
	}
	c := startBinary(t, []string{"CALMNIGHTS_HTTP_ADDR=" + addr}, "healthcheck")
	if err := c.Wait(); err != nil {
		t.Errorf("healthcheck against the running bot: %v", err)
	}
}

func tryGet(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func TestBackupMigrateStats(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	if _, stderr, code := runBinary(t, db, "/start\n1\n2\n7\n/log 6\n/water 1\n", "chat"); code != 0 {
		t.Fatalf("setup: %d %s", code, stderr)
	}
	out, stderr, code := runBinary(t, db, "", "migrate")
	if code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %q %q", code, out, stderr)
	}
	out, _, code = runBinary(t, db, "", "stats")
	for _, want := range []string{"users                1 (1 allowed health notes)", "journal nights       1", "water days           1"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	target := filepath.Join(dir, "backup.db")
	out, stderr, code = runBinary(t, db, "", "backup", target)
	if code != 0 || !strings.Contains(out, "integrity check ok") {
		t.Fatalf("backup: %d %q %q", code, out, stderr)
	}
	if _, err := os.Stat(target + "-wal"); err == nil {
		t.Error("the backup left a WAL file behind")
	}
	copy, err := sqlite.Open(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	if err := copy.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n, _ := copy.Nights(context.Background(), "console:local", "2000-01-01", "2100-01-01"); len(n) != 1 {
		t.Fatalf("the backup has %d nights", len(n))
	}
	if _, stderr, code := runBinary(t, db, "", "backup", target); code == 0 || !strings.Contains(stderr, "already exists") {
		t.Fatalf("a second backup to the same file: %d %q", code, stderr)
	}
	if _, _, code := runBinary(t, db, "", "backup"); code != exitUsage {
		t.Fatalf("backup without a file: %d", code)
	}
}
