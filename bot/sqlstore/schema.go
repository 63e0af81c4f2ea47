package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"text/template"
	"time"

	"github.com/calmnights/calmnights/bot/migration"
	stressschema "github.com/calmnights/calmnights/bot/stress/schema"
)

// schemaParts are the migration templates both engines share (schema/).
//
//go:embed schema
var schemaParts embed.FS

// schemaSources are the folders of schema parts both engines apply: this
// package's schema/, and any feature's own folder of templates (an
// embed.FS in a small package of the feature's that imports nothing of the
// store), listed here.
var schemaSources = []struct {
	fsys fs.FS
	dir  string
}{
	{schemaParts, "schema"},
	{stressschema.FS, "."},
}

// Migrations returns an engine's own migrations (the NNNN_name.sql files
// in dir of fsys) merged with the shared schema parts rendered for its
// dialect, in version order.
func Migrations(d Dialect, fsys fs.FS, dir string) ([]migration.Migration, error) {
	own, err := migration.Read(fsys, dir)
	if err != nil {
		return nil, err
	}
	lists := [][]migration.Migration{own}
	for _, src := range schemaSources {
		parts, err := SchemaParts(d, src.fsys, src.dir)
		if err != nil {
			return nil, err
		}
		lists = append(lists, parts)
	}
	return migration.Merge(lists...)
}

// SchemaParts reads the migration templates in dir of fsys and renders
// each with the dialect's Types.
func SchemaParts(d Dialect, fsys fs.FS, dir string) ([]migration.Migration, error) {
	ms, err := migration.Read(fsys, dir)
	if err != nil {
		return nil, err
	}
	for i, m := range ms {
		t, err := template.New(m.Name).Option("missingkey=error").Parse(m.SQL)
		if err != nil {
			return nil, fmt.Errorf("schema part %d (%s): %w", m.Version, m.Name, err)
		}
		var b strings.Builder
		if err := t.Execute(&b, d.Types()); err != nil {
			return nil, fmt.Errorf("schema part %d (%s): %w", m.Version, m.Name, err)
		}
		ms[i].SQL = b.String()
	}
	return ms, nil
}

// Migrate applies the migrations the database lacks: the engine's own
// (the NNNN_name.sql files of dir in fsys) merged with the shared schema
// parts (see Migrations). They run in order on one connection of db, each
// in its own transaction that reads the version again before applying, so
// two processes migrating one database at once apply each change once
// (SQLite's transactions begin IMMEDIATE; PostgreSQL passes lock, which
// takes an advisory lock on the connection first and returns what
// releases it). A database migrated by a newer program is refused with
// migration.ErrNewerSchema.
func Migrate(ctx context.Context, db *sql.DB, d Dialect, fsys fs.FS, dir string, lock func(ctx context.Context, c *sql.Conn) (unlock func(), err error)) error {
	ms, err := Migrations(d, fsys, dir)
	if err != nil {
		return err
	}
	c, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer c.Close()
	if lock != nil {
		unlock, err := lock(ctx, c)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		defer unlock()
	}
	return migrate(ctx, c, d, ms)
}

// migrate applies the migrations c's database lacks.
func migrate(ctx context.Context, c *sql.Conn, d Dialect, ms []migration.Migration) error {
	ty := d.Types()
	if _, err := c.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    `+ty.Int+` PRIMARY KEY,
		name       `+ty.Text+` NOT NULL,
		applied_at `+ty.BigInt+` NOT NULL
	)`+ty.Strict); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	current, err := SchemaVersion(ctx, c)
	if err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("database at version %d, program knows %d: %w", current, len(ms), migration.ErrNewerSchema)
	}
	for _, m := range ms[current:] {
		if err := apply(ctx, c, d, m); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration and records it, unless another process did.
func apply(ctx context.Context, c *sql.Conn, d Dialect, m migration.Migration) error {
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("apply migration %d: %w", m.Version, err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	current, err := SchemaVersion(ctx, tx)
	if err != nil || current >= m.Version {
		return err
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("apply migration %d (%s): %w", m.Version, m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, d.Rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.Version, m.Name, time.Now().Unix()); err != nil {
		return fmt.Errorf("record migration %d: %w", m.Version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("apply migration %d: %w", m.Version, err)
	}
	return nil
}

// SchemaVersion returns the highest applied migration, 0 for a new
// database.
func SchemaVersion(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
