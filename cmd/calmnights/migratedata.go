package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/calmnights/calmnights/bot/postgres"
	"github.com/calmnights/calmnights/bot/sqlite"
)

// migrateData copies a SQLite deployment into PostgreSQL: every table,
// row for row and column for column, in one PostgreSQL transaction that
// commits only when each table's row count and checksum match on both
// sides. It reads the tables and their columns from SQLite itself, so a
// table a later migration adds is copied without changes here.
//
//	calmnights migrate-data --from calmnights.db --to postgres://… [--overwrite]
func migrateData(ctx context.Context, args []string, io stdio) error {
	fs := flag.NewFlagSet("migrate-data", flag.ContinueOnError)
	fs.SetOutput(io.err)
	from := fs.String("from", "", "the SQLite database file to copy (stop the bot first)")
	to := fs.String("to", "", "the PostgreSQL database URL to copy into (postgres://…)")
	overwrite := fs.Bool("overwrite", false, "empty the target's tables first instead of refusing a non-empty target")
	if err := fs.Parse(args); err != nil {
		return usageError{msg: "migrate-data: " + err.Error()}
	}
	if *from == "" || !postgres.IsURL(*to) || fs.NArg() > 0 {
		return usageError{msg: "migrate-data needs --from FILE.db --to postgres://user@host/db (and optionally --overwrite)"}
	}
	start := time.Now()
	// Opening both stores brings both schemas to this program's version.
	src, err := sqlite.Open(ctx, *from)
	if err != nil {
		return fmt.Errorf("migrate-data: open %s: %w", *from, err)
	}
	srcVersion, err := src.SchemaVersion(ctx)
	src.Close()
	if err != nil {
		return fmt.Errorf("migrate-data: %w", err)
	}
	dst, err := postgres.Open(ctx, *to)
	if err != nil {
		return fmt.Errorf("migrate-data: open %s: %w", redactDSN(*to), err)
	}
	defer dst.Close()
	dstVersion, err := dst.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("migrate-data: %w", err)
	}
	if srcVersion != dstVersion {
		return fmt.Errorf("migrate-data: SQLite is at schema %d, PostgreSQL at %d: use one calmnights version for both", srcVersion, dstVersion)
	}

	db, err := sql.Open("sqlite", "file:"+strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(*from)+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("migrate-data: open %s: %w", *from, err)
	}
	defer db.Close()
	// One read transaction: every table is read from the same snapshot.
	stx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("migrate-data: read %s: %w", *from, err)
	}
	defer stx.Rollback()

	tables, err := sqliteTables(ctx, stx)
	if err != nil {
		return fmt.Errorf("migrate-data: %w", err)
	}
	results, err := copyTables(ctx, stx, dst, tables, *overwrite)
	if err != nil {
		return fmt.Errorf("migrate-data: %w", err)
	}
	for _, r := range results {
		fmt.Fprintf(io.out, "%-20s %9d rows  sha256 %s  ok\n", r.table, r.rows, r.sum[:16])
	}
	fmt.Fprintf(io.out, "copied %d tables from %s to %s in %s; row counts and checksums match\n",
		len(results), *from, redactDSN(*to), time.Since(start).Round(time.Millisecond))
	return nil
}

// table is one SQLite table to copy: its columns in order, the primary
// key's columns (for a stable order), and its parents by foreign key.
type table struct {
	name    string
	columns []string
	key     []string
	parents []string
}

