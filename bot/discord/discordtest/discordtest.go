// Package discordtest is a loopback fake of Discord's REST API and gateway,
// for testing code that drives github.com/bwmarrin/discordgo (v0.29.0).
//
// A test starts a fake with New, points a discordgo Session at it by
// replacing the Session's HTTP client, and opens the session as usual:
//
//	srv := discordtest.New(t)
//	s, _ := discordgo.New("Bot " + discordtest.Token)
//	s.Client = srv.HTTPClient()
//	if err := s.Open(); err != nil { ... }
//	t.Cleanup(func() { s.Close() }) // registered after New: runs before the fake closes
//
// discordgo computes its Endpoint* URLs at package initialisation, so
// reassigning discordgo.EndpointDiscord is not enough; HTTPClient returns a
// client whose transport rewrites the scheme and host of every request
// (https://discord.com/api/v9/... becomes http://127.0.0.1:port/api/v9/...).
// The gateway URL comes from GET /api/v9/gateway and points at the fake's own
// websocket endpoint, which discordgo dials directly.
//
// The fake answers HELLO/IDENTIFY/READY/HEARTBEAT/RESUME on the gateway, lets
// the test push events (Interaction, Dispatch), implements the REST routes a
// slash-command bot needs, records every REST call (Calls, Responses,
// ChannelMessages), validates payloads the way Discord does (400 code 50035
// "Invalid Form Body" and friends) and can inject failures (Fail, RefuseDMs).
// Anything it does not implement gets a Discord-style 404 and is recorded.
package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Identifiers of the fake application and its bot user.
const (
	// AppID is the application ID of the fake bot. Interaction follow-up and
	// command routes must use it (/applications/{AppID}/..., /webhooks/{AppID}/...).
	AppID = "900000000000000001"
	// BotUserID is the user ID of the bot account. As for applications
	// created on Discord since 2020, it equals the application ID.
	BotUserID = AppID
	// BotUsername is the username of the bot account.
	BotUsername = "calmnights-test"
	// Token is the bot token the fake accepts. REST calls must carry
	// "Authorization: Bot fake-token"; IDENTIFY must carry "Bot fake-token"
	// (or the bare token).
	Token = "fake-token"
	// GuildID is the guild the bot is in: listed in READY, and used as a
	// convenient default by tests.
	GuildID = "900000000000000100"
	// GuildChannelID is a text channel in GuildID. It is known to the fake
	// from the start, so messages can be sent to it.
	GuildChannelID = "900000000000000101"
)

// Defaults for the configurable limits.
const (
	// DefaultCallbackDeadline is how long after an interaction is sent its
	// initial callback is accepted, as on Discord (3 s). See SetCallbackDeadline.
	DefaultCallbackDeadline = 3 * time.Second
	// FollowupLifetime is how long an interaction token accepts follow-ups and
	// edits after the interaction was sent (15 minutes, as on Discord).
	FollowupLifetime = 15 * time.Minute
	// DefaultHeartbeatInterval is the heartbeat_interval sent in HELLO, in the
	// same range as Discord's (which sends 41250 ms).
	DefaultHeartbeatInterval = 41250 * time.Millisecond
	// MaxUploadBytes is the largest total size of files in one request; more
	// gives 413 with code 40005, as Discord does for the default upload limit.
	MaxUploadBytes = 10 << 20
)

// File is a file uploaded in a multipart request (form field "files[n]").
type File struct {
	// Name is the file name from the part's Content-Disposition.
	Name string
	// ContentType is the part's Content-Type.
	ContentType string
	// Data is the file content.
	Data []byte
}

