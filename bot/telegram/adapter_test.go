package telegram_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"image/png"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/delivery/deliverytest"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
	"github.com/calmnights/calmnights/reminders"
)

const token = "123456:TEST-token"

var ctx = context.Background()

// env is the real adapter, core and store against the fake Bot API.
type env struct {
	t       testing.TB
	srv     *telegramtest.Server
	store   *sqlite.Store
	path    string // the store's file
	core    *bot.Bot
	sched   *reminders.Service
	adapter *telegram.Adapter
	stop    context.CancelFunc
	done    chan error
	handler bot.Handler     // what the adapter talks to (the core, or a test double)
	limits  delivery.Limits // zero means Telegram's own limits
	// clock is the pipeline's: the pacer's and the retries' waits take no
	// real time.
	clock *deliverytest.Clock
}

func newEnv(t testing.TB) *env {
	e := &env{t: t, srv: telegramtest.New(t, token), clock: deliverytest.NewClock()}
	e.path = filepath.Join(t.TempDir(), "tg.db")
	e.store = sqlitetest.OpenAt(t, e.path)
	app := features.Build(features.Options{Store: e.store})
	e.core, e.sched = app.Bot, app.Reminders
	e.handler = e.core
	return e
}

// start runs the adapter until stop; webhook options may be given.
func (e *env) start(wh telegram.WebhookOptions) {
	e.t.Helper()
	a, err := telegram.New(telegram.Options{
		Token: token, APIURL: e.srv.BaseURL(), Core: e.handler, Commands: e.core.Router().Commands(),
		Store: e.store, Alone: true, HTTPClient: e.srv.Client(), Webhook: wh, Limits: e.limits, Clock: e.clock,
		OnBlocked: func(ctx context.Context, userID string) error { _, err := e.store.StopUser(ctx, userID); return err },
	})
	if err != nil {
		e.t.Fatal(err)
	}
	e.adapter = a
	runCtx, stop := context.WithCancel(ctx)
	e.stop, e.done = stop, make(chan error, 1)
	go func() { e.done <- a.Run(runCtx) }()
	e.t.Cleanup(func() { e.shutdown() })
	deadline := time.Now().Add(5 * time.Second)
	for !a.Ready() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
}

// shutdown stops the adapter and waits for it, returning how long it took.
func (e *env) shutdown() time.Duration {
	if e.stop == nil {
		return 0
	}
	start := time.Now()
	e.stop()
	if err := <-e.done; err != nil {
		e.t.Errorf("Run: %v", err)
	}
	e.stop = nil
	return time.Since(start)
}

var alice = telegramtest.User{ID: 42, FirstName: "Alice"}

// idle waits until the pipeline has nothing left to do: no update the
// fake holds unconfirmed, none waiting in the inbox, no message waiting
// in the outbox. They are read in the order an update travels, so none
// slips between two reads: what was going to arrive has arrived, and a
// test can check that nothing more did without sleeping on a guess.
func (e *env) idle() {
	e.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if len(e.srv.Pending()) > 0 {
			continue
		}
		if n, err := e.store.WaitingUpdates(ctx); err != nil || n > 0 {
			continue
		}
		if n, err := e.store.WaitingMessages(ctx); err != nil || n > 0 {
			continue
		}
		return
	}
	e.t.Fatal("the pipeline never went idle")
}

// say sends text from Alice in her private chat and waits for n replies.
func (e *env) say(text string, n int) []telegramtest.Sent {
	e.t.Helper()
	before := len(e.srv.Sent(alice.ID))
	e.srv.SendMessage(telegramtest.PrivateChat(alice.ID), alice, text)
	got := e.srv.WaitSent(alice.ID, before+n, 10*time.Second)
	if len(got) < before+n {
		e.t.Fatalf("%q: %d replies, want %d", text, len(got)-before, n)
	}
	return got[before:]
}

// press presses a button (by callback data) on a message and waits for n replies.
func (e *env) press(msg telegramtest.Sent, data string, n int) []telegramtest.Sent {
	e.t.Helper()
	before := len(e.srv.Sent(alice.ID))
	e.srv.PressButton(telegramtest.PrivateChat(alice.ID), alice, msg.MessageID, data)
	got := e.srv.WaitSent(alice.ID, before+n, 10*time.Second)
	if len(got) < before+n {
		e.t.Fatalf("press %s: %d replies, want %d", data, len(got)-before, n)
	}
	return got[before:]
}

