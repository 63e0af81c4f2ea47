package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlite"
)

// TestLogKeyFromDatabaseOrEnvironment: without CALMNIGHTS_LOG_KEY the
// pseudonyms are keyed by a key kept in the database (the same after a
// restart); with it, by that key; a short key is refused.
func TestLogKeyFromDatabaseOrEnvironment(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	open := func() *sqlite.Store {
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	if err := setLogKey(ctx, config{}, s); err != nil {
		t.Fatal(err)
	}
	first := bot.LogID("tg:42")
	s.Close()

	bot.SetLogKey([]byte("something else entirely"))
	s = open()
	defer s.Close()
	if err := setLogKey(ctx, config{}, s); err != nil {
		t.Fatal(err)
	}
	if got := bot.LogID("tg:42"); got != first {
		t.Errorf("after a restart the pseudonym is %s, was %s", got, first)
	}

	env := map[string]string{"CALMNIGHTS_LOG_KEY": "an operator's own key, long enough"}
	cfg, err := loadConfig(nil, func(k string) string { return env[k] }, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := setLogKey(ctx, cfg, s); err != nil {
		t.Fatal(err)
	}
	if got := bot.LogID("tg:42"); got == first {
		t.Error("CALMNIGHTS_LOG_KEY did not change the pseudonyms")
	}
	if v := cfg.LogValue().String(); v == "" || strings.Contains(v, env["CALMNIGHTS_LOG_KEY"]) {
		t.Errorf("the log key is in the logged config: %s", v)
	}

	env["CALMNIGHTS_LOG_KEY"] = "short"
	if _, err := loadConfig(nil, func(k string) string { return env[k] }, false); err == nil {
		t.Error("a 5-character log key was accepted")
	}
}
