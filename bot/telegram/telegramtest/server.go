// Package telegramtest is a fake of the Telegram Bot API on a loopback HTTP
// server, for testing the Telegram adapter with the real client library
// (github.com/go-telegram-bot-api/telegram-bot-api/v5) and no network.
//
// A test starts a Server, points tgbotapi at it, plays the user's side
// (SendMessage, PressButton, BlockBot, AddUpdate) and checks what the bot did
// (Sent, Message, Calls, Commands, CallbackAnswer, Webhook):
//
//	srv := telegramtest.New(t, "123:token")
//	bot, err := tgbotapi.NewBotAPIWithClient("123:token", srv.Endpoint(), srv.Client())
//	srv.SendMessage(telegramtest.PrivateChat(42), telegramtest.User{ID: 42, FirstName: "Ann"}, "/start")
//	// ... run the adapter ...
//	got := srv.WaitSent(42, 1, 5*time.Second)
//
// The fake answers like Telegram does, including its errors: it validates
// HTML text and captions, length limits (in UTF-16 code units), inline
// keyboards, edits ("message is not modified"), callback query ids, unknown
// and blocked chats, and the token. Fail makes the next calls of a method
// fail, for testing retries and flood control.
//
// Methods it implements: getMe, getUpdates, sendMessage, sendPhoto,
// sendDocument, sendChatAction, editMessageText, editMessageCaption,
// editMessageReplyMarkup, deleteMessage, answerCallbackQuery, setMyCommands,
// getMyCommands, deleteMyCommands, setWebhook, deleteWebhook,
// getWebhookInfo. Any other method answers 404 "Not Found", as Telegram does
// for a method it does not know; the call is still recorded.
package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// The bot's identity, as getMe answers it.
const (
	BotID        = 999
	BotUsername  = "CalmNightsBot"
	BotFirstName = "Calm Nights"
)

// Limits of the Bot API that the fake enforces.
const (
	MaxTextLen         = 4096 // sendMessage text, in UTF-16 code units after entity parsing
	MaxCaptionLen      = 1024 // photo and document captions, likewise
	MaxCallbackDataLen = 64   // callback_data of an inline button, in bytes
	MaxUploadBytes     = 50 << 20
)

// Chat is a chat as the fake's user-side helpers take it.
type Chat struct {
	ID    int64  `json:"id"`
	Type  string `json:"type"` // "private", "group" or "supergroup"; empty means private for a positive ID, group otherwise
	Title string `json:"title,omitempty"`
}

// User is a Telegram user, the sender of messages and button presses.
type User struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

// PrivateChat returns the private chat between the bot and a user; as in
// Telegram, its ID is the user's ID.
func PrivateChat(userID int64) Chat { return Chat{ID: userID, Type: "private"} }

// Group returns a basic group chat. Group chat IDs are negative in Telegram;
// a positive id is negated.
func Group(id int64) Chat {
	if id > 0 {
		id = -id
	}
	return Chat{ID: id, Type: "group", Title: fmt.Sprintf("Group %d", -id)}
}

// File is an uploaded file.
type File struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// Call is one request the bot made, in the order they arrived.
type Call struct {
	Method string            `json:"method"`          // canonical method name, e.g. "sendMessage"
	Params map[string]string `json:"params"`          // every parameter, form or multipart field, as sent
	Files  map[string]File   `json:"files,omitempty"` // uploaded files by field name ("photo", "document")
	At     time.Time         `json:"at"`              // when the request arrived

	// Status is the HTTP status the fake answered with (0 while a
	// getUpdates call is still waiting, 499 if its client gave up);
	// Description is the error description, empty on success.
	Status      int    `json:"status"`
	Description string `json:"description,omitempty"`
}

// Button is one button of an inline keyboard.
type Button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
	URL          string `json:"url,omitempty"`
}

