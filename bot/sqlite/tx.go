package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// txKey carries the transaction of an Atomic call in its context.
type txKey struct{}

// afterKey carries the work to do once the Atomic call has committed.
type afterKey struct{}

// afterCommit runs fn once the context's Atomic transaction has committed,
// or at once when there is none: work that cannot run inside a write
// transaction on the one writer connection (a WAL checkpoint).
func afterCommit(ctx context.Context, fn func()) {
	if after, ok := ctx.Value(afterKey{}).(*[]func()); ok {
		*after = append(*after, fn)
		return
	}
	fn()
}

// Atomic runs fn in one write transaction. Every Store method called with
// the context fn receives joins that transaction, so a handler's changes,
// the replies it queues and the mark that its update is done commit
// together or not at all. A nested Atomic joins the outer transaction.
func (s *Store) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx)
	}
	var after []func()
	err := s.begin(ctx, func(tx *sql.Tx) error {
		return fn(context.WithValue(context.WithValue(ctx, txKey{}, tx), afterKey{}, &after))
	})
	if err == nil {
		for _, f := range after {
			f()
		}
	}
	return err
}

// write runs fn in the context's transaction when there is one, and
// otherwise in a new IMMEDIATE transaction that commits when fn succeeds.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(tx)
	}
	return s.begin(ctx, fn)
}

// begin runs fn in a new IMMEDIATE transaction on the writer.
func (s *Store) begin(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
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

// reads is what read-only queries run on.
type reads interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// rd returns the context's transaction, so a read inside Atomic sees the
// writes made before it, or else the pool of read-only connections.
func (s *Store) rd(ctx context.Context) reads {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return s.reader
}
