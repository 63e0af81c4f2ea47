package telegramtest_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

const token = "123456:TEST-token"

var ann = telegramtest.User{ID: 42, FirstName: "Ann", Username: "ann", LanguageCode: "en"}

func newBot(t *testing.T, srv *telegramtest.Server) *tgbotapi.BotAPI {
	t.Helper()
	bot, err := tgbotapi.NewBotAPIWithClient(token, srv.Endpoint(), srv.Client())
	if err != nil {
		t.Fatalf("NewBotAPIWithClient: %v", err)
	}
	return bot
}

// apiError returns err as the Bot API error tgbotapi made of it.
func apiError(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *tgbotapi.Error", err, err)
	}
	return e
}

func wantAPIError(t *testing.T, err error, code int, desc string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %d %q", code, desc)
	}
	e := apiError(t, err)
	if e.Code != code || !strings.Contains(e.Message, desc) {
		t.Fatalf("error = %d %q, want %d containing %q", e.Code, e.Message, code, desc)
	}
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func keyboard(rows ...[]tgbotapi.InlineKeyboardButton) tgbotapi.InlineKeyboardMarkup {
	return tgbotapi.NewInlineKeyboardMarkup(rows...)
}

func TestGetMeAtConstruction(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	if bot.Self.ID != 999 || bot.Self.UserName != "CalmNightsBot" || !bot.Self.IsBot {
		t.Errorf("Self = %+v", bot.Self)
	}
	if calls := srv.Calls("getMe"); len(calls) != 1 || calls[0].Status != 200 {
		t.Errorf("getMe calls = %+v", calls)
	}
	if got := srv.Endpoint(); got != srv.BaseURL()+"/bot%s/%s" {
		t.Errorf("Endpoint = %q", got)
	}
}

func TestWrongTokenIsUnauthorized(t *testing.T) {
	srv := telegramtest.New(t, token)
	_, err := tgbotapi.NewBotAPIWithClient("654321:other", srv.Endpoint(), srv.Client())
	wantAPIError(t, err, 401, "Unauthorized")
	if calls := srv.Calls(""); len(calls) != 0 {
		t.Errorf("wrong-token calls recorded: %+v", calls)
	}
}

func TestGetUpdatesOffsetConfirms(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	id1 := srv.SendMessage(telegramtest.PrivateChat(42), ann, "/start@CalmNightsBot now")
	id2 := srv.SendMessage(telegramtest.PrivateChat(42), ann, "hello")
	if id1 != 1 || id2 != 2 {
		t.Fatalf("update ids = %d, %d, want 1, 2", id1, id2)
	}

	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 2 {
		t.Fatalf("GetUpdates = %d updates, %v", len(ups), err)
	}
	m := ups[0].Message
	if m.Chat.ID != 42 || m.Chat.Type != "private" || m.Chat.FirstName != "Ann" || m.From.UserName != "ann" || m.From.LanguageCode != "en" {
		t.Errorf("message = %+v, chat %+v, from %+v", m, m.Chat, m.From)
	}
	if !m.IsCommand() || m.Command() != "start" || m.CommandArguments() != "now" {
		t.Errorf("command = %q args %q, entities %+v", m.Command(), m.CommandArguments(), m.Entities)
	}
	if ups[1].Message.MessageID != m.MessageID+1 || ups[1].Message.IsCommand() {
		t.Errorf("second message = %+v", ups[1].Message)
	}

	// Without an offset nothing is confirmed.
	if ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{}); len(ups) != 2 {
		t.Errorf("again: %d updates, want 2", len(ups))
	}
	// An offset confirms every update below it.
	ups, err = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: 2})
	if err != nil || len(ups) != 1 || ups[0].UpdateID != 2 {
		t.Fatalf("offset 2: %+v, %v", ups, err)
	}
	if got := srv.Pending(); !reflect.DeepEqual(got, []int{2}) {
		t.Errorf("Pending = %v, want [2]", got)
	}
	if ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: 3}); len(ups) != 0 {
		t.Errorf("offset 3: %d updates", len(ups))
	}
	if got := srv.Pending(); len(got) != 0 {
		t.Errorf("Pending = %v, want none", got)
	}
	// limit
	srv.SendMessage(telegramtest.PrivateChat(42), ann, "a")
	srv.SendMessage(telegramtest.PrivateChat(42), ann, "b")
	if ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: 3, Limit: 1}); len(ups) != 1 || ups[0].UpdateID != 3 {
		t.Errorf("limit 1: %+v", ups)
	}

	polls := srv.Polls()
	if c := srv.Calls("getUpdates")[0]; c.Params["allowed_updates"] != "null" || polls[0].AllowedUpdates != nil {
		t.Errorf("tgbotapi sent allowed_updates=%q; poll has %#v", c.Params["allowed_updates"], polls[0].AllowedUpdates)
	}
	var offsets []int
	for _, p := range polls {
		offsets = append(offsets, p.Offset)
	}
	if !reflect.DeepEqual(offsets, []int{0, 0, 2, 3, 3}) {
		t.Errorf("poll offsets = %v", offsets)
	}
}

