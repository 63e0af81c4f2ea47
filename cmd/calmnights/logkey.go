package main

import (
	"context"
	"fmt"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlite"
)

// minLogKey is the shortest CALMNIGHTS_LOG_KEY accepted: a guessable key
// would make the pseudonyms reversible again.
const minLogKey = 16

// setLogKey keys the log pseudonyms (bot.LogID) for this deployment: with
// CALMNIGHTS_LOG_KEY when it is set, or else with a random key made on the
// first start and kept in the database, so that one user has the same
// pseudonym across restarts.
func setLogKey(ctx context.Context, cfg config, store appStore) error {
	if cfg.LogKey != "" {
		bot.SetLogKey([]byte(cfg.LogKey))
		return nil
	}
	key, err := store.Secret(ctx, sqlite.LogKeySecret, bot.LogKeySize)
	if err != nil {
		return fmt.Errorf("log key: %w", err)
	}
	bot.SetLogKey(key)
	return nil
}
