-- The evening stress rating (bot/stress): one rating, 1 to 5, per user and
-- local day. The night after the day is keyed by the next date.
CREATE TABLE stress (
    user_id  {{.Text}} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day      {{.Text}} NOT NULL,
    rating   {{.Int}} NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_at {{.BigInt}} NOT NULL,
    PRIMARY KEY (user_id, day)
){{.Strict}};
