package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/console"
	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/discord"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/content"
	"github.com/calmnights/calmnights/reminders"
)

// Settings the soak test replaces in its child process; the binary always
// runs with these values.
var (
	clock          = time.Now          // the core's and the scheduler's clock
	tickEvery      time.Duration       // 0: the scheduler ticks each minute
	telegramLimits = delivery.Limits{} // zero: Telegram's published limits
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
		if cfg, err = loadConfig(args, getenv, true); err != nil {
			return err
		}
	}
	log := newLogger(io.err, cfg)
	log.Info("starting", "version", versionString(), "config", cfg)

	store, err := openStore(ctx, cfg.DB)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer func() {
		if err := store.Close(); err != nil {
			log.Error("close database", "err", err)
		}
	}()
	if err := setLogKey(ctx, cfg, store); err != nil {
		return err
	}
	m := newMetrics()
	app := features.Build(features.Options{Store: store, Logger: log, Now: clock, Metrics: m, Tick: tickEvery})
	core, sched := app.Bot, app.Reminders
	if sched == nil {
		return errors.New("the store keeps no reminders")
	}
	m.knowRoutes(core.Router())
	// The crisis tier and the message catalog load on first use; pay for
	// them now, beside the start, rather than on someone's first message
	// or reminder. Each other language's article (about 90 ms) still loads
	// when it is first needed: a process may never meet one.
	go func() {
		if err := content.Default().CheckCrisis(); err != nil {
			log.Error("crisis tier", "err", err)
		}
		if err := content.Default().CheckCatalog(); err != nil {
			log.Error("message catalog", "err", err)
		}
	}()

	// Background tasks run until the front doors are done.
	bg, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBackground()
	var wg sync.WaitGroup
	start := func(name string, run func(context.Context) error, ctx context.Context) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(ctx); err != nil {
				log.Error("stopped with an error", "task", name, "err", err)
			}
		}()
	}
	start("reminders", sched.Run, bg)

	var doors []string
	if cfg.TelegramToken != "" {
		doors = append(doors, bot.PlatformTelegram)
	}
	if cfg.DiscordToken != "" {
		doors = append(doors, bot.PlatformDiscord)
	}
	ready := newReadiness(store.Ping, doors...)
	if cfg.HTTPAddr != "" {
		start("http", func(ctx context.Context) error { return serveOps(ctx, cfg.HTTPAddr, opsHandler(m, ready), log) }, bg)
	}
	if useConsole {
		err = runConsole(ctx, io, getenv, log, core, store, sched, bg, start)
	} else {
		err = runPlatforms(ctx, cfg, log, core, store, sched, m, ready, start)
	}
	stopBackground()
	wg.Wait()
	if err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// runConsole chats on stdin/stdout; reminders print while it is open.
func runConsole(ctx context.Context, io stdio, getenv func(string) string, log *slog.Logger, core *bot.Bot, store appStore, sched *reminders.Service, bg context.Context,
	start func(string, func(context.Context) error, context.Context)) error {
	interactive := false
	if f, ok := io.in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		interactive = true
	}
	c := console.New(core, io.in, io.out, console.Options{
		Interactive: interactive,
		Color:       interactive && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb",
		Logger:      log,
	})
	// The console is a Door like the platforms: its reminders leave the
	// outbox through a delivery sender (no limits to pace: a terminal).
	reminderSender := delivery.NewSender(delivery.SenderOptions{
		Platform: bot.PlatformConsole, Store: store, Door: c, Logger: log, Composer: sched, Done: sched.Delivered, Chats: 1, Now: clock,
		OnBlocked: func(ctx context.Context, userID string) error { _, err := store.StopUser(ctx, userID); return err },
	})
	sched.OnWake(reminderSender.Wake)
	start("console reminders", reminderSender.Run, bg)
	if err := c.Run(ctx); err != nil {
		return fmt.Errorf("console: %w", err)
	}
	return nil
}

// frontDoor is a platform adapter the binary runs.
type frontDoor interface {
	Run(ctx context.Context) error
}

// runPlatforms runs every front door whose token is set, each with its
// reminder dispatcher, until ctx ends.
func runPlatforms(ctx context.Context, cfg config, log *slog.Logger, core *bot.Bot, store appStore, sched *reminders.Service, m *metrics,
	ready *readiness, start func(string, func(context.Context) error, context.Context)) error {
	onBlocked := func(ctx context.Context, userID string) error {
		_, err := store.StopUser(ctx, userID)
		return err
	}
	// One process on SQLite; on PostgreSQL any number of replicas, of
	// which one (elected through the database) sends for each platform.
	alone, leader := true, delivery.Leader(nil)
	if l, ok := store.(delivery.Leader); ok {
		alone, leader = false, l
	}
	doors := map[string]frontDoor{}
	if cfg.TelegramToken != "" {
		tg, err := telegram.New(telegram.Options{
			Token: cfg.TelegramToken, APIURL: cfg.TelegramAPIURL, Core: core, Commands: core.Router().Commands(),
			Store: store, Alone: alone, Leader: leader, Composer: sched, Done: sched.Delivered,
			Logger: log, OnBlocked: onBlocked, Metrics: m, Limits: telegramLimits,
			Webhook: telegram.WebhookOptions{URL: cfg.TelegramWebhookURL, Secret: cfg.TelegramWebhookSecret, Addr: cfg.TelegramWebhookAddr},
		})
		if err != nil {
			return err
		}
		log.Info("telegram connected", "bot", tg.Username())
		doors[bot.PlatformTelegram] = tg
		sched.OnWake(tg.WakeSender)
		ready.setDoor(bot.PlatformTelegram, tg.Ready)
	}
	if cfg.DiscordToken != "" {
		dc, err := discord.New(discord.Options{
			Token: cfg.DiscordToken, APIURL: cfg.DiscordAPIURL, GuildID: cfg.DiscordGuildID,
			ShardID: cfg.DiscordShardID, ShardCount: cfg.DiscordShardCount,
			Core: core, Commands: core.Router().Commands(), Logger: log, OnBlocked: onBlocked, Metrics: m,
			Store: store, Alone: alone, Leader: leader, Composer: sched, Done: sched.Delivered,
			InteractionsAddr: cfg.DiscordInteractionsAddr, PublicKey: cfg.DiscordPublicKey, AppID: cfg.DiscordAppID,
		})
		if err != nil {
			return err
		}
		doors[bot.PlatformDiscord] = dc
		sched.OnWake(dc.WakeSender)
		ready.setDoor(bot.PlatformDiscord, dc.Ready)
	}
	errc := make(chan error, len(doors))
	for _, door := range doors {
		// Each door runs the pipeline for its platform: intake, and one
		// sender for replies and reminders alike.
		go func() { errc <- door.Run(ctx) }()
	}
	var errs []error
	for range doors {
		if err := <-errc; err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
