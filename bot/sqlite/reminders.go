package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/reminders"
)

var _ reminders.Store = (*Store)(nil)

const reminderColumns = `r.id, r.user_id, r.kind, r.spec, r.mode, r.every_hours, r.enabled, r.one_off, r.next_due`

// scanReminder reads reminderColumns.
func scanReminder(row rowScanner) (reminders.Reminder, error) {
	r, dest := reminderDest()
	if err := row.Scan(dest...); err != nil {
		return reminders.Reminder{}, fmt.Errorf("read reminder: %w", err)
	}
	return r.finish(), nil
}

// reminderRow holds a reminder being scanned.
type reminderRow struct {
	r       reminders.Reminder
	kind    string
	mode    string
	nextDue sql.NullInt64
}

func reminderDest() (*reminderRow, []any) {
	x := &reminderRow{}
	return x, []any{&x.r.ID, &x.r.UserID, &x.kind, &x.r.Spec, &x.mode, &x.r.EveryHours, &x.r.Enabled, &x.r.OneOff, &x.nextDue}
}

func (x *reminderRow) finish() reminders.Reminder {
	x.r.Kind, x.r.Mode = reminders.Kind(x.kind), reminders.Mode(x.mode)
	if x.nextDue.Valid {
		x.r.NextDue = time.Unix(x.nextDue.Int64, 0).UTC()
	}
	return x.r
}

// Reminders returns the user's reminders, recurring ones first.
func (s *Store) Reminders(ctx context.Context, userID string) ([]reminders.Reminder, error) {
	return queryReminders(ctx, s.rd(ctx), userID)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func queryReminders(ctx context.Context, q querier, userID string) ([]reminders.Reminder, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+reminderColumns+` FROM reminders r WHERE r.user_id = ? ORDER BY r.one_off, r.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("read reminders: %w", err)
	}
	defer rows.Close()
	var out []reminders.Reminder
	for rows.Next() {
		r, err := scanReminder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read reminders: %w", err)
	}
	return out, nil
}

// UpdateReminders changes a user and their reminders in one transaction.
func (s *Store) UpdateReminders(ctx context.Context, userID string, fn func(*bot.User, []reminders.Reminder) ([]reminders.Reminder, error)) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, userID))
		if err != nil {
			return err
		}
		rs, err := queryReminders(ctx, tx, userID)
		if err != nil {
			return err
		}
		out, err := fn(&u, rs)
		if err != nil {
			return err
		}
		if err := saveUser(ctx, tx, u); err != nil {
			return err
		}
		now := time.Now().Unix()
		for _, r := range out {
			if r.UserID != userID {
				return fmt.Errorf("save reminder: it belongs to another user")
			}
			if r.ID == 0 {
				_, err = tx.ExecContext(ctx, `
					INSERT INTO reminders (user_id, kind, spec, mode, every_hours, enabled, one_off, next_due, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					r.UserID, string(r.Kind), r.Spec, string(r.Mode), r.EveryHours, r.Enabled, r.OneOff, dueValue(r.NextDue), now)
			} else {
				_, err = tx.ExecContext(ctx, `
					UPDATE reminders SET spec = ?, mode = ?, every_hours = ?, enabled = ?, next_due = ?
					WHERE id = ? AND user_id = ?`,
					r.Spec, string(r.Mode), r.EveryHours, r.Enabled, dueValue(r.NextDue), r.ID, userID)
			}
			if err != nil {
				return fmt.Errorf("save reminder: %w", err)
			}
		}
		return nil
	})
}