// Kinds of recorded calls (Call.Kind).
const (
	KindGateway         = "gateway"         // GET /gateway, /gateway/bot
	KindCurrentUser     = "current-user"    // GET /users/@me
	KindApplication     = "application"     // GET /applications/@me, /oauth2/applications/@me
	KindCommands        = "commands"        // /applications/{app}[/guilds/{g}]/commands
	KindCallback        = "callback"        // POST /interactions/{id}/{token}/callback
	KindFollowup        = "followup"        // POST /webhooks/{app}/{token}
	KindWebhookMessage  = "webhook-message" // GET/PATCH/DELETE /webhooks/{app}/{token}/messages/{id|@original}
	KindDMChannel       = "dm-channel"      // POST /users/@me/channels
	KindChannel         = "channel"         // GET /channels/{id}
	KindChannelMessage  = "channel-message" // GET/POST /channels/{id}/messages, GET/PATCH/DELETE /channels/{id}/messages/{mid}
	KindTyping          = "typing"          // POST /channels/{id}/typing
	KindUnknown         = "unknown"         // anything else (answered 404)
	KindUnauthenticated = "unauthenticated" // rejected with 401 before routing
)

// Call is one recorded REST request and the fake's answer.
type Call struct {
	// Method is the HTTP method.
	Method string
	// Path is the URL path, e.g. "/api/v9/channels/123/messages".
	Path string
	// Query is the parsed URL query.
	Query url.Values
	// Header is a copy of the request headers. If the request came through
	// HTTPClient, the original host is in "X-Discordtest-Original-Host".
	Header http.Header
	// Kind classifies the route (see the Kind* constants).
	Kind string
	// InteractionID is the interaction a callback, follow-up or webhook
	// message call belongs to ("" otherwise or if unknown).
	InteractionID string
	// ChannelID is the channel the call addressed or posted into, if any.
	ChannelID string
	// MessageID is the message created, edited or fetched by the call, if any.
	MessageID string
	// JSON is the decoded JSON object of the body, or of the "payload_json"
	// part of a multipart body. Nil if the body was empty or not an object
	// (see RawJSON for arrays). Numbers are float64.
	JSON map[string]any
	// RawJSON is the JSON body (or payload_json) as sent.
	RawJSON []byte
	// Files are the uploaded files of a multipart body, in form order.
	Files []File
	// Status is the HTTP status the fake answered with.
	Status int
	// ErrorCode is the Discord JSON error code of an error answer (0 if none).
	ErrorCode int
	// ResponseBody is the body the fake answered with.
	ResponseBody []byte
	// At is when the fake received the call.
	At time.Time
}

// OK reports whether the call was answered with a 2xx status.
func (c Call) OK() bool { return c.Status >= 200 && c.Status < 300 }

// Message returns the message part of the payload: JSON["data"] for an
// interaction callback, JSON itself otherwise (nil if absent).
func (c Call) Message() map[string]any {
	if c.Kind == KindCallback {
		d, _ := c.JSON["data"].(map[string]any)
		return d
	}
	return c.JSON
}

// Content returns the "content" of the message part of the payload.
func (c Call) Content() string {
	s, _ := c.Message()["content"].(string)
	return s
}

// ResponseType returns the interaction response type of a callback
// (4 message, 5 deferred message, 6 deferred update, 7 update message,
// 9 modal, ...); 0 for other calls.
func (c Call) ResponseType() int {
	if c.Kind != KindCallback {
		return 0
	}
	return asInt(c.JSON["type"])
}

// Flags returns the message flags of the payload (64 = ephemeral).
func (c Call) Flags() int { return asInt(c.Message()["flags"]) }

// Ephemeral reports whether the payload asks for an ephemeral message.
func (c Call) Ephemeral() bool { return c.Flags()&int(discordgo.MessageFlagsEphemeral) != 0 }

// CustomIDs returns the custom_id of every component in the payload's
// components, depth first, in order.
func (c Call) CustomIDs() []string {
	var ids []string
	var walk func(v any)
	walk = func(v any) {
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				walk(e)
			}
		case map[string]any:
			if id, ok := t["custom_id"].(string); ok {
				ids = append(ids, id)
			}
			walk(t["components"])
		}
	}
	walk(c.Message()["components"])
	return ids
}

// Failure injection rule.
type failure struct {
	method, prefix string
	left           int // <= 0: unlimited
	status, code   int
	message        string
	retryAfter     float64
}

