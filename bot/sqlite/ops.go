package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
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

func integrityCheck(ctx context.Context, db querier) error {
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
type Stats struct {
	Users, Consented, Nights, WaterDays, Checklists int
	RemindersOn, DeliveriesPending, InboxPending    int
	SchemaVersion                                   int
	SizeBytes                                       int64
}

// Stats counts the database's contents.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	for _, q := range []struct {
		dst   *int
		query string
	}{
		{&st.Users, `SELECT COUNT(*) FROM users`},
		{&st.Consented, `SELECT COUNT(*) FROM users WHERE consent_at IS NOT NULL`},
		{&st.Nights, `SELECT COUNT(*) FROM nights`},
		{&st.WaterDays, `SELECT COUNT(*) FROM water`},
		{&st.Checklists, `SELECT COUNT(*) FROM checklist_results`},
		{&st.RemindersOn, `SELECT COUNT(*) FROM reminders WHERE enabled = 1 AND one_off = 0`},
		{&st.DeliveriesPending, `SELECT COUNT(*) FROM outbox WHERE state = 'pending'`},
		{&st.InboxPending, `SELECT COUNT(*) FROM inbox WHERE state = 'pending'`},
		{&st.SchemaVersion, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`},
	} {
		if err := s.rd(ctx).QueryRowContext(ctx, q.query).Scan(q.dst); err != nil {
			return Stats{}, fmt.Errorf("stats: %w", err)
		}
	}
	if err := s.rd(ctx).QueryRowContext(ctx, `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&st.SizeBytes); err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	if fi, err := os.Stat(s.path + "-wal"); err == nil {
		st.SizeBytes += fi.Size()
	}
	return st, nil
}
