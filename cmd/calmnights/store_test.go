package main

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/sqlite"
)

func TestRedactDSNHidesPasswords(t *testing.T) {
	for dsn, want := range map[string]string{
		"calmnights.db":                                        "calmnights.db",
		"/data/calm?nights.db":                                 "/data/calm?nights.db",
		"postgres://u:s3cret@db:5432/cn":                       "postgres://u:xxxxx@db:5432/cn",
		"postgresql://u@db/cn?password=s3cret&sslmode=require": "postgresql://u@db/cn?password=xxxxx&sslmode=require",
		"postgres://u:s3cret%zz@db/cn":                         "postgres://(unparsable URL)",
	} {
		got := redactDSN(dsn)
		if got != want || strings.Contains(got, "s3cret") {
			t.Errorf("redactDSN(%q) = %q, want %q", dsn, got, want)
		}
	}
}

func TestOpenStoreChoosesTheEngine(t *testing.T) {
	s, err := openStore(t.Context(), t.TempDir()+"/x.db")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.(*sqlite.Store); !ok {
		t.Fatalf("a path opened a %T", s)
	}
	if v, err := s.SchemaVersion(t.Context()); err != nil || v < 1 {
		t.Fatalf("a path opened no SQLite store: %d, %v", v, err)
	}
	if _, err := openStore(t.Context(), "postgres://u:p@127.0.0.1:1/none?connect_timeout=1"); err == nil || !strings.Contains(err.Error(), "open postgres") || strings.Contains(err.Error(), ":p@") {
		t.Fatalf("a postgres:// URL did not go to PostgreSQL (or leaked its password): %v", err)
	}
}
