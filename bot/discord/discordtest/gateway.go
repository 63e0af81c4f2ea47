package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes used by the fake.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresenceUpdate = 3
	opResume         = 6
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11
)

// privilegedIntents are the intents Discord requires to be enabled in the
// developer portal.
const privilegedIntents = discordgo.IntentGuildMembers | discordgo.IntentGuildPresences | discordgo.IntentMessageContent

// IdentifyInfo is what a client sent to open a gateway session: an IDENTIFY
// (op 2) or a RESUME (op 6).
type IdentifyInfo struct {
	// Op is 2 for IDENTIFY, 6 for RESUME.
	Op int
	// Token is the token sent (discordgo sends the session token, "Bot fake-token").
	Token string
	// Intents is the intents bit set of an IDENTIFY.
	Intents discordgo.Intent
	// Shard is [shard_id, num_shards] if the IDENTIFY had one (discordgo only
	// sends it when Session.ShardCount > 1).
	Shard *[2]int
	// Compress is the IDENTIFY's "compress" flag. discordgo sends true by
	// default (Session.Compress); the fake never compresses anyway.
	Compress bool
	// LargeThreshold is the IDENTIFY's "large_threshold".
	LargeThreshold int
	// Properties are the connection properties ("$os", "$browser", "$device"
	// as discordgo sends them, or "os", "browser", "device").
	Properties map[string]string
	// SessionID and Seq are the RESUME's session_id and seq.
	SessionID string
	Seq       int64
	// Query is the websocket URL query (discordgo: v=9, encoding=json).
	Query url.Values
	// Header is the websocket upgrade request's header (discordgo sends
	// "Accept-Encoding: zlib").
	Header http.Header
	// Raw is the decoded "d" payload.
	Raw map[string]any
	// Accepted reports whether the fake accepted it (sent READY / RESUMED).
	Accepted bool
	// At is when the fake received it.
	At time.Time
}

type gatewayConn struct {
	s         *Server
	ws        *websocket.Conn
	wmu       sync.Mutex // serialises writes
	sessionID string     // set once READY / RESUMED is sent
}

func (c *gatewayConn) writeJSON(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.writeJSONLocked(v)
}

func (c *gatewayConn) writeJSONLocked(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

func (c *gatewayConn) closeWith(code int, text string) {
	c.wmu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.wmu.Unlock()
	_ = c.ws.Close()
}

type gatewayPayload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

var upgrader = websocket.Upgrader{
	CheckOrigin:       func(*http.Request) bool { return true },
	EnableCompression: false,
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "closed", http.StatusServiceUnavailable)
		return
	}
	s.wg.Add(1)
	interval := s.heartbeatInterval
	s.mu.Unlock()
	defer s.wg.Done()

	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.logf("discordtest: gateway upgrade: %v", err)
		return
	}
	c := &gatewayConn{s: s, ws: ws}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.conns[c] = true
	s.mu.Unlock()
	defer func() {
		ws.Close()
		s.mu.Lock()
		delete(s.conns, c)
		if s.conn == c {
			s.conn = nil
		}
		s.notifyLocked()
		s.mu.Unlock()
	}()

	if err := c.writeJSON(map[string]any{"op": opHello, "d": map[string]any{
		"heartbeat_interval": interval.Milliseconds(),
	}}); err != nil {
		return
	}

	// Handshake: IDENTIFY or RESUME, possibly after an INVALID_SESSION.
	_ = ws.SetReadDeadline(time.Now().Add(30 * time.Second))
	for c.sessionID == "" {
		p, err := readPayload(ws)
		if err != nil {
			return
		}
		switch p.Op {
		case opHeartbeat:
			s.countHeartbeat()
			if c.writeJSON(map[string]any{"op": opHeartbeatACK}) != nil {
				return
			}
		case opIdentify:
			if !s.identify(c, p, r) {
				return
			}
		case opResume:
			if !s.resume(c, p, r) {
				return
			}
		default:
			c.closeWith(4003, "Not authenticated.")
			return
		}
	}
	_ = ws.SetReadDeadline(time.Time{})

	for {
		p, err := readPayload(ws)
		if err != nil {
			return
		}
		switch p.Op {
		case opHeartbeat:
			s.countHeartbeat()
			if c.writeJSON(map[string]any{"op": opHeartbeatACK}) != nil {
				return
			}
		case opIdentify, opResume:
			c.closeWith(4005, "Already authenticated.")
			return
		default:
			// Presence updates, guild member requests, voice state: accepted, ignored.
		}
	}
}

