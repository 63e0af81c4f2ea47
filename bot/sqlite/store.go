// Package sqlite is the bot's Store on SQLite, through modernc.org/sqlite
// (pure Go, no cgo) and database/sql.
//
// The database runs in WAL mode with a busy timeout and foreign keys on,
// synchronous=NORMAL and secure_delete (deleted rows are overwritten with
// zeros, not left readable in free pages). Its files are created 0600.
//
// Durability: a commit that returned survives the process crashing. A
// power cut or kernel crash can lose the last commits before the next
// checkpoint, unless Sync ran after them: callers that promise something
// to the outside world (the inbox before an update is confirmed) call Sync
// first. synchronous=FULL would sync every commit instead; in the soak test
// it cut throughput by about 40% and made reminders miss their window.
// Writes go through a single connection whose transactions begin
// IMMEDIATE, so a read-then-write transaction takes the write lock up front
// and never fails with "database is locked" halfway; reads use a separate
// pool of read-only connections and run alongside the writer.
//
// The queries are bot/sqlstore's, shared with PostgreSQL; this package
// opens and configures the file, applies its migrations, and adds what is
// SQLite's own: Sync, Backup, IntegrityCheck, Scrub, and the claims of due
// reminders and waiting updates, pipelined for its one writer.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/migration"
	"github.com/calmnights/calmnights/bot/sqlstore"
	"github.com/calmnights/calmnights/reminders"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// BusyTimeoutMillis is how long a connection waits for another process's
// lock before giving up.
const BusyTimeoutMillis = 10000

// Store is the SQLite implementation of the bot's store (features.Store): the shared SQL layer
// on a file, with SQLite's own operations.
type Store struct {
	*sqlstore.Store
	path   string
	writer *sql.DB // one connection, IMMEDIATE transactions
	reader *sql.DB // read-only connections
}

var (
	_ reminders.Store = (*Store)(nil)
	_ delivery.Store  = (*Store)(nil)
)

// ErrNewerSchema means the database was migrated by a newer calmnights:
// Open refuses it.
var ErrNewerSchema = migration.ErrNewerSchema

// Open opens (creating if needed) the database file at path and applies any
// migrations it lacks.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || strings.HasPrefix(path, ":memory:") || strings.Contains(path, "mode=memory") {
		return nil, fmt.Errorf("open %q: the store needs a file (the reader and writer share it)", path)
	}
	if err := prepareFile(path); err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	// The one writer gets a 16 MB page cache (the default is 2 MB): a
	// minute's claims touch pages all over the reminders and outbox
	// tables, and rereading them was a fifth of the claim's cost.
	writer, err := sql.Open("sqlite", dsn(path, "_txlock=immediate", "_pragma="+url.QueryEscape("cache_size(-16000)")))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	s := &Store{path: path, writer: writer}
	if err := writer.PingContext(ctx); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		writer.Close()
		return nil, err
	}
	if err := tighten(path+"-wal", path+"-shm"); err != nil { // left by an older version
		writer.Close()
		return nil, fmt.Errorf("open: %w", err)
	}
	reader, err := sql.Open("sqlite", dsn(path, "_pragma=query_only(1)"))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open %s for reading: %w", path, err)
	}
	reader.SetMaxOpenConns(4)
	reader.SetMaxIdleConns(4)
	s.reader = reader
	s.Store = sqlstore.New(sqlstore.Config{
		Dialect:    Dialect{},
		Writer:     writer,
		Reader:     reader,
		TxPerWrite: true,
		Size:       s.size,
		// The delete is done; a reader holding the WAL only delays its
		// truncation to the next Scrub or Close, so that is not the
		// user's failure.
		UserDeleted: func(ctx context.Context) { _ = s.Scrub(ctx) },
	})
	return s, nil
}

// dsn builds the driver's connection string for path.
func dsn(path string, extra ...string) string {
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	params := []string{
		"_pragma=" + url.QueryEscape(fmt.Sprintf("busy_timeout(%d)", BusyTimeoutMillis)),
		"_pragma=" + url.QueryEscape("journal_mode(WAL)"),
		"_pragma=" + url.QueryEscape("foreign_keys(1)"),
		"_pragma=" + url.QueryEscape("synchronous(NORMAL)"),
		// Deleted rows are overwritten, not left readable in free pages.
		"_pragma=" + url.QueryEscape("secure_delete(1)"),
		// Read the file through a 256 MB memory map instead of a read
		// call per page (address space, not memory: the pages are the
		// operating system's file cache).
		"_pragma=" + url.QueryEscape("mmap_size(268435456)"),
	}
	return "file:" + p + "?" + strings.Join(append(params, extra...), "&")
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes both pools. It is safe to call more than once.
func (s *Store) Close() error {
	var errs []error
	if s.reader != nil {
		errs = append(errs, s.reader.Close())
	}
	if s.writer != nil {
		errs = append(errs, s.writer.Close())
	}
	return errors.Join(errs...)
}