func contains(t *testing.T, s telegramtest.Sent, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s.Plain, w) {
			t.Errorf("message lacks %q:\n%s", w, s.Plain)
		}
	}
}

func TestCommandMenuAndAQuestion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(telegram.WebhookOptions{})
	cmds := e.srv.Commands()
	want := e.core.Router().Commands()
	if len(cmds) != len(want) || cmds[0].Command != "start" {
		t.Fatalf("command menu: %+v", cmds)
	}
	for i, c := range want {
		if cmds[i].Command != c.Name || cmds[i].Description != c.Description {
			t.Errorf("menu %d = %+v, want %s", i, cmds[i], c.Name)
		}
	}
	// Each other language has its own menu, which Telegram shows to users
	// whose app is in it.
	for _, lang := range []string{"es", "pt", "de", "ru"} {
		local := e.srv.CommandsFor(tgbotapi.BotCommandScope{Type: "default"}, lang)
		if len(local) != len(want) {
			t.Fatalf("%s menu: %d commands, want %d", lang, len(local), len(want))
		}
		for i, c := range want {
			if local[i].Command != c.Name || local[i].Description != c.Localized[lang] || local[i].Description == c.Description {
				t.Errorf("%s menu %d = %+v, want %q", lang, i, local[i], c.Localized[lang])
			}
		}
	}
	got := e.say("can dehydration make my legs twitch?", 1)
	contains(t, got[0], "Dehydration", "sodium and potassium")
	if got[0].ParseMode != "HTML" || len(got[0].Keyboard) == 0 || !strings.HasPrefix(got[0].Keyboard[0][0].CallbackData, "tp/t/") {
		t.Fatalf("answer: mode %q, keyboard %+v", got[0].ParseMode, got[0].Keyboard)
	}
}

func TestChecklistByButtonPresses(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(telegram.WebhookOptions{})
	msg := e.say("/checklist", 1)[0]
	contains(t, msg, "Question 1 of 7")
	answers := []string{"yes", "yes", "no", "no", "no", "no", "no"}
	for i, a := range answers {
		data := ""
		for _, row := range msg.Keyboard {
			for _, b := range row {
				if strings.HasPrefix(b.CallbackData, fmt.Sprintf("ck/%d.", i+1)) && strings.HasSuffix(b.CallbackData, "/"+a) {
					data = b.CallbackData
				}
			}
		}
		next := e.press(msg, data, 1)[0]
		// The pressed message now shows the choice and its buttons are gone
		// (the edit follows the reply).
		label := map[string]string{"yes": "Yes", "no": "No"}[a]
		var pressed telegramtest.Sent
		for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if pressed, _ = e.srv.Message(alice.ID, msg.MessageID); pressed.Edits > 0 {
				break
			}
		}
		if len(pressed.Keyboard) != 1 || pressed.Keyboard[0][0].Text != "✓ "+label {
			t.Fatalf("pressed message keyboard: %+v", pressed.Keyboard)
		}
		msg = next
	}
	contains(t, msg, "You answered yes to 2 of 7", "neurologist or a sleep specialist", "This is not a diagnosis")
	if answers := e.srv.CallbackAnswers(); len(answers) != 7 {
		t.Fatalf("%d callback answers, want 7", len(answers))
	}
	// Pressing an old, already chosen button does nothing but say so.
	before := len(e.srv.Sent(alice.ID))
	e.srv.PressButton(telegramtest.PrivateChat(alice.ID), alice, e.srv.Sent(alice.ID)[0].MessageID, "x")
	e.idle()
	if len(e.srv.Sent(alice.ID)) != before {
		t.Fatal("a chosen button sent a reply")
	}
}

