// Package sqlstore is the bot's store written once for every SQL engine:
// the queries of each feature (users, conversations, checklist, journal,
// diary, medicines and labs, reminders, inbox, outbox, secrets, exports)
// on database/sql, with a small Dialect for what truly differs between
// SQLite and PostgreSQL. The engines (bot/sqlite, bot/postgres) open and
// configure their database, apply their migrations, and add only what is
// theirs: SQLite's single-writer sync, backup and scrub; PostgreSQL's
// advisory locks, leader election and SKIP LOCKED batch claims.
//
// An engine's Store embeds *Store, so every method here is the engine's
// own, and passes the store contract in bot/storetest on both engines.
//
// # Queries
//
// Queries are written once with ? placeholders; the Dialect rewrites them
// for the engine ($1, $2, … on PostgreSQL). Booleans are written TRUE and
// FALSE, which both engines read (SQLite keeps them as 1 and 0). Times are
// Unix seconds in integer columns on both engines, times of day minutes
// after midnight, so scanning is the same everywhere.
//
// # Transactions
//
// Atomic runs a function in one transaction; every method called with the
// context it passes joins that transaction, reads included, so a handler's
// changes, the replies it queues and its update's "done" mark commit
// together. A method that writes more than once outside Atomic runs in a
// transaction of its own; a single statement runs on its own unless the
// engine asks for a transaction around every write (SQLite, whose
// transactions begin IMMEDIATE). A read-then-write takes the row lock the
// Dialect names (FOR UPDATE on PostgreSQL; nothing on SQLite, where a
// write transaction already excludes every other writer).
//
// # A new feature
//
// A feature that stores something (say, a nightly stress rating) adds one
// file here, stress.go, with its methods on *Store written once against
// this layer, and its table as a schema part: one template in schema/,
// numbered after the engines' own migrations, written with the Dialect's
// type names ({{.ID}}, {{.Bool}}, {{.Bytes}}, {{.Real}}, {{.Strict}}…) and
// rendered for each engine (see Migrations). If its rows are about a user,
// it lists its table in migration.UserTables, so /forget and the export's
// checks cover it, and it adds a check of its methods to bot/storetest,
// which runs on both engines. The feature's folder (bot/stress) declares
// the small store interface it needs, which both engines then satisfy.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Querier is what both a *sql.DB and a *sql.Tx offer.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Config is what an engine gives New.
type Config struct {
	// Dialect is the engine's SQL.
	Dialect Dialect
	// Writer runs every write and every transaction.
	Writer *sql.DB
	// Reader runs reads made outside a transaction; nil means Writer.
	Reader *sql.DB
	// TxPerWrite asks for a transaction around every write made outside
	// Atomic, even a single statement.
	TxPerWrite bool
	// OutboxHeads is the engine's query for the first waiting message of
	// each chat (parameters: platform, now in Unix seconds, limit),
	// selecting HeadColumns; empty means a portable one.
	OutboxHeads string
	// Size returns the database's size in bytes, for Stats.
	Size func(ctx context.Context, q Querier) (int64, error)
	// UserDeleted runs once a DeleteUser has committed (SQLite scrubs the
	// deleted rows' bytes from its log).
	UserDeleted func(ctx context.Context)
}

// Store is the bot's store on one SQL database. Engines embed it.
type Store struct {
	d   Dialect // cfg.Dialect, which every query uses
	cfg Config
}

