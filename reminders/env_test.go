package reminders_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/reminders"
)

var ctx = context.Background()

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// sent is one message the fake platform received.
type sent struct {
	chatID string
	resp   bot.Response
	at     time.Time
}

// fakeSender is a platform that records messages and can fail on demand.
type fakeSender struct {
	mu   sync.Mutex
	got  []sent
	fail func(n int, chatID string) error // n counts calls from 1
	n    int
}

func (f *fakeSender) Send(ctx context.Context, chatID string, r bot.Response) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	if f.fail != nil {
		if err := f.fail(f.n, chatID); err != nil {
			return err
		}
	}
	f.got = append(f.got, sent{chatID: chatID, resp: r, at: time.Now()})
	return nil
}

func (f *fakeSender) messages() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sent(nil), f.got...)
}

func (f *fakeSender) calls() int { f.mu.Lock(); defer f.mu.Unlock(); return f.n }

// env is a reminder service on a real SQLite file with a fake clock, a
// core bot with the reminder commands, and a fake Telegram.
type env struct {
	t      *testing.T
	path   string
	store  *sqlite.Store
	clock  *clock
	svc    *reminders.Service
	core   *bot.Bot
	sender *fakeSender
	disp   *delivery.Sender
}

func newEnv(t *testing.T, start time.Time) *env {
	e := &env{t: t, path: filepath.Join(t.TempDir(), "r.db"), clock: &clock{t: start}, sender: &fakeSender{}}
	e.open()
	return e
}

// open (re)starts the service on the same database, as a restart would.
func (e *env) open() {
	if e.store != nil {
		e.store.Close()
	}
	e.store = sqlitetest.OpenAt(e.t, e.path)
	app := features.Build(features.Options{Store: e.store, Now: e.clock.Now})
	e.core, e.svc = app.Bot, app.Reminders
	e.disp = e.svc.Dispatcher(bot.PlatformTelegram, e.sender, delivery.NewPacer(delivery.Limits{}, nil), 2)
}

// user creates a Telegram user with a zone and times, quiet hours off
// unless given.
func (e *env) user(id, zone, bed, wake string) string {
	e.t.Helper()
	uid := "tg:" + id
	if _, err := e.store.EnsureUser(ctx, bot.NewUser{ID: uid, Platform: bot.PlatformTelegram, ChatID: id, TimeZone: zone}); err != nil {
		e.t.Fatal(err)
	}
	e.send(uid, "/bedtime "+bed)
	e.send(uid, "/waketime "+wake)
	return uid
}

// send types a message as the user and returns the plain reply text.
func (e *env) send(userID, text string) string {
	e.t.Helper()
	req := &bot.Request{Platform: bot.PlatformTelegram, UserID: userID, ChatID: strings.TrimPrefix(userID, "tg:"), Private: true}
	req.Command, req.Args = bot.ParseInput(text)
	if req.Command == "" {
		req.Text = text
	}
	return plain(e.core.Handle(ctx, req))
}

// press presses a button as the user.
func (e *env) press(userID, payload string) string {
	e.t.Helper()
	req := &bot.Request{Platform: bot.PlatformTelegram, UserID: userID, ChatID: strings.TrimPrefix(userID, "tg:"), Private: true, Payload: payload}
	return plain(e.core.Handle(ctx, req))
}

func plain(rs []bot.Response) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, markup.Plain(r.Text))
	}
	return strings.Join(parts, "\n")
}

// at sets the clock, runs a tick and sends what is due; it returns the
// messages sent by this step.
func (e *env) at(t time.Time) []sent {
	e.t.Helper()
	before := len(e.sender.messages())
	e.clock.Set(t)
	if err := e.svc.Tick(ctx); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.disp.RunOnce(ctx); err != nil {
		e.t.Fatal(err)
	}
	return e.sender.messages()[before:]
}

// every ticks each minute from..to (inclusive) and returns all messages.
func (e *env) every(from, to time.Time) []sent {
	var out []sent
	for t := from; !t.After(to); t = t.Add(time.Minute) {
		out = append(out, e.at(t)...)
	}
	return out
}

func mustContain(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("reply lacks %q:\n%s", w, got)
		}
	}
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

var errBoom = errors.New("boom")
