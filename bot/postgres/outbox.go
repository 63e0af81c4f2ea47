package postgres

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/reminders"
)

var (
	_ delivery.Store  = (*Store)(nil)
	_ delivery.Leader = (*Store)(nil)
)

// AcceptUpdates stores the updates not seen before; past perChat waiting
// updates in a chat, a new one is remembered but dropped.
func (s *Store) AcceptUpdates(ctx context.Context, platform string, us []delivery.Update, perChat int) (int, []string, error) {
	var (
		fresh   int
		flooded []string
	)
	err := s.Atomic(ctx, func(ctx context.Context) error {
		fresh, flooded = 0, nil
		seen := map[string]bool{}
		now := time.Now().Unix()
		for _, u := range us {
			state, chat, payload := "pending", u.ChatKey, u.Payload
			if perChat > 0 {
				var waiting int
				if err := s.q(ctx).QueryRow(ctx, `SELECT COUNT(*) FROM inbox WHERE platform = $1 AND chat_key = $2 AND state = 'pending'`,
					platform, u.ChatKey).Scan(&waiting); err != nil {
					return fmt.Errorf("count waiting updates: %w", err)
				}
				if waiting >= perChat {
					state, chat, payload = "dropped", "", nil
				}
			}
			tag, err := s.q(ctx).Exec(ctx, `
				INSERT INTO inbox (platform, id, chat_key, payload, state, received_at) VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (platform, id) DO NOTHING`, platform, u.ID, chat, payload, state, now)
			if err != nil {
				return fmt.Errorf("store update: %w", err)
			}
			if tag.RowsAffected() > 0 {
				fresh++
				if state == "dropped" && !seen[u.ChatKey] {
					seen[u.ChatKey] = true
					flooded = append(flooded, u.ChatKey)
				}
			}
		}
		return nil
	})
	return fresh, flooded, err
}