// sqliteTables lists the tables to copy, parents before children so
// foreign keys hold at every insert. schema_migrations is left out: each
// database records its own migrations (their versions are compared).
func sqliteTables(ctx context.Context, tx *sql.Tx) ([]table, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list tables: %w", err)
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	byName := map[string]*table{}
	for _, n := range names {
		t := &table{name: n}
		cols, err := tx.QueryContext(ctx, `SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`, n)
		if err != nil {
			return nil, fmt.Errorf("columns of %s: %w", n, err)
		}
		pk := map[int]string{}
		for cols.Next() {
			var (
				c   string
				pos int
			)
			if err := cols.Scan(&c, &pos); err != nil {
				cols.Close()
				return nil, fmt.Errorf("columns of %s: %w", n, err)
			}
			t.columns = append(t.columns, c)
			if pos > 0 {
				pk[pos] = c
			}
		}
		cols.Close()
		for i := 1; i <= len(pk); i++ {
			t.key = append(t.key, pk[i])
		}
		if len(t.key) == 0 {
			t.key = t.columns // no primary key: order by every column
		}
		fks, err := tx.QueryContext(ctx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, n)
		if err != nil {
			return nil, fmt.Errorf("foreign keys of %s: %w", n, err)
		}
		for fks.Next() {
			var p string
			if err := fks.Scan(&p); err != nil {
				fks.Close()
				return nil, fmt.Errorf("foreign keys of %s: %w", n, err)
			}
			if p != n {
				t.parents = append(t.parents, p)
			}
		}
		fks.Close()
		byName[n] = t
	}
	// Parents first (a depth-first topological order; names break ties).
	var (
		out   []table
		state = map[string]int{} // 1: visiting, 2: done
		visit func(n string) error
	)
	visit = func(n string) error {
		t, ok := byName[n]
		if !ok || state[n] == 2 {
			return nil
		}
		if state[n] == 1 {
			return fmt.Errorf("tables %s: foreign keys form a cycle", n)
		}
		state[n] = 1
		for _, p := range t.parents {
			if err := visit(p); err != nil {
				return err
			}
		}
		state[n] = 2
		out = append(out, *t)
		return nil
	}
	for _, n := range names {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tableResult is one copied and verified table.
type tableResult struct {
	table string
	rows  int64
	sum   string
}

// copyTables copies every table in one PostgreSQL transaction and checks
// counts and checksums before committing.
func copyTables(ctx context.Context, src *sql.Tx, dst *postgres.Store, tables []table, overwrite bool) ([]tableResult, error) {
	var results []tableResult
	err := pgx.BeginFunc(ctx, dst.Pool(), func(tx pgx.Tx) error {
		types := map[string]map[string]string{}
		for _, t := range tables {
			ts, err := pgColumnTypes(ctx, tx, t)
			if err != nil {
				return err
			}
			types[t.name] = ts
		}
		if err := emptyTarget(ctx, tx, tables, overwrite); err != nil {
			return err
		}
		for _, t := range tables {
			if err := copyTable(ctx, src, tx, t, types[t.name]); err != nil {
				return err
			}
		}
		if err := resetIdentities(ctx, tx, tables); err != nil {
			return err
		}
		for _, t := range tables {
			srcRows, srcSum, err := sqliteChecksum(ctx, src, t, types[t.name])
			if err != nil {
				return err
			}
			dstRows, dstSum, err := pgChecksum(ctx, tx, t, types[t.name])
			if err != nil {
				return err
			}
			if srcRows != dstRows || srcSum != dstSum {
				return fmt.Errorf("table %s differs after copying: SQLite %d rows (sha256 %s), PostgreSQL %d rows (sha256 %s); nothing was committed",
					t.name, srcRows, srcSum[:16], dstRows, dstSum[:16])
			}
			results = append(results, tableResult{table: t.name, rows: srcRows, sum: srcSum})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// pgColumnTypes returns the PostgreSQL types of t's columns, failing when
// the target lacks the table or one of its columns.
func pgColumnTypes(ctx context.Context, tx pgx.Tx, t table) (map[string]string, error) {
	rows, err := tx.Query(ctx, `
		SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1`, t.name)
	if err != nil {
		return nil, fmt.Errorf("columns of %s in PostgreSQL: %w", t.name, err)
	}
	types := map[string]string{}
	for rows.Next() {
		var c, typ string
		if err := rows.Scan(&c, &typ); err != nil {
			rows.Close()
			return nil, fmt.Errorf("columns of %s in PostgreSQL: %w", t.name, err)
		}
		types[c] = typ
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("columns of %s in PostgreSQL: %w", t.name, err)
	}
	if len(types) == 0 {
		return nil, fmt.Errorf("PostgreSQL has no table %s", t.name)
	}
	for _, c := range t.columns {
		if _, ok := types[c]; !ok {
			return nil, fmt.Errorf("PostgreSQL table %s has no column %s", t.name, c)
		}
	}
	return types, nil
}

// emptyTarget refuses a target holding rows, or empties it when told to.
func emptyTarget(ctx context.Context, tx pgx.Tx, tables []table, overwrite bool) error {
	var full []string
	for _, t := range tables {
		var full0 bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+pgx.Identifier{t.name}.Sanitize()+`)`).Scan(&full0); err != nil {
			return fmt.Errorf("check %s is empty: %w", t.name, err)
		}
		if full0 {
			full = append(full, t.name)
		}
	}
	if len(full) == 0 {
		return nil
	}
	if !overwrite {
		return fmt.Errorf("the target already has rows in %s: refusing to mix two deployments (--overwrite empties it first)", strings.Join(full, ", "))
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = pgx.Identifier{t.name}.Sanitize()
	}
	if _, err := tx.Exec(ctx, `TRUNCATE `+strings.Join(names, ", ")+` RESTART IDENTITY`); err != nil {
		return fmt.Errorf("empty the target: %w", err)
	}
	return nil
}

// copyTable streams one table into PostgreSQL with COPY.
func copyTable(ctx context.Context, src *sql.Tx, dst pgx.Tx, t table, types map[string]string) error {
	rows, err := src.QueryContext(ctx, `SELECT `+sqliteColumns(t.columns)+` FROM `+sqliteIdent(t.name))
	if err != nil {
		return fmt.Errorf("read %s: %w", t.name, err)
	}
	defer rows.Close()
	vals := make([]any, len(t.columns))
	ptrs := make([]any, len(t.columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var convErr error
	_, err = dst.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, pgx.CopyFromFunc(func() ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out := make([]any, len(vals))
		for i, v := range vals {
			c, err := toPostgres(v, types[t.columns[i]])
			if err != nil {
				convErr = fmt.Errorf("%s.%s: %w", t.name, t.columns[i], err)
				return nil, convErr
			}
			out[i] = c
		}
		return out, nil
	}))
	if err != nil {
		return fmt.Errorf("copy %s: %w", t.name, err)
	}
	return nil
}

// toPostgres converts a value read from SQLite for a column of PostgreSQL
// type typ: SQLite keeps booleans as 0/1 and may hand text as bytes.
func toPostgres(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "boolean":
		n, ok := v.(int64)
		if !ok || (n != 0 && n != 1) {
			return nil, fmt.Errorf("%v (%T) is not a boolean", v, v)
		}
		return n == 1, nil
	case "bytea":
		switch x := v.(type) {
		case []byte:
			if x == nil {
				return []byte{}, nil // an empty blob, which pgx would send as NULL
			}
			return x, nil
		case string:
			return []byte(x), nil
		}
	case "text", "character varying":
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		}
	}
	return v, nil
}

// resetIdentities moves each identity column's sequence past the copied
// ids, so new rows do not collide with them.
func resetIdentities(ctx context.Context, tx pgx.Tx, tables []table) error {
	for _, t := range tables {
		rows, err := tx.Query(ctx, `
			SELECT column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`, t.name)
		if err != nil {
			return fmt.Errorf("identity columns of %s: %w", t.name, err)
		}
		cols, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("identity columns of %s: %w", t.name, err)
		}
		for _, c := range cols {
			col := pgx.Identifier{c}.Sanitize()
			_, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(`+col+`), 0) + 1, false) FROM `+pgx.Identifier{t.name}.Sanitize(),
				pgx.Identifier{t.name}.Sanitize(), c)
			if err != nil {
				return fmt.Errorf("reset the sequence of %s.%s: %w", t.name, c, err)
			}
		}
	}
	return nil
}

// A table's checksum is the sha256 of its rows in primary-key order (byte
// order for text, as SQLite's BINARY collation sorts), each value rendered
// canonically by canonical.

// sqliteChecksum counts and hashes a table in SQLite.
func sqliteChecksum(ctx context.Context, tx *sql.Tx, t table, types map[string]string) (int64, string, error) {
	order := make([]string, len(t.key))
	for i, k := range t.key {
		order[i] = sqliteIdent(k)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+sqliteColumns(t.columns)+` FROM `+sqliteIdent(t.name)+` ORDER BY `+strings.Join(order, ", "))
	if err != nil {
		return 0, "", fmt.Errorf("checksum %s in SQLite: %w", t.name, err)
	}
	defer rows.Close()
	vals := make([]any, len(t.columns))
	ptrs := make([]any, len(t.columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	sum := newRowHash()
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, "", fmt.Errorf("checksum %s in SQLite: %w", t.name, err)
		}
		if err := sum.add(vals, t, types); err != nil {
			return 0, "", err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, "", fmt.Errorf("checksum %s in SQLite: %w", t.name, err)
	}
	return sum.rows, sum.hex(), nil
}

// pgChecksum counts and hashes a table in PostgreSQL.
func pgChecksum(ctx context.Context, tx pgx.Tx, t table, types map[string]string) (int64, string, error) {
	cols := make([]string, len(t.columns))
	for i, c := range t.columns {
		cols[i] = pgx.Identifier{c}.Sanitize()
	}
	order := make([]string, len(t.key))
	for i, k := range t.key {
		order[i] = pgx.Identifier{k}.Sanitize()
		if typ := types[k]; typ == "text" || typ == "character varying" {
			order[i] += ` COLLATE "C"`
		}
	}
	rows, err := tx.Query(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+pgx.Identifier{t.name}.Sanitize()+` ORDER BY `+strings.Join(order, ", "))
	if err != nil {
		return 0, "", fmt.Errorf("checksum %s in PostgreSQL: %w", t.name, err)
	}
	defer rows.Close()
	sum := newRowHash()
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return 0, "", fmt.Errorf("checksum %s in PostgreSQL: %w", t.name, err)
		}
		if err := sum.add(vals, t, types); err != nil {
			return 0, "", err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, "", fmt.Errorf("checksum %s in PostgreSQL: %w", t.name, err)
	}
	return sum.rows, sum.hex(), nil
}

// rowHash hashes rows rendered canonically.
type rowHash struct {
	h    hash.Hash
	rows int64
	buf  []byte
}

func newRowHash() *rowHash { return &rowHash{h: sha256.New()} }

func (r *rowHash) add(vals []any, t table, types map[string]string) error {
	r.buf = r.buf[:0]
	for i, v := range vals {
		var err error
		if r.buf, err = canonical(r.buf, v, types[t.columns[i]]); err != nil {
			return fmt.Errorf("checksum %s.%s: %w", t.name, t.columns[i], err)
		}
		r.buf = append(r.buf, '\t')
	}
	r.buf = append(r.buf, '\n')
	r.h.Write(r.buf)
	r.rows++
	return nil
}

func (r *rowHash) hex() string { return hex.EncodeToString(r.h.Sum(nil)) }

// canonical renders one value the same way whichever engine it came from:
// NULL as N, integers and booleans in decimal (true is 1), text quoted,
// bytes in hex, floats in their shortest exact form.
func canonical(b []byte, v any, typ string) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, 'N'), nil
	case bool:
		if x {
			return append(b, '1'), nil
		}
		return append(b, '0'), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case int32:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(b, int64(x), 10), nil
	case float64:
		if typ != "double precision" && typ != "real" && x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return strconv.AppendInt(b, int64(x), 10), nil
		}
		return strconv.AppendFloat(b, x, 'g', -1, 64), nil
	case float32:
		return strconv.AppendFloat(b, float64(x), 'g', -1, 64), nil
	case string:
		if typ == "bytea" {
			return append(append(b, 'x'), hex.EncodeToString([]byte(x))...), nil
		}
		return strconv.AppendQuote(b, x), nil
	case []byte:
		if typ == "bytea" {
			return append(append(b, 'x'), hex.EncodeToString(x)...), nil
		}
		return strconv.AppendQuote(b, string(x)), nil
	}
	return b, fmt.Errorf("no canonical form for %T", v)
}

// sqliteIdent quotes an SQLite identifier.
func sqliteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func sqliteColumns(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = sqliteIdent(c)
	}
	return strings.Join(q, ", ")
}
