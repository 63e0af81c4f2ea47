-- Users, one per platform identity, and the state of their conversations.
-- Times are Unix seconds (UTC); times of day are minutes after midnight.

CREATE TABLE users (
    id          TEXT PRIMARY KEY,              -- "tg:123", "dc:456", "console:local"
    platform    TEXT NOT NULL,
    chat_id     TEXT NOT NULL DEFAULT '',      -- their private chat
    time_zone   TEXT NOT NULL DEFAULT '',      -- IANA name, '' until known
    bedtime     INTEGER CHECK (bedtime BETWEEN 0 AND 1439),
    wake_time   INTEGER CHECK (wake_time BETWEEN 0 AND 1439),
    consent_at  INTEGER,                       -- NULL: no consent to health notes
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE conversations (
    user_id     TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    flow        TEXT NOT NULL,
    step        INTEGER NOT NULL,
    data        TEXT NOT NULL DEFAULT '{}',    -- JSON object of strings
    updated_at  INTEGER NOT NULL
) STRICT;