func readPayload(ws *websocket.Conn) (gatewayPayload, error) {
	var p gatewayPayload
	mt, b, err := ws.ReadMessage()
	if err != nil {
		return p, err
	}
	if mt != websocket.TextMessage {
		return p, errors.New("binary frame")
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, err
	}
	return p, nil
}

func (s *Server) countHeartbeat() {
	s.mu.Lock()
	s.heartbeats++
	s.notifyLocked()
	s.mu.Unlock()
}

func validGatewayToken(tok string) bool {
	return tok == "Bot "+Token || tok == Token
}

func (s *Server) identify(c *gatewayConn, p gatewayPayload, r *http.Request) bool {
	var d struct {
		Token          string            `json:"token"`
		Intents        *int64            `json:"intents"`
		Shard          *[2]int           `json:"shard"`
		Compress       bool              `json:"compress"`
		LargeThreshold int               `json:"large_threshold"`
		Properties     map[string]string `json:"properties"`
	}
	var raw map[string]any
	if json.Unmarshal(p.D, &d) != nil || json.Unmarshal(p.D, &raw) != nil {
		c.closeWith(4002, "Decode error.")
		return false
	}
	info := IdentifyInfo{
		Op: opIdentify, Token: d.Token, Shard: d.Shard, Compress: d.Compress,
		LargeThreshold: d.LargeThreshold, Properties: d.Properties,
		Query: r.URL.Query(), Header: r.Header.Clone(), Raw: raw, At: time.Now(),
	}
	if d.Intents != nil {
		info.Intents = discordgo.Intent(*d.Intents)
	}

	s.mu.Lock()
	allowed := s.privileged
	guilds := append([]string(nil), s.guilds...)
	s.mu.Unlock()

	reject := func(code int, text string) bool {
		s.recordIdentify(info)
		s.logf("discordtest: gateway IDENTIFY rejected: %d %s", code, text)
		c.closeWith(code, text)
		return false
	}
	switch {
	case !validGatewayToken(d.Token):
		return reject(4004, "Authentication failed.")
	case d.Intents == nil:
		return reject(4013, "Invalid intent(s).")
	case info.Intents&privilegedIntents&^allowed != 0:
		return reject(4014, "Disallowed intent(s).")
	case d.Shard != nil && (d.Shard[1] < 1 || d.Shard[0] < 0 || d.Shard[0] >= d.Shard[1]):
		return reject(4010, "Invalid shard.")
	case d.Shard != nil && d.Shard[1] != 1:
		return reject(4011, "Sharding required.") // the fake recommends 1 shard
	}
	info.Accepted = true
	s.recordIdentify(info)

	sessionID := fmt.Sprintf("fake-session-%s", s.newID())
	guildObjs := make([]map[string]any, 0, len(guilds))
	for _, g := range guilds {
		guildObjs = append(guildObjs, map[string]any{"id": g, "unavailable": true})
	}
	ready := map[string]any{
		"v":                  9,
		"user":               botUserObject(),
		"guilds":             guildObjs,
		"session_id":         sessionID,
		"resume_gateway_url": s.GatewayURL(),
		"session_type":       "normal",
		"application":        map[string]any{"id": AppID, "flags": 0},
		"private_channels":   []any{},
		"shard":              [2]int{0, 1},
	}
	if d.Shard != nil {
		ready["shard"] = *d.Shard
	}
	if !s.sendHandshakeDispatch(c, sessionID, 0, "READY", ready) {
		return false
	}
	if info.Intents&discordgo.IntentGuilds != 0 {
		for _, g := range guilds {
			if _, err := s.dispatchTo(c, "GUILD_CREATE", s.guildObject(g)); err != nil {
				return false
			}
		}
	}
	return true
}

func (s *Server) guildObject(guildID string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var channels []map[string]any
	for ch, g := range s.channels {
		if g == guildID {
			channels = append(channels, map[string]any{"id": ch, "type": 0, "name": "channel-" + ch, "position": 0})
		}
	}
	return map[string]any{
		"id": guildID, "name": "Guild " + guildID, "owner_id": "1", "unavailable": false,
		"member_count": 2, "large": false, "channels": channels, "roles": []any{},
		"emojis": []any{}, "features": []any{}, "members": []any{}, "voice_states": []any{},
		"presences": []any{}, "threads": []any{}, "preferred_locale": "en-US",
	}
}

