package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/sqlstore"
	"github.com/calmnights/calmnights/reminders"
)

// The claims are SQLite's own: one writer, so reading and deciding run on
// the read-only pool while the writer applies, and no row locks.

// ClaimUpdates leases the oldest waiting update of each chat not leased.
func (s *Store) ClaimUpdates(ctx context.Context, platform string, lease time.Duration, limit int) ([]delivery.Update, error) {
	var out []delivery.Update
	err := s.Atomic(ctx, func(ctx context.Context) error {
		tx, _ := sqlstore.Tx(ctx, s.Store)
		out = nil
		now := time.Now()
		rows, err := tx.QueryContext(ctx, `
			UPDATE inbox SET lease_until = ?
			WHERE platform = ? AND id IN (
				SELECT i.id FROM inbox i
				WHERE i.platform = ? AND i.state = 'pending' AND i.lease_until <= ?
				  AND i.id = (SELECT MIN(j.id) FROM inbox j WHERE j.platform = i.platform AND j.chat_key = i.chat_key AND j.state = 'pending')
				ORDER BY i.id LIMIT ?)
			RETURNING id, chat_key, payload`,
			now.Add(lease).UnixMilli(), platform, platform, now.UnixMilli(), limit)
		if err != nil {
			return fmt.Errorf("claim updates: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var u delivery.Update
			if err := rows.Scan(&u.ID, &u.ChatKey, &u.Payload); err != nil {
				return fmt.Errorf("claim updates: %w", err)
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

// ClaimDue claims due reminders and applies decide's decisions: advance or
// remove each, and write its outbox row. Reading and deciding run on the
// read-only pool while the single writer applies the previous chunk, so
// the two cores overlap; every write is guarded by the next due time that
// was read (a reminder changed meanwhile, say turned off, is left alone and
// claimed at a later tick), and a claim's outbox row is written in the
// same transaction that advances it.
func (s *Store) ClaimDue(ctx context.Context, now time.Time, limit int, decide func(reminders.Due) reminders.Decision) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []claim, 2)
	readErr := make(chan error, 1)
	go func() {
		defer close(chunks)
		readErr <- s.readDue(ctx, now, limit, decide, chunks)
	}()
	first, ok := <-chunks
	if !ok { // nothing due: no write transaction at all
		return 0, <-readErr
	}
	claimed := 0
	err := s.Atomic(ctx, func(ctx context.Context) error {
		tx, _ := sqlstore.Tx(ctx, s.Store)
		stmts := stmtCache{tx: tx, ctx: ctx, byText: map[string]*sql.Stmt{}}
		defer stmts.close()
		n, err := applyClaims(&stmts, first, now)
		if err != nil {
			return err
		}
		claimed += n
		for chunk := range chunks {
			n, err := applyClaims(&stmts, chunk, now)
			if err != nil {
				return err
			}
			claimed += n
		}
		return <-readErr
	})
	if err != nil {
		cancel()
		for range chunks { // let the reader finish
		}
		return 0, err
	}
	return claimed, nil
}

// readDue reads up to limit due reminders, decides each, and sends the
// claims on in chunks.
func (s *Store) readDue(ctx context.Context, now time.Time, limit int, decide func(reminders.Due) reminders.Decision, out chan<- []claim) error {
	rows, err := sqlstore.Reads(ctx, s.Store).QueryContext(ctx, `
		SELECT `+sqlstore.DueColumns+`
		FROM reminders r JOIN users u ON u.id = r.user_id
		WHERE r.next_due IS NOT NULL AND r.next_due <= ?
		ORDER BY r.next_due LIMIT ?`, now.Unix(), limit)
	if err != nil {
		return fmt.Errorf("find due reminders: %w", err)
	}
	defer rows.Close()
	chunk := make([]claim, 0, claimChunk)
	for rows.Next() {
		d, err := sqlstore.ScanDue(rows)
		if err != nil {
			return err
		}
		dec := decide(d)
		chunk = append(chunk, claim{due: d, next: dec.Next, deliver: dec.Deliver})
		if len(chunk) == claimChunk {
			select {
			case out <- chunk:
			case <-ctx.Done():
				return ctx.Err()
			}
			chunk = make([]claim, 0, claimChunk)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find due reminders: %w", err)
	}
	if len(chunk) > 0 {
		select {
		case out <- chunk:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// claim is one due reminder with the tick's decision.
type claim struct {
	due           reminders.Due
	next, deliver time.Time
}

// claimChunk is how many claims one statement carries (each outbox row
// takes eight parameters; SQLite allows 32766).
const claimChunk = 1000

// applyClaims writes one chunk of decisions with multi-row statements:
// first the guarded advance (or removal, for one-offs) of each reminder,
// which returns the ones still as they were read, then the outbox rows of
// exactly those. It returns how many were claimed.
func applyClaims(stmts *stmtCache, chunk []claim, now time.Time) (int, error) {
	var advance, remove []any
	for _, c := range chunk {
		r := c.due.Reminder
		if r.OneOff {
			remove = append(remove, r.ID, r.NextDue.Unix())
		} else {
			advance = append(advance, r.ID, r.NextDue.Unix(), sqlstore.DueValue(c.next))
		}
	}
	claimed := map[int64]bool{}
	collect := func(rows *sql.Rows) error {
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			claimed[id] = true
		}
		return rows.Err()
	}
	if len(advance) > 0 {
		rows, err := stmts.query(`
			UPDATE reminders SET next_due = v.column3
			FROM (VALUES `+sqlstore.Rows(len(advance)/3, "(?, ?, ?)")+`) AS v
			WHERE reminders.id = v.column1 AND reminders.next_due = v.column2
			RETURNING reminders.id`, advance)
		if err == nil {
			err = collect(rows)
		}
		if err != nil {
			return 0, fmt.Errorf("advance reminders: %w", err)
		}
	}
	if len(remove) > 0 {
		rows, err := stmts.query(`
			DELETE FROM reminders WHERE (id, next_due) IN (VALUES `+sqlstore.Rows(len(remove)/2, "(?, ?)")+`)
			RETURNING id`, remove)
		if err == nil {
			err = collect(rows)
		}
		if err != nil {
			return 0, fmt.Errorf("remove claimed one-offs: %w", err)
		}
	}
	var outbox []any
	for _, c := range chunk {
		r, u := c.due.Reminder, c.due.User
		if !c.deliver.IsZero() && claimed[r.ID] {
			outbox = append(outbox, r.ID, r.UserID, string(r.Kind), u.Platform, u.ChatID, c.deliver.Unix(), now.Unix(), now.Unix())
		}
	}
	if len(outbox) > 0 {
		err := stmts.exec(`
			INSERT INTO outbox (reminder_id, user_id, kind, platform, chat_id, due_at, state, next_attempt, updated_at)
			VALUES `+sqlstore.Rows(len(outbox)/8, "(?, ?, ?, ?, ?, ?, 'pending', ?, ?)")+`
			ON CONFLICT (reminder_id, due_at) DO NOTHING`, outbox)
		if err != nil {
			return 0, fmt.Errorf("write outbox: %w", err)
		}
	}
	return len(claimed), nil
}

// stmtCache prepares each distinct statement once per transaction: the
// multi-row statements are long, and parsing them for every chunk cost a
// tenth of the claim.
type stmtCache struct {
	ctx    context.Context
	tx     *sql.Tx
	byText map[string]*sql.Stmt
}

func (c *stmtCache) prepared(query string) (*sql.Stmt, error) {
	if st, ok := c.byText[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(c.ctx, query)
	if err != nil {
		return nil, err
	}
	c.byText[query] = st
	return st, nil
}

func (c *stmtCache) exec(query string, args []any) error {
	st, err := c.prepared(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(c.ctx, args...)
	return err
}

func (c *stmtCache) query(query string, args []any) (*sql.Rows, error) {
	st, err := c.prepared(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(c.ctx, args...)
}

func (c *stmtCache) close() {
	for _, st := range c.byText {
		st.Close()
	}
}
