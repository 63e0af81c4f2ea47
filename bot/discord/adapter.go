// Package discord is the Discord front door, on github.com/bwmarrin/discordgo.
// The router's commands become slash commands; buttons are message
// components; answers come within Discord's 3 seconds (directly when the
// core is quick, deferred and followed up when it is not); personal
// answers in a server are ephemeral; reminders arrive by DM. The gateway
// asks only for the guild and DM intents: no privileged message-content
// intent, so free text is read in DMs and questions in servers go
// through /ask. The adapter is a delivery.Door: bot/delivery's pipeline
// paces and retries what it sends, one request at a time.
package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
)

// DefaultAPIURL is Discord's API host.
const DefaultAPIURL = "https://discord.com"

// Options configure the adapter.
type Options struct {
	Token  string
	APIURL string // default DefaultAPIURL; another host serving Discord's API
	// GuildID, when set, registers the commands for that server only
	// (updates are instant, for development).
	GuildID    string
	ShardID    int
	ShardCount int
	Core       bot.Handler
	Commands   []bot.Command
	Logger     *slog.Logger
	Limits     delivery.Limits // default delivery.DiscordLimits
	// Clock is what the pipeline's pacer and retries wait on; nil is the
	// real clock (tests give a fake one).
	Clock delivery.Clock
	// OnBlocked is called when a user can no longer be messaged.
	OnBlocked func(ctx context.Context, userID string) error
	// Metrics counts messages sent and rate-limit waits; nil counts nothing.
	Metrics bot.Metrics
	// Store keeps the pipeline's inbox and outbox.
	Store delivery.Store
	// Composer writes reminders when they are sent; Done hears each
	// message's outcome. Both may be nil.
	Composer delivery.Composer
	Done     func(m delivery.Message, state string)
	// Alone says this process is the only one serving the bot.
	Alone bool
	// Leader, with several replicas, elects the one that sends, so the
	// platform's limits hold for the whole deployment.
	Leader delivery.Leader
	// InteractionsAddr, when set, serves Discord's HTTP interactions
	// endpoint on this address (path InteractionsPath) instead of
	// connecting to the gateway: every replica is then alike. PublicKey
	// is the application's public key (hex) that signs the requests;
	// AppID is the application id (looked up when empty).
	InteractionsAddr string
	PublicKey        string
	AppID            string
}

// Adapter connects the core to Discord.
type Adapter struct {
	opts    Options
	s       *discordgo.Session
	log     *slog.Logger
	ready   atomic.Bool
	appID   atomic.Value // string
	selfID  atomic.Value // string: the bot's user ID, for mentions
	readyCh chan struct{}
	once    sync.Once

	mu  sync.Mutex
	dms map[string]string // user id -> DM channel id
	ctx context.Context   // lives until Run returns

	pipe *delivery.Pipeline
}

// rewrite sends every request for discord.com to another host.
type rewrite struct {
	base   http.RoundTripper
	target *url.URL
}

func (r rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = r.target.Scheme, r.target.Host
	req.Host = r.target.Host
	return r.base.RoundTrip(req)
}