func (s *Server) resume(c *gatewayConn, p gatewayPayload, r *http.Request) bool {
	var d struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	var raw map[string]any
	if json.Unmarshal(p.D, &d) != nil || json.Unmarshal(p.D, &raw) != nil {
		c.closeWith(4002, "Decode error.")
		return false
	}
	info := IdentifyInfo{
		Op: opResume, Token: d.Token, SessionID: d.SessionID, Seq: d.Seq,
		Query: r.URL.Query(), Header: r.Header.Clone(), Raw: raw, At: time.Now(),
	}
	if !validGatewayToken(d.Token) {
		s.recordIdentify(info)
		c.closeWith(4004, "Authentication failed.")
		return false
	}
	s.mu.Lock()
	last, known := s.sessions[d.SessionID]
	s.mu.Unlock()
	if !known {
		s.recordIdentify(info)
		// Not resumable: the client must IDENTIFY again.
		return c.writeJSON(map[string]any{"op": opInvalidSession, "d": false}) == nil
	}
	info.Accepted = true
	s.recordIdentify(info)
	return s.sendHandshakeDispatch(c, d.SessionID, last, "RESUMED", map[string]any{})
}

// sendHandshakeDispatch sends READY or RESUMED and makes c the connection
// events are dispatched to. Holding the write lock while c becomes current
// guarantees no event overtakes READY.
func (s *Server) sendHandshakeDispatch(c *gatewayConn, sessionID string, lastSeq int64, t string, d any) bool {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	seq := lastSeq + 1
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return false
	}
	c.sessionID = sessionID
	s.sessions[sessionID] = seq
	s.conn = c
	s.notifyLocked()
	s.mu.Unlock()
	return c.writeJSONLocked(map[string]any{"op": opDispatch, "t": t, "s": seq, "d": d}) == nil
}

func (s *Server) recordIdentify(info IdentifyInfo) {
	s.mu.Lock()
	s.identifies = append(s.identifies, info)
	s.notifyLocked()
	s.mu.Unlock()
}

// Identify returns the most recent IDENTIFY (op 2) a client sent, accepted or
// not, and whether there was one.
func (s *Server) Identify() (IdentifyInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.identifies) - 1; i >= 0; i-- {
		if s.identifies[i].Op == opIdentify {
			return s.identifies[i], true
		}
	}
	return IdentifyInfo{}, false
}

// Handshakes returns every IDENTIFY and RESUME received, in order.
func (s *Server) Handshakes() []IdentifyInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]IdentifyInfo(nil), s.identifies...)
}

// Heartbeats returns how many heartbeats (op 1) the fake has received (and
// acknowledged with op 11).
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heartbeats
}

// Connected reports whether a client has a gateway session (READY or RESUMED
// was sent and the connection is open).
func (s *Server) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn != nil
}

// WaitConnected waits until a client has a gateway session (see Connected)
// or the timeout passes, and reports whether one has.
func (s *Server) WaitConnected(timeout time.Duration) bool {
	return s.waitConn(timeout) != nil
}

func (s *Server) waitConn(timeout time.Duration) *gatewayConn {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		c, ch, closed := s.conn, s.changed, s.closed
		s.mu.Unlock()
		if c != nil || closed {
			return c
		}
		select {
		case <-ch:
		case <-deadline.C:
			return nil
		}
	}
}

// DropGateway abruptly closes the current gateway connection (no close
// frame), as a network failure would. discordgo then closes its session
// (sleeping 1 s), reconnects and RESUMEs; the fake accepts the resume and
// sends RESUMED. It reports whether there was a connection to drop.
func (s *Server) DropGateway() bool {
	s.mu.Lock()
	c := s.conn
	s.conn = nil
	s.notifyLocked()
	s.mu.Unlock()
	if c == nil {
		return false
	}
	_ = c.ws.UnderlyingConn().Close()
	return true
}

// Dispatch sends a gateway event (op 0) of type eventType (e.g.
// "MESSAGE_CREATE") with payload d to the connected client, waiting up to 5 s
// for a connection. It returns the sequence number used.
func (s *Server) Dispatch(eventType string, d any) (int64, error) {
	c := s.waitConn(5 * time.Second)
	if c == nil {
		return 0, errors.New("discordtest: no gateway connection to dispatch " + eventType + " to")
	}
	return s.dispatchTo(c, eventType, d)
}

