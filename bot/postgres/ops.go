package postgres

import "github.com/calmnights/calmnights/bot/sqlstore"

// Stats are the database's headline numbers, as the SQLite store counts
// them.
type Stats = sqlstore.Stats
