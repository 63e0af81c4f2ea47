-- Users, one per platform identity, and the state of their conversations.
-- Times are Unix seconds (UTC) in bigint columns, as in the SQLite store,
-- so the two schemas copy into each other column by column; times of day
-- are minutes after midnight.

CREATE TABLE users (
    id          text PRIMARY KEY,              -- "tg:123", "dc:456", "console:local"
    platform    text NOT NULL,
    chat_id     text NOT NULL DEFAULT '',      -- their private chat
    time_zone   text NOT NULL DEFAULT '',      -- IANA name, '' until known
    bedtime     integer CHECK (bedtime BETWEEN 0 AND 1439),
    wake_time   integer CHECK (wake_time BETWEEN 0 AND 1439),
    consent_at  bigint,                        -- NULL: no consent to health notes
    created_at  bigint NOT NULL,
    updated_at  bigint NOT NULL
);

CREATE TABLE conversations (
    user_id     text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    flow        text NOT NULL,
    step        integer NOT NULL,
    data        text NOT NULL DEFAULT '{}',    -- JSON object of strings
    updated_at  bigint NOT NULL
);