func TestGetUpdatesLongPollTimesOut(t *testing.T) {
	t.Parallel() // a second of waiting on the long poll; the other waits overlap it
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	start := time.Now()
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	if err != nil || len(ups) != 0 {
		t.Fatalf("GetUpdates = %+v, %v", ups, err)
	}
	// The lower bound is the behaviour (the poll waits its timeout); the
	// upper one only catches a poll that never times out, so it is wide
	// enough for a busy machine.
	if d := time.Since(start); d < 900*time.Millisecond || d > 10*time.Second {
		t.Errorf("returned after %v, want about 1s", d)
	}
	p := srv.Polls()[0]
	if p.Timeout != 1 || p.Outcome != "timeout" {
		t.Errorf("poll = %+v", p)
	}
}

func TestGetUpdatesReturnsEarlyOnNewUpdate(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	type result struct {
		ups []tgbotapi.Update
		err error
	}
	done := make(chan result)
	start := time.Now()
	go func() {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		done <- result{ups, err}
	}()
	srv.WaitPolls(1, 5*time.Second)
	time.Sleep(50 * time.Millisecond) // let it wait
	srv.SendMessage(telegramtest.PrivateChat(42), ann, "wake up")
	select {
	case r := <-done:
		if r.err != nil || len(r.ups) != 1 || r.ups[0].Message.Text != "wake up" {
			t.Fatalf("GetUpdates = %+v, %v", r.ups, r.err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("long poll did not return on a new update")
	}
}

// ctxClient attaches a context to every request, which tgbotapi cannot do
// itself.
type ctxClient struct {
	ctx context.Context
	c   *http.Client
}

func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	return c.c.Do(req.WithContext(c.ctx))
}

func TestGetUpdatesStopsWhenClientCancels(t *testing.T) {
	srv := telegramtest.New(t, token)
	ctx, cancel := context.WithCancel(context.Background())
	bot, err := tgbotapi.NewBotAPIWithClient(token, srv.Endpoint(), ctxClient{ctx, srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	errc := make(chan error)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		errc <- err
	}()
	srv.WaitPolls(1, 5*time.Second)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("client error = %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for srv.Polls()[0].Outcome != "cancelled" {
		if time.Now().After(deadline) {
			t.Fatalf("poll = %+v, want cancelled", srv.Polls()[0])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSecondPollTerminatesFirst(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	errc := make(chan error)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		errc <- err
	}()
	srv.WaitPolls(1, 5*time.Second)
	time.Sleep(50 * time.Millisecond)
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errc:
		wantAPIError(t, err, 409, "Conflict: terminated by other getUpdates request")
	case <-time.After(5 * time.Second):
		t.Fatal("first poll not terminated")
	}
}

func TestGetUpdatesChan(t *testing.T) {
	t.Parallel() // a second of waiting on the long poll; the other waits overlap it
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	ch := bot.GetUpdatesChan(tgbotapi.UpdateConfig{Timeout: 1, AllowedUpdates: []string{"message", "callback_query"}})
	defer bot.StopReceivingUpdates()
	srv.SendMessage(telegramtest.PrivateChat(42), ann, "one")
	srv.BlockBot(ann) // not allowed: dropped
	srv.SendMessage(telegramtest.PrivateChat(42), ann, "two")
	for _, want := range []string{"one", "two"} {
		select {
		case u := <-ch:
			if u.Message == nil || u.Message.Text != want {
				t.Fatalf("update %+v, want message %q", u, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no update %q", want)
		}
	}
	// The next poll confirms both.
	polls := srv.WaitPolls(3, 5*time.Second)
	if last := polls[len(polls)-1]; last.Offset != 4 || !reflect.DeepEqual(last.AllowedUpdates, []string{"message", "callback_query"}) {
		t.Errorf("last poll = %+v", last)
	}
	if p := srv.Pending(); len(p) != 0 {
		t.Errorf("pending = %v", p)
	}
}

func TestSendMessageRecordedWithKeyboard(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	srv.SendMessage(telegramtest.PrivateChat(42), ann, "/start")

	msg := tgbotapi.NewMessage(42, "<b>Good night</b>, Ann 🌙")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = keyboard(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Yes", "log:yes"), tgbotapi.NewInlineKeyboardButtonData("No", "log:no")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("Help", "https://example.org/help")),
	)
	got, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	if got.MessageID != 2 || got.Text != "Good night, Ann 🌙" || got.From.ID != 999 || got.ReplyMarkup == nil || len(got.ReplyMarkup.InlineKeyboard) != 2 {
		t.Errorf("returned message = %+v", got)
	}
	if len(got.Entities) != 1 || got.Entities[0].Type != "bold" || got.Entities[0].Offset != 0 || got.Entities[0].Length != 10 {
		t.Errorf("entities = %+v", got.Entities)
	}

	sent := srv.Sent(42)
	if len(sent) != 1 {
		t.Fatalf("Sent = %+v", sent)
	}
	s := sent[0]
	want := [][]telegramtest.Button{
		{{Text: "Yes", CallbackData: "log:yes"}, {Text: "No", CallbackData: "log:no"}},
		{{Text: "Help", URL: "https://example.org/help"}},
	}
	if s.MessageID != 2 || s.Method != "sendMessage" || s.Text != "<b>Good night</b>, Ann 🌙" || s.Plain != "Good night, Ann 🌙" || s.ParseMode != "HTML" || !reflect.DeepEqual(s.Keyboard, want) {
		t.Errorf("sent = %+v", s)
	}
	if c := srv.Calls("sendMessage"); len(c) != 1 || c[0].Params["chat_id"] != "42" || !strings.Contains(c[0].Params["reply_markup"], "log:yes") {
		t.Errorf("calls = %+v", c)
	}
	if w := srv.WaitSent(42, 1, time.Second); len(w) != 1 {
		t.Errorf("WaitSent = %d", len(w))
	}
	if w := srv.WaitSent(42, 2, 50*time.Millisecond); len(w) != 1 {
		t.Errorf("WaitSent on timeout = %d", len(w))
	}
}

func TestHTMLValidation(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	srv.AddChat(telegramtest.PrivateChat(42))
	send := func(text string) error {
		m := tgbotapi.NewMessage(42, text)
		m.ParseMode = tgbotapi.ModeHTML
		_, err := bot.Send(m)
		return err
	}
	a := strings.Repeat("a", 1)
	moon := "🌙" // two UTF-16 code units
	for _, tc := range []struct {
		name, text string
		wantErr    string // "" for success
	}{
		{"nested", `<b>bold <i>both <u>all</u></i></b> <s>s</s><del>d</del><strike>x</strike><ins>i</ins><em>e</em><strong>s</strong>`, ""},
		{"link and more", `<a href="https://example.org/?a=1&amp;b=2">link</a> <code>x</code> <pre><code class="language-go">y</code></pre> <tg-spoiler>z</tg-spoiler> <span class="tg-spoiler">w</span> <blockquote>q</blockquote>`, ""},
		{"entities", `&lt;3 &gt; &amp; &quot; &#128516; &#x1F319; a > b`, ""},
		{"upper-case tags", `<B>x</B>`, ""},
		{"unclosed", "<b>x", "can't parse entities: Can't find end tag corresponding to start tag \"b\""},
		{"bare <", "a < b", "can't parse entities: Unsupported start tag \"\""},
		{"bare &", "Tom & Jerry", "can't parse entities"},
		{"unknown entity", "&nbsp;", "can't parse entities"},
		{"mismatched", "<b><i>x</b></i>", "can't parse entities: Unmatched end tag"},
		{"unexpected end", "x</b>", "can't parse entities: Unexpected end tag"},
		{"unsupported tag", "<script>x</script>", "can't parse entities: Unsupported start tag \"script\""},
		{"span without class", "<span>x</span>", "can't parse entities: Tag \"span\" must have class \"tg-spoiler\""},
		{"empty", "", "message text is empty"},
		{"only tags", "<b> </b>", "message text is empty"},
		{"4096", strings.Repeat(a, 4096), ""},
		{"4097", strings.Repeat(a, 4097), "message is too long"},
		{"4094 + emoji", strings.Repeat(a, 4094) + moon, ""},
		{"4095 + emoji", strings.Repeat(a, 4095) + moon, "message is too long"},
		{"tags do not count", "<b>" + strings.Repeat(a, 4096) + "</b>", ""},
		{"entity counts once", strings.Repeat(a, 4095) + "&lt;", ""},
	} {
		err := send(tc.text)
		if tc.wantErr == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: no error, want %q", tc.name, tc.wantErr)
			continue
		}
		if e := apiError(t, err); e.Code != 400 || !strings.HasPrefix(e.Message, "Bad Request: "+tc.wantErr) {
			t.Errorf("%s: error %d %q, want 400 %q", tc.name, e.Code, e.Message, tc.wantErr)
		}
	}

	// What a valid message looks like to the user.
	plain, ents, err := telegramtest.ParseHTML(moon + " <b>a<i>b</i></b> <a href=\"https://x.org\">l</a> &amp;")
	if err != nil {
		t.Fatal(err)
	}
	wantEnts := []tgbotapi.MessageEntity{
		{Type: "bold", Offset: 3, Length: 2},
		{Type: "italic", Offset: 4, Length: 1},
		{Type: "text_link", Offset: 6, Length: 1, URL: "https://x.org"},
	}
	if plain != moon+" ab l &" || !reflect.DeepEqual(ents, wantEnts) {
		t.Errorf("ParseHTML = %q %+v", plain, ents)
	}

	// Without parse_mode, tags are just text.
	if _, err := bot.Send(tgbotapi.NewMessage(42, "a < b & <b>")); err != nil {
		t.Errorf("plain text: %v", err)
	}
	m := tgbotapi.NewMessage(42, "x")
	m.ParseMode = "Fancy"
	_, err = bot.Send(m)
	wantAPIError(t, err, 400, "unsupported parse_mode")
}

func TestInlineKeyboardValidation(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	srv.AddChat(telegramtest.PrivateChat(42))
	send := func(buttons ...tgbotapi.InlineKeyboardButton) error {
		m := tgbotapi.NewMessage(42, "pick")
		m.ReplyMarkup = keyboard(buttons)
		_, err := bot.Send(m)
		return err
	}
	if err := send(tgbotapi.NewInlineKeyboardButtonData("ok", strings.Repeat("x", 64))); err != nil {
		t.Errorf("64-byte data: %v", err)
	}
	wantAPIError(t, send(tgbotapi.NewInlineKeyboardButtonData("ok", strings.Repeat("é", 33))), 400, "BUTTON_DATA_INVALID")
	wantAPIError(t, send(tgbotapi.NewInlineKeyboardButtonData("", "x")), 400, "Bad Request: BUTTON_TEXT_INVALID")
	wantAPIError(t, send(tgbotapi.InlineKeyboardButton{Text: "nothing"}), 400, "Text buttons are unallowed")
	wantAPIError(t, send(tgbotapi.NewInlineKeyboardButtonURL("bad", "javascript:alert(1)")), 400, "BUTTON_URL_INVALID")
	if n := len(srv.Sent(42)); n != 1 {
		t.Errorf("%d messages recorded, want only the valid one", n)
	}
}

func TestCallbackFlow(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	chat := telegramtest.PrivateChat(42)
	srv.SendMessage(chat, ann, "/water")
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{})

	kb := keyboard(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("+250 ml", "water:250"),
		tgbotapi.NewInlineKeyboardButtonData("+500 ml", "water:500"),
	))
	m := tgbotapi.NewMessage(42, "How much?")
	m.ReplyMarkup = kb
	sent, err := bot.Send(m)
	if err != nil {
		t.Fatal(err)
	}

	press := srv.PressButton(chat, ann, sent.MessageID, "water:500")
	ups, err = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[len(ups)-1].UpdateID + 1})
	if err != nil || len(ups) != 1 || ups[0].UpdateID != press {
		t.Fatalf("updates = %+v, %v", ups, err)
	}
	cq := ups[0].CallbackQuery
	if cq == nil || cq.ID == "" || cq.Data != "water:500" || cq.From.ID != 42 || cq.ChatInstance == "" {
		t.Fatalf("callback query = %+v", cq)
	}
	if cq.Message == nil || cq.Message.MessageID != sent.MessageID || cq.Message.Chat.ID != 42 || cq.Message.Text != "How much?" ||
		cq.Message.ReplyMarkup == nil || *cq.Message.ReplyMarkup.InlineKeyboard[0][1].CallbackData != "water:500" {
		t.Fatalf("callback message = %+v", cq.Message)
	}

	// Answer it; a second answer is refused, as is an id the server never issued.
	if _, err := bot.Request(tgbotapi.NewCallback(cq.ID, "Saved 500 ml")); err != nil {
		t.Fatal(err)
	}
	_, err = bot.Request(tgbotapi.NewCallback(cq.ID, "again"))
	wantAPIError(t, err, 400, "query is too old and response timeout expired or query ID is invalid")
	_, err = bot.Request(tgbotapi.NewCallback("12345", ""))
	wantAPIError(t, err, 400, "query ID is invalid")
	if a, ok := srv.CallbackAnswer(press); !ok || a.Text != "Saved 500 ml" || a.ShowAlert || a.QueryID != cq.ID {
		t.Errorf("answer = %+v, %v", a, ok)
	}

	// Edit the markup.
	done := keyboard(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Undo", "water:undo")))
	edited, err := bot.Send(tgbotapi.NewEditMessageReplyMarkup(42, sent.MessageID, done))
	if err != nil {
		t.Fatal(err)
	}
	if edited.EditDate == 0 || edited.ReplyMarkup == nil || edited.ReplyMarkup.InlineKeyboard[0][0].Text != "Undo" {
		t.Errorf("edited = %+v", edited)
	}
	cur, ok := srv.Message(42, sent.MessageID)
	if !ok || cur.Edits != 1 || !reflect.DeepEqual(cur.Keyboard, [][]telegramtest.Button{{{Text: "Undo", CallbackData: "water:undo"}}}) {
		t.Errorf("current = %+v", cur)
	}
	if orig := srv.Sent(42)[0]; len(orig.Keyboard[0]) != 2 {
		t.Errorf("Sent changed by the edit: %+v", orig)
	}
	// The same markup again is no modification.
	_, err = bot.Send(tgbotapi.NewEditMessageReplyMarkup(42, sent.MessageID, done))
	wantAPIError(t, err, 400, "message is not modified")
	_, err = bot.Send(tgbotapi.NewEditMessageReplyMarkup(42, 777, done))
	wantAPIError(t, err, 400, "message to edit not found")
	// The user's own message can't be edited.
	_, err = bot.Send(tgbotapi.NewEditMessageText(42, 1, "x"))
	wantAPIError(t, err, 400, "message can't be edited")

	// Editing the text without reply_markup removes the keyboard, as in Telegram.
	if _, err := bot.Send(tgbotapi.NewEditMessageText(42, sent.MessageID, "Saved 500 ml.")); err != nil {
		t.Fatal(err)
	}
	if cur, _ := srv.Message(42, sent.MessageID); cur.Plain != "Saved 500 ml." || cur.Keyboard != nil || cur.Edits != 2 {
		t.Errorf("after text edit = %+v", cur)
	}
	_, err = bot.Send(tgbotapi.NewEditMessageText(42, sent.MessageID, "Saved 500 ml."))
	wantAPIError(t, err, 400, "message is not modified")

	// Pressing again shows the message as it is now.
	srv.PressButton(chat, ann, sent.MessageID, "water:undo")
	ups, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: press + 1})
	if len(ups) != 1 || ups[0].CallbackQuery.Message.Text != "Saved 500 ml." || ups[0].CallbackQuery.Message.ReplyMarkup != nil {
		t.Errorf("second press = %+v", ups)
	}

	// Delete it.
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(42, sent.MessageID)); err != nil {
		t.Fatal(err)
	}
	_, err = bot.Request(tgbotapi.NewDeleteMessage(42, sent.MessageID))
	wantAPIError(t, err, 400, "message to delete not found")
	if cur, ok := srv.Message(42, sent.MessageID); !ok || !cur.Deleted {
		t.Errorf("deleted = %+v %v", cur, ok)
	}
}

