package sqlite

import (
	"context"
	"embed"

	"github.com/calmnights/calmnights/bot/sqlstore"
)

//go:embed migrations/*.sql
var ownMigrations embed.FS

// migrate applies every migration the file lacks (SQLite's own and the
// shared schema parts), each in its own IMMEDIATE transaction on the one
// writer connection, so two processes opening one new file cannot both
// apply the same change.
func (s *Store) migrate(ctx context.Context) error {
	return sqlstore.Migrate(ctx, s.writer, Dialect{}, ownMigrations, "migrations", nil)
}

// SchemaVersion returns the database's current migration version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return sqlstore.SchemaVersion(ctx, s.reader)
}