type interactionState struct {
	id, token       string
	typ             discordgo.InteractionType
	guildID         string
	channelID       string
	messageID       string // the component's message, for a button press
	sentAt          time.Time
	acked           bool
	ackType         int
	originalID      string // original response message (or the component's message for 6/7)
	deferredPending bool   // type 5 acknowledged, original not filled yet
	messages        map[string]bool
}

type storedMessage struct {
	obj           map[string]any
	channelID     string
	interactionID string
	deleted       bool
}

// Server is a running fake of Discord's REST API and gateway. All methods are
// safe for concurrent use.
type Server struct {
	ts        *httptest.Server
	base      *url.URL
	transport *http.Transport
	logf      func(format string, args ...any)
	errorf    func(format string, args ...any)

	idSeq atomic.Uint64

	mu                sync.Mutex
	changed           chan struct{} // closed and replaced on every state change
	closed            bool
	conns             map[*gatewayConn]bool
	conn              *gatewayConn // the connection events are dispatched to
	wg                sync.WaitGroup
	sessions          map[string]int64 // gateway session ID → last sequence
	identifies        []IdentifyInfo
	heartbeats        int
	heartbeatInterval time.Duration
	privileged        discordgo.Intent
	guilds            []string

	calls        []Call
	failures     []*failure
	commands     map[string][]*discordgo.ApplicationCommand // by guild ID, "" global
	interactions map[string]*interactionState
	tokens       map[string]*interactionState
	messages     map[string]*storedMessage
	channels     map[string]string // known channel → guild ID ("" for DMs)
	dmByUser     map[string]string // user → DM channel
	dmUser       map[string]string // DM channel → user
	users        map[string]User
	refused      map[string]bool
	deadline     time.Duration
}

// New starts a fake on a loopback port for the duration of the test; it is
// closed by t.Cleanup. Requests the fake rejects (4xx) are logged with t.Logf,
// which helps to find out why an adapter's call failed; problems with the
// test's own use of the fake (e.g. dispatching with no gateway connection)
// are reported with t.Errorf.
//
// Register the Session's Close with t.Cleanup after calling New (cleanups run
// last-in first-out), so the session closes before the fake: a discordgo
// session whose gateway goes away tries to reconnect forever.
func New(t testing.TB) *Server {
	t.Helper()
	s := newServer(t.Logf, t.Errorf)
	s.ts = httptest.NewServer(s)
	s.init()
	t.Cleanup(s.Close)
	return s
}

// NewStandalone starts a fake listening on addr (e.g. "127.0.0.1:0"), for
// end-to-end tests that run the bot as a separate process and point it at
// URL() (CALMNIGHTS_DISCORD_API_URL). Stop it with Close. Rejected requests
// and misuse are logged with the standard log package.
func NewStandalone(addr string) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("discordtest: listen %s: %w", addr, err)
	}
	s := newServer(log.Printf, log.Printf)
	s.ts = httptest.NewUnstartedServer(s)
	s.ts.Listener.Close()
	s.ts.Listener = l
	s.ts.Start()
	s.init()
	return s, nil
}

func newServer(logf, errorf func(string, ...any)) *Server {
	return &Server{
		logf:              logf,
		errorf:            errorf,
		changed:           make(chan struct{}),
		conns:             map[*gatewayConn]bool{},
		sessions:          map[string]int64{},
		heartbeatInterval: DefaultHeartbeatInterval,
		guilds:            []string{GuildID},
		commands:          map[string][]*discordgo.ApplicationCommand{},
		interactions:      map[string]*interactionState{},
		tokens:            map[string]*interactionState{},
		messages:          map[string]*storedMessage{},
		channels:          map[string]string{GuildChannelID: GuildID},
		dmByUser:          map[string]string{},
		dmUser:            map[string]string{},
		users:             map[string]User{},
		refused:           map[string]bool{},
		deadline:          DefaultCallbackDeadline,
	}
}

