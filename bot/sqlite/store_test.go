package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/bot/sqlstore/sqlstoretest"
	"github.com/calmnights/calmnights/bot/storetest"

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

// The store contract (bot/storetest), shared with the PostgreSQL store.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t testing.TB) storetest.Store { return sqlitetest.Open(t) })
}

// Two stores on one file stand in for two processes: read-then-write
// transactions from both must neither fail with "database is locked" nor
// lose an update, and concurrent ticks must claim each reminder once.
func TestContractReplicas(t *testing.T) {
	storetest.RunReplicas(t, func(t testing.TB) (storetest.Store, storetest.Store) {
		path := filepath.Join(t.TempDir(), "shared.db")
		return sqlitetest.OpenAt(t, path), sqlitetest.OpenAt(t, path)
	})
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

// A feature's schema part, written once with the dialect's types, creates
// its table on SQLite (bot/sqlstore/schema).
func TestSchemaPart(t *testing.T) {
	s := sqlitetest.Open(t)
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); err != nil {
		t.Fatal(err)
	}
	sqlstoretest.CheckSchemaPart(t, sqlite.Dialect{}, rawDB(t, s.Path()), s)
}