func TestUploads(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	srv.AddChat(telegramtest.PrivateChat(42))
	img := pngBytes(t, 80, 40)

	photo := tgbotapi.NewPhoto(42, tgbotapi.FileBytes{Name: "chart.png", Bytes: img})
	photo.Caption = "<b>Your week</b>"
	photo.ParseMode = tgbotapi.ModeHTML
	photo.ReplyMarkup = keyboard(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Month", "chart:month")))
	pm, err := bot.Send(photo)
	if err != nil {
		t.Fatal(err)
	}
	if len(pm.Photo) != 1 || pm.Photo[0].Width != 80 || pm.Photo[0].Height != 40 || pm.Caption != "Your week" || pm.ReplyMarkup == nil {
		t.Errorf("photo message = %+v", pm)
	}

	csv := []byte("date,hours\n2024-01-01,7.5\n")
	doc := tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "journal.csv", Bytes: csv})
	doc.Caption = "Your journal"
	dm, err := bot.Send(doc)
	if err != nil {
		t.Fatal(err)
	}
	if dm.Document == nil || dm.Document.FileName != "journal.csv" || !strings.HasPrefix(dm.Document.MimeType, "text/csv") || dm.Document.FileSize != len(csv) {
		t.Errorf("document message = %+v", dm.Document)
	}

	c := srv.Calls("sendPhoto")
	if len(c) != 1 || !bytes.Equal(c[0].Files["photo"].Data, img) || c[0].Files["photo"].Name != "chart.png" || c[0].Params["caption"] != "<b>Your week</b>" {
		t.Errorf("sendPhoto call = %+v", c)
	}
	sent := srv.Sent(42)
	if len(sent) != 2 || sent[0].Method != "sendPhoto" || !bytes.Equal(sent[0].File.Data, img) || sent[0].Plain != "Your week" || sent[0].Keyboard[0][0].CallbackData != "chart:month" ||
		sent[1].Method != "sendDocument" || !bytes.Equal(sent[1].File.Data, csv) || sent[1].Text != "Your journal" || sent[1].FileID != dm.Document.FileID {
		t.Errorf("sent = %+v", sent)
	}

	// A file_id can be sent again; a photo's id is no document.
	if _, err := bot.Send(tgbotapi.NewPhoto(42, tgbotapi.FileID(pm.Photo[0].FileID))); err != nil {
		t.Errorf("resend by file_id: %v", err)
	}
	_, err = bot.Send(tgbotapi.NewDocument(42, tgbotapi.FileID(pm.Photo[0].FileID)))
	wantAPIError(t, err, 400, "can't use file of type Photo as Document")
	_, err = bot.Send(tgbotapi.NewPhoto(42, tgbotapi.FileID("nonsense")))
	wantAPIError(t, err, 400, "wrong file identifier/HTTP URL specified")

	// Telegram checks that a photo is an image. Upload errors come without
	// a code from tgbotapi (see TestFailOnUploadHasNoCode).
	_, err = bot.Send(tgbotapi.NewPhoto(42, tgbotapi.FileBytes{Name: "x.png", Bytes: []byte("not a png")}))
	if e := apiError(t, err); e.Message != "Bad Request: IMAGE_PROCESS_FAILED" {
		t.Errorf("bad photo: %q", e.Message)
	}
	long := tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "a.txt", Bytes: []byte("a")})
	long.Caption = strings.Repeat("c", 1025)
	_, err = bot.Send(long)
	if e := apiError(t, err); e.Message != "Bad Request: message caption is too long" {
		t.Errorf("long caption: %q", e.Message)
	}
	long.Caption = strings.Repeat("c", 1024)
	if _, err := bot.Send(long); err != nil {
		t.Errorf("1024-char caption: %v", err)
	}
}

