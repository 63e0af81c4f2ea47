// Package featuretest drives the assembled bot (package features) on a
// real SQLite file as one private user, for the tests of the feature
// packages and of the core.
package featuretest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// FixedNow is the clock every test bot sees: 25 Nov 2026, 18:00 UTC.
var FixedNow = time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)

// Harness drives a real bot on a real SQLite file as one private user.
type Harness struct {
	T      testing.TB
	Path   string
	Store  *sqlite.Store
	Bot    *bot.Bot
	UserID string
}

// New returns a harness for user "tg:42" on a fresh database.
func New(t testing.TB) *Harness {
	h := &Harness{T: t, Path: filepath.Join(t.TempDir(), "bot.db"), UserID: "tg:42"}
	h.Open()
	return h
}

// Open (re)opens the store and builds a fresh bot, as a restart would.
func (h *Harness) Open() {
	if h.Store != nil {
		h.Store.Close()
	}
	h.Store = sqlitetest.OpenAt(h.T, h.Path)
	h.Bot = features.New(features.Options{Store: h.Store, Now: func() time.Time { return FixedNow }})
}

// Request is a request from the user in their private chat "42".
func (h *Harness) Request() *bot.Request {
	return &bot.Request{Platform: bot.PlatformTelegram, UserID: h.UserID, ChatID: "42", Private: true}
}

// Send types a message, as an adapter would pass it on.
func (h *Harness) Send(text string) []bot.Response {
	h.T.Helper()
	req := h.Request()
	req.Command, req.Args = bot.ParseInput(text)
	if req.Command == "" {
		req.Text = text
	}
	return h.Bot.Handle(context.Background(), req)
}

// Press presses a button.
func (h *Harness) Press(payload string) []bot.Response {
	h.T.Helper()
	req := h.Request()
	req.Payload = payload
	return h.Bot.Handle(context.Background(), req)
}

// User returns the stored user.
func (h *Harness) User() bot.User {
	h.T.Helper()
	u, err := h.Store.User(context.Background(), h.UserID)
	if err != nil {
		h.T.Fatal(err)
	}
	return u
}

// Nights returns every stored night of the user.
func (h *Harness) Nights() []bot.Night {
	h.T.Helper()
	ns, err := h.Store.Nights(context.Background(), h.UserID, "2000-01-01", "2100-01-01")
	if err != nil {
		h.T.Fatal(err)
	}
	return ns
}

// SeedNights stores the user's last n nights, with late caffeine on every
// second one (those score 6, the others 2).
func SeedNights(h *Harness, n int) {
	h.T.Helper()
	for i := 0; i < n; i++ {
		day := FixedNow.AddDate(0, 0, -i).Format(bot.DateLayout)
		caf, str, woke := i%2 == 0, i%3 == 0, i%4 == 0
		sev := 2
		if caf {
			sev = 6
		}
		if _, err := h.Store.SaveNight(context.Background(), bot.Night{UserID: h.UserID, Date: day, Severity: sev, LateCaffeine: &caf, Stretched: &str, Woke: &woke, LoggedAt: FixedNow}); err != nil {
			h.T.Fatal(err)
		}
	}
}

// Consented is a harness whose user has allowed health notes and left
// onboarding.
func Consented(t testing.TB) *Harness {
	h := New(t)
	h.Press(bot.ConsentPayload)
	if err := h.Store.EndConversation(context.Background(), h.UserID); err != nil {
		t.Fatal(err)
	}
	return h
}

// Text joins the texts of replies, rendered as plain text.
func Text(rs []bot.Response) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, markup.Plain(r.Text))
	}
	return strings.Join(parts, "\n---\n")
}

// Payloads lists every button payload of the replies.
func Payloads(rs []bot.Response) []string {
	var out []string
	for _, r := range rs {
		for _, row := range r.Buttons {
			for _, b := range row {
				out = append(out, b.Payload)
			}
		}
	}
	return out
}

// MustContain fails the test unless the replies' text holds every sub.
func MustContain(t testing.TB, rs []bot.Response, subs ...string) {
	t.Helper()
	got := Text(rs)
	for _, s := range subs {
		if !strings.Contains(got, s) {
			t.Errorf("reply lacks %q:\n%s", s, got)
		}
	}
}
