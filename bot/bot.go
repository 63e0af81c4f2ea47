// Package bot is the platform-neutral core of Calm Nights: the request and
// reply types, the stored user and the store contracts, the Router with its
// button patterns, flows and middlewares, and Bot, which runs one request
// through them. Features live in their own packages under bot/ and
// register on the Router; adapters (telegram, discord, console) talk to the
// core through Handler and deliver through Sender.
package bot

import (
	"context"
	"io"
	"log/slog"
	"time"
)

// Handler is what adapters talk to: one request in, the replies out.
// *Bot implements it.
type Handler interface {
	Handle(ctx context.Context, req *Request) []Response
}

// CoreStore is what the core itself needs: users, and the conversations
// that route free text to a flow.
type CoreStore interface {
	UserStore
	ConversationStore
}

// Options configure a Bot.
type Options struct {
	Store  CoreStore
	Logger *slog.Logger     // nil discards logs
	Now    func() time.Time // nil means time.Now
	// Metrics observes every update; nil observes nothing.
	Metrics Metrics
	// Languages are the codes the bot speaks: a new user whose platform
	// reports one of them is spoken to in it.
	Languages []string
	// Texts says the core's own messages (consent needed, an internal
	// error, a stale button...) in the user's language; nil keeps them in
	// English.
	Texts Texts
}

// UserObserver is told when a user's settings changed.
type UserObserver interface {
	UserChanged(ctx context.Context, userID string) error
}

// Bot is the core: it checks each request, loads its user and dispatches
// it through the Router, on which features register.
type Bot struct {
	store   CoreStore
	log     *slog.Logger
	now     func() time.Time
	router  *Router
	metrics Metrics
	screen  Screen
	langs   []string
	texts   Texts
}

// New builds the core with an empty Router whose every route keeps
// personal replies out of group chats, and whose free text goes to the
// user's running flow first.
func New(opts Options) *Bot {
	b := &Bot{
		store:   opts.Store,
		log:     opts.Logger,
		now:     opts.Now,
		metrics: opts.Metrics,
		langs:   opts.Languages,
		texts:   opts.Texts,
	}
	if b.metrics == nil {
		b.metrics = NopMetrics{}
	}
	if b.log == nil {
		b.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if b.now == nil {
		b.now = time.Now
	}
	r := NewRouter()
	r.Use(PrivateReplies)
	r.Unknown(unknownCommand(r))
	r.freeText = b.text
	b.router = r
	return b
}

// Router returns the router, on which features register and whose
// Commands adapters publish as menus.
func (b *Bot) Router() *Router { return b.router }