func TestFail429(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	srv.AddChat(telegramtest.PrivateChat(42))
	srv.Fail("sendMessage", 1, 429, 429, "Too Many Requests: retry after 2", 2)

	_, err := bot.Send(tgbotapi.NewMessage(42, "hi"))
	e := apiError(t, err)
	if e.Code != 429 || e.RetryAfter != 2 || e.Message != "Too Many Requests: retry after 2" {
		t.Errorf("error = %+v", e)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(42, "hi")); err != nil {
		t.Errorf("retry: %v", err)
	}
	calls := srv.Calls("sendMessage")
	if len(calls) != 2 || calls[0].Status != 429 || calls[1].Status != 200 {
		t.Errorf("calls = %+v", calls)
	}
	if n := len(srv.Sent(42)); n != 1 {
		t.Errorf("%d sent, want 1", n)
	}
}

// tgbotapi's UploadFiles builds its Error without the code.
func TestFailOnUploadHasNoCode(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	srv.AddChat(telegramtest.PrivateChat(42))
	srv.Fail("sendPhoto", 1, 429, 429, "Too Many Requests: retry after 3", 3)
	_, err := bot.Send(tgbotapi.NewPhoto(42, tgbotapi.FileBytes{Name: "a.png", Bytes: pngBytes(t, 2, 2)}))
	e := apiError(t, err)
	if e.Code != 0 || e.RetryAfter != 3 || e.Message != "Too Many Requests: retry after 3" {
		t.Errorf("upload error = %+v, want Code 0 and RetryAfter 3", e)
	}
	if c := srv.Calls("sendPhoto"); len(c) != 1 || len(c[0].Files["photo"].Data) == 0 {
		t.Errorf("the failed upload was not read whole: %+v", c)
	}
}

