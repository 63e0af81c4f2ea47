package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"golang.org/x/term"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/console"
	"github.com/calmnights/calmnights/bot/pace"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/reminders"
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
	var core *bot.Bot
	sched := reminders.New(reminders.Options{Store: store, Logger: log,
		Extras: func(ctx context.Context, k reminders.Kind, u bot.User, r *bot.Response) {
			core.DecorateReminder(ctx, string(k), u, r)
		}})
	core = bot.New(bot.Options{Store: store, Logger: log, Observers: []bot.UserObserver{sched}})
	sched.Register(core.Router())
	if err := sched.Recover(ctx); err != nil {
		return fmt.Errorf("recover reminders: %w", err)
	}

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
	// The scheduler and the console's dispatcher run beside the chat, so
	// reminders print while it is open; they stop when the chat ends.
	bg, stopBackground := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, run := range []func(context.Context) error{sched.Run, sched.Dispatcher(bot.PlatformConsole, c, pace.New(pace.Limits{}), 1).Run} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(bg); err != nil {
				log.Error("background task stopped", "err", err)
			}
		}()
	}
	err = c.Run(ctx)
	stopBackground()
	wg.Wait()
	if err != nil {
		return fmt.Errorf("console: %w", err)
	}
	log.Info("stopped")
	return nil
}
