package features_test

import (
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/postgres"
	"github.com/calmnights/calmnights/bot/sqlite"
)

// Both engines keep everything every feature needs.
var (
	_ features.Store = (*sqlite.Store)(nil)
	_ features.Store = (*postgres.Store)(nil)
)
