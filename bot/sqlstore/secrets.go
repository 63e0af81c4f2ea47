package sqlstore

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"
)

// LogKeySecret names the key of the log pseudonyms in the secrets table.
const LogKeySecret = "log_key"

// Secret returns the deployment's secret of that name, creating it with
// size random bytes the first time. Two processes (or replicas) asking at
// once agree: the first insert wins and both read it back.
func (s *Store) Secret(ctx context.Context, name string, size int) ([]byte, error) {
	if size <= 0 {
		return nil, fmt.Errorf("secret %s: size %d", name, size)
	}
	fresh := make([]byte, size)
	rand.Read(fresh) // never fails: crypto/rand panics rather than return short
	var value []byte
	err := s.write(ctx, func(w Q) error {
		if _, err := w.Exec(ctx, `INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`,
			name, fresh, time.Now().Unix()); err != nil {
			return fmt.Errorf("store secret %s: %w", name, err)
		}
		if err := w.QueryRow(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&value); err != nil {
			return fmt.Errorf("read secret %s: %w", name, err)
		}
		return nil
	})
	return value, err
}
