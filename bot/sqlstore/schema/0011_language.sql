-- 0011_language.sql: the language the bot speaks to each user ("en",
-- "es", "pt", "de", "ru"); '' until the platform or the user tells.
ALTER TABLE users ADD COLUMN language {{.Text}} NOT NULL DEFAULT '';
