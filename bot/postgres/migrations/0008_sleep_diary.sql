-- The sleep diary and symptom timing of a night (as SQLite's 0008): keyed
-- like nights, every column optional. Clock columns are minutes after
-- local midnight.

CREATE TABLE sleep_diary (
    user_id       text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    night         text NOT NULL,                 -- YYYY-MM-DD, the morning it ended
    in_bed        integer CHECK (in_bed BETWEEN 0 AND 1439),
    latency_min   integer CHECK (latency_min BETWEEN 0 AND 720),
    awakenings    integer CHECK (awakenings BETWEEN 0 AND 50),
    final_wake    integer CHECK (final_wake BETWEEN 0 AND 1439),
    out_of_bed    integer CHECK (out_of_bed BETWEEN 0 AND 1439),
    quality       integer CHECK (quality BETWEEN 1 AND 5),
    symptom_start integer CHECK (symptom_start BETWEEN 0 AND 1439),
    moving_eased  boolean,
    spread        boolean,
    alcohol       boolean,
    updated_at    bigint NOT NULL,
    PRIMARY KEY (user_id, night)
);