// Sent is a message the bot sent (sendMessage, sendPhoto or sendDocument).
type Sent struct {
	ChatID    int64  `json:"chat_id"`
	MessageID int    `json:"message_id"`
	Method    string `json:"method"` // "sendMessage", "sendPhoto" or "sendDocument"

	Text      string                   `json:"text"`       // the text, or the caption of a photo or document, exactly as sent
	Plain     string                   `json:"plain"`      // Text as the user sees it: tags removed and entities decoded (for parse_mode HTML)
	Entities  []tgbotapi.MessageEntity `json:"entities"`   // formatting parsed from HTML
	ParseMode string                   `json:"parse_mode"` // as sent

	Keyboard    [][]Button `json:"keyboard,omitempty"`     // the inline keyboard; nil if none
	ReplyMarkup string     `json:"reply_markup,omitempty"` // reply_markup as sent (JSON), of any kind

	File   *File  `json:"file,omitempty"`    // the photo or document
	FileID string `json:"file_id,omitempty"` // its Telegram file_id (assigned on upload, or the one reused)

	ReplyTo int               `json:"reply_to,omitempty"` // reply_to_message_id
	Params  map[string]string `json:"params"`             // every parameter of the request

	Edits   int       `json:"edits,omitempty"`   // how many edits were applied (Message only)
	Deleted bool      `json:"deleted,omitempty"` // deleted with deleteMessage (Message only)
	At      time.Time `json:"at"`
}

// CallbackAnswer is the bot's answerCallbackQuery to a button press.
type CallbackAnswer struct {
	QueryID   string    `json:"query_id"`
	UpdateID  int       `json:"update_id"`
	Text      string    `json:"text"`
	ShowAlert bool      `json:"show_alert"`
	URL       string    `json:"url,omitempty"`
	At        time.Time `json:"at"`
}

// Server is a fake Telegram Bot API on a loopback httptest server.
type Server struct {
	// URL is the server's base URL, e.g. "http://127.0.0.1:41234".
	URL string
	// Token is the only bot token the server accepts.
	Token string

	t       testing.TB // nil for a standalone server
	srv     *httptest.Server
	mux     *http.ServeMux
	closing chan struct{}
	once    sync.Once

	mu      sync.Mutex
	changed chan struct{} // closed (and replaced) on every change of state

	// Incoming updates.
	nextUpdate int
	queue      []queued
	allowed    []string // allowed_updates of the last getUpdates that gave it
	waiting    *waiter  // the getUpdates call that is waiting, if any
	polls      []*Poll

	chats   map[int64]*chatState
	users   map[int64]tgbotapi.User
	blocked map[int64]bool

	calls []*Call
	fails []*failure

	queries   map[string]*query
	answers   []CallbackAnswer
	nextQuery int64

	commands map[string][]tgbotapi.BotCommand
	webhook  struct {
		url, secret string
		set         bool
	}
	files    map[string]storedFile
	nextFile int

	lim limiter // enforced sending limits (Enforce)
}

type chatState struct {
	chat   tgbotapi.Chat
	nextID int
	msgs   map[int]*message
	sent   []Sent
}

// message is one message in a chat, sent by the bot or by a user.
type message struct {
	fromBot  bool
	cur      Sent // current state, for the bot's messages
	inline   *tgbotapi.InlineKeyboardMarkup
	photo    *tgbotapi.PhotoSize
	document *tgbotapi.Document
	user     *tgbotapi.Message // for a user's messages
	editDate time.Time
}

type storedFile struct {
	file  File
	photo *tgbotapi.PhotoSize
	doc   *tgbotapi.Document
}

type query struct {
	updateID int
	answered bool
}

type failure struct {
	method      string
	left        int
	status      int
	code        int
	description string
	retryAfter  int
}

// apiError is an error answer of the Bot API.
type apiError struct {
	status     int
	code       int
	desc       string
	retryAfter int
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{status: 400, code: 400, desc: "Bad Request: " + fmt.Sprintf(format, args...)}
}

// errClientGone is returned by a handler whose client went away; nothing is
// written back.
var errClientGone = &apiError{status: 499, desc: "client closed the request"}

func forbidden(msg string) *apiError {
	return &apiError{status: 403, code: 403, desc: "Forbidden: " + msg}
}