// DeleteReminder removes one reminder row of the user.
func (s *Store) DeleteReminder(ctx context.Context, userID string, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM reminders WHERE id = ? AND user_id = ?`, id, userID); err != nil {
			return fmt.Errorf("delete reminder: %w", err)
		}
		return nil
	})
}

func dueValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
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
	err := s.write(ctx, func(tx *sql.Tx) error {
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
	rows, err := s.rd(ctx).QueryContext(ctx, `
		SELECT r.id, r.user_id, r.kind, r.spec, r.one_off, r.next_due,
			u.platform, u.chat_id, u.time_zone, u.bedtime, u.wake_time, u.quiet_start, u.quiet_end
		FROM reminders r JOIN users u ON u.id = r.user_id
		WHERE r.next_due IS NOT NULL AND r.next_due <= ?
		ORDER BY r.next_due LIMIT ?`, now.Unix(), limit)
	if err != nil {
		return fmt.Errorf("find due reminders: %w", err)
	}
	defer rows.Close()
	chunk := make([]claim, 0, claimChunk)
	for rows.Next() {
		d, err := scanDue(rows)
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

// scanDue reads one due reminder with the user fields a decision needs.
func scanDue(row rowScanner) (reminders.Due, error) {
	var (
		d                               reminders.Due
		kind                            string
		next                            int64
		bed, wake, quietStart, quietEnd sql.NullInt64
	)
	err := row.Scan(&d.Reminder.ID, &d.Reminder.UserID, &kind, &d.Reminder.Spec, &d.Reminder.OneOff, &next,
		&d.User.Platform, &d.User.ChatID, &d.User.TimeZone, &bed, &wake, &quietStart, &quietEnd)
	if err != nil {
		return reminders.Due{}, fmt.Errorf("read due reminder: %w", err)
	}
	d.Reminder.Kind, d.Reminder.NextDue, d.Reminder.Enabled = reminders.Kind(kind), time.Unix(next, 0).UTC(), true
	d.User.ID = d.Reminder.UserID
	d.User.Bedtime, d.User.WakeTime = clockPtr(bed), clockPtr(wake)
	d.User.QuietStart, d.User.QuietEnd = clockPtr(quietStart), clockPtr(quietEnd)
	return d, nil
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
			advance = append(advance, r.ID, r.NextDue.Unix(), dueValue(c.next))
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
			FROM (VALUES `+placeholders(len(advance)/3, "(?, ?, ?)")+`) AS v
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
			DELETE FROM reminders WHERE (id, next_due) IN (VALUES `+placeholders(len(remove)/2, "(?, ?)")+`)
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
			VALUES `+placeholders(len(outbox)/8, "(?, ?, ?, ?, ?, ?, 'pending', ?, ?)")+`
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

// placeholders repeats one row of parameters n times, comma-separated.
func placeholders(n int, row string) string {
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// PauseEnded returns users whose pause is over by now.
func (s *Store) PauseEnded(ctx context.Context, now time.Time, limit int) ([]string, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT id FROM users WHERE paused_until IS NOT NULL AND paused_until <= ? LIMIT ?`, now.Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("find ended pauses: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("find ended pauses: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

const deliveryColumns = `id, COALESCE(reminder_id, 0), user_id, kind, platform, chat_id, due_at, state, attempts`

func scanDelivery(row rowScanner) (reminders.Delivery, error) {
	var (
		d           reminders.Delivery
		kind, state string
		due         int64
	)
	if err := row.Scan(&d.ID, &d.ReminderID, &d.UserID, &kind, &d.Platform, &d.ChatID, &due, &state, &d.Attempts); err != nil {
		return reminders.Delivery{}, fmt.Errorf("read delivery: %w", err)
	}
	d.Kind, d.State, d.DueAt = reminders.Kind(kind), reminders.State(state), time.Unix(due, 0).UTC()
	return d, nil
}

func collectDeliveries(rows *sql.Rows, err error) ([]reminders.Delivery, error) {
	if err != nil {
		return nil, fmt.Errorf("read deliveries: %w", err)
	}
	defer rows.Close()
	var out []reminders.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// StopUser turns off all the user's reminders and cancels what is pending.
func (s *Store) StopUser(ctx context.Context, userID string) (bool, error) {
	changed := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		var total int64
		for _, q := range []string{
			`UPDATE reminders SET enabled = 0, next_due = NULL WHERE user_id = ? AND one_off = 0 AND (enabled = 1 OR next_due IS NOT NULL)`,
			`DELETE FROM reminders WHERE user_id = ? AND one_off = 1`,
			`UPDATE outbox SET state = 'cancelled', note = 'recipient cannot be messaged', body = NULL, meta = NULL WHERE state = 'pending' AND user_id = ?`,
		} {
			res, err := tx.ExecContext(ctx, q, userID)
			if err != nil {
				return fmt.Errorf("stop reminders: %w", err)
			}
			n, _ := res.RowsAffected()
			total += n
		}
		changed = total > 0
		return nil
	})
	return changed, err
}

// PruneDeliveries deletes finished deliveries older than before.
func (s *Store) PruneDeliveries(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE state NOT IN ('pending', 'sending') AND updated_at < ? AND reminder_id IS NOT NULL`, before.Unix())
		if err != nil {
			return fmt.Errorf("prune deliveries: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}

// DeliveriesInState returns every delivery in a state; for tests and
// operators (it is not used on a hot path).
func (s *Store) DeliveriesInState(ctx context.Context, st reminders.State) ([]reminders.Delivery, error) {
	return collectDeliveries(s.rd(ctx).QueryContext(ctx, `SELECT `+deliveryColumns+` FROM outbox WHERE state = ? ORDER BY id`, string(st)))
}