// New returns a Store on the engine's databases.
func New(c Config) *Store {
	if c.Reader == nil {
		c.Reader = c.Writer
	}
	if c.OutboxHeads == "" {
		c.OutboxHeads = portableHeads
	}
	return &Store{d: c.Dialect, cfg: c}
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read(ctx).row(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// txKey carries an Atomic call's transaction in its context. It names the
// store, so one store's transaction is never used by another.
type txKey struct{ s *Store }

// atomicTx is an open Atomic call: its transaction and what to run once
// it has committed.
type atomicTx struct {
	tx    *sql.Tx
	after []func()
}

func (s *Store) current(ctx context.Context) *atomicTx {
	at, _ := ctx.Value(txKey{s}).(*atomicTx)
	return at
}

// Tx returns the transaction of the Atomic call ctx is in, if any: for an
// engine's own methods.
func Tx(ctx context.Context, s *Store) (*sql.Tx, bool) {
	if at := s.current(ctx); at != nil {
		return at.tx, true
	}
	return nil, false
}

// Reads returns what a read should run on: the context's transaction, so
// a read inside Atomic sees the writes made before it, or else the reader.
// The queries it takes are the engine's own (not rebound).
func Reads(ctx context.Context, s *Store) Querier {
	if tx, ok := Tx(ctx, s); ok {
		return tx
	}
	return s.cfg.Reader
}

// Atomic runs fn in one transaction and commits when fn returns nil. Every
// Store method called with the context fn receives joins it. A nested
// Atomic joins the outer transaction (its error still aborts the whole).
// When fn fails or panics, nothing it wrote is kept.
func (s *Store) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if s.current(ctx) != nil {
		return fn(ctx)
	}
	at := &atomicTx{}
	err := s.begin(ctx, func(tx *sql.Tx) error {
		at.tx = tx
		return fn(context.WithValue(ctx, txKey{s}, at))
	})
	if err == nil {
		for _, f := range at.after {
			f()
		}
	}
	return err
}

// afterCommit runs fn once the context's Atomic transaction has committed,
// or at once when there is none.
func (s *Store) afterCommit(ctx context.Context, fn func()) {
	if at := s.current(ctx); at != nil {
		at.after = append(at.after, fn)
		return
	}
	fn()
}

// begin runs fn in a new transaction on the writer.
func (s *Store) begin(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.cfg.Writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		// A panic in fn must not leave the transaction, and its
		// connection, open; after a commit or rollback this does nothing.
		_ = tx.Rollback()
	}()
	if err := fn(tx); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("rollback: %w", rbErr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// q runs the store's portable queries (? placeholders) on a Querier,
// rebinding them for the engine.
type q struct {
	on Querier
	d  Dialect
}

func (r q) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.on.ExecContext(ctx, r.d.Rebind(query), args...)
}

func (r q) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return r.on.QueryContext(ctx, r.d.Rebind(query), args...)
}

func (r q) row(ctx context.Context, query string, args ...any) *sql.Row {
	return r.on.QueryRowContext(ctx, r.d.Rebind(query), args...)
}

// insert runs one INSERT … RETURNING id and returns the id.
func (r q) insert(ctx context.Context, what, query string, args ...any) (int64, error) {
	var id int64
	if err := r.row(ctx, query, args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return id, nil
}

// insert runs one INSERT … RETURNING id on its own (see write1) and
// returns the id.
func (s *Store) insert(ctx context.Context, what, query string, args ...any) (int64, error) {
	var id int64
	err := s.write1(ctx, func(w q) error {
		var err error
		id, err = w.insert(ctx, what, query, args...)
		return err
	})
	return id, err
}

// read returns what a read runs on (see Reads).
func (s *Store) read(ctx context.Context) q { return q{Reads(ctx, s), s.d} }

// write runs fn, which may write more than once, in the context's
// transaction, or else in a new one that commits when fn succeeds.
func (s *Store) write(ctx context.Context, fn func(w q) error) error {
	if at := s.current(ctx); at != nil {
		return fn(q{at.tx, s.d})
	}
	return s.begin(ctx, func(tx *sql.Tx) error { return fn(q{tx, s.d}) })
}

// write1 runs fn, which writes with one statement, in the context's
// transaction, or else on its own (in a transaction of its own where the
// engine asks for one).
func (s *Store) write1(ctx context.Context, fn func(w q) error) error {
	if s.current(ctx) == nil && !s.cfg.TxPerWrite {
		return fn(q{s.cfg.Writer, s.d})
	}
	return s.write(ctx, fn)
}

// snapshot runs fn on one consistent view of the database: the context's
// transaction, or else a read-only one at the Dialect's snapshot level.
func (s *Store) snapshot(ctx context.Context, fn func(r q) error) error {
	if at := s.current(ctx); at != nil {
		return fn(q{at.tx, s.d})
	}
	tx, err := s.cfg.Reader.BeginTx(ctx, s.d.Snapshot())
	if err != nil {
		return fmt.Errorf("begin snapshot: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep
	return fn(q{tx, s.d})
}

// each runs query and calls fn for every row, then checks the rows' error.
func each(ctx context.Context, r q, what string, fn func(rows *sql.Rows) error, query string, args ...any) error {
	rows, err := r.query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	return nil
}

// collect runs query and scans every row with scan.
func collect[T any](ctx context.Context, r q, what string, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	var out []T
	err := each(ctx, r, what, func(rows *sql.Rows) error {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	}, query, args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// affected returns a result's count of changed rows.
func affected(res sql.Result) int64 {
	n, _ := res.RowsAffected()
	return n
}

// Conn returns what an engine's own writing statement runs on: the
// context's transaction, or else the writer. The queries it takes are the
// engine's own (not rebound).
func Conn(ctx context.Context, s *Store) Querier {
	if tx, ok := Tx(ctx, s); ok {
		return tx
	}
	return s.cfg.Writer
}
