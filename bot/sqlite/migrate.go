package sqlite

import (
	"context"
	"embed"
	"fmt"

	"github.com/calmnights/calmnights/bot/migration"
	"github.com/calmnights/calmnights/bot/sqlstore"
)

// ErrNewerSchema means the database was migrated by a newer calmnights.
var ErrNewerSchema = migration.ErrNewerSchema

//go:embed migrations/*.sql
var ownMigrations embed.FS

// migrate applies every migration the file lacks (SQLite's own and the
// shared schema parts), each in its own IMMEDIATE transaction on the one
// writer connection, so two processes opening one new file cannot both
// apply the same change.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := sqlstore.Migrations(dialect{}, ownMigrations, "migrations")
	if err != nil {
		return err
	}
	c, err := s.writer.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer c.Close()
	return sqlstore.Migrate(ctx, c, dialect{}, ms)
}

// SchemaVersion returns the database's current migration version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return sqlstore.SchemaVersion(ctx, s.reader)
}
