package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// FileMode is the mode of every file the store writes: the database, its
// -wal and -shm, and backups. They hold health notes, so only the bot's own
// user may read them, whatever the umask.
const FileMode fs.FileMode = 0o600

// Why not set the umask: it is one per process, so changing it around an
// open would race with every other goroutine creating files. Instead the
// database file is created (or tightened) 0600 before SQLite opens it;
// SQLite then gives the -wal and -shm it creates the database file's own
// permission bits (unix VFS, findCreateFileMode), and a backup is written
// into an empty file created 0600 beforehand.

// prepareFile creates the database file with FileMode if it does not exist,
// and takes group and other access away from an existing one (made by an
// older version under a loose umask) and from its -wal and -shm.
func prepareFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, FileMode)
	switch {
	case err == nil:
		err = f.Chmod(FileMode) // the umask may have taken bits away, never added
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("create %s: %w", path, err)
		}
		return nil
	case errors.Is(err, fs.ErrExist):
		return tighten(path, path+"-wal", path+"-shm")
	default:
		return fmt.Errorf("create %s: %w", path, err)
	}
}

// tighten removes group and other access from the files that exist. A
// file the bot does not own (chmod not permitted) is left as it is: the
// operator chose that.
func tighten(paths ...string) error {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("stat %s: %w", p, err)
		}
		if !fi.Mode().IsRegular() || fi.Mode().Perm()&^FileMode == 0 {
			continue
		}
		if err := os.Chmod(p, fi.Mode().Perm()&FileMode); err != nil && !errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("make %s private: %w", p, err)
		}
	}
	return nil
}

// createPrivate creates path, which must not exist, empty and with FileMode.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
	if err != nil {
		return err
	}
	err = f.Chmod(FileMode)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
