-- The journal: one row per night (keyed by the local date of the morning
-- it ended) and the water drunk per local day. Both only ever hold data of
-- users who consented to health notes.

CREATE TABLE nights (
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    night         TEXT NOT NULL,                 -- YYYY-MM-DD, the morning it ended
    severity      INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 10),
    woke          INTEGER CHECK (woke IN (0, 1)),
    late_caffeine INTEGER CHECK (late_caffeine IN (0, 1)),
    stretched     INTEGER CHECK (stretched IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    logged_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, night)
) STRICT, WITHOUT ROWID;

CREATE TABLE water (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day     TEXT NOT NULL,                       -- YYYY-MM-DD, local
    ml      INTEGER NOT NULL CHECK (ml >= 0),
    PRIMARY KEY (user_id, day)
) STRICT, WITHOUT ROWID;
