package sqlite

import (
	"database/sql"

	"github.com/calmnights/calmnights/bot/sqlstore"
)

// Dialect is SQLite's SQL for bot/sqlstore: what its queries and
// schema templates write differently from PostgreSQL's.
type Dialect struct{}

// Rebind rewrites ? placeholders for the engine (see sqlstore.Dialect).
func (Dialect) Rebind(query string) string { return query }

// ForUpdate is empty: the one writer's IMMEDIATE transactions take the
// write lock up front, which excludes every other writer.
func (Dialect) ForUpdate() string { return "" }

// Fold is the column itself: medicines.name is COLLATE NOCASE.
func (Dialect) Fold(column string) string { return column }

// Snapshot is any read transaction: it reads one snapshot of the WAL.
func (Dialect) Snapshot() *sql.TxOptions { return &sql.TxOptions{ReadOnly: true} }

// Types are the engine's column types for schema templates.
func (Dialect) Types() sqlstore.Types {
	return sqlstore.Types{
		ID: "INTEGER PRIMARY KEY", Text: "TEXT", Int: "INTEGER", BigInt: "INTEGER",
		Bool: "INTEGER", Bytes: "BLOB", Real: "REAL", Strict: " STRICT",
	}
}

// WithWrites is false: SQLite's WITH holds only SELECT.
func (Dialect) WithWrites() bool { return false }
