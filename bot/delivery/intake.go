package delivery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// Intake defaults.
const (
	// DefaultPerChat is how many updates one chat may have waiting before
	// new ones are dropped: a person typing fast stays far below it.
	DefaultPerChat = 20
	// DefaultLease is how long a claimed update is reserved for the
	// process that claimed it; if that process dies, another takes it up.
	DefaultLease = 30 * time.Second
	// DefaultWorkers is how many updates are handled at once.
	DefaultWorkers = 8
	// keepHandled is how long a handled update's id is remembered.
	keepHandled = 48 * time.Hour
	// warnEvery is how often one chat is told to slow down at most.
	warnEvery = 5 * time.Minute
	// SlowDown is what a flooding chat is told.
	SlowDown = "You're sending messages faster than I can answer, so I've skipped some of them. Please wait for my replies, then send one message at a time."
)

// IntakeOptions configure an Intake.
type IntakeOptions struct {
	Platform string
	Store    Store
	Door     Door
	Core     bot.Handler
	Logger   *slog.Logger
	// OnBlocked turns off the reminders of a user who blocked the bot; it
	// runs inside the update's transaction.
	OnBlocked func(ctx context.Context, userID string) error
	// PerChat, Lease and Workers default to the constants above.
	PerChat int
	Lease   time.Duration
	Workers int
	// Release ends leftover leases at start: set it when this process is
	// the only one serving the platform.
	Release bool
	// Poll is how often the inbox is read without a wake-up; default 1 s.
	Poll time.Duration
	// Sent wakes the sender after replies were queued; nil does nothing.
	Sent func()
}

// Intake stores updates and hands them to the core, fairly: each chat's
// oldest waiting update in turn, so one chat's backlog never holds up
// another chat's first message.
type Intake struct {
	o    IntakeOptions
	log  *slog.Logger
	wake chan struct{}

	mu     sync.Mutex
	warned map[string]time.Time // chats told to slow down, and when
}

// NewIntake returns an Intake; Run starts it.
func NewIntake(o IntakeOptions) *Intake {
	if o.PerChat == 0 {
		o.PerChat = DefaultPerChat
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.Workers < 1 {
		o.Workers = DefaultWorkers
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Sent == nil {
		o.Sent = func() {}
	}
	return &Intake{o: o, log: o.Logger.With("platform", o.Platform), wake: make(chan struct{}, 1), warned: map[string]time.Time{}}
}

// Accept stores updates durably; once it returns nil the platform may be
// told they arrived. A chat over its limit gets one polite note.
func (in *Intake) Accept(ctx context.Context, us []Update) error {
	if len(us) == 0 {
		return nil
	}
	_, flooded, err := in.o.Store.AcceptUpdates(ctx, in.o.Platform, us, in.o.PerChat)
	if err != nil {
		return fmt.Errorf("store updates: %w", err)
	}
	// The platform hears that these arrived right after this returns:
	// make them survive a power cut first, once per batch, on a store
	// that does not sync every commit (SQLite with synchronous=NORMAL).
	if s, ok := in.o.Store.(interface{ Sync() error }); ok {
		if err := s.Sync(); err != nil {
			return fmt.Errorf("sync stored updates: %w", err)
		}
	}
	var notes []Message
	in.mu.Lock()
	now := time.Now()
	for chat, at := range in.warned {
		if now.Sub(at) > warnEvery {
			delete(in.warned, chat)
		}
	}
	for _, chat := range flooded {
		if _, ok := in.warned[chat]; !ok {
			in.warned[chat] = now
			notes = append(notes, Message{Platform: in.o.Platform, ChatID: chat, Kind: KindReply, Reply: &bot.Response{Text: SlowDown}})
		}
	}
	in.mu.Unlock()
	if len(notes) > 0 {
		in.log.Info("chats flooding: excess updates dropped", "chats", len(notes))
		if err := in.o.Store.Enqueue(ctx, notes); err != nil {
			return fmt.Errorf("queue slow-down note: %w", err)
		}
		in.o.Sent()
	}
	in.Wake()
	return nil
}

// Wake makes Run read the inbox now.
func (in *Intake) Wake() {
	select {
	case in.wake <- struct{}{}:
	default:
	}
}

// Run hands stored updates to the core until ctx ends, then finishes the
// updates being handled and returns; the rest wait in the inbox.
func (in *Intake) Run(ctx context.Context) error {
	if in.o.Release {
		if err := in.o.Store.ReleaseUpdates(ctx, in.o.Platform); err != nil {
			return fmt.Errorf("release leases: %w", err)
		}
	}
	// Workers take claimed updates from a queue twice their number, so one
	// claim serves several updates.
	queue := make(chan Update, 2*in.o.Workers)
	var wg sync.WaitGroup
	for range in.o.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range queue {
				if ctx.Err() != nil {
					continue // shutting down: it waits, leased, for the next start
				}
				// Once started, an update is finished even if shutdown begins.
				in.handle(context.WithoutCancel(ctx), u)
				in.Wake()
			}
		}()
	}
	defer func() { close(queue); wg.Wait() }()
	timer := time.NewTimer(0)
	defer timer.Stop()
	var lastPrune time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-in.wake:
		case <-timer.C:
		}
		if time.Since(lastPrune) > time.Hour {
			// Platforms redeliver an update for a day at most; what dedup
			// needs is kept two.
			if err := in.o.Store.PruneUpdates(ctx, time.Now().Add(-keepHandled)); err != nil && ctx.Err() == nil {
				in.log.Error("prune inbox", "err", err)
			}
			lastPrune = time.Now()
		}
		if room := cap(queue) - len(queue); len(queue) < in.o.Workers && room > 0 {
			us, err := in.o.Store.ClaimUpdates(ctx, in.o.Platform, in.o.Lease, room)
			if err != nil && ctx.Err() == nil {
				in.log.Error("read inbox", "err", err)
			}
			for _, u := range us {
				queue <- u
			}
		}
		timer.Reset(in.o.Poll)
	}
}