func (s *Server) init() {
	u, err := url.Parse(s.ts.URL)
	if err != nil {
		panic(err)
	}
	// A listener on an unspecified address ("[::]:port") is reachable on loopback.
	if host, port, err := net.SplitHostPort(u.Host); err == nil {
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			u.Host = net.JoinHostPort("127.0.0.1", port)
		}
	}
	s.base = u
	s.transport = &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     30 * time.Second,
	}
}

// Close shuts the fake down: it closes gateway connections and the listener
// and waits for the fake's goroutines. It is safe to call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	conns := make([]*gatewayConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.conn = nil
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.closeWith(websocket.CloseGoingAway, "server closing")
	}
	s.ts.Close()
	s.transport.CloseIdleConnections()
	s.wg.Wait()
}

// URL returns the fake's base URL, "http://127.0.0.1:port" (no trailing
// slash). It is what CALMNIGHTS_DISCORD_API_URL would be set to: the REST API
// is under URL()+"/api/v9/".
func (s *Server) URL() string { return s.base.String() }

// GatewayURL returns the websocket URL the fake hands out from GET /gateway,
// "ws://127.0.0.1:port". discordgo appends "/?v=9&encoding=json".
func (s *Server) GatewayURL() string { return "ws://" + s.base.Host }

// HTTPClient returns a client whose transport sends every request to the fake:
// it rewrites the scheme and host (https://discord.com/api/v9/x?y becomes
// http://127.0.0.1:port/api/v9/x?y) and keeps path, query, headers and body.
// The original host is passed in the "X-Discordtest-Original-Host" header.
// Assign it to discordgo.Session.Client. Like discordgo's default client it
// has a 20 s timeout.
func (s *Server) HTTPClient() *http.Client {
	return &http.Client{
		Timeout:   20 * time.Second,
		Transport: &rewriteTransport{base: s.base, next: s.transport},
	}
}

type rewriteTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (rt *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	orig := req.URL.Host
	r.URL.Scheme = rt.base.Scheme
	r.URL.Host = rt.base.Host
	r.Host = ""
	r.Header.Set("X-Discordtest-Original-Host", orig)
	return rt.next.RoundTrip(r)
}

// SetCallbackDeadline changes how long after an interaction was sent the fake
// still accepts its initial callback (default 3 s, as on Discord); later
// callbacks get 404 code 10062 "Unknown interaction". Use a short deadline to
// test the rule quickly, or a long one to debug.
func (s *Server) SetCallbackDeadline(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deadline = d
}

// SetHeartbeatInterval changes the heartbeat_interval announced in HELLO to
// connections made afterwards (default 41.25 s). discordgo sends its first
// heartbeat immediately after READY, then one per interval.
func (s *Server) SetHeartbeatInterval(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.heartbeatInterval = d
}

// AllowPrivilegedIntents sets which privileged intents (GUILD_MEMBERS 1<<1,
// GUILD_PRESENCES 1<<8, MESSAGE_CONTENT 1<<15) are "enabled in the developer
// portal". By default none are, and an IDENTIFY asking for one is refused by
// closing the gateway with code 4014 "Disallowed intent(s).", as Discord does.
func (s *Server) AllowPrivilegedIntents(intents discordgo.Intent) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.privileged = intents
}

// SetGuilds sets the guilds listed in READY (default: GuildID). With the
// GUILDS intent, each is also sent as a GUILD_CREATE after READY.
func (s *Server) SetGuilds(guildIDs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.guilds = append([]string(nil), guildIDs...)
}

// AddChannel makes a guild text channel known to the fake, so messages can be
// sent to it. Channels of dispatched interactions, DM channels and
// GuildChannelID are known automatically; other channel IDs get 404 code 10003
// "Unknown Channel" (e.g. a user ID used as a channel ID).
func (s *Server) AddChannel(channelID, guildID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[channelID] = guildID
}

// RefuseDMs makes the user refuse direct messages from the bot: creating the
// DM channel works, but sending a message to it returns 403 code 50007
// "Cannot send messages to this user", as Discord does when the user has
// closed DMs or shares no server with the bot.
func (s *Server) RefuseDMs(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refused[userID] = true
}

