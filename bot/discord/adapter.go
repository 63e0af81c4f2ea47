// Package discord is the Discord front door, on github.com/bwmarrin/discordgo.
// The router's commands become slash commands; buttons are message
// components; answers come within Discord's 3 seconds (directly when the
// core is quick, deferred and followed up when it is not); personal
// answers in a server are ephemeral; reminders arrive by DM. The gateway
// asks only for the guild and DM intents: no privileged message-content
// intent, so free text is read in DMs and questions in servers go
// through /ask.
package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/pace"
)

// DefaultAPIURL is Discord's API host.
const DefaultAPIURL = "https://discord.com"

// quickReply is how long the core may take before an answer is deferred
// (Discord allows 3 s for the first response).
const quickReply = 1500 * time.Millisecond

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
	Limits     pace.Limits // default pace.Discord
	// OnBlocked is called when a user can no longer be messaged.
	OnBlocked func(ctx context.Context, userID string) error
	// QuickReply is how long the core may take before an answer is
	// deferred; default quickReply.
	QuickReply time.Duration
	// Metrics counts messages sent and rate-limit waits; nil counts nothing.
	Metrics bot.Observer
}

// Adapter connects the core to Discord.
type Adapter struct {
	opts    Options
	s       *discordgo.Session
	pacer   *pace.Pacer
	log     *slog.Logger
	ready   atomic.Bool
	appID   atomic.Value // string
	readyCh chan struct{}
	once    sync.Once

	mu  sync.Mutex
	dms map[string]string // user id -> DM channel id
	wg  sync.WaitGroup    // interactions being handled
	ctx context.Context   // lives until Run returns
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
		opts.Limits = pace.Discord
	}
	if opts.QuickReply <= 0 {
		opts.QuickReply = quickReply
	}
	if opts.Metrics == nil {
		opts.Metrics = bot.NopObserver{}
	}
	opts.Limits.OnWait = func(d time.Duration) { opts.Metrics.Waited(bot.PlatformDiscord, d) }
	s, err := discordgo.New("Bot " + opts.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	s.Client = &http.Client{Timeout: 20 * time.Second}
	if opts.APIURL != "" && opts.APIURL != DefaultAPIURL {
		target, err := url.Parse(opts.APIURL)
		if err != nil || target.Host == "" {
			return nil, fmt.Errorf("discord: API URL %q is not an address", opts.APIURL)
		}
		s.Client.Transport = rewrite{base: http.DefaultTransport, target: target}
	}
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsDirectMessages
	if opts.ShardCount > 1 {
		s.ShardID, s.ShardCount = opts.ShardID, opts.ShardCount
	}
	s.LogLevel = discordgo.LogError
	a := &Adapter{opts: opts, s: s, pacer: pace.New(opts.Limits), log: opts.Logger.With("platform", "discord"), dms: map[string]string{}, readyCh: make(chan struct{})}
	a.appID.Store("")
	s.AddHandler(a.onReady)
	s.AddHandler(a.onInteraction)
	s.AddHandler(a.onMessage)
	return a, nil
}

// Ready reports whether the gateway session is up.
func (a *Adapter) Ready() bool { return a.ready.Load() }

// Run connects, publishes the slash commands and serves until ctx ends;
// it then finishes the interactions being handled and disconnects.
func (a *Adapter) Run(ctx context.Context) error {
	a.ctx = context.WithoutCancel(ctx)
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
	done := make(chan struct{})
	go func() { a.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(6 * time.Second):
		a.log.Warn("shutting down with interactions still being handled")
	}
	return a.s.Close()
}

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
		if !ok || h.Description != w.Description || len(h.Options) != len(w.Options) {
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

// guard keeps a panic in a handler (discordgo runs them in goroutines
// without recovering) from taking the process down.
func (a *Adapter) guard(what string) {
	if p := recover(); p != nil {
		a.log.Error("panic handling a discord event", "event", what, "panic", p)
	}
}

// onInteraction handles a slash command or a button press.
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
	a.wg.Add(1)
	defer a.wg.Done()
	ctx := a.ctx
	if req.Payload != "" {
		a.pressed(ctx, i, req)
		return
	}
	result := make(chan []bot.Response, 1)
	go func() {
		defer a.guard("core")
		result <- a.opts.Core.Handle(ctx, req)
	}()
	timer := time.NewTimer(a.opts.QuickReply)
	defer timer.Stop()
	select {
	case out := <-result:
		a.answer(ctx, i, req, out)
	case <-timer.C:
		// Slow (a chart, a report): say "thinking" now, answer when ready.
		flags := discordgo.MessageFlags(0)
		if !req.Private {
			flags = discordgo.MessageFlagsEphemeral
		}
		err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: &discordgo.InteractionResponseData{Flags: flags, AllowedMentions: noMentions()}})
		if err != nil {
			a.log.Error("defer an interaction", "err", mapError(err))
			return
		}
		a.followUps(ctx, i, req, <-result, true)
	}
}

