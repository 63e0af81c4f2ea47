package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Sync makes every commit made so far durable against a power cut or a
// kernel crash, not only against the process crashing: one fsync of the
// write-ahead log (and of its directory), where synchronous=FULL would do
// one per commit. Call it before telling the outside world that something
// is stored, such as confirming updates to a platform.
//
// It is sound because, with synchronous=NORMAL in WAL mode, SQLite writes
// each commit's frames to the -wal file at commit and only leaves out the
// fsync; frames move into the database file at a checkpoint, which syncs
// the database file before the log is reused. Syncing the -wal file
// through a descriptor of our own takes no lock: SQLite's locks are on the
// database and -shm files, never on the -wal.
func (s *Store) Sync() error {
	f, err := os.Open(s.path + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no log: everything is in the database file, synced at its checkpoint
	}
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if runtime.GOOS == "windows" {
		return nil // directories cannot be synced there, nor need to be
	}
	// A new -wal file's directory entry must survive too.
	d, err := os.Open(filepath.Dir(s.path))
	if err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	return nil
}
