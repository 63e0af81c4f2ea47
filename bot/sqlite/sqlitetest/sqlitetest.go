// Package sqlitetest opens real SQLite stores in temporary files for tests
// of any package.
package sqlitetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlstore/sqlstoretest"
)

// Open returns a store on a new database file in t's temporary directory,
// closed when the test ends.
func Open(t testing.TB) *sqlite.Store {
	t.Helper()
	return OpenAt(t, filepath.Join(t.TempDir(), "calmnights.db"))
}

// OpenAt opens (or reopens) the store at path, closed when the test ends.
func OpenAt(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	return sqlstoretest.Keep(t, s, err)
}
