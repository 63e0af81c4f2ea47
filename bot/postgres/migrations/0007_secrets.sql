-- Secrets of this deployment that must outlive a restart, such as the key
-- of the log pseudonyms (bot.LogID). Not about any user: export and forget
-- leave them alone. Every replica reads the same one.

CREATE TABLE secrets (
    name       text PRIMARY KEY,
    value      bytea NOT NULL,
    created_at bigint NOT NULL
);
