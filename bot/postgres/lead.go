package postgres

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
)

var _ delivery.Leader = (*Store)(nil)

// leadCheck is how often a leader checks that its lock's connection lives.
const leadCheck = 2 * time.Second

// Lead makes this replica the one that sends for a platform: it holds a
// session advisory lock on a connection of its own, retrying every few
// seconds while another replica holds it. If that connection dies, the
// lock is gone and lost is closed; another replica takes over.
func (s *Store) Lead(ctx context.Context, platform string) (<-chan struct{}, func(), error) {
	h := fnv.New64a()
	h.Write([]byte("calmnights sender " + platform))
	key := int64(h.Sum64())
	for {
		conn, err := s.pool.Acquire(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("lead: %w", err)
		}
		var got bool
		if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil {
			conn.Release()
			return nil, nil, fmt.Errorf("lead: %w", err)
		}
		if got {
			lost := make(chan struct{})
			done := make(chan struct{})
			var once bool
			go func() {
				t := time.NewTicker(leadCheck)
				defer t.Stop()
				for {
					select {
					case <-done:
						return
					case <-t.C:
						if err := conn.Ping(context.Background()); err != nil {
							close(lost)
							<-done
							return
						}
					}
				}
			}()
			release := func() {
				if once {
					return
				}
				once = true
				close(done)
				_, _ = conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, key)
				conn.Release()
			}
			return lost, release, nil
		}
		conn.Release()
		select {
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		case <-time.After(leadCheck):
		}
	}
}
