package postgres_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/postgres"
	"github.com/calmnights/calmnights/bot/postgres/pgtest"
	"github.com/calmnights/calmnights/bot/sqlstore/sqlstoretest"
	"github.com/calmnights/calmnights/bot/storetest"
)

var ctx = context.Background()

func TestContract(t *testing.T) {
	storetest.Run(t, func(t testing.TB) storetest.Store { return pgtest.Open(t) })
}

func TestContractReplicas(t *testing.T) {
	storetest.RunReplicas(t, func(t testing.TB) (storetest.Store, storetest.Store) {
		url := pgtest.NewSchema(t)
		return pgtest.OpenAt(t, url), pgtest.OpenAt(t, url)
	})
}

// Replicas starting together on a new database migrate it once: the
// advisory lock makes the others wait, and they then find nothing to do.
func TestMigrationsWithReplicasStartingAtOnce(t *testing.T) {
	url := pgtest.NewSchema(t)
	const replicas = 6
	var wg sync.WaitGroup
	errs := make(chan error, replicas)
	for range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(ctx, url)
			if err != nil {
				errs <- err
				return
			}
			s.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := pgtest.OpenAt(t, url)
	v, err := s.SchemaVersion(ctx)
	if err != nil || v < 5 {
		t.Fatalf("schema version = %d, %v", v, err)
	}
	var rows int
	if err := s.Pool().QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&rows); err != nil || rows != v {
		t.Fatalf("schema_migrations rows = %d, want %d (%v)", rows, v, err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	url := pgtest.NewSchema(t)
	s := pgtest.OpenAt(t, url)
	if _, err := s.Pool().Exec(ctx, `INSERT INTO schema_migrations VALUES (999, 'from_the_future', 0)`); err != nil {
		t.Fatal(err)
	}
	if _, err := postgres.Open(ctx, url); !errors.Is(err, postgres.ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
}

func TestBadURLIsNotEchoed(t *testing.T) {
	_, err := postgres.Open(ctx, "postgres://user:s3cret@host:notaport/db")
	if err == nil {
		t.Fatal("opened a bad URL")
	}
	if got := err.Error(); strings.Contains(got, "s3cret") {
		t.Fatalf("the error shows the password: %s", got)
	}
}

// A panic inside Atomic rolls the transaction back and frees its
// connection: the pool still serves afterwards, and nothing was kept.
func TestAtomicPanicRollsBack(t *testing.T) {
	s := pgtest.Open(t)
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second) // a leak would wait for a connection
	defer cancel()
	for range 2 * int(s.Pool().Config().MaxConns) {
		func() {
			defer func() { _ = recover() }()
			_ = s.Atomic(ctx, func(ctx context.Context) error {
				if _, err := s.AddWater(ctx, "tg:1", "2026-11-02", 250); err != nil {
					return err
				}
				panic("boom")
			})
		}()
	}
	w, err := s.Water(ctx, "tg:1", "2026-11-02", "2026-11-02")
	if err != nil || len(w) != 0 {
		t.Fatalf("after panics: %v, %v", w, err)
	}
}

// A feature's schema part, written once with the dialect's types, creates
// its table on PostgreSQL (bot/sqlstore/schema).
func TestSchemaPart(t *testing.T) {
	s := pgtest.Open(t)
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); err != nil {
		t.Fatal(err)
	}
	db := stdlib.OpenDBFromPool(s.Pool())
	defer db.Close()
	sqlstoretest.CheckSchemaPart(t, postgres.Dialect{}, db, s)
}