// DMChannel returns the ID of the DM channel between the bot and the user,
// creating it if needed. POST /users/@me/channels returns the same ID.
func (s *Server) DMChannel(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dmChannelLocked(userID)
}

func (s *Server) dmChannelLocked(userID string) string {
	if id, ok := s.dmByUser[userID]; ok {
		return id
	}
	id := s.newID()
	s.dmByUser[userID] = id
	s.dmUser[id] = userID
	s.channels[id] = ""
	return id
}

// Fail makes the next n requests whose method is method ("" or "*": any) and
// whose URL path starts with pathPrefix (e.g. "/api/v9/channels/") fail with
// the given HTTP status, Discord error code and message. n <= 0 means every
// matching request until ClearFailures. Rules are checked in the order they
// were added, after authentication and before routing; failed requests change
// no state and are recorded like any other.
//
// A 429 gets Discord's rate-limit body {"message", "retry_after", "global":
// false, "code"} (retryAfter in seconds) and headers X-RateLimit-Limit,
// X-RateLimit-Remaining: 0, X-RateLimit-Reset, X-RateLimit-Reset-After,
// X-RateLimit-Bucket, X-RateLimit-Scope: user and Retry-After (whole seconds,
// rounded up). Other statuses get {"message", "code"}.
//
// Examples:
//
//	Fail("POST", "/api/v9/channels/", 1, 429, 0, "You are being rate limited.", 0.5)
//	Fail("POST", "/api/v9/channels/", 1, 403, 50007, "Cannot send messages to this user", 0)
func (s *Server) Fail(method, pathPrefix string, n int, status int, code int, message string, retryAfter float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if method == "*" {
		method = ""
	}
	s.failures = append(s.failures, &failure{
		method: strings.ToUpper(method), prefix: pathPrefix, left: n,
		status: status, code: code, message: message, retryAfter: retryAfter,
	})
}

// ClearFailures removes all failure rules added with Fail.
func (s *Server) ClearFailures() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = nil
}

// Calls returns the recorded REST calls whose path starts with pathPrefix
// ("" for all), in the order the fake handled them. Rejected calls are
// included; check Call.Status or Call.OK.
func (s *Server) Calls(pathPrefix string) []Call {
	return s.filterCalls(func(c *Call) bool { return strings.HasPrefix(c.Path, pathPrefix) })
}

// WaitCalls waits until at least n calls match pathPrefix or the timeout
// passes, and returns the matching calls (possibly fewer than n).
func (s *Server) WaitCalls(pathPrefix string, n int, timeout time.Duration) []Call {
	return s.wait(n, timeout, func() []Call { return s.Calls(pathPrefix) })
}

// ResetCalls forgets the recorded calls (state such as messages, commands and
// interactions is kept).
func (s *Server) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
}

// Responses returns the calls that answered the interaction — its callback,
// follow-ups and webhook message edits/fetches/deletes — in order, including
// rejected ones (check Status).
func (s *Server) Responses(interactionID string) []Call {
	return s.filterCalls(func(c *Call) bool {
		return interactionID != "" && c.InteractionID == interactionID
	})
}

// WaitResponses waits until the interaction has at least n responses (see
// Responses) or the timeout passes, and returns them (possibly fewer than n).
func (s *Server) WaitResponses(interactionID string, n int, timeout time.Duration) []Call {
	return s.wait(n, timeout, func() []Call { return s.Responses(interactionID) })
}

// ChannelMessages returns the calls to /channels/{channelID}/messages and
// /channels/{channelID}/messages/{id} (sends, edits, deletes, fetches), in order,
// including rejected ones (check Status). Interaction responses are not
// included even if they appear in that channel; see Responses.
func (s *Server) ChannelMessages(channelID string) []Call {
	return s.filterCalls(func(c *Call) bool {
		return c.Kind == KindChannelMessage && c.ChannelID == channelID
	})
}

