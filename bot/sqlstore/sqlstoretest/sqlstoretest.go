// Package sqlstoretest holds what the engines' test helpers (sqlitetest,
// pgtest) and tests share: keeping an opened store for one test, and the
// check that a shared schema part creates the same table on each engine.
package sqlstoretest

import (
	"context"
	"database/sql"
	"io"
	"testing"
	"testing/fstest"

	"github.com/calmnights/calmnights/bot/sqlstore"
)

// Keep returns the store that opening it returned, failing the test on
// err, and closes it when the test ends.
func Keep[S io.Closer](t testing.TB, s S, err error) S {
	t.Helper()
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// partExample is a schema part using every type of Dialect.Types: a feature's
// table written once for both engines.
const partExample = `CREATE TABLE part_example (
    id        {{.ID}},
    user_id   {{.Text}} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    night     {{.Text}} NOT NULL,
    rating    {{.Int}} NOT NULL CHECK (rating BETWEEN 0 AND 10),
    calm      {{.Bool}},
    note      {{.Bytes}},
    score     {{.Real}} NOT NULL,
    logged_at {{.BigInt}} NOT NULL,
    UNIQUE (user_id, night)
){{.Strict}};`

// CheckSchemaPart renders the example schema part for the dialect,
// applies it to db (store's database, with the user "tg:1"), and writes
// and reads a row of it as a feature's own store would: with portable SQL
// through sqlstore.Write and sqlstore.Read on the store's shared layer.
func CheckSchemaPart(t *testing.T, d sqlstore.Dialect, db *sql.DB, store interface{ SQL() *sqlstore.Store }) {
	t.Helper()
	ctx := context.Background()
	parts, err := sqlstore.SchemaParts(d, fstest.MapFS{"schema/0100_part_example.sql": {Data: []byte(partExample)}}, "schema")
	if err != nil || len(parts) != 1 || parts[0].Version != 100 || parts[0].Name != "part_example" {
		t.Fatalf("schema parts = %+v, %v", parts, err)
	}
	if _, err := db.ExecContext(ctx, parts[0].SQL); err != nil {
		t.Fatalf("apply %s: %v", parts[0].SQL, err)
	}
	s := store.SQL()
	var id int64
	err = sqlstore.Write(ctx, s, func(w sqlstore.Q) error {
		return w.QueryRow(ctx, `INSERT INTO part_example (user_id, night, rating, calm, note, score, logged_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id, night) DO UPDATE SET rating = excluded.rating RETURNING id`,
			"tg:1", "2026-11-30", 7, true, []byte{0, 1}, 2.5, int64(1)<<40).Scan(&id)
	})
	if err != nil || id == 0 {
		t.Fatalf("insert: id %d, %v", id, err)
	}
	var (
		rating int
		calm   sql.NullBool
		note   []byte
		score  float64
		logged int64
	)
	err = sqlstore.Read(ctx, s).QueryRow(ctx, `SELECT rating, calm, note, score, logged_at FROM part_example WHERE id = ? AND calm = TRUE`, id).
		Scan(&rating, &calm, &note, &score, &logged)
	if err != nil || rating != 7 || !calm.Valid || !calm.Bool || len(note) != 2 || note[1] != 1 || score != 2.5 || logged != int64(1)<<40 {
		t.Fatalf("read back: %d %v %v %v %d, %v", rating, calm, note, score, logged, err)
	}
	err = sqlstore.Write(ctx, s, func(w sqlstore.Q) error {
		_, err := w.Exec(ctx, `INSERT INTO part_example (user_id, night, rating, score, logged_at) VALUES (?, ?, ?, ?, ?)`, "tg:1", "2026-11-29", 11, 0.0, 0)
		return err
	})
	if err == nil {
		t.Fatal("a rating of 11 passed the CHECK")
	}
}
