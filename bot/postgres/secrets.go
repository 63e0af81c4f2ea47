package postgres

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"
)

// Secret returns the deployment's secret of that name, creating it with
// size random bytes the first time. Replicas starting at once agree: the
// first insert wins and every replica reads it back.
func (s *Store) Secret(ctx context.Context, name string, size int) ([]byte, error) {
	if size <= 0 {
		return nil, fmt.Errorf("secret %s: size %d", name, size)
	}
	fresh := make([]byte, size)
	rand.Read(fresh) // never fails: crypto/rand panics rather than return short
	if _, err := s.q(ctx).Exec(ctx, `INSERT INTO secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
		name, fresh, time.Now().Unix()); err != nil {
		return nil, fmt.Errorf("store secret %s: %w", name, err)
	}
	var value []byte
	if err := s.q(ctx).QueryRow(ctx, `SELECT value FROM secrets WHERE name = $1`, name).Scan(&value); err != nil {
		return nil, fmt.Errorf("read secret %s: %w", name, err)
	}
	return value, nil
}