// WaitChannelMessages waits until ChannelMessages(channelID) has at least n
// calls or the timeout passes, and returns them.
func (s *Server) WaitChannelMessages(channelID string, n int, timeout time.Duration) []Call {
	return s.wait(n, timeout, func() []Call { return s.ChannelMessages(channelID) })
}

// Commands returns the application commands registered for the guild, or the
// global ones for guildID "", as the last bulk overwrite (or create) left them.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*discordgo.ApplicationCommand, 0, len(s.commands[guildID]))
	for _, c := range s.commands[guildID] {
		out = append(out, cloneCommand(c))
	}
	return out
}

// Message returns the current state of a message the fake knows: sent to a
// channel, sent as an interaction response or follow-up (including ephemeral
// ones), or the message of a dispatched button press; after all edits.
func (s *Server) Message(messageID string) (*discordgo.Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[messageID]
	if !ok || m.deleted {
		return nil, false
	}
	return toMessage(m.obj), true
}

// OriginalResponse returns the current original response of an interaction:
// the message created by a type 4 or 5 callback, or the component's message
// after a type 6 or 7 callback.
func (s *Server) OriginalResponse(interactionID string) (*discordgo.Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[interactionID]
	if !ok || st.originalID == "" {
		return nil, false
	}
	m, ok := s.messages[st.originalID]
	if !ok || m.deleted {
		return nil, false
	}
	return toMessage(m.obj), true
}

func (s *Server) filterCalls(keep func(*Call) bool) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for i := range s.calls {
		if keep(&s.calls[i]) {
			out = append(out, s.calls[i])
		}
	}
	return out
}

// wait polls get until it returns at least n items or timeout passes, waking
// on every state change.
func (s *Server) wait(n int, timeout time.Duration, get func() []Call) []Call {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		got := get()
		if len(got) >= n {
			return got
		}
		select {
		case <-ch:
		case <-deadline.C:
			return get()
		}
	}
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// newID returns a new snowflake: milliseconds since the Discord epoch << 22,
// strictly increasing.
func (s *Server) newID() string {
	for {
		last := s.idSeq.Load()
		next := uint64(time.Now().UnixMilli()-1420070400000) << 22
		if next <= last {
			next = last + 1
		}
		if s.idSeq.CompareAndSwap(last, next) {
			return strconv.FormatUint(next, 10)
		}
	}
}

func (s *Server) userLocked(id string) User {
	if u, ok := s.users[id]; ok {
		return u
	}
	return User{ID: id, Username: "user" + id}
}

func botUserObject() map[string]any {
	return map[string]any{
		"id": BotUserID, "username": BotUsername, "discriminator": "0",
		"global_name": nil, "avatar": nil, "bot": true, "verified": true,
		"mfa_enabled": false, "flags": 0,
	}
}

func userObject(u User) map[string]any {
	return map[string]any{
		"id": u.ID, "username": u.Username, "discriminator": "0",
		"global_name": u.Username, "avatar": nil,
	}
}

func toMessage(obj map[string]any) *discordgo.Message {
	b, _ := json.Marshal(obj)
	var m discordgo.Message
	if err := json.Unmarshal(b, &m); err != nil {
		// Components discordgo cannot decode: return the message without them.
		var rest map[string]any
		_ = json.Unmarshal(b, &rest)
		delete(rest, "components")
		b, _ = json.Marshal(rest)
		m = discordgo.Message{}
		_ = json.Unmarshal(b, &m)
	}
	return &m
}

func cloneCommand(c *discordgo.ApplicationCommand) *discordgo.ApplicationCommand {
	b, _ := json.Marshal(c)
	var out discordgo.ApplicationCommand
	_ = json.Unmarshal(b, &out)
	return &out
}

func asInt(v any) int {
	switch n := v.(type) {
	case float64:
		return int(n)
	case int:
		return n
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	}
	return 0
}

func deepCopyJSON(v any) any {
	b, _ := json.Marshal(v)
	var out any
	d := json.NewDecoder(bytes.NewReader(b))
	_ = d.Decode(&out)
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