func TestFail403AndBlockBot(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	srv.SendMessage(telegramtest.PrivateChat(42), ann, "hi")

	srv.Fail("sendMessage", 1, 403, 403, "Forbidden: bot was blocked by the user", 0)
	_, err := bot.Send(tgbotapi.NewMessage(42, "x"))
	wantAPIError(t, err, 403, "Forbidden: bot was blocked by the user")

	id := srv.BlockBot(ann)
	if !srv.Blocked(42) {
		t.Error("not blocked")
	}
	_, err = bot.Send(tgbotapi.NewMessage(42, "x"))
	wantAPIError(t, err, 403, "Forbidden: bot was blocked by the user")
	_, err = bot.Send(tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "a.txt", Bytes: []byte("a")}))
	if e := apiError(t, err); e.Message != "Forbidden: bot was blocked by the user" {
		t.Errorf("document to blocked user: %+v", e)
	}
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: id})
	if len(ups) != 1 || ups[0].MyChatMember == nil || ups[0].MyChatMember.NewChatMember.Status != "kicked" ||
		ups[0].MyChatMember.OldChatMember.Status != "member" || ups[0].MyChatMember.Chat.ID != 42 || ups[0].MyChatMember.From.ID != 42 {
		t.Fatalf("my_chat_member update = %+v", ups)
	}

	srv.UnblockBot(ann)
	if _, err := bot.Send(tgbotapi.NewMessage(42, "welcome back")); err != nil {
		t.Errorf("after unblock: %v", err)
	}
}