// New starts a fake Bot API for a test, accepting the given token. It is
// closed when the test ends. Misuse of the user-side helpers (such as
// pressing a button on a message the bot never sent) fails the test.
func New(t testing.TB, token string) *Server {
	t.Helper()
	s := newServer(token)
	s.t = t
	s.srv = httptest.NewServer(s)
	s.URL = s.srv.URL
	t.Cleanup(s.Close)
	return s
}

// NewStandalone starts a fake Bot API outside a test, listening on addr
// (such as "127.0.0.1:0"), for running the bot as a separate process against
// it. Misuse of the user-side helpers panics. Call Close to stop it.
func NewStandalone(token, addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := newServer(token)
	s.srv = httptest.NewUnstartedServer(s)
	s.srv.Listener.Close()
	s.srv.Listener = ln
	s.srv.Start()
	s.URL = s.srv.URL
	return s, nil
}

func newServer(token string) *Server {
	return &Server{
		Token:      token,
		mux:        http.NewServeMux(),
		closing:    make(chan struct{}),
		changed:    make(chan struct{}),
		nextUpdate: 1,
		chats:      map[int64]*chatState{},
		users:      map[int64]tgbotapi.User{},
		blocked:    map[int64]bool{},
		queries:    map[string]*query{},
		commands:   map[string][]tgbotapi.BotCommand{},
		files:      map[string]storedFile{},
	}
}

// Close stops the server. A getUpdates call that is waiting returns an empty
// list at once. Close may be called more than once.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.closing)
		s.srv.Close()
	})
}

// Endpoint returns the API endpoint format for tgbotapi.NewBotAPIWithClient
// and BotAPI.SetAPIEndpoint: s.URL + "/bot%s/%s".
func (s *Server) Endpoint() string { return s.URL + "/bot%s/%s" }

// BaseURL returns the server's base URL, what a user would configure as the
// Bot API server (CALMNIGHTS_TELEGRAM_API_URL).
func (s *Server) BaseURL() string { return s.URL }

// Client returns an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Handle registers an extra handler on the server, for paths that do not
// start with "/bot" (those are the Bot API's). The faketelegram command uses
// it for its control API.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// BotUser returns the bot's own user, as getMe answers it.
func (s *Server) BotUser() tgbotapi.User {
	return tgbotapi.User{ID: BotID, IsBot: true, FirstName: BotFirstName, UserName: BotUsername, CanJoinGroups: true}
}

// Fail makes the next n calls of method fail: the HTTP status is status and
// the JSON answer carries error_code code (status if code is 0), description
// (a standard one if empty) and, if retryAfter > 0, parameters.retry_after.
// With status >= 500 and code 0 the body is instead a non-JSON
// "<html>Bad Gateway</html>", as a proxy in front of Telegram answers. With
// status 0 the connection is dropped without an answer. Method "" matches any
// method. Failures queue up: a second Fail on a method applies after the
// first is used up. A failed call is recorded in Calls but changes nothing.
//
//	Fail("sendMessage", 1, 429, 429, "Too Many Requests: retry after 2", 2)
//	Fail("sendMessage", 1, 403, 403, "Forbidden: bot was blocked by the user", 0)
//	Fail("sendMessage", 2, 502, 0, "", 0)
func (s *Server) Fail(method string, n int, status int, code int, description string, retryAfter int) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fails = append(s.fails, &failure{method: method, left: n, status: status, code: code, description: description, retryAfter: retryAfter})
}

// takeFailureLocked returns the failure to apply to this call of method, if any.
func (s *Server) takeFailureLocked(method string) *failure {
	for i, f := range s.fails {
		if f.method == "" || strings.EqualFold(f.method, method) {
			f.left--
			if f.left <= 0 {
				s.fails = append(s.fails[:i], s.fails[i+1:]...)
			}
			return f
		}
	}
	return nil
}

// Calls returns the bot's calls of method ("" for all, including getMe and
// getUpdates), oldest first. Wrong-token requests are not recorded.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c.clone())
		}
	}
	return out
}

func (c *Call) clone() Call {
	out := *c
	out.Params = maps.Clone(c.Params)
	out.Files = maps.Clone(c.Files)
	return out
}

