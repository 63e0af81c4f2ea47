-- Secrets of this deployment that must outlive a restart, such as the key
-- of the log pseudonyms (bot.LogID). Not about any user: export and forget
-- leave them alone.

CREATE TABLE secrets (
    name       TEXT PRIMARY KEY,
    value      BLOB NOT NULL,
    created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
