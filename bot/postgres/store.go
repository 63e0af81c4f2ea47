// Package postgres is the bot's Store on PostgreSQL, through
// github.com/jackc/pgx/v5 and its connection pool, for operators who run
// several replicas against one database.
//
// The schema mirrors the SQLite store's table for table and column for
// column (times are Unix seconds in bigint columns), so a deployment can be
// copied from one to the other. Migrations run under an advisory lock, so
// replicas starting together apply each one once. Due reminders are
// claimed with SELECT … FOR UPDATE SKIP LOCKED, so replicas ticking at the
// same moment share the work and never take the same row.
//
// Atomic runs a function in one transaction: every Store method called
// with the context it passes runs inside that transaction.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/calmnights/calmnights/bot"
)

// Store is the PostgreSQL implementation of bot.Store.
type Store struct {
	pool *pgxpool.Pool
}

var _ bot.Store = (*Store)(nil)

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
	s := &Store{pool: pool}
	if err := s.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Pool returns the connection pool, for tools that copy data in and out.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.pool.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// Close closes the pool. It is safe to call more than once.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// txKey carries a store's open transaction in a context. It holds the
// pool, so a transaction of one store is never used by another.
type txKey struct{ pool *pgxpool.Pool }

// dbtx is what both the pool and a transaction offer.
type dbtx interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// q returns the transaction ctx carries (from Atomic), or the pool.
func (s *Store) q(ctx context.Context) dbtx {
	if tx, ok := ctx.Value(txKey{s.pool}).(pgx.Tx); ok {
		return tx
	}
	return s.pool
}

// Atomic runs fn in one transaction and commits when fn returns nil: every
// Store method called with the context fn receives runs inside it. A
// nested Atomic joins the outer transaction (its error still aborts the
// whole). When fn fails, nothing it wrote is kept.
func (s *Store) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{s.pool}).(pgx.Tx); ok {
		return fn(ctx)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		// A panic in fn must not leave the transaction, and its
		// connection, open; after a commit or rollback this does nothing.
		_ = tx.Rollback(context.WithoutCancel(ctx))
	}()
	if err := fn(context.WithValue(ctx, txKey{s.pool}, tx)); err != nil {
		if rbErr := tx.Rollback(context.WithoutCancel(ctx)); rbErr != nil && !errors.Is(rbErr, pgx.ErrTxClosed) {
			return errors.Join(err, fmt.Errorf("rollback: %w", rbErr))
		}
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// isNoRows reports whether err means a query found nothing.
func isNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