// WaitCalls waits until the bot made at least n calls of method ("" for
// any) or timeout passes, and returns the calls there are.
func (s *Server) WaitCalls(method string, n int, timeout time.Duration) []Call {
	var got []Call
	s.waitFor(timeout, func() bool {
		got = nil
		for _, c := range s.calls {
			if method == "" || c.Method == method {
				got = append(got, c.clone())
			}
		}
		return len(got) >= n
	})
	return got
}

// waitFor calls cond with s.mu held, whenever the state changes, until it
// returns true or timeout passes. It reports whether cond became true.
func (s *Server) waitFor(timeout time.Duration, cond func() bool) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-timer.C:
			s.mu.Lock()
			ok = cond()
			s.mu.Unlock()
			return ok
		case <-s.closing:
			s.mu.Lock()
			ok = cond()
			s.mu.Unlock()
			return ok
		}
	}
}

// notifyLocked wakes everyone waiting for a change of state.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) fatalf(format string, args ...any) {
	if s.t != nil {
		s.t.Helper()
		s.t.Fatalf(format, args...)
		return
	}
	panic(fmt.Sprintf(format, args...))
}

// methods are the Bot API methods the fake implements, by lower-case name
// (method names are case-insensitive in the Bot API).
var methods = map[string]string{}

func init() {
	for _, m := range []string{
		"getMe", "getUpdates", "sendMessage", "sendPhoto", "sendDocument", "sendChatAction",
		"editMessageText", "editMessageCaption", "editMessageReplyMarkup", "deleteMessage",
		"answerCallbackQuery", "setMyCommands", "getMyCommands", "deleteMyCommands",
		"setWebhook", "deleteWebhook", "getWebhookInfo",
	} {
		methods[strings.ToLower(m)] = m
	}
}

// request is one parsed Bot API request.
type request struct {
	r      *http.Request
	params map[string]string
	files  map[string]File
}

// ServeHTTP serves the Bot API under /bot<token>/<method> and the handlers
// registered with Handle everywhere else.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	if !ok {
		s.mux.ServeHTTP(w, r)
		return
	}
	token, method, ok := strings.Cut(rest, "/")
	if !ok || method == "" || strings.Contains(method, "/") {
		writeError(w, &apiError{status: 404, code: 404, desc: "Not Found"})
		return
	}
	if token != s.Token {
		writeError(w, &apiError{status: 401, code: 401, desc: "Unauthorized"})
		return
	}
	if canonical, ok := methods[strings.ToLower(method)]; ok {
		method = canonical
	}

	// Read the whole request before anything else, also when the call is
	// going to fail, so that a streaming (multipart) client never sees its
	// upload cut short.
	params, files, perr := readParams(r)
	call := &Call{Method: method, Params: params, Files: files, At: time.Now()}
	s.mu.Lock()
	s.calls = append(s.calls, call)
	fail := s.takeFailureLocked(method)
	s.notifyLocked()
	s.mu.Unlock()

	var result any
	var aerr *apiError
	switch {
	case perr != nil:
		aerr = perr
	case fail != nil:
		desc := fail.description
		if fail.status == 0 {
			desc = "connection dropped"
		}
		s.finishCall(call, fail.status, desc)
		writeFailure(w, fail)
		return
	case isSend(method) && !s.lim.admit(params["chat_id"]):
		aerr = &apiError{status: 429, code: 429, desc: "Too Many Requests: retry after 1", retryAfter: 1}
	default:
		result, aerr = s.dispatch(method, &request{r: r, params: params, files: files})
	}
	if aerr == errClientGone {
		s.finishCall(call, aerr.status, aerr.desc)
		return
	}
	if aerr != nil {
		s.finishCall(call, aerr.status, aerr.desc)
		writeError(w, aerr)
		return
	}
	s.finishCall(call, http.StatusOK, "")
	writeResult(w, result)
}

func (s *Server) finishCall(c *Call, status int, desc string) {
	s.mu.Lock()
	c.Status, c.Description = status, desc
	s.notifyLocked()
	s.mu.Unlock()
}

