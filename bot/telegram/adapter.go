// Package telegram is the Telegram front door, on
// github.com/go-telegram-bot-api/telegram-bot-api/v5. Updates arrive by
// long polling (our own loop around getUpdates) or by webhook; either way
// each update is stored in the inbox before Telegram is told it arrived,
// so a restart neither loses nor repeats one. Updates of one chat are
// handled in order, different chats at the same time. The adapter is a
// delivery.Door: bot/delivery's pipeline paces and retries what it sends,
// one Bot API request at a time.
package telegram

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
)

// DefaultAPIURL is Telegram's Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// Timing of the adapter.
const (
	pollTimeout     = 25 // seconds Telegram holds a getUpdates open
	requestTimeout  = 30 * time.Second
	maxConcurrent   = 16 // updates in the core at the same time
	shutdownTimeout = 8 * time.Second
)

// allowedUpdates are the updates the bot asks for.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member"}

// Options configure the adapter.
type Options struct {
	Token  string
	APIURL string // default DefaultAPIURL
	Core   bot.Handler
	// Commands are published as the bot's command menu.
	Commands []bot.Command
	// Store keeps the pipeline's inbox and outbox.
	Store  delivery.Store
	Logger *slog.Logger
	Limits delivery.Limits // default delivery.TelegramLimits
	// Clock is what the pipeline's pacer and retries wait on; nil is the
	// real clock (tests give a fake one).
	Clock delivery.Clock
	// OnBlocked is called when a user blocked the bot (reminders go off).
	OnBlocked func(ctx context.Context, userID string) error
	// Webhook, when URL is set, receives updates by webhook instead of
	// long polling.
	Webhook WebhookOptions
	// HTTPClient is the base client (its transport is reused); nil means
	// http.DefaultTransport.
	HTTPClient *http.Client
	// Metrics counts messages sent and rate-limit waits; nil counts nothing.
	Metrics bot.Metrics
	// Composer writes reminders when they are sent; Done hears each
	// message's outcome. Both may be nil.
	Composer delivery.Composer
	Done     func(m delivery.Message, state string)
	// Alone says this process is the only one serving the bot, so leases
	// left by a crash end at start instead of timing out.
	Alone bool
	// Leader, with several replicas, elects the one that sends, so the
	// platform's limits hold for the whole deployment.
	Leader delivery.Leader
}

// Adapter connects the core to Telegram.
type Adapter struct {
	opts     Options
	api      *tgbotapi.BotAPI // sends; lives until Run returns
	pollAPI  *tgbotapi.BotAPI // long polls; cancelled first at shutdown
	stopPoll context.CancelFunc
	username string
	log      *slog.Logger
	pipe     *delivery.Pipeline
	ready    atomic.Bool
}

// ctxTransport ties every request to a context: tgbotapi takes none, and
// a long poll must end at once on shutdown.
type ctxTransport struct {
	base http.RoundTripper
	ctx  context.Context
}

func (t ctxTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return t.base.RoundTrip(r.WithContext(t.ctx))
}

// New connects to the Bot API (getMe) and returns the adapter.
func New(opts Options) (*Adapter, error) {
	if opts.Token == "" {
		return nil, fmt.Errorf("telegram: no token")
	}
	if opts.APIURL == "" {
		opts.APIURL = DefaultAPIURL
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Limits.Global == 0 && opts.Limits.PerChat.N == 0 {
		opts.Limits = delivery.TelegramLimits
	}
	opts.Limits.IsGroup = func(chatID string) bool { return len(chatID) > 0 && chatID[0] == '-' }
	if err := opts.Webhook.validate(); err != nil {
		return nil, err
	}
	base := http.DefaultTransport
	if opts.HTTPClient != nil && opts.HTTPClient.Transport != nil {
		base = opts.HTTPClient.Transport
	}
	endpoint := trimSlash(opts.APIURL) + "/bot%s/%s"
	client := redactingClient{client: &http.Client{Transport: base, Timeout: requestTimeout}, token: opts.Token}
	api, err := tgbotapi.NewBotAPIWithClient(opts.Token, endpoint, client)
	if err != nil {
		return nil, fmt.Errorf("telegram: connect: %w", redact(err, opts.Token))
	}
	pollCtx, stopPoll := context.WithCancel(context.Background())
	pollAPI := *api
	pollAPI.Client = redactingClient{client: &http.Client{Transport: ctxTransport{base: base, ctx: pollCtx}, Timeout: time.Duration(pollTimeout+10) * time.Second}, token: opts.Token}
	a := &Adapter{
		opts: opts, api: api, pollAPI: &pollAPI, stopPoll: stopPoll,
		username: api.Self.UserName, log: opts.Logger.With("platform", "telegram"),
	}
	a.pipe = delivery.New(delivery.Options{
		Platform: bot.PlatformTelegram, Store: opts.Store, Door: a, Core: opts.Core, Logger: opts.Logger,
		Limits: opts.Limits, Clock: opts.Clock, Metrics: opts.Metrics, Composer: opts.Composer, Done: opts.Done,
		OnBlocked: opts.OnBlocked, Workers: maxConcurrent, Alone: opts.Alone, Leader: opts.Leader,
	})
	if opts.Webhook.URL != "" && opts.Leader != nil {
		a.pipe.OnLead(func(context.Context) {
			if err := a.registerWebhook(); err != nil {
				a.log.Error("register the webhook", "err", err)
			}
		})
	}
	return a, nil
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}

// Username is the bot's Telegram username.
func (a *Adapter) Username() string { return a.username }

// Ready reports whether the adapter is connected and receiving.
func (a *Adapter) Ready() bool { return a.ready.Load() }

// Run publishes the command menu, then receives and handles updates until
// ctx ends. At shutdown it stops receiving, finishes the updates being
// handled, confirms what it stored to Telegram and returns.
func (a *Adapter) Run(ctx context.Context) error {
	if err := a.publishCommands(); err != nil {
		a.log.Warn("could not publish the command menu", "err", err)
	}
	err := a.pipe.Run(ctx, func(ctx context.Context) error {
		if a.opts.Webhook.URL != "" {
			return a.serveWebhook(ctx)
		}
		return a.poll(ctx)
	})
	a.ready.Store(false)
	return err
}

// WakeSender makes the sender look at the outbox now (the reminder tick
// queued messages).
func (a *Adapter) WakeSender() { a.pipe.WakeSender() }

// publishCommands sets the command menu from the router's list: the
// English one for everyone, and one per other language the commands are
// described in, which Telegram shows to users whose app is in it.
func (a *Adapter) publishCommands() error {
	var cmds []tgbotapi.BotCommand
	langs := map[string]bool{}
	for _, c := range a.opts.Commands {
		cmds = append(cmds, tgbotapi.BotCommand{Command: c.Name, Description: c.Description})
		for lang := range c.Localized {
			langs[lang] = true
		}
	}
	if _, err := a.api.Request(tgbotapi.NewSetMyCommands(cmds...)); err != nil {
		return mapError(err)
	}
	for _, lang := range slices.Sorted(maps.Keys(langs)) {
		local := make([]tgbotapi.BotCommand, 0, len(a.opts.Commands))
		for _, c := range a.opts.Commands {
			d := c.Description
			if l := c.Localized[lang]; l != "" {
				d = l
			}
			local = append(local, tgbotapi.BotCommand{Command: c.Name, Description: d})
		}
		if _, err := a.api.Request(tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), lang, local...)); err != nil {
			return mapError(err)
		}
	}
	return nil
}
