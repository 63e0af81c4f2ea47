package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"time"
)

// LogKeySecret names the key of the log pseudonyms in the secrets table.
const LogKeySecret = "log_key"

// Secret returns the deployment secret called name, generating size random
// bytes and storing them the first time. Two processes asking at once get
// the same value.
func (s *Store) Secret(ctx context.Context, name string, size int) ([]byte, error) {
	if size <= 0 {
		return nil, fmt.Errorf("secret %s: size %d", name, size)
	}
	fresh := make([]byte, size)
	rand.Read(fresh) // never fails: crypto/rand panics rather than return short
	var value []byte
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`,
			name, fresh, time.Now().Unix()); err != nil {
			return fmt.Errorf("store secret %s: %w", name, err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&value); err != nil {
			return fmt.Errorf("read secret %s: %w", name, err)
		}
		return nil
	})
	return value, err
}
