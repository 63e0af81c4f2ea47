package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"

	"github.com/calmnights/calmnights/bot/sqlstore"
)

// Backup writes a consistent copy of the database to path (VACUUM INTO,
// safe while the bot runs) and checks the copy's integrity. It refuses to
// overwrite an existing file. The copy is readable by the bot's user only
// (FileMode), whatever the umask.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	if strings.ContainsAny(path, "\x00") {
		return fmt.Errorf("backup: bad path")
	}
	// VACUUM INTO accepts an empty file: create it private first.
	if err := createPrivate(path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := s.writer.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("backup: %w", err)
	}
	// Check the copy read-only: opening it as a store would migrate it and
	// leave WAL files beside it.
	db, err := sql.Open("sqlite", "file:"+strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("backup: open the copy: %w", err)
	}
	defer db.Close()
	if err := integrityCheck(ctx, db); err != nil {
		return fmt.Errorf("backup: the copy: %w", err)
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and fails unless it says ok.
func (s *Store) IntegrityCheck(ctx context.Context) error { return integrityCheck(ctx, s.reader) }

func integrityCheck(ctx context.Context, db sqlstore.Querier) error {
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// Stats are the database's headline numbers.
type Stats = sqlstore.Stats

// size is the database's size: its pages and its write-ahead log.
func (s *Store) size(ctx context.Context, q sqlstore.Querier) (int64, error) {
	var n int64
	if err := q.QueryRowContext(ctx, `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&n); err != nil {
		return 0, fmt.Errorf("size: %w", err)
	}
	if fi, err := os.Stat(s.path + "-wal"); err == nil {
		n += fi.Size()
	}
	return n, nil
}
