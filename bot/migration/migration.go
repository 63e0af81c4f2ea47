// Package migration reads a store's numbered schema migrations: the
// embedded files "NNNN_name.sql" of one folder, in order, numbered 1, 2,
// 3… without gaps. Each engine (bot/sqlite, bot/postgres) applies them in
// its own way; which files there are and in what order is the same rule
// for both, so it is written once here.
package migration

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// ErrNewerSchema means the database was migrated by a newer calmnights.
var ErrNewerSchema = errors.New("database schema is newer than this program")

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Load returns the migrations in dir of fsys in version order. File
// names are "NNNN_name.sql"; numbers start at 1 and have no gaps.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	ms, err := Read(fsys, dir)
	if err != nil {
		return nil, err
	}
	return Merge(ms)
}

// Read returns the migrations in dir of fsys, the files "NNNN_name.sql",
// in no particular order; other files (a README) are passed over.
func Read(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []Migration
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v < 1 {
			return nil, fmt.Errorf("migration file %q: want NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, e.Name())) // dir may be "."
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(body)})
	}
	return out, nil
}

// Merge joins lists of migrations (an engine's own and the schema parts
// both engines share) into one in version order, which must run 1, 2,
// 3… without gaps and without a number taken twice.
func Merge(lists ...[]Migration) ([]Migration, error) {
	var out []Migration
	for _, l := range lists {
		out = append(out, l...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %d (%s): versions must run 1, 2, 3... without gaps or repeats", m.Version, m.Name)
		}
	}
	return out, nil
}

// UserTable is a table holding rows about a user and the column that names
// the user.
type UserTable struct{ Table, Column string }

// UserTables are the tables, in both stores' schemas, holding rows about a
// user: deleting a user (/forget) clears every one, children first. A
// migration that adds such a table adds it here, once for both engines.
var UserTables = []UserTable{
	{"outbox", "user_id"},
	{"reminders", "user_id"},
	{"nights", "user_id"},
	{"water", "user_id"},
	{"sleep_diary", "user_id"},
	{"doses", "user_id"},
	{"medicines", "user_id"},
	{"labs", "user_id"},
	{"checklist_results", "user_id"},
	{"stress", "user_id"},
	{"conversations", "user_id"},
	{"users", "id"},
}