func (s *Server) dispatchTo(c *gatewayConn, eventType string, d any) (int64, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	s.mu.Lock()
	seq := s.sessions[c.sessionID] + 1
	s.sessions[c.sessionID] = seq
	s.mu.Unlock()
	if err := c.writeJSONLocked(map[string]any{"op": opDispatch, "t": eventType, "s": seq, "d": d}); err != nil {
		return 0, fmt.Errorf("discordtest: dispatch %s: %w", eventType, err)
	}
	return seq, nil
}

// Interaction sends an INTERACTION_CREATE for i to the connected client
// (waiting up to 5 s for a connection; failure is reported with t.Errorf).
// Before sending it fills in what Discord would: ID and Token (if empty),
// AppID, Version, Locale, the DM channel for a DM interaction without
// ChannelID, the command's ID and option types from the registered commands
// (so an INTEGER option arrives as a number), and for a button press the
// current content and components of the message, if the fake knows it. i is
// updated in place, so i.ID is the interaction ID to pass to Responses.
//
// The fake remembers the interaction to check its callback (once, within the
// callback deadline), follow-ups and edits. Dubious interactions (a command
// that is not registered, a button that is not on its message) are logged.
func (s *Server) Interaction(i *discordgo.Interaction) {
	c := s.waitConn(5 * time.Second)
	if c == nil {
		s.errorf("discordtest: no gateway connection to send the interaction to")
		return
	}
	s.mu.Lock()
	s.prepareInteractionLocked(i)
	st := &interactionState{
		id: i.ID, token: i.Token, typ: i.Type, guildID: i.GuildID, channelID: i.ChannelID,
		messages: map[string]bool{},
	}
	if i.Message != nil {
		st.messageID = i.Message.ID
	}
	s.interactions[i.ID] = st
	s.tokens[i.Token] = st
	payload, err := interactionJSON(i)
	// The callback deadline runs from the moment the event is sent.
	st.sentAt = time.Now()
	s.mu.Unlock()
	if err != nil {
		s.errorf("discordtest: marshal interaction: %v", err)
		return
	}
	if _, err := s.dispatchTo(c, "INTERACTION_CREATE", json.RawMessage(payload)); err != nil {
		s.errorf("%v", err)
	}
}

func (s *Server) prepareInteractionLocked(i *discordgo.Interaction) {
	if i.ID == "" {
		i.ID = s.newID()
	}
	if i.Token == "" {
		i.Token = "fake-interaction-token-" + i.ID
	}
	if i.AppID == "" {
		i.AppID = AppID
	}
	if i.Version == 0 {
		i.Version = 1
	}
	if i.Locale == "" {
		i.Locale = discordgo.EnglishUS
	}
	var user *discordgo.User
	if i.Member != nil {
		user = i.Member.User
	} else {
		user = i.User
	}
	if user != nil {
		if _, ok := s.users[user.ID]; !ok {
			s.users[user.ID] = User{ID: user.ID, Username: user.Username}
		}
	}
	if i.GuildID == "" {
		if i.ChannelID == "" && user != nil {
			i.ChannelID = s.dmChannelLocked(user.ID)
		}
		if i.Context == 0 {
			i.Context = discordgo.InteractionContextBotDM
		}
	} else {
		if i.GuildLocale == nil {
			l := discordgo.EnglishUS
			i.GuildLocale = &l
		}
	}
	if i.ChannelID != "" {
		if _, ok := s.channels[i.ChannelID]; !ok {
			s.channels[i.ChannelID] = i.GuildID
		}
	}

	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		switch d := i.Data.(type) {
		case discordgo.ApplicationCommandInteractionData:
			s.fillCommandDataLocked(i, &d)
			i.Data = d
		case *discordgo.ApplicationCommandInteractionData:
			s.fillCommandDataLocked(i, d)
		}
	case discordgo.InteractionMessageComponent:
		s.fillComponentMessageLocked(i)
	}
}

func (s *Server) findCommandLocked(guildID, name string) *discordgo.ApplicationCommand {
	if guildID != "" {
		for _, c := range s.commands[guildID] {
			if c.Name == name && (c.Type == 0 || c.Type == discordgo.ChatApplicationCommand) {
				return c
			}
		}
	}
	for _, c := range s.commands[""] {
		if c.Name == name && (c.Type == 0 || c.Type == discordgo.ChatApplicationCommand) {
			return c
		}
	}
	return nil
}

