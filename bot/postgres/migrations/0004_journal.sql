-- The journal: one row per night (keyed by the local date of the morning
-- it ended) and the water drunk per local day. Both only ever hold data of
-- users who consented to health notes.

CREATE TABLE nights (
    user_id       text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    night         text NOT NULL,                 -- YYYY-MM-DD, the morning it ended
    severity      integer NOT NULL CHECK (severity BETWEEN 0 AND 10),
    woke          boolean,
    late_caffeine boolean,
    stretched     boolean,
    note          text NOT NULL DEFAULT '',
    logged_at     bigint NOT NULL,
    PRIMARY KEY (user_id, night)
);

CREATE TABLE water (
    user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day     text NOT NULL,                       -- YYYY-MM-DD, local
    ml      integer NOT NULL CHECK (ml >= 0),
    PRIMARY KEY (user_id, day)
);