// New prepares a session; Run connects it.
func New(opts Options) (*Adapter, error) {
	if opts.Token == "" {
		return nil, errors.New("discord: no token")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Limits.Global == 0 && opts.Limits.PerChat.N == 0 {
		opts.Limits = delivery.DiscordLimits
	}
	s, err := discordgo.New("Bot " + opts.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	s.Client = &http.Client{Timeout: 20 * time.Second}
	// One request per delivery: discordgo would repeat a request that got
	// a 502 by itself; delivery's retry loop does that, with a backoff.
	s.MaxRestRetries = 0
	if opts.APIURL != "" && opts.APIURL != DefaultAPIURL {
		target, err := url.Parse(opts.APIURL)
		if err != nil || target.Host == "" {
			return nil, fmt.Errorf("discord: API URL %q is not an address", opts.APIURL)
		}
		s.Client.Transport = rewrite{base: http.DefaultTransport, target: target}
	}
	// Guild messages (not privileged) bring the messages that mention the
	// bot, with their content; the content of others stays empty.
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsDirectMessages | discordgo.IntentsGuildMessages
	if opts.ShardCount > 1 {
		s.ShardID, s.ShardCount = opts.ShardID, opts.ShardCount
	}
	s.LogLevel = discordgo.LogError
	a := &Adapter{opts: opts, s: s, log: opts.Logger.With("platform", "discord"), dms: map[string]string{}, readyCh: make(chan struct{}),
		ctx: context.Background()}
	a.appID.Store("")
	a.pipe = delivery.New(delivery.Options{
		Platform: bot.PlatformDiscord, Store: opts.Store, Door: a, Core: opts.Core, Logger: opts.Logger,
		Limits: opts.Limits, Clock: opts.Clock, Metrics: opts.Metrics, Composer: opts.Composer, Done: opts.Done,
		OnBlocked: opts.OnBlocked, Alone: opts.Alone, Leader: opts.Leader,
	})
	s.AddHandler(a.onReady)
	s.AddHandler(a.onInteraction)
	s.AddHandler(a.onMessage)
	return a, nil
}

// Ready reports whether the gateway session is up.
func (a *Adapter) Ready() bool { return a.ready.Load() }

// Run connects, publishes the slash commands and serves until ctx ends;
// it then finishes the updates being handled and the sends on the wire,
// and disconnects. What is left waits in the database.
func (a *Adapter) Run(ctx context.Context) error {
	a.ctx = context.WithoutCancel(ctx)
	if a.opts.InteractionsAddr != "" {
		return a.pipe.Run(ctx, a.runHTTP)
	}
	return a.pipe.Run(ctx, a.runGateway)
}

// runGateway connects to the gateway and receives until ctx ends.
func (a *Adapter) runGateway(ctx context.Context) error {
	if err := a.s.Open(); err != nil {
		return fmt.Errorf("discord: connect: %w", redact(err, a.opts.Token))
	}
	select {
	case <-a.readyCh:
	case <-time.After(30 * time.Second):
		a.s.Close()
		return errors.New("discord: no READY from the gateway")
	}
	if err := a.publishCommands(); err != nil {
		a.log.Warn("could not publish slash commands", "err", err)
	}
	<-ctx.Done()
	a.ready.Store(false)
	return a.s.Close() // no new updates; the pipeline then finishes what it has
}

// WakeSender makes the sender look at the outbox now (the reminder tick
// queued messages).
func (a *Adapter) WakeSender() { a.pipe.WakeSender() }

func redact(err error, token string) error {
	if err == nil {
		return nil
	}
	return errors.New(strings.ReplaceAll(err.Error(), token, "<token>"))
}

// onReady records the application id once the gateway is up.
func (a *Adapter) onReady(s *discordgo.Session, r *discordgo.Ready) {
	id := ""
	switch {
	case r.Application != nil && r.Application.ID != "":
		id = r.Application.ID
	case r.User != nil:
		id = r.User.ID
	}
	a.appID.Store(id)
	if r.User != nil {
		a.selfID.Store(r.User.ID)
	}
	a.ready.Store(true)
	a.once.Do(func() { close(a.readyCh) })
	a.log.Info("discord connected", "shard", s.ShardID)
}

// publishCommands registers the router's commands as slash commands,
// overwriting the set only when it changed. A command with arguments
// takes one text option.
func (a *Adapter) publishCommands() error {
	app := a.appID.Load().(string)
	want := slashCommands(a.opts.Commands)
	have, err := a.s.ApplicationCommands(app, a.opts.GuildID)
	if err == nil && sameCommands(have, want) {
		a.log.Info("slash commands up to date", "count", len(want))
		return nil
	}
	if _, err := a.s.ApplicationCommandBulkOverwrite(app, a.opts.GuildID, want); err != nil {
		return mapError(err)
	}
	a.log.Info("slash commands published", "count", len(want), "guild", a.opts.GuildID != "")
	return nil
}

// slashCommands turns router commands into Discord commands.
func slashCommands(cmds []bot.Command) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(cmds))
	for _, c := range cmds {
		ac := &discordgo.ApplicationCommand{Name: c.Name, Description: shorten(c.Description, 100)}
		if len(c.Localized) > 0 {
			loc := map[discordgo.Locale]string{}
			for lang, d := range c.Localized {
				for _, l := range discordLocales[lang] {
					loc[l] = shorten(d, 100)
				}
			}
			ac.DescriptionLocalizations = &loc
		}
		if c.Args != "" {
			ac.Options = []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: optionName,
				Description: shorten(c.Args, 100), Required: strings.HasPrefix(c.Args, "<"),
			}}
		}
		out = append(out, ac)
	}
	return out
}

// discordLocales are Discord's locales for each language the bot speaks
// beyond English: both Spanishes, Brazil's Portuguese (Discord has no
// other), German, Russian.
var discordLocales = map[string][]discordgo.Locale{
	"es": {discordgo.SpanishES, discordgo.SpanishLATAM},
	"pt": {discordgo.PortugueseBR},
	"de": {discordgo.German},
	"ru": {discordgo.Russian},
}