func TestFail502IsNotJSON(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	srv.AddChat(telegramtest.PrivateChat(42))
	srv.Fail("sendMessage", 2, 502, 0, "", 0)
	for i := 0; i < 2; i++ {
		_, err := bot.Send(tgbotapi.NewMessage(42, "x"))
		var e *tgbotapi.Error
		if err == nil || errors.As(err, &e) {
			t.Errorf("call %d: error %v (%T), want a decoding error", i, err, err)
		}
	}
	if _, err := bot.Send(tgbotapi.NewMessage(42, "x")); err != nil {
		t.Errorf("third call: %v", err)
	}
	resp, err := http.Post(srv.BaseURL()+"/bot"+token+"/getMe", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	srv.Fail("", 1, 502, 0, "", 0)
	resp, err = http.Post(srv.BaseURL()+"/bot"+token+"/getMe", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 502 || body.String() != "<html>Bad Gateway</html>" {
		t.Errorf("502 = %d %q", resp.StatusCode, body.String())
	}
}

func TestFailDropsConnection(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	srv.Fail("getMe", 1, 0, 0, "", 0)
	if _, err := bot.GetMe(); err == nil {
		t.Error("no error for a dropped connection")
	}
	if _, err := bot.GetMe(); err != nil {
		t.Errorf("next call: %v", err)
	}
}

func TestChatNotFound(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	_, err := bot.Send(tgbotapi.NewMessage(7, "hi"))
	wantAPIError(t, err, 400, "Bad Request: chat not found")
	_, err = bot.Send(tgbotapi.NewMessage(0, "hi"))
	wantAPIError(t, err, 400, "chat_id is empty")

	// A user who wrote in a group can be written to privately.
	group := telegramtest.Group(5)
	srv.SendMessage(group, telegramtest.User{ID: 7, FirstName: "Bo"}, "/start@CalmNightsBot")
	if _, err := bot.Send(tgbotapi.NewMessage(-5, "hello group")); err != nil {
		t.Errorf("group: %v", err)
	}
	m, err := bot.Send(tgbotapi.NewMessage(7, "hello Bo"))
	if err != nil || m.Chat.Type != "private" || m.Chat.FirstName != "Bo" {
		t.Errorf("private = %+v, %v", m.Chat, err)
	}
	// message ids are per chat
	if g := srv.Sent(-5); len(g) != 1 || g[0].MessageID != 2 {
		t.Errorf("group sent = %+v", g)
	}
	srv.AddChat(telegramtest.PrivateChat(8))
	if _, err := bot.Send(tgbotapi.NewMessage(8, "hi")); err != nil {
		t.Errorf("after AddChat: %v", err)
	}
	if _, err := bot.Request(tgbotapi.NewChatAction(8, tgbotapi.ChatTyping)); err != nil {
		t.Errorf("typing: %v", err)
	}
}

func TestSetMyCommands(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	cmds := []tgbotapi.BotCommand{{Command: "log", Description: "Log a night"}, {Command: "water", Description: "Log water"}}
	if _, err := bot.Request(tgbotapi.NewSetMyCommands(cmds...)); err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands(); !reflect.DeepEqual(got, cmds) {
		t.Errorf("Commands = %+v", got)
	}
	if got, err := bot.GetMyCommands(); err != nil || !reflect.DeepEqual(got, cmds) {
		t.Errorf("GetMyCommands = %+v, %v", got, err)
	}
	_, err := bot.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "Log", Description: "x"}))
	wantAPIError(t, err, 400, "BOT_COMMAND_INVALID")

	de := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), "de",
		tgbotapi.BotCommand{Command: "log", Description: "Nacht eintragen"})
	if _, err := bot.Request(de); err != nil {
		t.Fatal(err)
	}
	if got := srv.CommandsFor(tgbotapi.NewBotCommandScopeDefault(), "de"); len(got) != 1 || got[0].Description != "Nacht eintragen" {
		t.Errorf("de commands = %+v", got)
	}
	if got := srv.Commands(); len(got) != 2 {
		t.Errorf("default commands changed: %+v", got)
	}
}

