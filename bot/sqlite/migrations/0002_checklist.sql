-- Results of the "when to see a doctor" checklist, kept only for users who
-- consented to health notes.

CREATE TABLE checklist_results (
    id          INTEGER PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    taken_at    INTEGER NOT NULL,
    yes_count   INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    answers     TEXT NOT NULL,      -- JSON object: question id -> true (yes) / false (no)
    see_doctor  INTEGER NOT NULL CHECK (see_doctor IN (0, 1))
) STRICT;

CREATE INDEX checklist_results_by_user ON checklist_results (user_id, taken_at);