func TestChartUploadAndRetryAfter(t *testing.T) {
	e := newEnv(t)
	e.start(telegram.WebhookOptions{})
	e.press(e.say("/start", 1)[0], "start/yes", 1)
	e.say("/log 6", 1)
	// The upload gets a 429 first: tgbotapi reports it with code 0 and
	// retry_after set; the adapter waits it out and sends again.
	e.srv.Fail("sendPhoto", 1, 429, 429, "Too Many Requests: retry after 1", 1)
	start := e.clock.Now() // the pipeline's clock: its waits take no real time
	got := e.say("/chart", 2)
	if d := e.clock.Now().Sub(start); d < time.Second {
		t.Errorf("retry_after of 1 s not honoured (%s)", d)
	}
	var photo *telegramtest.Sent
	for i := range got {
		if got[i].Method == "sendPhoto" {
			photo = &got[i]
		}
	}
	if photo == nil || photo.File == nil {
		t.Fatalf("no photo among %+v", got)
	}
	if _, err := png.Decode(bytes.NewReader(photo.File.Data)); err != nil {
		t.Fatalf("chart is not a PNG: %v", err)
	}
	if n := len(e.srv.Calls("sendPhoto")); n != 2 {
		t.Errorf("%d sendPhoto calls, want 2 (one refused, one sent)", n)
	}
	// A 429 on an ordinary message, and then a 502 from a proxy.
	e.srv.Fail("sendMessage", 1, 429, 429, "Too Many Requests: retry after 1", 1)
	e.srv.Fail("sendMessage", 1, 502, 0, "", 0)
	start = e.clock.Now()
	contains(t, e.say("/help", 1)[0], "Here's what I can do")
	if d := e.clock.Now().Sub(start); d < time.Second {
		t.Errorf("retry_after not honoured on sendMessage (%s)", d)
	}
}

func TestBlockedUserGetsRemindersSwitchedOff(t *testing.T) {
	e := newEnv(t)
	e.start(telegram.WebhookOptions{})
	e.press(e.say("/start", 1)[0], "start/yes", 1)
	e.say("/remind stretch 21:00", 1)
	e.srv.BlockBot(alice)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		rs, _ := e.store.Reminders(ctx, "tg:42")
		if len(rs) > 0 && !rs[0].Enabled && !anyOn(rs) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	rs, _ := e.store.Reminders(ctx, "tg:42")
	if anyOn(rs) {
		t.Fatalf("reminders still on after the user blocked the bot: %+v", rs)
	}
	// A reminder send to a blocked user reports it, once, without retries.
	calls := len(e.srv.Calls("sendMessage"))
	err := e.adapter.Send(ctx, "42", bot.Response{Text: "**Evening stretch**"})
	if !errors.Is(err, bot.ErrBlocked) {
		t.Fatalf("send to a blocked user: %v", err)
	}
	if n := len(e.srv.Calls("sendMessage")) - calls; n != 1 {
		t.Fatalf("%d attempts to a blocked user", n)
	}
}

// Deliver reports a message refused for its size as bot.ErrTooLarge.
func TestTooLargeIsTyped(t *testing.T) {
	e := newEnv(t)
	e.start(telegram.WebhookOptions{})
	e.srv.Fail("sendMessage", 1, 413, 413, "Request Entity Too Large", 0)
	if err := e.adapter.Send(ctx, "42", bot.Response{Text: "hello"}); !errors.Is(err, bot.ErrTooLarge) {
		t.Fatalf("a 413: %v, want bot.ErrTooLarge", err)
	}
}

func anyOn(rs []reminders.Reminder) bool {
	for _, r := range rs {
		if r.Enabled {
			return true
		}
	}
	return false
}

// A restart neither replays updates already handled nor loses one that
// arrived while the bot was down; shutdown is quick.
func TestRestartNeitherReplaysNorLoses(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(telegram.WebhookOptions{})
	e.say("/bedtime 22:00", 1)
	e.say("/waketime 7:00", 1)
	if d := e.shutdown(); d > 10*time.Second {
		t.Fatalf("shutdown took %s", d)
	}
	e.srv.SendMessage(telegramtest.PrivateChat(alice.ID), alice, "/bedtime") // while down
	sentBefore := len(e.srv.Sent(alice.ID))
	e.start(telegram.WebhookOptions{})
	e.srv.WaitSent(alice.ID, sentBefore+1, 10*time.Second)
	e.idle() // anything replayed has arrived now
	got := e.srv.Sent(alice.ID)[sentBefore:]
	if len(got) != 1 || !strings.Contains(got[0].Plain, "Your bedtime is 22:00") {
		t.Fatalf("after restart: %d messages: %+v", len(got), got)
	}
	polls := e.srv.Polls()
	if first := polls[0]; first.Offset != 0 {
		t.Errorf("first poll offset %d", first.Offset)
	}
}