func (s *Server) fillCommandDataLocked(i *discordgo.Interaction, d *discordgo.ApplicationCommandInteractionData) {
	if d.CommandType == 0 {
		d.CommandType = discordgo.ChatApplicationCommand
	}
	cmd := s.findCommandLocked(i.GuildID, d.Name)
	if cmd == nil {
		s.logf("discordtest: warning: interaction for command %q, which is not registered (globally or in guild %q)", d.Name, i.GuildID)
		if d.ID == "" {
			d.ID = s.newID()
		}
		return
	}
	if d.ID == "" {
		d.ID = cmd.ID
	}
	if i.GuildID == "" && cmd.GuildID != "" {
		s.logf("discordtest: warning: guild command %q used in a DM; Discord only offers global commands in DMs", d.Name)
	}
	if i.GuildID == "" && !commandAllowedInDM(cmd) {
		s.logf("discordtest: warning: command %q is not allowed in DMs (contexts/dm_permission)", d.Name)
	}
	byName := map[string]*discordgo.ApplicationCommandOption{}
	for _, o := range cmd.Options {
		byName[o.Name] = o
	}
	for _, o := range d.Options {
		def, ok := byName[o.Name]
		if !ok {
			s.logf("discordtest: warning: command %q has no option %q", d.Name, o.Name)
			continue
		}
		o.Type = def.Type
		o.Value = convertOptionValue(def.Type, o.Value)
	}
	for _, def := range cmd.Options {
		if def.Required && d.GetOption(def.Name) == nil {
			s.logf("discordtest: warning: command %q invoked without required option %q", d.Name, def.Name)
		}
	}
}

func commandAllowedInDM(c *discordgo.ApplicationCommand) bool {
	if c.Contexts != nil {
		for _, ctx := range *c.Contexts {
			if ctx == discordgo.InteractionContextBotDM {
				return true
			}
		}
		return false
	}
	//lint:ignore SA1019 clients that predate contexts still send dm_permission, and Discord still reads it when contexts is absent
	return c.DMPermission == nil || *c.DMPermission
}

// convertOptionValue turns a string option value into the JSON type Discord
// uses for the option type.
func convertOptionValue(t discordgo.ApplicationCommandOptionType, v any) any {
	str, ok := v.(string)
	if !ok {
		return v
	}
	switch t {
	case discordgo.ApplicationCommandOptionInteger, discordgo.ApplicationCommandOptionNumber:
		if f, err := strconv.ParseFloat(strings.TrimSpace(str), 64); err == nil {
			return f
		}
	case discordgo.ApplicationCommandOptionBoolean:
		switch strings.ToLower(str) {
		case "true", "yes", "1":
			return true
		case "false", "no", "0":
			return false
		}
	}
	return str
}

func (s *Server) fillComponentMessageLocked(i *discordgo.Interaction) {
	if i.Message == nil || i.Message.ID == "" {
		return
	}
	d, _ := i.Data.(discordgo.MessageComponentInteractionData)
	m, ok := s.messages[i.Message.ID]
	if !ok || m.deleted {
		// Unknown message: remember the one the test described, so a type 7
		// update or an edit of it works.
		if i.Message.ChannelID == "" {
			i.Message.ChannelID = i.ChannelID
		}
		obj := messageJSON(i.Message)
		s.messages[i.Message.ID] = &storedMessage{obj: obj, channelID: i.Message.ChannelID}
		return
	}
	msg := toMessage(m.obj)
	i.Message = msg
	if d.CustomID != "" && !messageHasCustomID(m.obj, d.CustomID) {
		s.logf("discordtest: warning: button %q pressed on message %s, which has no such component", d.CustomID, msg.ID)
	}
}

func messageHasCustomID(obj map[string]any, id string) bool {
	for _, c := range (Call{JSON: obj}).CustomIDs() {
		if c == id {
			return true
		}
	}
	return false
}

// interactionJSON marshals an interaction as Discord sends it. discordgo's
// Message type does not marshal its components (the field is tagged "-"), so
// the message of a component interaction is marshalled with messageJSON.
func interactionJSON(i *discordgo.Interaction) ([]byte, error) {
	b, err := json.Marshal(i)
	if err != nil || i.Message == nil {
		return b, err
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, err
	}
	obj["message"] = messageJSON(i.Message)
	return json.Marshal(obj)
}

// messageJSON converts a discordgo.Message to its JSON object, components included.
func messageJSON(m *discordgo.Message) map[string]any {
	b, _ := json.Marshal(m)
	var obj map[string]any
	_ = json.Unmarshal(b, &obj)
	comps := []any{}
	if len(m.Components) > 0 {
		cb, _ := json.Marshal(m.Components)
		_ = json.Unmarshal(cb, &comps)
	}
	obj["components"] = comps
	return obj
}