func TestWebhook(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	resp, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://bot.example.org/hook", "secret_token": "s3cret_Token-1"})
	if err != nil || resp.Description != "Webhook was set" {
		t.Fatalf("setWebhook = %+v, %v", resp, err)
	}
	if u, secret, set := srv.Webhook(); u != "https://bot.example.org/hook" || secret != "s3cret_Token-1" || !set {
		t.Errorf("Webhook = %q %q %v", u, secret, set)
	}
	info, err := bot.GetWebhookInfo()
	if err != nil || info.URL != "https://bot.example.org/hook" || !info.IsSet() {
		t.Errorf("info = %+v, %v", info, err)
	}
	_, err = bot.GetUpdates(tgbotapi.UpdateConfig{})
	wantAPIError(t, err, 409, "can't use getUpdates method while webhook is active")

	_, err = bot.MakeRequest("setWebhook", tgbotapi.Params{"url": "http://bot.example.org/hook"})
	wantAPIError(t, err, 400, "An HTTPS URL must be provided")
	_, err = bot.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://bot.example.org/hook", "secret_token": "no spaces"})
	wantAPIError(t, err, 400, "secret token contains unallowed characters")

	if _, err := bot.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		t.Fatal(err)
	}
	if _, _, set := srv.Webhook(); set {
		t.Error("webhook still set")
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Errorf("getUpdates after deleteWebhook: %v", err)
	}
}

