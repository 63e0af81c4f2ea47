-- The sleep diary and symptom timing of a night (issue 15), beside the
-- night's score in nights: keyed the same way, every column optional.
-- Clock columns are minutes after local midnight (0-1439). Only users who
-- consented to health notes have rows.

CREATE TABLE sleep_diary (
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    night         TEXT NOT NULL,                 -- YYYY-MM-DD, the morning it ended
    in_bed        INTEGER CHECK (in_bed BETWEEN 0 AND 1439),
    latency_min   INTEGER CHECK (latency_min BETWEEN 0 AND 720),
    awakenings    INTEGER CHECK (awakenings BETWEEN 0 AND 50),
    final_wake    INTEGER CHECK (final_wake BETWEEN 0 AND 1439),
    out_of_bed    INTEGER CHECK (out_of_bed BETWEEN 0 AND 1439),
    quality       INTEGER CHECK (quality BETWEEN 1 AND 5),
    symptom_start INTEGER CHECK (symptom_start BETWEEN 0 AND 1439),
    moving_eased  INTEGER CHECK (moving_eased IN (0, 1)),
    spread        INTEGER CHECK (spread IN (0, 1)),
    alcohol       INTEGER CHECK (alcohol IN (0, 1)),
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (user_id, night)
) STRICT, WITHOUT ROWID;