// sameCommands reports whether the registered commands match the wanted.
func sameCommands(have, want []*discordgo.ApplicationCommand) bool {
	if len(have) != len(want) {
		return false
	}
	byName := map[string]*discordgo.ApplicationCommand{}
	for _, c := range have {
		byName[c.Name] = c
	}
	for _, w := range want {
		h, ok := byName[w.Name]
		if !ok || h.Description != w.Description || len(h.Options) != len(w.Options) || !sameLocalizations(h.DescriptionLocalizations, w.DescriptionLocalizations) {
			return false
		}
		for i, o := range w.Options {
			ho := h.Options[i]
			if ho.Name != o.Name || ho.Description != o.Description || ho.Required != o.Required || ho.Type != o.Type {
				return false
			}
		}
	}
	return true
}

// sameLocalizations reports whether two sets of localized texts agree.
func sameLocalizations(a, b *map[discordgo.Locale]string) bool {
	var x, y map[discordgo.Locale]string
	if a != nil {
		x = *a
	}
	if b != nil {
		y = *b
	}
	return maps.Equal(x, y)
}

// guard keeps a panic in a handler (discordgo runs them in goroutines
// without recovering) from taking the process down.
func (a *Adapter) guard(what string) {
	if p := recover(); p != nil {
		a.log.Error("panic handling a discord event", "event", what, "panic", p)
	}
}

// ackFor is the initial response to an interaction and how its replies
// will be addressed: a command is deferred (ephemeral in a server); a
// press on a message no one else sees updates it to show the choice (with
// its full content: discordgo sends no omitempty, so a partial update
// would wipe it); any other press is acknowledged without a change.
func ackFor(i *discordgo.Interaction, req *bot.Request) (*discordgo.InteractionResponse, interaction) {
	in := interactionFor(i, req)
	ack := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	switch {
	case in.Deferred:
		flags := discordgo.MessageFlags(0)
		if in.Ephemeral {
			flags = discordgo.MessageFlagsEphemeral
		}
		ack = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: flags, AllowedMentions: noMentions()}}
	case i.Message != nil && (req.Private || i.Message.Flags&discordgo.MessageFlagsEphemeral != 0):
		content := i.Message.Content
		if content == "" {
			content = emptyText
		}
		ack = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage,
			Data: &discordgo.InteractionResponseData{Content: content, Components: chosen(i.Message.Components, req.Payload), AllowedMentions: noMentions()}}
	}
	return ack, in
}

// onInteraction acknowledges a slash command or a button press at once
// (Discord allows 3 s) and stores it for the pipeline: a command is
// deferred and completed by the first reply; a press updates its message
// so the choice shows and its buttons cannot be pressed again (with its
// full content: discordgo sends no omitempty, so a partial update would
// wipe it), and the replies follow it up.
func (a *Adapter) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	defer a.guard("interaction")
	if ic == nil || ic.Interaction == nil {
		return
	}
	i := ic.Interaction
	req := convertInteraction(i)
	if req == nil {
		return
	}
	ack, in := ackFor(i, req)
	// The acknowledgement goes first: Discord never sends an interaction
	// again, and the first reply can only complete an acknowledged one.
	if err := s.InteractionRespond(i, ack); err != nil {
		a.log.Error("acknowledge an interaction", "err", mapError(err))
		return
	}
	if err := a.accept(i.ID, req, in); err != nil {
		a.log.Error("store an interaction", "err", err)
	}
}

// attachments are a reply's image and file as Discord uploads.
func attachments(r bot.Response) []*discordgo.File {
	var files []*discordgo.File
	for _, at := range []*bot.Attachment{r.Image, r.File} {
		if at != nil {
			files = append(files, &discordgo.File{Name: at.Name, ContentType: at.MIME, Reader: bytes.NewReader(at.Data)})
		}
	}
	return files
}

// emptyText stands in for a message with nothing to say but buttons:
// Discord refuses empty content.
const emptyText = "\u200b"

// onMessage stores free text in DMs, and server messages addressed to
// the bot, for the pipeline.
func (a *Adapter) onMessage(s *discordgo.Session, mc *discordgo.MessageCreate) {
	defer a.guard("message")
	if mc == nil {
		return
	}
	self, _ := a.selfID.Load().(string)
	req := convertMessage(mc.Message, self)
	if req == nil {
		return
	}
	if err := a.accept(mc.ID, req, interaction{}); err != nil {
		a.log.Error("store a DM", "err", err)
	}
}
