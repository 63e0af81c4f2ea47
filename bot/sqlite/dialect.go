package sqlite

import (
	"database/sql"

	"github.com/calmnights/calmnights/bot/sqlstore"
)

// dialect is SQLite's SQL for bot/sqlstore.
type dialect struct{}

func (dialect) Rebind(query string) string { return query }

// ForUpdate is empty: the one writer's IMMEDIATE transactions take the
// write lock up front, which excludes every other writer.
func (dialect) ForUpdate() string { return "" }

// Fold is the column itself: medicines.name is COLLATE NOCASE.
func (dialect) Fold(column string) string { return column }

// Snapshot is any read transaction: it reads one snapshot of the WAL.
func (dialect) Snapshot() *sql.TxOptions { return &sql.TxOptions{ReadOnly: true} }

func (dialect) Types() sqlstore.Types {
	return sqlstore.Types{
		ID: "INTEGER PRIMARY KEY", Text: "TEXT", Int: "INTEGER", BigInt: "INTEGER",
		Bool: "INTEGER", Bytes: "BLOB", Real: "REAL", Strict: " STRICT",
	}
}