func TestWebhookSecretAndDuplicates(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.start(telegram.WebhookOptions{URL: "https://bot.example.org:8443/tg/hook", Secret: "s3cret_-", Listener: ln})
	if url, secret, set := e.srv.Webhook(); !set || url != "https://bot.example.org:8443/tg/hook" || secret != "s3cret_-" {
		t.Fatalf("webhook registered as %q %q %v", url, secret, set)
	}
	body := `{"update_id":5001,"message":{"message_id":1,"date":1,"from":{"id":42,"first_name":"Alice"},"chat":{"id":42,"type":"private"},"text":"/bedtime 23:00","entities":[{"type":"bot_command","offset":0,"length":8}]}}`
	post := func(secret, body string) int {
		req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/tg/hook", strings.NewReader(body))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	e.srv.AddChat(telegramtest.PrivateChat(alice.ID))
	if code := post("", body); code != http.StatusForbidden {
		t.Errorf("no secret: %d", code)
	}
	if code := post("wrong", body); code != http.StatusForbidden {
		t.Errorf("wrong secret: %d", code)
	}
	if code := post("s3cret_-", "{not json"); code != http.StatusBadRequest {
		t.Errorf("bad body: %d", code)
	}
	for range 3 { // Telegram retries: the same update three times
		if code := post("s3cret_-", body); code != http.StatusOK {
			t.Fatalf("good update: %d", code)
		}
	}
	e.srv.WaitSent(alice.ID, 1, 5*time.Second)
	time.Sleep(500 * time.Millisecond)
	if got := e.srv.Sent(alice.ID); len(got) != 1 || !strings.Contains(got[0].Plain, "Bedtime set to 23:00") {
		t.Fatalf("webhook update handled %d times: %+v", len(got), got)
	}
}

func TestGroupsNeverGetPersonalData(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(telegram.WebhookOptions{})
	group := telegramtest.Group(777)
	bob := telegramtest.User{ID: 43, FirstName: "Bob"}
	e.srv.SendMessage(group, bob, "anyone else twitching at night?") // chatter: only the safety screen reads it
	e.srv.SendMessage(group, bob, "/timezone@CalmNightsBot")
	e.srv.WaitSent(group.ID, 1, 5*time.Second)
	e.idle() // a reply to the chatter has arrived now
	got := e.srv.Sent(group.ID)
	if len(got) != 1 || !strings.Contains(got[0].Plain, "Open a private chat with me (@CalmNightsBot)") || strings.Contains(got[0].Plain, "time zone") {
		t.Fatalf("group got: %+v", got)
	}
	// Alice has a private chat with the bot: her answer goes there.
	e.say("/timezone Europe/Berlin", 1)
	e.srv.SendMessage(group, alice, "/timezone@CalmNightsBot")
	e.srv.WaitSent(group.ID, 2, 5*time.Second)
	private := e.srv.WaitSent(alice.ID, 2, 5*time.Second)
	if g := e.srv.Sent(group.ID); len(g) != 2 || !strings.Contains(g[1].Plain, "sent you my answer in our private chat") {
		t.Fatalf("group: %+v", g)
	}
	if !strings.Contains(private[len(private)-1].Plain, "Your time zone is Europe/Berlin") {
		t.Fatalf("private: %+v", private[len(private)-1])
	}
	// Not personal: answered in the group, a bare /tips too.
	e.srv.SendMessage(group, bob, "/tips")
	if g := e.srv.WaitSent(group.ID, 3, 5*time.Second); len(g) != 3 || !strings.Contains(g[2].Plain, "2–2.5 litres") {
		t.Fatalf("tips in group: %+v", g)
	}
}

// fixedReply is a core that answers every message with one text.
type fixedReply struct{ text string }

func (f fixedReply) Handle(ctx context.Context, req *bot.Request) []bot.Response {
	return []bot.Response{{Text: f.text}}
}

func TestLongRepliesAndSpecialCharacters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	para := strings.Repeat("Twitchy legs <again> & again. ", 33) // ~1000 characters
	special := `**<b>not bold</b>** & "quotes" 'single' <script>x</script> snake_case_name [x](https://e.org/?a=1&b=2)`
	e.handler = fixedReply{text: strings.Join([]string{para, para, para, para, para, special}, "\n\n")}
	e.start(telegram.WebhookOptions{})
	e.say("hello", 2)
	time.Sleep(200 * time.Millisecond) // a third part would arrive now
	got := e.srv.Sent(alice.ID)
	if len(got) != 2 {
		t.Fatalf("5,000+ characters in %d messages, want 2", len(got))
	}
	for _, m := range got {
		if telegramtest.UTF16Len(m.Plain) > 4096 {
			t.Errorf("message of %d characters", telegramtest.UTF16Len(m.Plain))
		}
	}
	last := got[1].Plain
	if !strings.Contains(last, `<b>not bold</b> & "quotes" 'single' <script>x</script> snake_case_name x`) {
		t.Errorf("special characters mangled: %q", last)
	}
}