func TestUnknownMethod(t *testing.T) {
	srv := telegramtest.New(t, token)
	bot := newBot(t, srv)
	_, err := bot.MakeRequest("sendSticker", nil)
	wantAPIError(t, err, 404, "Not Found")
	if c := srv.Calls("sendSticker"); len(c) != 1 || c[0].Status != 404 {
		t.Errorf("calls = %+v", c)
	}
}

func TestStandalone(t *testing.T) {
	srv, err := telegramtest.NewStandalone(token, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasPrefix(srv.BaseURL(), "http://127.0.0.1:") {
		t.Errorf("BaseURL = %q", srv.BaseURL())
	}
	bot, err := tgbotapi.NewBotAPIWithClient(token, srv.Endpoint(), &http.Client{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
	}()
	srv.WaitPolls(1, 5*time.Second)
	start := time.Now()
	srv.Close() // ends the waiting poll at once
	wg.Wait()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v", d)
	}
}

// ParseHTML never panics, and what it accepts yields entities inside the text.
func FuzzParseHTML(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "a < b", "&lt;&#x1F319;&#128516;", `<a href="x">y</a>`, "<span class=\"tg-spoiler\">s", "</", "<b x=y>z</b>", "🌙<i>é</i>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		plain, ents, err := telegramtest.ParseHTML(s)
		if err != nil {
			return
		}
		n := telegramtest.UTF16Len(plain)
		for _, e := range ents {
			if e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > n {
				t.Fatalf("ParseHTML(%q) = %q with entity %+v outside the text", s, plain, e)
			}
		}
	})
}
