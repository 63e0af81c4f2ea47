package sqlite

import "github.com/calmnights/calmnights/bot/sqlstore"

// LogKeySecret names the key of the log pseudonyms in the secrets table.
const LogKeySecret = sqlstore.LogKeySecret
