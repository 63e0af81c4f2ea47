package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	"github.com/calmnights/calmnights/bot/sqlstore"
)

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
	return sqlstore.Migrate(ctx, s.db, Dialect{}, ownMigrations, "migrations", func(ctx context.Context, c *sql.Conn) (func(), error) {
		if _, err := c.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext($1 || current_schema()))`, migrationLock); err != nil {
			return nil, fmt.Errorf("take the lock: %w", err)
		}
		return func() {
			// Unlock even when ctx is done; closing the session would too.
			_, _ = c.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext($1 || current_schema()))`, migrationLock)
		}, nil
	})
}

// SchemaVersion returns the database's current migration version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return sqlstore.SchemaVersion(ctx, sqlstore.Reads(ctx, s.Store))
}