// answer sends the first reply as the interaction's response and the
// rest as follow-ups.
func (a *Adapter) answer(ctx context.Context, i *discordgo.Interaction, req *bot.Request, out []bot.Response) {
	if len(out) == 0 {
		out = []bot.Response{{Text: "Done."}}
	}
	parts := renderMD(out[0].Text, maxContent)
	first := emptyText
	if len(parts) > 0 {
		first = parts[0]
	}
	resp := &discordgo.InteractionResponseData{Content: first, Components: components(out[0].Buttons), Files: attachments(out[0]), Flags: a.flags(out[0], req), AllowedMentions: noMentions()}
	if len(parts) > 1 { // the first part answers; the rest follow
		resp.Components, resp.Files = nil, nil
	}
	err := a.s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: resp})
	a.opts.Metrics.Sent(bot.PlatformDiscord, mapError(err))
	if err != nil {
		a.log.Error("answer an interaction", "err", mapError(err))
		return
	}
	if len(parts) > 1 {
		rest := out[0]
		rest.Text = strings.Join(parts[1:], "\n\n")
		a.followUps(ctx, i, req, append([]bot.Response{rest}, out[1:]...), false)
		return
	}
	a.followUps(ctx, i, req, out[1:], false)
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

// flags makes personal replies in a server ephemeral: only the user sees
// them. In DMs nothing is hidden.
func (a *Adapter) flags(r bot.Response, req *bot.Request) discordgo.MessageFlags {
	if r.Personal && !req.Private {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// followUps sends replies as follow-up messages of an interaction; with
// fillOriginal the first one completes a deferred response.
func (a *Adapter) followUps(ctx context.Context, i *discordgo.Interaction, req *bot.Request, out []bot.Response, fillOriginal bool) {
	for n, r := range out {
		parts := renderMD(r.Text, maxContent)
		if len(parts) == 0 {
			parts = []string{""}
		}
		for k, part := range parts {
			last := k == len(parts)-1
			params := &discordgo.WebhookParams{Content: part, Flags: a.flags(r, req), AllowedMentions: noMentions()}
			if last {
				params.Files, params.Components = attachments(r), components(r.Buttons)
			}
			if params.Content == "" && len(params.Files) == 0 {
				params.Content = emptyText
			}
			var err error
			if fillOriginal && n == 0 && k == 0 {
				_, err = a.s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &params.Content, Components: &params.Components, Files: params.Files, AllowedMentions: noMentions()})
			} else {
				_, err = a.s.FollowupMessageCreate(i, true, params)
			}
			a.opts.Metrics.Sent(bot.PlatformDiscord, mapError(err))
			if err != nil {
				a.log.Error("follow-up message", "request", req.ID, "user", bot.LogID(req.UserID), "err", mapError(err))
				return
			}
		}
	}
}

// pressed handles a button press: the message is updated at once so the
// choice shows and its buttons cannot be pressed again (with its full
// content: discordgo sends no omitempty, so a partial update would wipe
// it), then the core's replies follow.
func (a *Adapter) pressed(ctx context.Context, i *discordgo.Interaction, req *bot.Request) {
	update := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	if i.Message != nil {
		content := i.Message.Content
		if content == "" {
			content = emptyText
		}
		update = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage,
			Data: &discordgo.InteractionResponseData{Content: content, Components: chosen(i.Message.Components, req.Payload), AllowedMentions: noMentions()}}
	}
	if err := a.s.InteractionRespond(i, update); err != nil {
		a.log.Error("acknowledge a button", "err", mapError(err))
		return
	}
	a.followUps(ctx, i, req, a.opts.Core.Handle(ctx, req), false)
}

// onMessage answers free text in DMs.
func (a *Adapter) onMessage(s *discordgo.Session, mc *discordgo.MessageCreate) {
	defer a.guard("message")
	if mc == nil {
		return
	}
	req := convertMessage(mc.Message)
	if req == nil {
		return
	}
	a.wg.Add(1)
	defer a.wg.Done()
	ctx := a.ctx
	for _, r := range a.opts.Core.Handle(ctx, req) {
		if err := a.sendTo(ctx, req.ChatID, r, true); err != nil {
			a.log.Error("reply in DM", "request", req.ID, "user", bot.LogID(req.UserID), "err", err)
			if errors.Is(err, bot.ErrBlocked) {
				a.blocked(ctx, req.UserID)
			}
			return
		}
	}
}

// blocked turns off the reminders of a user who cannot be messaged.
func (a *Adapter) blocked(ctx context.Context, userID string) {
	if a.opts.OnBlocked == nil {
		return
	}
	if err := a.opts.OnBlocked(ctx, userID); err != nil {
		a.log.Error("turn off reminders", "user", bot.LogID(userID), "err", err)
	}
}