// handle runs one update through the core in one transaction with its
// replies and its done mark.
func (in *Intake) handle(ctx context.Context, u Update) {
	id := RequestID(in.o.Platform, u.ID)
	defer func() {
		if p := recover(); p != nil {
			in.log.Error("panic handling an update", "request", id, "panic", fmt.Sprint(p))
		}
	}()
	opened, err := in.o.Door.Open(ctx, u)
	if err != nil {
		in.log.Error("unreadable stored update: dropped", "request", id, "err", err)
		opened = In{}
	}
	if opened.Req != nil {
		opened.Req.ID = id
	}
	var apology []bot.Response
	queued := false
	commit := func(ctx context.Context, out []bot.Response, blocked string) error {
		if blocked != "" && in.o.OnBlocked != nil {
			if err := in.o.OnBlocked(ctx, blocked); err != nil {
				return fmt.Errorf("turn off reminders of a blocked user: %w", err)
			}
		}
		if ms := in.messages(opened, out); len(ms) > 0 {
			if err := in.o.Store.Enqueue(ctx, ms); err != nil {
				return err
			}
			queued = true
		}
		return in.o.Store.FinishUpdate(ctx, in.o.Platform, u.ID)
	}
	err = in.o.Store.Atomic(ctx, func(ctx context.Context) error {
		out := opened.Replies
		if opened.Req != nil && out == nil {
			failed := false
			if srv, ok := in.o.Core.(Server); ok {
				out, failed = srv.Serve(ctx, opened.Req)
			} else {
				out = in.o.Core.Handle(ctx, opened.Req)
			}
			if failed {
				apology = out
				return errRollback
			}
		}
		return commit(ctx, out, opened.Blocked)
	})
	if errors.Is(err, errRollback) {
		// The handler failed part-way: none of its changes stay, and the
		// user gets the apology instead of silence.
		err = in.o.Store.Atomic(ctx, func(ctx context.Context) error { return commit(ctx, apology, opened.Blocked) })
	}
	if err != nil {
		// Nothing was applied; the update waits and is tried again when
		// its lease ends.
		in.log.Error("handle update", "request", id, "err", err)
		return
	}
	if opened.Blocked != "" {
		in.log.Info("user blocked the bot: reminders are off", "user", bot.LogID(opened.Blocked))
	}
	if queued {
		in.o.Sent()
	}
}

// messages addresses the replies: each to the chat it names (Response.To)
// or to the update's own chat, which also gets the door's Meta.
func (in *Intake) messages(opened In, out []bot.Response) []Message {
	ms := append([]Message(nil), opened.Before...)
	chat := ""
	if opened.Req != nil {
		chat = opened.Req.ChatID
	}
	if len(out) == 0 && opened.Fallback != nil {
		out = []bot.Response{*opened.Fallback}
	}
	part := 0
	for i := range out {
		r := out[i]
		m := Message{Platform: in.o.Platform, ChatID: chat, Kind: KindReply, Reply: &r, Meta: opened.Meta, Part: part}
		if r.To != "" && r.To != chat {
			m.ChatID, m.Meta, m.Part = r.To, nil, 0
		} else {
			part++
		}
		if m.ChatID == "" {
			continue
		}
		ms = append(ms, m)
	}
	for i := range ms {
		ms[i].Platform, ms[i].Kind = in.o.Platform, KindReply
	}
	return ms
}

// errRollback undoes a handler's changes when it failed part-way.
var errRollback = errors.New("handler failed: roll back its changes")

// RequestID names an update in log lines: the platform and its id, never
// anything the user wrote ("tg-123", "dc-456").
func RequestID(platform string, id int64) string {
	short := map[string]string{bot.PlatformTelegram: "tg", bot.PlatformDiscord: "dc", bot.PlatformConsole: "co"}[platform]
	if short == "" {
		short = "up"
	}
	return short + "-" + strconv.FormatInt(id, 10)
}
