-- Updates received from a platform, stored before they are confirmed to
-- it, so that none is lost or handled twice across restarts. The payload
-- (which holds the user's message) is dropped as soon as it is handled.

CREATE TABLE inbox (
    platform    text NOT NULL,
    id          bigint NOT NULL,               -- the platform's update id
    chat_key    text NOT NULL,
    payload     bytea,                         -- NULL once handled
    state       text NOT NULL CHECK (state IN ('pending', 'started', 'done', 'unknown')),
    received_at bigint NOT NULL,
    PRIMARY KEY (platform, id)
);
CREATE INDEX inbox_pending ON inbox (platform, id) WHERE state = 'pending';
