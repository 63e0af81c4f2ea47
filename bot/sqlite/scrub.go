package sqlite

import (
	"context"
	"fmt"
)

// Scrub copies the write-ahead log into the database and truncates it to
// nothing. With secure_delete on, a deleted row's bytes are zeroed in the
// database pages, but the WAL still holds the pages as they were before
// the delete until it is overwritten; after Scrub it holds nothing. It
// waits (up to the busy timeout) for readers of older snapshots to finish.
func (s *Store) Scrub(ctx context.Context) error {
	var busy, logFrames, done int
	if err := s.writer.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("scrub: checkpoint: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("scrub: checkpoint blocked by a reader (%d of %d frames copied)", done, logFrames)
	}
	return nil
}
