-- Medicines and supplements (the user's list and every logged dose) and
-- iron test results (issue 15). Names and doses are the user's own words.

CREATE TABLE medicines (
    id       INTEGER PRIMARY KEY,
    user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name     TEXT NOT NULL COLLATE NOCASE,
    dose     TEXT NOT NULL DEFAULT '',
    added_at INTEGER NOT NULL,
    UNIQUE (user_id, name)
) STRICT;

CREATE TABLE doses (
    id       INTEGER PRIMARY KEY,
    user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    dose     TEXT NOT NULL DEFAULT '',
    taken_at INTEGER NOT NULL,                   -- unix seconds, UTC
    day      TEXT NOT NULL                       -- YYYY-MM-DD, local
) STRICT;
CREATE INDEX doses_by_user_day ON doses (user_id, day);

CREATE TABLE labs (
    id        INTEGER PRIMARY KEY,
    user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    test      TEXT NOT NULL CHECK (test IN ('ferritin', 'tsat')),
    value     REAL NOT NULL CHECK (value >= 0),
    taken_on  TEXT NOT NULL,                     -- YYYY-MM-DD, the blood test
    logged_at INTEGER NOT NULL
) STRICT;
CREATE INDEX labs_by_user ON labs (user_id, taken_on);
