package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/console"
	"github.com/calmnights/calmnights/bot/sqlite"
)

// serve opens the store, builds the core and runs the front doors until
// ctx is cancelled (SIGINT/SIGTERM) or, for the console, input ends.
func serve(ctx context.Context, args []string, io stdio, getenv func(string) string, chat bool) error {
	cfg, err := loadConfig(args, getenv, chat)
	if err != nil {
		return err
	}
	useConsole := chat || (cfg.TelegramToken == "" && cfg.DiscordToken == "")
	if useConsole && !chat {
		cfg, err = loadConfig(args, getenv, true)
		if err != nil {
			return err
		}
	}
	log := newLogger(io.err, cfg)
	log.Info("starting", "version", versionString(), "config", cfg)

	store, err := sqlite.Open(ctx, cfg.DB)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer func() {
		if err := store.Close(); err != nil {
			log.Error("close database", "err", err)
		}
	}()
	core := bot.New(bot.Options{Store: store, Logger: log})

	if !useConsole {
		return errors.New("the Telegram and Discord front doors are not part of this version yet; unset their tokens to use the console")
	}
	interactive := false
	if f, ok := io.in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		interactive = true
	}
	c := console.New(core, io.in, io.out, console.Options{
		Interactive: interactive,
		Color:       interactive && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb",
		Logger:      log,
	})
	if err := c.Run(ctx); err != nil {
		return fmt.Errorf("console: %w", err)
	}
	log.Info("stopped")
	return nil
}
