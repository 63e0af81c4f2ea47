// Package pgtest gives tests of any package a PostgreSQL store of their
// own: each test gets a new schema on the server named by
// CALMNIGHTS_TEST_POSTGRES, dropped when the test ends.
//
// Without that variable the tests skip with a message saying how to run
// them, unless CI=true: CI never skips them, so there they fail.
// .ci/postgres.sh starts a throwaway server and sets the variable:
//
//	source .ci/postgres.sh && go test ./bot/postgres/...
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/calmnights/calmnights/bot/postgres"
	"github.com/calmnights/calmnights/bot/sqlstore/sqlstoretest"
)

// EnvVar names the server the tests use, as a postgres:// URL.
const EnvVar = "CALMNIGHTS_TEST_POSTGRES"

// ServerURL returns the test server's URL, skipping the test when there
// is none (failing it when CI=true).
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvVar)
	if u == "" {
		msg := EnvVar + " is not set: the PostgreSQL tests need a server " +
			"(source .ci/postgres.sh starts a throwaway one and sets it)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI must not skip them")
		}
		t.Skip(msg)
	}
	return u
}

// NewSchema creates an empty schema for the test and returns a URL whose
// connections use it (search_path), dropping it when the test ends.
func NewSchema(t testing.TB) string {
	t.Helper()
	base := ServerURL(t)
	buf := make([]byte, 6)
	if _, err := rand.Read(buf); err != nil {
		t.Fatal(err)
	}
	schema := "test_" + hex.EncodeToString(buf)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", EnvVar, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s does not parse as a URL", EnvVar)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open returns a store on a new, empty schema, closed when the test ends.
func Open(t testing.TB) *postgres.Store {
	t.Helper()
	return OpenAt(t, NewSchema(t))
}

// OpenAt opens (or reopens) a store at url, closed when the test ends.
func OpenAt(t testing.TB, url string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), url)
	return sqlstoretest.Keep(t, s, err)
}
