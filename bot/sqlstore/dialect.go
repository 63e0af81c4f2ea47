package sqlstore

import (
	"database/sql"
	"strconv"
	"strings"
)

// Dialect is what truly differs between the engines' SQL. Everything
// else (upserts with ON CONFLICT … DO UPDATE, RETURNING, TRUE and FALSE,
// multi-row VALUES) both engines read alike, so the queries are written once.
type Dialect interface {
	// Rebind rewrites a query written with ? placeholders into the
	// engine's own ($1, $2, … on PostgreSQL; unchanged on SQLite).
	Rebind(query string) string
	// ForUpdate is the clause a read-then-write adds to its read to lock
	// the rows until the transaction ends: " FOR UPDATE" on PostgreSQL,
	// empty on SQLite, whose write transactions exclude every other writer.
	ForUpdate() string
	// Fold returns the expression a case-insensitive key (a medicine's
	// name) is matched and ordered by: lower(column) on PostgreSQL, the
	// column itself on SQLite, where the column's collation is NOCASE.
	Fold(column string) string
	// Snapshot is how a consistent read of several tables (an export)
	// begins: repeatable read on PostgreSQL; any read transaction on
	// SQLite, which sees one snapshot of the WAL.
	Snapshot() *sql.TxOptions
	// Types names the column types of a schema template (see Types).
	Types() Types
	// WithWrites reports whether a WITH clause may hold INSERT, UPDATE
	// and DELETE (PostgreSQL): then writes to disjoint rows, or a read
	// and the write after it, go to the database as one statement, one
	// round trip where a transaction of their own takes four.
	WithWrites() bool
}

// Types are the names a schema template uses for column types and table
// options, so that one template creates the same table on both engines.
type Types struct {
	// ID is an integer primary key the database assigns.
	ID string
	// Text, Int (32 bits), BigInt (Unix seconds), Bool, Bytes and Real
	// (a double) are the column types.
	Text, Int, BigInt, Bool, Bytes, Real string
	// Strict ends a CREATE TABLE's closing parenthesis (SQLite's STRICT).
	Strict string
}

// Numbered rewrites ? placeholders as $1, $2, …, for engines that number
// them. A ? inside a quoted string is left alone.
func Numbered(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n, quoted := 0, false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
