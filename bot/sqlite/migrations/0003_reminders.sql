-- Reminders: one row per recurring reminder of a user (and one per
-- snooze), holding its cron spec in the user's zone and its next due time
-- in UTC; and the outbox of deliveries the tick has claimed.

ALTER TABLE users ADD COLUMN quiet_start INTEGER CHECK (quiet_start BETWEEN 0 AND 1439);  -- NULL: bedtime
ALTER TABLE users ADD COLUMN quiet_end INTEGER CHECK (quiet_end BETWEEN 0 AND 1439);      -- NULL: wake time
ALTER TABLE users ADD COLUMN paused_until INTEGER;                                          -- NULL: not paused
CREATE INDEX users_pause_ends ON users (paused_until) WHERE paused_until IS NOT NULL;

CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    spec        TEXT NOT NULL,                 -- cron, five fields, user's local time; '' for a one-off
    mode        TEXT NOT NULL CHECK (mode IN ('auto', 'every', 'custom')),
    every_hours INTEGER NOT NULL DEFAULT 0,
    enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    one_off     INTEGER NOT NULL DEFAULT 0 CHECK (one_off IN (0, 1)),
    next_due    INTEGER,                       -- Unix seconds; NULL: not scheduled
    created_at  INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX reminders_one_per_kind ON reminders (user_id, kind) WHERE one_off = 0;
CREATE INDEX reminders_due ON reminders (next_due) WHERE next_due IS NOT NULL;

CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    reminder_id  INTEGER NOT NULL,             -- no foreign key: a one-off is gone once claimed
    user_id      TEXT NOT NULL,                 -- no foreign key: checking it cost a tenth of a claim; deleting a user deletes these too
    kind         TEXT NOT NULL,
    platform     TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    due_at       INTEGER NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'unknown', 'cancelled')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    updated_at   INTEGER NOT NULL,
    UNIQUE (reminder_id, due_at)
) STRICT;
CREATE INDEX outbox_ready ON outbox (platform, next_attempt) WHERE state = 'pending';
CREATE INDEX outbox_finished ON outbox (updated_at) WHERE state NOT IN ('pending', 'sending');