// ClaimUpdates leases the oldest waiting update of each chat whose oldest
// is not leased. Several replicas claim at once: the rows are locked with
// SKIP LOCKED and the lease and state are checked again on the locked row,
// so no update is claimed twice.
func (s *Store) ClaimUpdates(ctx context.Context, platform string, lease time.Duration, limit int) ([]delivery.Update, error) {
	now := time.Now()
	rows, err := s.q(ctx).Query(ctx, `
		WITH heads AS (
			SELECT DISTINCT ON (chat_key) id FROM inbox
			WHERE platform = $1 AND state = 'pending'
			ORDER BY chat_key, id
		), picked AS (
			SELECT i.platform, i.id FROM inbox i JOIN heads h ON i.id = h.id
			WHERE i.platform = $1 AND i.state = 'pending' AND i.lease_until <= $2
			ORDER BY i.id LIMIT $3
			FOR UPDATE OF i SKIP LOCKED
		)
		UPDATE inbox SET lease_until = $4 FROM picked
		WHERE inbox.platform = picked.platform AND inbox.id = picked.id
		RETURNING inbox.id, inbox.chat_key, inbox.payload`,
		platform, now.UnixMilli(), limit, now.Add(lease).UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("claim updates: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (delivery.Update, error) {
		var u delivery.Update
		err := r.Scan(&u.ID, &u.ChatKey, &u.Payload)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("claim updates: %w", err)
	}
	return out, nil
}

// ReleaseUpdates ends every lease of the platform. Only for a deployment
// of one process: with replicas, a lease ends by timing out.
func (s *Store) ReleaseUpdates(ctx context.Context, platform string) error {
	if _, err := s.q(ctx).Exec(ctx, `UPDATE inbox SET lease_until = 0 WHERE platform = $1 AND state = 'pending' AND lease_until <> 0`, platform); err != nil {
		return fmt.Errorf("release updates: %w", err)
	}
	return nil
}

// FinishUpdate marks an update handled, keeping only platform and id.
func (s *Store) FinishUpdate(ctx context.Context, platform string, id int64) error {
	if _, err := s.q(ctx).Exec(ctx, `UPDATE inbox SET state = 'done', payload = NULL, chat_key = '', lease_until = 0 WHERE platform = $1 AND id = $2`, platform, id); err != nil {
		return fmt.Errorf("finish update: %w", err)
	}
	return nil
}

// PruneUpdates forgets handled updates received before the time.
func (s *Store) PruneUpdates(ctx context.Context, before time.Time) error {
	if _, err := s.q(ctx).Exec(ctx, `DELETE FROM inbox WHERE state <> 'pending' AND received_at < $1`, before.Unix()); err != nil {
		return fmt.Errorf("prune inbox: %w", err)
	}
	return nil
}

// WaitingUpdates counts the updates not yet handled.
func (s *Store) WaitingUpdates(ctx context.Context) (int, error) {
	var n int
	if err := s.q(ctx).QueryRow(ctx, `SELECT COUNT(*) FROM inbox WHERE state = 'pending'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count inbox: %w", err)
	}
	return n, nil
}

// Enqueue adds messages to the outbox in order.
func (s *Store) Enqueue(ctx context.Context, ms []delivery.Message) error {
	if len(ms) == 0 {
		return nil
	}
	now := time.Now().Unix()
	batch := &pgx.Batch{}
	for _, m := range ms {
		row, err := delivery.EncodeRow(m, time.Unix(now, 0))
		if err != nil {
			return err
		}
		batch.Queue(`
			INSERT INTO outbox (platform, chat_id, user_id, kind, reminder_id, due_at, body, meta, part, state, next_attempt, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $10)`,
			m.Platform, m.ChatID, m.UserID, m.Kind, row.Reminder, row.Due, row.Body, m.Meta, m.Part, now)
	}
	if err := s.q(ctx).SendBatch(ctx, batch).Close(); err != nil {
		return fmt.Errorf("queue messages: %w", err)
	}
	return nil
}

// OutboxHeads returns the first waiting message of each chat that may go.
func (s *Store) OutboxHeads(ctx context.Context, platform string, now time.Time, limit int) ([]delivery.Message, error) {
	rows, err := s.q(ctx).Query(ctx, `
		SELECT id, platform, chat_id, user_id, kind, reminder_id, due_at, body, meta, part, attempts FROM (
			SELECT DISTINCT ON (chat_id) id, platform, chat_id, user_id, kind, COALESCE(reminder_id, 0) AS reminder_id,
				due_at, body, meta, part, attempts, next_attempt
			FROM outbox WHERE platform = $1 AND state = 'pending'
			ORDER BY chat_id, id
		) h WHERE next_attempt <= $2 ORDER BY id LIMIT $3`, platform, now.Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (delivery.Message, error) {
		var (
			m    delivery.Message
			due  int64
			body []byte
		)
		if err := r.Scan(&m.ID, &m.Platform, &m.ChatID, &m.UserID, &m.Kind, &m.ReminderID, &due, &body, &m.Meta, &m.Part, &m.Attempts); err != nil {
			return m, err
		}
		if err := delivery.DecodeRow(&m, due, body); err != nil {
			return m, err
		}
		return m, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	return out, nil
}

// FinishMessage records a message's outcome: a reply is deleted, a
// reminder keeps its row without content until it is pruned.
func (s *Store) FinishMessage(ctx context.Context, id int64, state, note string) error {
	_, err := s.q(ctx).Exec(ctx, `
		WITH gone AS (DELETE FROM outbox WHERE id = $1 AND reminder_id IS NULL RETURNING id)
		UPDATE outbox SET state = $2, note = $3, body = NULL, meta = NULL, attempts = attempts + 1, updated_at = $4
		WHERE id = $1 AND reminder_id IS NOT NULL`, id, state, note, time.Now().Unix())
	if err != nil {
		return fmt.Errorf("finish message: %w", err)
	}
	return nil
}

// RetryMessage puts a message back to wait until at.
func (s *Store) RetryMessage(ctx context.Context, id int64, at time.Time, attempts int, note string) error {
	if _, err := s.q(ctx).Exec(ctx, `UPDATE outbox SET next_attempt = $1, attempts = $2, note = $3, updated_at = $4 WHERE id = $5`,
		at.Unix(), attempts, note, time.Now().Unix(), id); err != nil {
		return fmt.Errorf("retry message: %w", err)
	}
	return nil
}

// CancelChat cancels every waiting message to a chat.
func (s *Store) CancelChat(ctx context.Context, platform, chatID string) error {
	_, err := s.q(ctx).Exec(ctx, `
		WITH gone AS (DELETE FROM outbox WHERE platform = $1 AND chat_id = $2 AND state = 'pending' AND reminder_id IS NULL RETURNING id)
		UPDATE outbox SET state = 'cancelled', note = 'recipient cannot be messaged', body = NULL, meta = NULL, updated_at = $3
		WHERE platform = $1 AND chat_id = $2 AND state = 'pending' AND reminder_id IS NOT NULL`, platform, chatID, time.Now().Unix())
	if err != nil {
		return fmt.Errorf("cancel chat: %w", err)
	}
	return nil
}

// WaitingMessages counts the messages not yet sent.
func (s *Store) WaitingMessages(ctx context.Context) (int, error) {
	var n int
	if err := s.q(ctx).QueryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE state = 'pending'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count outbox: %w", err)
	}
	return n, nil
}

// PruneDeliveries deletes finished reminder rows older than before.
func (s *Store) PruneDeliveries(ctx context.Context, before time.Time) (int64, error) {
	tag, err := s.q(ctx).Exec(ctx, `DELETE FROM outbox WHERE state NOT IN ('pending', 'sending') AND updated_at < $1 AND reminder_id IS NOT NULL`, before.Unix())
	if err != nil {
		return 0, fmt.Errorf("prune deliveries: %w", err)
	}
	return tag.RowsAffected(), nil
}

// DeliveriesInState returns every reminder delivery in a state; for tests
// and operators.
func (s *Store) DeliveriesInState(ctx context.Context, st reminders.State) ([]reminders.Delivery, error) {
	rows, err := s.q(ctx).Query(ctx, `
		SELECT id, COALESCE(reminder_id, 0), user_id, kind, platform, chat_id, due_at, state, attempts
		FROM outbox WHERE state = $1 AND reminder_id IS NOT NULL ORDER BY id`, string(st))
	if err != nil {
		return nil, fmt.Errorf("read deliveries: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (reminders.Delivery, error) {
		var (
			d           reminders.Delivery
			kind, state string
			due         int64
		)
		err := r.Scan(&d.ID, &d.ReminderID, &d.UserID, &kind, &d.Platform, &d.ChatID, &due, &state, &d.Attempts)
		d.Kind, d.State, d.DueAt = reminders.Kind(kind), reminders.State(state), time.Unix(due, 0).UTC()
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("read deliveries: %w", err)
	}
	return out, nil
}

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
