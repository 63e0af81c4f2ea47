-- One pipeline for replies and reminders (as in SQLite's 0006). The inbox
-- leases updates to the replica handling them and keeps only platform and
-- id once handled; the outbox holds replies (their content until sent) as
-- well as reminders (composed when sent), drained per chat in order.

ALTER TABLE inbox DROP CONSTRAINT IF EXISTS inbox_state_check;
ALTER TABLE inbox ADD CONSTRAINT inbox_state_check CHECK (state IN ('pending', 'done', 'dropped', 'started', 'unknown'));
ALTER TABLE inbox ADD COLUMN lease_until bigint NOT NULL DEFAULT 0;  -- Unix ms; the claim of the replica handling it
UPDATE inbox SET chat_key = '', payload = NULL WHERE state <> 'pending';
DROP INDEX IF EXISTS inbox_pending;
CREATE INDEX inbox_pending ON inbox (platform, chat_key, id) WHERE state = 'pending';
CREATE INDEX inbox_finished ON inbox (received_at) WHERE state <> 'pending';

ALTER TABLE outbox ALTER COLUMN reminder_id DROP NOT NULL;           -- NULL for replies
ALTER TABLE outbox ALTER COLUMN user_id SET DEFAULT '';
ALTER TABLE outbox ADD COLUMN body bytea;                            -- a reply as JSON; NULL for reminders and once finished
ALTER TABLE outbox ADD COLUMN meta bytea;                            -- the front door's addressing; NULL once finished
ALTER TABLE outbox ADD COLUMN part integer NOT NULL DEFAULT 0;       -- the reply's place among its update's replies
UPDATE outbox SET state = 'pending' WHERE state = 'sending';
CREATE INDEX outbox_chat ON outbox (platform, chat_id, id) WHERE state = 'pending';
-- The sender reads each chat's first waiting message (outbox_chat), not
-- the next attempts of a platform: outbox_ready only cost a write per row.
-- Replies carry no user, so the by-user index covers reminders only.
DROP INDEX IF EXISTS outbox_ready;
DROP INDEX IF EXISTS outbox_by_user;
CREATE INDEX outbox_user ON outbox (user_id) WHERE user_id <> '';