func (s *Server) dispatch(method string, req *request) (any, *apiError) {
	switch method {
	case "getMe":
		return s.BotUser(), nil
	case "getUpdates":
		return s.getUpdates(req)
	case "sendMessage":
		return s.sendMessage(req)
	case "sendPhoto", "sendDocument":
		return s.sendFile(method, req)
	case "sendChatAction":
		return s.sendChatAction(req)
	case "editMessageText", "editMessageCaption", "editMessageReplyMarkup":
		return s.editMessage(method, req)
	case "deleteMessage":
		return s.deleteMessage(req)
	case "answerCallbackQuery":
		return s.answerCallbackQuery(req)
	case "setMyCommands", "getMyCommands", "deleteMyCommands":
		return s.myCommands(method, req)
	case "setWebhook", "deleteWebhook", "getWebhookInfo":
		return s.webhookMethod(method, req)
	}
	return nil, &apiError{status: 404, code: 404, desc: "Not Found"}
}

// readParams reads the parameters of a request from its query string and
// its body: form-encoded, multipart (with files) or JSON.
func readParams(r *http.Request) (map[string]string, map[string]File, *apiError) {
	params := map[string]string{}
	var files map[string]File
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return params, nil, badRequest("can't parse request: %v", err)
		}
		for k, v := range r.PostForm {
			params[k] = v[0]
		}
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return params, nil, badRequest("can't parse request: %v", err)
		}
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return params, files, badRequest("can't parse request: %v", err)
			}
			data, err := io.ReadAll(io.LimitReader(part, MaxUploadBytes+1))
			if err != nil {
				return params, files, badRequest("can't parse request: %v", err)
			}
			if len(data) > MaxUploadBytes {
				return params, files, &apiError{status: 413, code: 413, desc: "Request Entity Too Large"}
			}
			_, disp, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
			if _, isFile := disp["filename"]; isFile {
				if files == nil {
					files = map[string]File{}
				}
				files[part.FormName()] = File{Name: part.FileName(), Data: data}
			} else {
				params[part.FormName()] = string(data)
			}
		}
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return params, nil, badRequest("can't parse JSON request: %v", err)
		}
		for k, v := range m {
			var str string
			if json.Unmarshal(v, &str) == nil {
				params[k] = str
			} else {
				params[k] = string(v)
			}
		}
	}
	return params, files, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(clean(v))
}

func writeResult(w http.ResponseWriter, result any) {
	body := map[string]any{"ok": true, "result": result}
	if d, ok := result.(described); ok {
		body["result"], body["description"] = d.result, d.desc
	}
	writeJSON(w, http.StatusOK, body)
}

func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{"ok": false, "error_code": e.code, "description": e.desc}
	if e.retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": e.retryAfter}
	}
	writeJSON(w, e.status, body)
}

func writeFailure(w http.ResponseWriter, f *failure) {
	switch {
	case f.status == 0:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	case f.status >= 500 && f.code == 0:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.status)
		fmt.Fprintf(w, "<html>%s</html>", http.StatusText(f.status))
	default:
		e := &apiError{status: f.status, code: f.code, desc: f.description, retryAfter: f.retryAfter}
		if e.code == 0 {
			e.code = f.status
		}
		if e.desc == "" {
			e.desc = http.StatusText(f.status)
			if f.status == 429 {
				e.desc = "Too Many Requests: retry after " + strconv.Itoa(f.retryAfter)
			}
		}
		writeError(w, e)
	}
}

// clean encodes v as JSON without the null fields that tgbotapi's types
// produce for their pointer fields that lack omitempty (Telegram never sends
// nulls).
func clean(v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		panic(err)
	}
	out, err := json.Marshal(stripNulls(x))
	if err != nil {
		panic(err)
	}
	return out
}

func stripNulls(x any) any {
	switch v := x.(type) {
	case map[string]any:
		for k, e := range v {
			if e == nil {
				delete(v, k)
			} else {
				v[k] = stripNulls(e)
			}
		}
	case []any:
		for i, e := range v {
			v[i] = stripNulls(e)
		}
	}
	return x
}

// isSend reports whether a method sends a message (what the limits count).
func isSend(method string) bool {
	switch method {
	case "sendMessage", "sendPhoto", "sendDocument":
		return true
	}
	return false
}
