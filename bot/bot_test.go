package bot_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

var ctx = context.Background()

// fixedNow is the clock every test bot sees: 25 Nov 2026, 18:00 UTC.
var fixedNow = time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)

// harness drives a real Bot on a real SQLite file as one private user.
type harness struct {
	t      testing.TB
	path   string
	store  *sqlite.Store
	bot    *bot.Bot
	userID string
}

func newHarness(t testing.TB) *harness {
	h := &harness{t: t, path: filepath.Join(t.TempDir(), "bot.db"), userID: "tg:42"}
	h.open()
	return h
}

// open (re)opens the store and builds a fresh Bot, as a restart would.
func (h *harness) open() {
	if h.store != nil {
		h.store.Close()
	}
	h.store = sqlitetest.OpenAt(h.t, h.path)
	h.bot = bot.New(bot.Options{Store: h.store, Now: func() time.Time { return fixedNow }})
}

func (h *harness) request() *bot.Request {
	return &bot.Request{Platform: bot.PlatformTelegram, UserID: h.userID, ChatID: "42", Private: true}
}

// send types a message, as an adapter would pass it on.
func (h *harness) send(text string) []bot.Response {
	h.t.Helper()
	req := h.request()
	req.Command, req.Args = bot.ParseInput(text)
	if req.Command == "" {
		req.Text = text
	}
	return h.bot.Handle(ctx, req)
}

// press presses a button.
func (h *harness) press(payload string) []bot.Response {
	h.t.Helper()
	req := h.request()
	req.Payload = payload
	return h.bot.Handle(ctx, req)
}

func (h *harness) user() bot.User {
	h.t.Helper()
	u, err := h.store.User(ctx, h.userID)
	if err != nil {
		h.t.Fatal(err)
	}
	return u
}

// text joins the texts of replies, rendered as plain text.
func text(rs []bot.Response) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, markup.Plain(r.Text))
	}
	return strings.Join(parts, "\n---\n")
}

// payloads lists every button payload of the replies.
func payloads(rs []bot.Response) []string {
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

func mustContain(t testing.TB, rs []bot.Response, subs ...string) {
	t.Helper()
	got := text(rs)
	for _, s := range subs {
		if !strings.Contains(got, s) {
			t.Errorf("reply lacks %q:\n%s", s, got)
		}
	}
}

func TestOnboardingWithButtons(t *testing.T) {
	h := newHarness(t)
	out := h.send("/start")
	mustContain(t, out, "Welcome to Calm Nights", "not a doctor", "May I keep those notes")
	if got := payloads(out); len(got) != 2 || got[0] != "start/yes" || got[1] != "start/no" {
		t.Fatalf("consent buttons = %v", got)
	}
	if h.user().Consented() {
		t.Fatal("consent recorded before it was given")
	}

	out = h.press("start/yes")
	mustContain(t, out, "Thank you", "Your time zone", "Type it as Area/City")
	if u := h.user(); u.ConsentAt == nil || !u.ConsentAt.Equal(fixedNow) {
		t.Fatalf("consent = %v", u.ConsentAt)
	}

	out = h.press("start/zone/UTC")
	mustContain(t, out, "Your bedtime")
	if h.user().TimeZone != "UTC" {
		t.Fatalf("zone = %q", h.user().TimeZone)
	}

	out = h.press("start/bed/22:30")
	mustContain(t, out, "Bedtime set to 22:30", "You're all set", "Time zone: UTC")
	if u := h.user(); u.Bedtime == nil || u.Bedtime.String() != "22:30" {
		t.Fatalf("bedtime = %v", u.Bedtime)
	}
	if _, err := h.store.Conversation(ctx, h.userID); err == nil {
		t.Fatal("onboarding still running after the last step")
	}

	// A second /start is a short welcome back, not the consent question.
	out = h.send("/start")
	mustContain(t, out, "Welcome back", "Bedtime: 22:30")
	if len(payloads(out)) != 0 {
		t.Fatalf("welcome back has buttons: %v", payloads(out))
	}
}

func TestOnboardingTypedAndCommands(t *testing.T) {
	h := newHarness(t)
	h.send("/start")
	mustContain(t, h.send("no"), "won't keep any notes", "Your time zone")
	if h.user().Consented() {
		t.Fatal("consent stored after no")
	}
	mustContain(t, h.send("Mars/Olympus"), "I don't know a time zone called “Mars/Olympus”", "Your time zone")
	mustContain(t, h.send("/timezone america/new_york"), "America/New_York", "Your bedtime")
	mustContain(t, h.send("22;30"), "isn't a time I understand", "Your bedtime")
	out := h.send("10:45 pm")
	mustContain(t, out, "Bedtime set to 22:45", "You're all set", "America/New_York")
}

func TestOnboardingSurvivesRestart(t *testing.T) {
	h := newHarness(t)
	h.send("/start")
	h.press("start/yes")
	h.open() // restart: new store connection, new Bot
	out := h.send("Europe/Berlin")
	mustContain(t, out, "Europe/Berlin", "Your bedtime")
	h.open()
	mustContain(t, h.send("23:15"), "You're all set")
	if u := h.user(); u.TimeZone != "Europe/Berlin" || u.Bedtime.String() != "23:15" || !u.Consented() {
		t.Fatalf("after restarts: %+v", u)
	}
}

func TestOnboardingLetsAQuestionThrough(t *testing.T) {
	h := newHarness(t)
	h.send("/start")
	h.press("start/yes")
	out := h.send("why do my legs jump at night when I try to sleep?")
	if strings.Contains(text(out), "time zone") {
		t.Fatalf("question was taken as a zone: %s", text(out))
	}
	if _, err := h.store.Conversation(ctx, h.userID); err == nil {
		t.Fatal("onboarding kept running after the user moved on")
	}
}

func TestSettings(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name  string
		input string
		want  []string
		check func(u bot.User) bool
	}{
		{"zone unset", "/timezone", []string{"don't know your time zone yet"}, func(u bot.User) bool { return u.TimeZone == "" }},
		{"set zone", "/timezone Europe/Berlin", []string{"Europe/Berlin", "19:00"}, func(u bot.User) bool { return u.TimeZone == "Europe/Berlin" }},
		{"show zone", "/timezone", []string{"Your time zone is Europe/Berlin"}, nil},
		{"bad zone", "/timezone Mars/Olympus", []string{"Mars/Olympus", "Nothing was changed"}, func(u bot.User) bool { return u.TimeZone == "Europe/Berlin" }},
		{"bedtime unset", "/bedtime", []string{"assume 23:00"}, func(u bot.User) bool { return u.Bedtime == nil }},
		{"set bedtime", "/bedtime 22:30", []string{"Bedtime set to 22:30", "8 h 30 min"}, func(u bot.User) bool { return u.Bedtime.String() == "22:30" }},
		{"bad bedtime", "/bedtime 25:99", []string{"“25:99” isn't a time", "Nothing was changed"}, func(u bot.User) bool { return u.Bedtime.String() == "22:30" }},
		{"bedtime equals wake", "/bedtime 7:00", []string{"can't be the same"}, func(u bot.User) bool { return u.Bedtime.String() == "22:30" }},
		{"set wake", "/waketime 6:15", []string{"Wake time set to 06:15", "7 h 45 min"}, func(u bot.User) bool { return u.WakeTime.String() == "06:15" }},
		{"bad wake", "/waketime soon", []string{"“soon” isn't a time", "wake time"}, func(u bot.User) bool { return u.WakeTime.String() == "06:15" }},
		{"show wake", "/waketime", []string{"You usually get up at 06:15"}, nil},
		{"escaped input", "/timezone **x**", []string{"“**x**”"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustContain(t, h.send(tt.input), tt.want...)
			if tt.check != nil && !tt.check(h.user()) {
				t.Fatalf("stored user after %q: %+v", tt.input, h.user())
			}
		})
	}
}

