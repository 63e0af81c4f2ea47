package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// txKey carries the transaction of an Atomic call in its context.
type txKey struct{}

// Atomic runs fn in one write transaction. Every Store method called with
// the context fn receives joins that transaction, so a handler's changes,
// the replies it queues and the mark that its update is done commit
// together or not at all. A nested Atomic joins the outer transaction.
func (s *Store) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx)
	}
	return s.begin(ctx, func(tx *sql.Tx) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
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
