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
// A feature that stores something (say, a nightly stress rating) writes
// its store once against this layer, in one of two ways. Either it adds one
// file here, stress.go, with its methods on *Store, and both engines' Store
// then satisfy the small store interface its folder (bot/stress) declares;
// or its folder keeps its store itself, on the exported Read, Write and Q
// over the *Store that cmd/calmnights hands it (an engine's Store offers
// it as SQL()). Its tables are a schema part: one template, numbered after
// the engines' own migrations and written with the Dialect's type names
// ({{.ID}}, {{.Text}}, {{.Bool}}, {{.Bytes}}, {{.Real}}, {{.Strict}}…),
// in schema/ or in a folder of its own listed in schemaSources, rendered
// for each engine and merged into both engines' migrations (Migrations).
// If its rows are about a user, it lists its table in
// migration.UserTables, so /forget deletes them, and it adds a check of
// its methods to bot/storetest, which runs on both engines.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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

// SQL returns the shared layer itself: through an engine's Store, which
// embeds it, a feature's store written outside this package reaches it as
// interface{ SQL() *sqlstore.Store } (see Read and Write).
func (s *Store) SQL() *Store { return s }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read(ctx).QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
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

// Q runs portable queries (? placeholders, see Dialect) on a transaction
// or a database, rebinding them for the engine. The store's own methods
// use it, and so can a feature that writes its store outside this package
// (see Read and Write).
type Q struct {
	on Querier
	d  Dialect
}

// Exec runs a statement.
func (r Q) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.on.ExecContext(ctx, r.d.Rebind(query), args...)
}

// Query runs a query that returns rows.
func (r Q) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return r.on.QueryContext(ctx, r.d.Rebind(query), args...)
}

// QueryRow runs a query that returns at most one row.
func (r Q) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return r.on.QueryRowContext(ctx, r.d.Rebind(query), args...)
}

// Dialect is the engine's, for what a portable query cannot say alike
// (a row lock, a case-insensitive key).
func (r Q) Dialect() Dialect { return r.d }

// Read returns what a read runs on, for a feature's store written outside
// this package: the context's transaction (so it sees the writes made
// before it inside Atomic), or else the engine's readers.
func Read(ctx context.Context, s *Store) Q { return s.read(ctx) }

// Write runs fn in the context's transaction, or else in a new one that
// commits when fn succeeds, for a feature's store written outside this
// package.
func Write(ctx context.Context, s *Store, fn func(w Q) error) error { return s.write(ctx, fn) }

// insert runs one INSERT … RETURNING id and returns the id.
func (r Q) insert(ctx context.Context, what, query string, args ...any) (int64, error) {
	var id int64
	if err := r.QueryRow(ctx, query, args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return id, nil
}

// insert runs one INSERT … RETURNING id on its own (see write1) and
// returns the id.
func (s *Store) insert(ctx context.Context, what, query string, args ...any) (int64, error) {
	var id int64
	err := s.write1(ctx, func(w Q) error {
		var err error
		id, err = w.insert(ctx, what, query, args...)
		return err
	})
	return id, err
}

// read returns what a read runs on (see Reads).
func (s *Store) read(ctx context.Context) Q { return Q{Reads(ctx, s), s.d} }

// write runs fn, which may write more than once, in the context's
// transaction, or else in a new one that commits when fn succeeds.
func (s *Store) write(ctx context.Context, fn func(w Q) error) error {
	if at := s.current(ctx); at != nil {
		return fn(Q{at.tx, s.d})
	}
	return s.begin(ctx, func(tx *sql.Tx) error { return fn(Q{tx, s.d}) })
}

// write1 runs fn, which writes with one statement, in the context's
// transaction, or else on its own (in a transaction of its own where the
// engine asks for one).
func (s *Store) write1(ctx context.Context, fn func(w Q) error) error {
	if s.current(ctx) == nil && !s.cfg.TxPerWrite {
		return fn(Q{s.cfg.Writer, s.d})
	}
	return s.write(ctx, fn)
}

// statement is one SQL statement with its arguments.
type statement struct {
	sql  string
	args []any
}

// writeAll runs statements that touch disjoint rows as one unit: a single
// statement where the Dialect allows writes in WITH (all but the last
// become its CTEs, which see one snapshot), else one transaction.
func (s *Store) writeAll(ctx context.Context, what string, stmts ...statement) error {
	if s.d.WithWrites() {
		var (
			b    strings.Builder
			args []any
		)
		sep := "WITH "
		for i, st := range stmts[:len(stmts)-1] {
			fmt.Fprintf(&b, "%sw%d AS (%s) ", sep, i, st.sql)
			args, sep = append(args, st.args...), ", "
		}
		last := stmts[len(stmts)-1]
		return s.write1(ctx, func(w Q) error {
			if _, err := w.Exec(ctx, b.String()+last.sql, append(args, last.args...)...); err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
			return nil
		})
	}
	return s.write(ctx, func(w Q) error {
		for _, st := range stmts {
			if _, err := w.Exec(ctx, st.sql, st.args...); err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
		}
		return nil
	})
}

// snapshot runs fn on one consistent view of the database: the context's
// transaction, or else a read-only one at the Dialect's snapshot level.
func (s *Store) snapshot(ctx context.Context, fn func(r Q) error) error {
	if at := s.current(ctx); at != nil {
		return fn(Q{at.tx, s.d})
	}
	tx, err := s.cfg.Reader.BeginTx(ctx, s.d.Snapshot())
	if err != nil {
		return fmt.Errorf("begin snapshot: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep
	return fn(Q{tx, s.d})
}

// each runs query and calls fn for every row, then checks the rows' error.
func each(ctx context.Context, r Q, what string, fn func(rows *sql.Rows) error, query string, args ...any) error {
	rows, err := r.Query(ctx, query, args...)
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
func collect[T any](ctx context.Context, r Q, what string, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
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