func TestSettingsSurviveRestart(t *testing.T) {
	h := newHarness(t)
	h.send("/timezone Asia/Tokyo")
	h.send("/bedtime 21:45")
	h.open()
	mustContain(t, h.send("/timezone"), "Asia/Tokyo")
	mustContain(t, h.send("/bedtime"), "21:45")
}

func TestHelpListsEveryCommand(t *testing.T) {
	h := newHarness(t)
	out := h.send("/help")
	for _, c := range h.bot.Router().Commands() {
		mustContain(t, out, "/"+c.Name, c.Description)
	}
	mustContain(t, out, `/timezone [Area/City]`)
}

func TestPrivacyAndWithdraw(t *testing.T) {
	h := newHarness(t)
	out := h.send("/privacy")
	mustContain(t, out, "What I store", "not given")
	if got := payloads(out); len(got) != 1 || got[0] != "start/yes" {
		t.Fatalf("buttons = %v", got)
	}
	h.press("start/yes")
	out = h.send("/privacy")
	mustContain(t, out, "given on 25 Nov 2026")
	if !out[0].Personal {
		t.Error("privacy reply with consent state is not marked personal")
	}
	mustContain(t, h.press("privacy/withdraw"), "withdrawn")
	if h.user().Consented() {
		t.Fatal("consent still recorded after withdrawal")
	}
}

func TestUnknownAndBrokenInput(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name string
		out  []bot.Response
		want string
	}{
		{"unknown command", h.send("/frobnicate"), "I don't know /frobnicate"},
		{"typo", h.send("/bedtiem"), "Did you mean /bedtime?"},
		{"free text", h.send("hello"), "Send /help"},
		{"unknown button", h.press("zz/1"), "doesn't work any more"},
		{"stale onboarding button", h.press("start/whatever"), "doesn't work any more"},
		{"oversized payload", h.press("start/" + strings.Repeat("x", 100)), "doesn't work any more"},
		{"too long", h.send(strings.Repeat("a", bot.MaxInputRunes+1)), "too long"},
		{"invalid UTF-8", h.send("/timezone \xff\xfe"), "Nothing was changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { mustContain(t, tt.out, tt.want) })
	}
}

func TestHandlerPanicIsContained(t *testing.T) {
	h := newHarness(t)
	h.bot.Router().Command(bot.Command{Name: "boom", Description: "Panics on purpose", Handler: func(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
		panic("deliberate test panic")
	}})
	mustContain(t, h.send("/boom"), "something went wrong on my side")
	mustContain(t, h.send("/help"), "Here's what I can do")
}

func TestGroupMessageKeepsPrivateChat(t *testing.T) {
	h := newHarness(t)
	h.send("/start") // private chat "42"
	req := h.request()
	req.ChatID, req.Private, req.Command = "-100", false, "help"
	h.bot.Handle(ctx, req)
	if got := h.user().ChatID; got != "42" {
		t.Fatalf("chat after a group message = %q, want the private chat 42", got)
	}
}
