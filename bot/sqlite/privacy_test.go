//go:build unix

package sqlite_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// withUmask runs the test under umask 022, the usual one, under which
// files are created 0644 unless the code says otherwise.
func withUmask(t *testing.T, mask int) {
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

func wantMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Errorf("%s: %v", filepath.Base(path), err)
		return
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s has mode %04o, want %04o", filepath.Base(path), got, want)
	}
}

// TestFilesArePrivate: the database, its -wal and -shm, and a backup are
// 0600 under umask 022.
func TestFilesArePrivate(t *testing.T) {
	withUmask(t, 0o022)
	dir := t.TempDir()
	path := filepath.Join(dir, "calmnights.db")
	s := sqlitetest.OpenAt(t, path)
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		wantMode(t, p, sqlite.FileMode)
	}
	backup := filepath.Join(dir, "copy.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	wantMode(t, backup, sqlite.FileMode)
	if err := s.Backup(ctx, backup); err == nil {
		t.Error("a second backup to the same file overwrote it")
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "copy.db*"))
	for _, m := range matches {
		wantMode(t, m, sqlite.FileMode)
	}
}

// TestOldFilesAreTightened: a database left 0644 by an older version is
// made private when opened, with its -wal and -shm.
func TestOldFilesAreTightened(t *testing.T) {
	withUmask(t, 0o022)
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); err == nil {
			os.Chmod(p, 0o644)
		}
	}
	s = sqlitetest.OpenAt(t, path)
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:2", Platform: bot.PlatformTelegram}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		wantMode(t, p, sqlite.FileMode)
	}
}

// fileHolds reports which of the files hold marker anywhere in their bytes.
func fileHolds(t *testing.T, marker []byte, paths ...string) []string {
	t.Helper()
	var found []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, marker) {
			found = append(found, filepath.Base(p))
		}
	}
	return found
}

// TestDeletedNoteLeavesNoBytes: after a user is deleted (/forget), a
// unique string from their journal is in none of the database's files:
// secure_delete zeroes the freed space, and the WAL, which still holds the
// old pages, is checkpointed and truncated.
func TestDeletedNoteLeavesNoBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "forget.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	marker := []byte("zq-marker-7f3a9c-legs-at-night")
	for _, id := range []string{"tg:1", "tg:2"} { // tg:2 stays: the pages are shared, not dropped
		if _, err := s.EnsureUser(ctx, bot.NewUser{ID: id, Platform: bot.PlatformTelegram}); err != nil {
			t.Fatal(err)
		}
		note := "kept note"
		if id == "tg:1" {
			note = string(marker)
		}
		if _, err := s.SaveNight(ctx, bot.Night{UserID: id, Date: "2026-11-30", Severity: 6, Note: note, LoggedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	files := []string{path, path + "-wal", path + "-shm"}
	if found := fileHolds(t, marker, files...); len(found) == 0 {
		t.Fatal("the marker was never written: the test proves nothing")
	}
	if err := s.DeleteUser(ctx, "tg:1"); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, marker, files...); len(found) > 0 {
		t.Errorf("while open, after DeleteUser, the marker is still in %v", found)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, marker, files...); len(found) > 0 {
		t.Errorf("after Close, the marker is still in %v", found)
	}
}

// BenchmarkSmallWrite is one small committed write (a glass of water). Run
// it with synchronous FULL and NORMAL (store.go's dsn) to see what syncing
// every commit costs.
func BenchmarkSmallWrite(b *testing.B) {
	s := sqlitetest.Open(b)
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.AddWater(ctx, "tg:1", "2026-11-30", 250); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSecretIsKeptAcrossRestarts: the log key is made once and read back
// the same after a reopen.
func TestSecretIsKeptAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	k1, err := s.Secret(ctx, sqlite.LogKeySecret, 32)
	if err != nil || len(k1) != 32 {
		t.Fatalf("Secret = %x, %v", k1, err)
	}
	s.Close()
	s = sqlitetest.OpenAt(t, path)
	k2, err := s.Secret(ctx, sqlite.LogKeySecret, 32)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("after reopen: %x, %v; want %x", k2, err, k1)
	}
	if other, _ := s.Secret(ctx, "other", 32); bytes.Equal(other, k1) {
		t.Error("two secrets share a value")
	}
}

// TestSyncIsABarrier: Sync succeeds with and without a write-ahead log.
// (That it survives a power cut cannot be tested here; see Sync's comment
// for why an fsync of the -wal file is enough.)
func TestSyncIsABarrier(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sync.db")
	s := sqlitetest.OpenAt(t, path)
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("no write-ahead log after a commit: %v", err)
	}
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := s.Scrub(ctx); err != nil { // empties the log
		t.Fatal(err)
	}
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkSmallWriteSynced is a small write made durable against a power
// cut with Sync, the cost synchronous=FULL would add to every commit.
func BenchmarkSmallWriteSynced(b *testing.B) {
	s := sqlitetest.Open(b)
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.AddWater(ctx, "tg:1", "2026-11-30", 250); err != nil {
			b.Fatal(err)
		}
		if err := s.Sync(); err != nil {
			b.Fatal(err)
		}
	}
}
