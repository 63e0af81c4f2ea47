package postgres

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

// migrationLock is the advisory lock key replicas take around migrating;
// it is combined with the schema's name, so databases (or test schemas)
// on one server migrate independently.
const migrationLock = "calmnights migrations "

// migrate applies every migration the database lacks (PostgreSQL's own
// and the shared schema parts), each in its own transaction, while holding
// a session advisory lock: replicas starting at once wait for each other,
// and the later ones find nothing left to do.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := sqlstore.Migrations(dialect{}, ownMigrations, "migrations")
	if err != nil {
		return err
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext($1 || current_schema()))`, migrationLock); err != nil {
		return fmt.Errorf("migrate: take the lock: %w", err)
	}
	defer func() {
		// Unlock even when ctx is done; closing the session would too.
		_, _ = c.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext($1 || current_schema()))`, migrationLock)
	}()
	return sqlstore.Migrate(ctx, c, dialect{}, ms)
}

// SchemaVersion returns the database's current migration version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return sqlstore.SchemaVersion(ctx, sqlstore.Reads(ctx, s.Store))
}
