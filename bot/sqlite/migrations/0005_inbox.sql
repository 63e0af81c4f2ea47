-- Updates received from a platform, stored before they are confirmed to
-- it, so that none is lost or handled twice across restarts. The payload
-- (which holds the user's message) is dropped as soon as it is handled.

CREATE TABLE inbox (
    platform    TEXT NOT NULL,
    id          INTEGER NOT NULL,              -- the platform's update id
    chat_key    TEXT NOT NULL,
    payload     BLOB,                          -- NULL once handled
    state       TEXT NOT NULL CHECK (state IN ('pending', 'started', 'done', 'unknown')),
    received_at INTEGER NOT NULL,
    PRIMARY KEY (platform, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX inbox_pending ON inbox (platform, id) WHERE state = 'pending';
