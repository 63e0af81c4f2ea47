// Package postgres is the bot's Store on PostgreSQL, for operators who run
// several replicas against one database: the shared SQL layer of
// bot/sqlstore on database/sql, through pgx's stdlib driver over a pgx
// connection pool (github.com/jackc/pgx/v5).
//
// The schema mirrors the SQLite store's table for table and column for
// column (times are Unix seconds in bigint columns), so a deployment can be
// copied from one to the other. What is PostgreSQL's own is here:
// migrations run under an advisory lock, so replicas starting together
// apply each one once; one replica leads the sending of each platform
// (Lead, a session advisory lock); due reminders and waiting updates are
// claimed with SELECT … FOR UPDATE SKIP LOCKED, so replicas claiming at
// the same moment share the work and never take the same row, and a large
// minute's claims are written as arrays, a few statements per ten
// thousand reminders.
//
// Atomic runs a function in one transaction: every Store method called
// with the context it passes runs inside that transaction.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/migration"
	"github.com/calmnights/calmnights/bot/sqlstore"
	"github.com/calmnights/calmnights/reminders"
)

// Store is the PostgreSQL implementation of the bot's store (features.Store): the shared SQL
// layer on a pgx pool, with PostgreSQL's own claims and locks.
type Store struct {
	*sqlstore.Store
	pool *pgxpool.Pool
	db   *sql.DB // the pool through database/sql
}

var (
	_ reminders.Store = (*Store)(nil)
	_ delivery.Store  = (*Store)(nil)
)

// ErrNewerSchema means the database was migrated by a newer calmnights:
// Open refuses it.
var ErrNewerSchema = migration.ErrNewerSchema

// IsURL reports whether dsn names a PostgreSQL database (postgres:// or
// postgresql://) rather than a SQLite file.
func IsURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database at url (postgres://user:pass@host/db?…),
// and applies any migrations it lacks.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The parse error may quote the URL, password included.
		return nil, errors.New("open postgres: the database URL does not parse")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db := stdlib.OpenDBFromPool(pool)
	s := &Store{pool: pool, db: db}
	s.Store = sqlstore.New(sqlstore.Config{
		Dialect:     Dialect{},
		Writer:      db,
		OutboxHeads: outboxHeads,
		Size: func(ctx context.Context, q sqlstore.Querier) (int64, error) {
			var n int64
			if err := q.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n); err != nil {
				return 0, fmt.Errorf("size: %w", err)
			}
			return n, nil
		},
	})
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Pool returns the connection pool, for tools that copy data in and out.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool. It is safe to call more than once.
func (s *Store) Close() error {
	err := s.db.Close()
	s.pool.Close()
	return err
}

// outboxHeads picks each chat's first waiting message with DISTINCT ON.
const outboxHeads = `
	SELECT ` + sqlstore.HeadColumns + ` FROM (
		SELECT DISTINCT ON (chat_id) * FROM outbox
		WHERE platform = ? AND state = 'pending'
		ORDER BY chat_id, id
	) h WHERE next_attempt <= ? ORDER BY id LIMIT ?`
