-- One pipeline for replies and reminders. The inbox leases updates to the
-- process handling them and keeps only platform and id once handled; the
-- outbox holds replies (their content until sent) as well as reminders
-- (composed when sent), drained per chat in order.

CREATE TABLE inbox_new (
    platform    TEXT NOT NULL,
    id          INTEGER NOT NULL,              -- the platform's update id
    chat_key    TEXT NOT NULL,                 -- '' once handled
    payload     BLOB,                          -- NULL once handled
    state       TEXT NOT NULL CHECK (state IN ('pending', 'done', 'dropped', 'started', 'unknown')),
    lease_until INTEGER NOT NULL DEFAULT 0,    -- Unix ms; the claim of the process handling it
    received_at INTEGER NOT NULL,
    PRIMARY KEY (platform, id)
) STRICT, WITHOUT ROWID;
INSERT INTO inbox_new (platform, id, chat_key, payload, state, received_at)
    SELECT platform, id, CASE state WHEN 'pending' THEN chat_key ELSE '' END, payload, state, received_at FROM inbox;
DROP TABLE inbox;
ALTER TABLE inbox_new RENAME TO inbox;
CREATE INDEX inbox_pending ON inbox (platform, chat_key, id) WHERE state = 'pending';
CREATE INDEX inbox_finished ON inbox (received_at) WHERE state <> 'pending';

CREATE TABLE outbox_new (
    id           INTEGER PRIMARY KEY,
    platform     TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    user_id      TEXT NOT NULL DEFAULT '',      -- whose reminder; '' for replies
    kind         TEXT NOT NULL,                 -- 'reply' or the reminder's kind
    reminder_id  INTEGER,                       -- NULL for replies; no foreign key: a one-off is gone once claimed
    due_at       INTEGER NOT NULL,
    body         BLOB,                          -- a reply as JSON; NULL for reminders and once finished
    meta         BLOB,                          -- the front door's addressing; NULL once finished
    part         INTEGER NOT NULL DEFAULT 0,    -- the reply's place among its update's replies
    state        TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'unknown', 'cancelled')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    updated_at   INTEGER NOT NULL,
    UNIQUE (reminder_id, due_at)
) STRICT;
INSERT INTO outbox_new (id, platform, chat_id, user_id, kind, reminder_id, due_at, state, attempts, next_attempt, note, updated_at)
    SELECT id, platform, chat_id, user_id, kind, reminder_id, due_at, CASE state WHEN 'sending' THEN 'pending' ELSE state END,
        attempts, next_attempt, note, updated_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_chat ON outbox (platform, chat_id, id) WHERE state = 'pending';
CREATE INDEX outbox_finished ON outbox (updated_at) WHERE state NOT IN ('pending', 'sending');
CREATE INDEX outbox_user ON outbox (user_id) WHERE user_id <> '';
