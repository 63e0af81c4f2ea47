package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"

	_ "modernc.org/sqlite"
)

var ctx = context.Background()

func TestMigrationsFromEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s := sqlitetest.OpenAt(t, path)
	v, err := s.SchemaVersion(ctx)
	if err != nil || v < 1 {
		t.Fatalf("schema version = %d, %v", v, err)
	}
	raw := rawDB(t, path)
	for _, table := range []string{"users", "conversations", "schema_migrations"} {
		var n int
		if err := raw.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: count %d, err %v", table, n, err)
		}
	}
	var mode string
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v", mode, err)
	}
	var recorded int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&recorded); err != nil || recorded != v {
		t.Errorf("schema_migrations rows = %d, want %d (%v)", recorded, v, err)
	}

	// Reopening applies nothing twice.
	s.Close()
	s2 := sqlitetest.OpenAt(t, path)
	if v2, _ := s2.SchemaVersion(ctx); v2 != v {
		t.Errorf("version after reopen = %d, want %d", v2, v)
	}
	if err := raw.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&recorded); err != nil || recorded != v {
		t.Errorf("schema_migrations rows after reopen = %d, want %d", recorded, v)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	sqlitetest.OpenAt(t, path).Close()
	if _, err := rawDB(t, path).Exec(`INSERT INTO schema_migrations VALUES (999, 'from_the_future', 0)`); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(ctx, path)
	if !errors.Is(err, sqlite.ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
}

func TestRefusesMemoryDatabase(t *testing.T) {
	if _, err := sqlite.Open(ctx, ":memory:"); err == nil {
		t.Fatal("Open(:memory:) succeeded")
	}
}

func TestForeignKeysAreOn(t *testing.T) {
	s := sqlitetest.Open(t)
	err := s.SaveConversation(ctx, bot.Conversation{UserID: "tg:nobody", Flow: "x"})
	if err == nil {
		t.Fatal("a conversation for a missing user was stored")
	}
}

func TestUsers(t *testing.T) {
	s := sqlitetest.Open(t)
	u, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram, ChatID: "1", TimeZone: "Europe/Berlin"})
	if err != nil {
		t.Fatal(err)
	}
	if u.TimeZone != "Europe/Berlin" || u.ChatID != "1" || u.Bedtime != nil || u.Consented() || u.CreatedAt.IsZero() {
		t.Fatalf("new user = %+v", u)
	}
	// A group message (no chat) keeps the private chat; a new chat replaces it.
	if u, _ = s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); u.ChatID != "1" {
		t.Fatalf("chat after group message = %q", u.ChatID)
	}
	if u, _ = s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram, ChatID: "2"}); u.ChatID != "2" {
		t.Fatalf("chat after move = %q", u.ChatID)
	}
	// A bad zone hint is not stored.
	if u2, _ := s.EnsureUser(ctx, bot.NewUser{ID: "tg:2", Platform: bot.PlatformTelegram, TimeZone: "Mars/Olympus"}); u2.TimeZone != "" {
		t.Fatalf("zone from bad hint = %q", u2.TimeZone)
	}

	consent := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
	bed, wake := bot.Clock(22*60+30), bot.Clock(6*60+45)
	_, err = s.UpdateUser(ctx, "tg:1", func(u *bot.User) error {
		u.TimeZone, u.Bedtime, u.WakeTime, u.ConsentAt = "Asia/Tokyo", &bed, &wake, &consent
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.User(ctx, "tg:1")
	if err != nil || got.TimeZone != "Asia/Tokyo" || *got.Bedtime != bed || *got.WakeTime != wake || !got.ConsentAt.Equal(consent) {
		t.Fatalf("after update: %+v, %v", got, err)
	}

	// An update whose function fails changes nothing.
	boom := errors.New("boom")
	if _, err := s.UpdateUser(ctx, "tg:1", func(u *bot.User) error { u.TimeZone = "UTC"; return boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if got, _ := s.User(ctx, "tg:1"); got.TimeZone != "Asia/Tokyo" {
		t.Fatalf("failed update leaked: %q", got.TimeZone)
	}
	if _, err := s.User(ctx, "tg:404"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("missing user: %v", err)
	}
	if _, err := s.UpdateUser(ctx, "tg:404", func(*bot.User) error { return nil }); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("update of missing user: %v", err)
	}
}

func TestConversations(t *testing.T) {
	s := sqlitetest.Open(t)
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "dc:1", Platform: bot.PlatformDiscord}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Conversation(ctx, "dc:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("no conversation yet: %v", err)
	}
	c := bot.Conversation{UserID: "dc:1", Flow: "checklist", Step: 3, Data: map[string]string{"1": "yes", "2": "no"}}
	if err := s.SaveConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Conversation(ctx, "dc:1")
	if err != nil || got.Flow != "checklist" || got.Step != 3 || got.Data["1"] != "yes" || got.Data["2"] != "no" {
		t.Fatalf("got %+v, %v", got, err)
	}
	c.Step, c.Data = 4, nil
	if err := s.SaveConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Conversation(ctx, "dc:1"); got.Step != 4 || len(got.Data) != 0 {
		t.Fatalf("after replace: %+v", got)
	}
	if err := s.EndConversation(ctx, "dc:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Conversation(ctx, "dc:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("after end: %v", err)
	}
}

// Two stores on one file stand in for two processes. Each increments a
// counter with read-then-write transactions from many goroutines: none may
// fail with "database is locked" and no increment may be lost.
func TestConcurrentWritersAcrossConnections(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	a, b := sqlitetest.OpenAt(t, path), sqlitetest.OpenAt(t, path)
	if _, err := a.EnsureUser(ctx, bot.NewUser{ID: "console:local", Platform: bot.PlatformConsole}); err != nil {
		t.Fatal(err)
	}
	const workers, perWorker = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker)
	for w := range workers {
		s := a
		if w%2 == 1 {
			s = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range perWorker {
				_, err := s.UpdateUser(ctx, "console:local", func(u *bot.User) error {
					next := bot.Clock(0)
					if u.Bedtime != nil {
						next = *u.Bedtime + 1
					}
					u.Bedtime = &next
					return nil
				})
				if err != nil {
					errs <- err
				}
				// Also mix in plain writes and reads.
				if err := s.SaveConversation(ctx, bot.Conversation{UserID: "console:local", Flow: "f"}); err != nil {
					errs <- err
				}
				if _, err := s.User(ctx, "console:local"); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	u, err := a.User(ctx, "console:local")
	if err != nil {
		t.Fatal(err)
	}
	if want := bot.Clock(workers*perWorker - 1); *u.Bedtime != want {
		t.Fatalf("counter = %d, want %d: increments were lost", *u.Bedtime, want)
	}
}

func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", fmt.Sprintf("file:%s?_pragma=busy_timeout(5000)", path))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestChecklistResults(t *testing.T) {
	s := sqlitetest.Open(t)
	for _, id := range []string{"tg:1", "tg:2"} {
		if _, err := s.EnsureUser(ctx, bot.NewUser{ID: id, Platform: bot.PlatformTelegram}); err != nil {
			t.Fatal(err)
		}
	}
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		r := bot.ChecklistResult{UserID: "tg:1", TakenAt: day.AddDate(0, 0, i), Yes: i, Total: 7, Answers: map[string]bool{"nights": i > 0}, SeeDoctor: i >= 2}
		if err := s.SaveChecklistResult(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.ChecklistResults(ctx, "tg:1", 2)
	if err != nil || len(got) != 2 || got[0].Yes != 2 || !got[0].SeeDoctor || !got[0].Answers["nights"] || got[1].Yes != 1 || !got[0].TakenAt.Equal(day.AddDate(0, 0, 2)) {
		t.Fatalf("newest two: %+v, %v", got, err)
	}
	if other, _ := s.ChecklistResults(ctx, "tg:2", 10); len(other) != 0 {
		t.Fatalf("another user's results leaked: %+v", other)
	}
}
