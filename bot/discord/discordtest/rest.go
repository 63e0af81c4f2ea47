package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// reply is the fake's answer to a REST call.
type reply struct {
	status int
	body   any // marshalled to JSON; nil for no body
	header http.Header
	note   string // extra detail for the log
}

func apiError(status, code int, message string) *reply {
	return &reply{status: status, body: map[string]any{"message": message, "code": code}}
}

func ok(body any) *reply { return &reply{status: http.StatusOK, body: body} }

func noContent() *reply { return &reply{status: http.StatusNoContent} }

var (
	errNotFound      = func() *reply { return apiError(404, 0, "404: Not Found") }
	errMethod        = func() *reply { return apiError(405, 0, "405: Method Not Allowed") }
	errUnauthorized  = func() *reply { return apiError(401, 0, "401: Unauthorized") }
	errUnknownInter  = func() *reply { return apiError(404, 10062, "Unknown interaction") }
	errUnknownHook   = func() *reply { return apiError(404, 10015, "Unknown Webhook") }
	errUnknownMsg    = func() *reply { return apiError(404, 10008, "Unknown Message") }
	errUnknownChan   = func() *reply { return apiError(404, 10003, "Unknown Channel") }
	errMissingAccess = func() *reply { return apiError(403, 50001, "Missing Access") }
)

var apiPathRE = regexp.MustCompile(`^/api/v(\d+)(/.*)?$`)

// ServeHTTP implements http.Handler: the REST API under /api/v9 (and /api/v10)
// and the gateway websocket (any path, with an Upgrade header).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if websocket.IsWebSocketUpgrade(r) {
		s.serveGateway(w, r)
		return
	}
	call := Call{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(),
		Header: r.Header.Clone(), At: time.Now(),
	}
	parseErr := parseBody(r, &call)

	s.mu.Lock()
	rep := s.handle(&call, parseErr)
	if rep.body != nil {
		call.ResponseBody, _ = json.Marshal(rep.body)
	}
	call.Status = rep.status
	if m, isMap := rep.body.(map[string]any); isMap && rep.status >= 400 {
		call.ErrorCode = asInt(m["code"])
	}
	s.calls = append(s.calls, call)
	s.notifyLocked()
	s.mu.Unlock()

	if rep.status >= 400 {
		msg := ""
		if m, isMap := rep.body.(map[string]any); isMap {
			msg, _ = m["message"].(string)
		}
		if rep.note != "" {
			msg += " (" + rep.note + ")"
		}
		s.logf("discordtest: %s %s -> %d code %d: %s", call.Method, call.Path, rep.status, call.ErrorCode, msg)
	}

	for k, vs := range rep.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_, _ = w.Write(call.ResponseBody)
}

// parseBody reads the body into call (JSON or multipart with payload_json and
// files[n]); it returns an error reply for an unreadable body.
func parseBody(r *http.Request, call *Call) *reply {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxUploadBytes+1<<20+1))
	if err != nil {
		return apiError(400, 50109, "The request body contains invalid JSON.")
	}
	if len(body) > MaxUploadBytes+1<<20 {
		return apiError(413, 40005, "Request entity too large")
	}
	if len(body) == 0 {
		return nil
	}
	mediaType, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType == "multipart/form-data" {
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return apiError(400, 50035, "Invalid Form Body")
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return apiError(400, 50035, "Invalid Form Body")
			}
			switch {
			case p.FormName() == "payload_json":
				call.RawJSON = data
			case p.FileName() != "" || strings.HasPrefix(p.FormName(), "files["):
				call.Files = append(call.Files, File{Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
			}
		}
	} else {
		call.RawJSON = body
	}
	if len(call.RawJSON) > 0 {
		var v any
		if err := json.Unmarshal(call.RawJSON, &v); err != nil {
			return apiError(400, 50109, "The request body contains invalid JSON.")
		}
		call.JSON, _ = v.(map[string]any)
	}
	total := 0
	for _, f := range call.Files {
		total += len(f.Data)
	}
	if total > MaxUploadBytes {
		return apiError(413, 40005, "Request entity too large")
	}
	return nil
}

// handle routes a call; it runs with s.mu held.
func (s *Server) handle(call *Call, parseErr *reply) *reply {
	m := apiPathRE.FindStringSubmatch(call.Path)
	if m == nil || (m[1] != "9" && m[1] != "10") {
		call.Kind = KindUnknown
		return errNotFound()
	}
	segs := strings.Split(strings.Trim(m[2], "/"), "/")
	s.classify(call, segs)

	public := call.Kind == KindCallback || call.Kind == KindFollowup || call.Kind == KindWebhookMessage ||
		(call.Kind == KindGateway && len(segs) == 1)
	auth := call.Header.Get("Authorization")
	if (auth != "" && auth != "Bot "+Token) || (auth == "" && !public) {
		call.Kind = KindUnauthenticated
		rep := errUnauthorized()
		rep.note = fmt.Sprintf("Authorization header %q, want %q", auth, "Bot "+Token)
		return rep
	}
	if rep := s.injectedFailure(call); rep != nil {
		return rep
	}
	if parseErr != nil {
		return parseErr
	}
	return s.route(call, segs)
}

// classify sets Kind, InteractionID and ChannelID from the path alone.
func (s *Server) classify(call *Call, segs []string) {
	n := len(segs)
	switch {
	case segs[0] == "gateway" && (n == 1 || (n == 2 && segs[1] == "bot")):
		call.Kind = KindGateway
	case n == 2 && segs[0] == "users" && segs[1] == "@me":
		call.Kind = KindCurrentUser
	case n == 3 && segs[0] == "users" && segs[1] == "@me" && segs[2] == "channels":
		call.Kind = KindDMChannel
	case (n == 2 && segs[0] == "applications" && segs[1] == "@me") ||
		(n == 3 && segs[0] == "oauth2" && segs[1] == "applications" && segs[2] == "@me"):
		call.Kind = KindApplication
	case segs[0] == "applications" && ((n == 3 && segs[2] == "commands") || (n == 5 && segs[2] == "guilds" && segs[4] == "commands")):
		call.Kind = KindCommands
	case n == 4 && segs[0] == "interactions" && segs[3] == "callback":
		call.Kind = KindCallback
		if _, known := s.interactions[segs[1]]; known {
			call.InteractionID = segs[1]
		}
	case segs[0] == "webhooks" && (n == 3 || (n == 5 && segs[3] == "messages")):
		call.Kind = KindFollowup
		if n == 5 {
			call.Kind = KindWebhookMessage
		}
		if st, known := s.tokens[segs[2]]; known {
			call.InteractionID = st.id
			call.ChannelID = st.channelID
		}
	case n == 2 && segs[0] == "channels":
		call.Kind = KindChannel
		call.ChannelID = segs[1]
	case segs[0] == "channels" && n >= 3 && segs[2] == "messages" && n <= 4:
		call.Kind = KindChannelMessage
		call.ChannelID = segs[1]
	case n == 3 && segs[0] == "channels" && segs[2] == "typing":
		call.Kind = KindTyping
		call.ChannelID = segs[1]
	default:
		call.Kind = KindUnknown
	}
}

func (s *Server) injectedFailure(call *Call) *reply {
	for i, f := range s.failures {
		if (f.method != "" && f.method != call.Method) || !strings.HasPrefix(call.Path, f.prefix) {
			continue
		}
		if f.left > 0 {
			f.left--
			if f.left == 0 {
				s.failures = append(s.failures[:i:i], s.failures[i+1:]...)
			}
		}
		rep := apiError(f.status, f.code, f.message)
		rep.note = "injected failure"
		if f.status == http.StatusTooManyRequests {
			body := rep.body.(map[string]any)
			body["retry_after"] = f.retryAfter
			body["global"] = false
			after := strconv.FormatFloat(f.retryAfter, 'f', 3, 64)
			reset := float64(time.Now().UnixMilli())/1000 + f.retryAfter
			rep.header = http.Header{}
			rep.header.Set("X-RateLimit-Limit", "5")
			rep.header.Set("X-RateLimit-Remaining", "0")
			rep.header.Set("X-RateLimit-Reset", strconv.FormatFloat(reset, 'f', 3, 64))
			rep.header.Set("X-RateLimit-Reset-After", after)
			rep.header.Set("X-RateLimit-Bucket", "fake-bucket-"+strings.ReplaceAll(strings.Trim(f.prefix, "/"), "/", "-"))
			rep.header.Set("X-RateLimit-Scope", "user")
			rep.header.Set("Retry-After", strconv.Itoa(int(math.Ceil(f.retryAfter))))
		}
		return rep
	}
	return nil
}

func (s *Server) route(call *Call, segs []string) *reply {
	n := len(segs)
	switch call.Kind {
	case KindGateway:
		if call.Method != http.MethodGet {
			return errMethod()
		}
		if n == 1 {
			return ok(map[string]any{"url": s.GatewayURL()})
		}
		return ok(map[string]any{
			"url": s.GatewayURL(), "shards": 1,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1},
		})
	case KindCurrentUser:
		if call.Method != http.MethodGet {
			return errMethod()
		}
		return ok(botUserObject())
	case KindApplication:
		if call.Method != http.MethodGet {
			return errMethod()
		}
		return ok(map[string]any{
			"id": AppID, "name": "Calm Nights (fake)", "description": "", "bot_public": false,
			"bot_require_code_grant": false, "flags": 0, "bot": botUserObject(), "verify_key": "",
		})
	case KindCommands:
		guildID := ""
		if n == 5 {
			guildID = segs[3]
		}
		return s.commandsRoute(call, segs[1], guildID)
	case KindCallback:
		if call.Method != http.MethodPost {
			return errMethod()
		}
		return s.callback(call, segs[1], segs[2])
	case KindFollowup:
		if call.Method != http.MethodPost {
			return errMethod()
		}
		return s.followup(call, segs[1], segs[2])
	case KindWebhookMessage:
		return s.webhookMessage(call, segs[1], segs[2], segs[4])
	case KindDMChannel:
		if call.Method != http.MethodPost {
			return errMethod()
		}
		return s.createDM(call)
	case KindChannel:
		if call.Method != http.MethodGet {
			return errMethod()
		}
		return s.getChannel(segs[1])
	case KindChannelMessage:
		if n == 3 {
			switch call.Method {
			case http.MethodPost:
				return s.sendChannelMessage(call, segs[1])
			case http.MethodGet:
				return s.listChannelMessages(call, segs[1])
			}
			return errMethod()
		}
		return s.channelMessage(call, segs[1], segs[3])
	case KindTyping:
		if call.Method != http.MethodPost {
			return errMethod()
		}
		if _, known := s.channels[segs[1]]; !known {
			return errUnknownChan()
		}
		return noContent()
	}
	if n == 2 && segs[0] == "users" && call.Method == http.MethodGet {
		if u, known := s.users[segs[1]]; known {
			return ok(userObject(u))
		}
		return apiError(404, 10013, "Unknown User")
	}
	return errNotFound()
}

// --- application commands ---

func (s *Server) commandsRoute(call *Call, appID, guildID string) *reply {
	if appID != AppID {
		rep := errMissingAccess()
		rep.note = "application ID " + appID + ", want " + AppID
		return rep
	}
	if guildID != "" && !s.inGuildLocked(guildID) {
		rep := errMissingAccess()
		rep.note = "the bot is not in guild " + guildID + " (see SetGuilds)"
		return rep
	}
	switch call.Method {
	case http.MethodGet:
		out := make([]*discordgo.ApplicationCommand, 0, len(s.commands[guildID]))
		out = append(out, s.commands[guildID]...)
		return ok(out)
	case http.MethodPut:
		var cmds []*discordgo.ApplicationCommand
		if err := json.Unmarshal(call.RawJSON, &cmds); err != nil || call.RawJSON == nil {
			fe := &formErrors{}
			fe.add(nil, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")
			return fe.reply()
		}
		if rep := validateCommands(cmds); rep != nil {
			return rep
		}
		old := s.commands[guildID]
		stored := make([]*discordgo.ApplicationCommand, 0, len(cmds))
		for _, c := range cmds {
			stored = append(stored, s.storeCommandLocked(c, guildID, old))
		}
		s.commands[guildID] = stored
		return ok(stored)
	case http.MethodPost:
		var c discordgo.ApplicationCommand
		if err := json.Unmarshal(call.RawJSON, &c); err != nil {
			fe := &formErrors{}
			fe.add(nil, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
			return fe.reply()
		}
		if rep := validateCommands([]*discordgo.ApplicationCommand{&c}); rep != nil {
			return rep
		}
		old := s.commands[guildID]
		stored := s.storeCommandLocked(&c, guildID, old)
		var list []*discordgo.ApplicationCommand
		replaced := false
		for _, o := range old {
			if o.ID == stored.ID {
				list = append(list, stored)
				replaced = true
			} else {
				list = append(list, o)
			}
		}
		if !replaced {
			list = append(list, stored)
		}
		s.commands[guildID] = list
		if replaced {
			return ok(stored)
		}
		return &reply{status: http.StatusCreated, body: stored}
	}
	return errMethod()
}

func (s *Server) inGuildLocked(guildID string) bool {
	for _, g := range s.guilds {
		if g == guildID {
			return true
		}
	}
	return false
}

// storeCommandLocked assigns IDs like Discord: a command keeps its ID if one
// of the same type and name existed.
func (s *Server) storeCommandLocked(c *discordgo.ApplicationCommand, guildID string, old []*discordgo.ApplicationCommand) *discordgo.ApplicationCommand {
	out := cloneCommand(c)
	if out.Type == 0 {
		out.Type = discordgo.ChatApplicationCommand
	}
	out.ID = ""
	for _, o := range old {
		if o.Name == out.Name && o.Type == out.Type {
			out.ID = o.ID
		}
	}
	if out.ID == "" {
		out.ID = s.newID()
	}
	out.ApplicationID = AppID
	out.GuildID = guildID
	out.Version = s.newID()
	if out.Options == nil {
		out.Options = []*discordgo.ApplicationCommandOption{}
	}
	return out
}

// --- interactions ---

func (s *Server) callback(call *Call, id, token string) *reply {
	st, known := s.interactions[id]
	if !known {
		return errUnknownInter()
	}
	if token != st.token {
		return apiError(401, 50027, "Invalid Webhook Token")
	}
	if st.acked {
		return apiError(400, 40060, "Interaction has already been acknowledged.")
	}
	if late := time.Since(st.sentAt); late > s.deadline {
		rep := errUnknownInter()
		rep.note = fmt.Sprintf("callback %v after the interaction was sent; the deadline is %v", late.Round(time.Millisecond), s.deadline)
		return rep
	}
	if call.JSON == nil {
		fe := &formErrors{}
		fe.add([]string{"type"}, "BASE_TYPE_REQUIRED", "This field is required")
		return fe.reply()
	}
	typ := asInt(call.JSON["type"])
	if !responseTypeAllowed(st.typ, typ) {
		fe := &formErrors{}
		fe.add([]string{"type"}, "INTERACTION_RESPONSE_TYPE_INVALID",
			fmt.Sprintf("Interaction response type %d is not valid for interaction type %d", typ, st.typ))
		return fe.reply()
	}
	data, _ := call.JSON["data"].(map[string]any)
	switch typ {
	case 4:
		if rep := validateMessage([]string{"data"}, orMap(data), call.Files, true); rep != nil {
			return rep
		}
	case 7:
		if rep := validateMessage([]string{"data"}, orMap(data), call.Files, false); rep != nil {
			return rep
		}
	case 9:
		if rep := validateModal(orMap(data)); rep != nil {
			return rep
		}
	}

	st.acked = true
	st.ackType = typ
	switch typ {
	case 4:
		msgType := 0
		if st.typ == discordgo.InteractionApplicationCommand {
			msgType = 20 // CHAT_INPUT_COMMAND
		}
		obj := s.createMessageLocked(st.channelID, st.guildID, orMap(data), call.Files, msgType, st.id)
		st.originalID = obj["id"].(string)
	case 5:
		flags := asInt(orMap(data)["flags"])&int(discordgo.MessageFlagsEphemeral) | int(discordgo.MessageFlagsLoading)
		obj := s.createMessageLocked(st.channelID, st.guildID, map[string]any{"flags": float64(flags)}, nil, 20, st.id)
		st.originalID = obj["id"].(string)
		st.deferredPending = true
	case 6, 7:
		st.originalID = st.messageID
		if typ == 7 && data != nil {
			if m, known := s.messages[st.messageID]; known && !m.deleted {
				s.editMessageLocked(m, data, call.Files)
			}
		}
	}
	if st.originalID != "" {
		st.messages[st.originalID] = true
		call.MessageID = st.originalID
	}
	return noContent()
}

func responseTypeAllowed(it discordgo.InteractionType, rt int) bool {
	switch it {
	case discordgo.InteractionPing:
		return rt == 1
	case discordgo.InteractionApplicationCommand:
		return rt == 4 || rt == 5 || rt == 9
	case discordgo.InteractionMessageComponent:
		return rt == 4 || rt == 5 || rt == 6 || rt == 7 || rt == 9
	case discordgo.InteractionApplicationCommandAutocomplete:
		return rt == 8
	case discordgo.InteractionModalSubmit:
		return rt == 4 || rt == 5 || rt == 6 || rt == 7
	}
	return false
}

// interactionByWebhook finds the interaction of /webhooks/{app}/{token}; it
// fails like Discord for an unknown token, before the callback, or after the
// token expired.
func (s *Server) interactionByWebhook(appID, token string) (*interactionState, *reply) {
	st, known := s.tokens[token]
	if appID != AppID || !known {
		return nil, errUnknownHook()
	}
	if !st.acked {
		rep := errUnknownHook()
		rep.note = "the interaction has not been acknowledged with a callback yet"
		return nil, rep
	}
	if time.Since(st.sentAt) > FollowupLifetime {
		return nil, apiError(401, 50027, "Invalid Webhook Token")
	}
	return st, nil
}

func (s *Server) followup(call *Call, appID, token string) *reply {
	st, rep := s.interactionByWebhook(appID, token)
	if rep != nil {
		return rep
	}
	if call.JSON == nil && len(call.Files) == 0 {
		return apiError(400, 50006, "Cannot send an empty message")
	}
	payload := orMap(call.JSON)
	if rep := validateMessage(nil, payload, call.Files, true); rep != nil {
		return rep
	}
	// The first follow-up after a deferred (type 5) callback fills the
	// "thinking..." original response instead of making a new message.
	if st.deferredPending {
		if m, known := s.messages[st.originalID]; known && !m.deleted {
			s.editMessageLocked(m, payload, call.Files)
			st.deferredPending = false
			call.MessageID = st.originalID
			return ok(m.obj)
		}
	}
	obj := s.createMessageLocked(st.channelID, st.guildID, payload, call.Files, 0, st.id)
	id := obj["id"].(string)
	st.messages[id] = true
	call.MessageID = id
	return ok(obj)
}

func (s *Server) webhookMessage(call *Call, appID, token, messageID string) *reply {
	st, rep := s.interactionByWebhook(appID, token)
	if rep != nil {
		return rep
	}
	if messageID == "@original" {
		messageID = st.originalID
	}
	m, known := s.messages[messageID]
	if messageID == "" || !known || m.deleted || !st.messages[messageID] {
		return errUnknownMsg()
	}
	call.MessageID = messageID
	switch call.Method {
	case http.MethodGet:
		return ok(m.obj)
	case http.MethodDelete:
		m.deleted = true
		return noContent()
	case http.MethodPatch:
		payload := orMap(call.JSON)
		if rep := validateMessage(nil, payload, call.Files, false); rep != nil {
			return rep
		}
		s.editMessageLocked(m, payload, call.Files)
		if messageID == st.originalID {
			st.deferredPending = false
		}
		return ok(m.obj)
	}
	return errMethod()
}

// --- channels and messages ---

func (s *Server) createDM(call *Call) *reply {
	rid, _ := call.JSON["recipient_id"].(string)
	if rid == "" {
		fe := &formErrors{}
		fe.add([]string{"recipient_id"}, "BASE_TYPE_REQUIRED", "This field is required")
		return fe.reply()
	}
	id := s.dmChannelLocked(rid)
	call.ChannelID = id
	return ok(map[string]any{
		"id": id, "type": 1, "last_message_id": nil, "flags": 0,
		"recipients": []any{userObject(s.userLocked(rid))},
	})
}

func (s *Server) getChannel(channelID string) *reply {
	guildID, known := s.channels[channelID]
	if !known {
		return errUnknownChan()
	}
	if u, isDM := s.dmUser[channelID]; isDM {
		return ok(map[string]any{
			"id": channelID, "type": 1, "last_message_id": nil, "flags": 0,
			"recipients": []any{userObject(s.userLocked(u))},
		})
	}
	return ok(map[string]any{
		"id": channelID, "type": 0, "guild_id": guildID, "name": "channel-" + channelID,
		"position": 0, "permission_overwrites": []any{}, "nsfw": false, "flags": 0,
	})
}

// listChannelMessages answers GET /channels/{id}/messages: the channel's
// non-ephemeral messages the fake knows, newest first, at most ?limit (50).
func (s *Server) listChannelMessages(call *Call, channelID string) *reply {
	if _, known := s.channels[channelID]; !known {
		return errUnknownChan()
	}
	limit := 50
	if l, err := strconv.Atoi(call.Query.Get("limit")); err == nil && l >= 1 && l <= 100 {
		limit = l
	}
	var list []map[string]any
	for _, m := range s.messages {
		if m.channelID == channelID && !m.deleted && asInt(m.obj["flags"])&int(discordgo.MessageFlagsEphemeral) == 0 {
			list = append(list, m.obj)
		}
	}
	sort.Slice(list, func(a, b int) bool { return snowflakeLess(list[b]["id"].(string), list[a]["id"].(string)) })
	if len(list) > limit {
		list = list[:limit]
	}
	out := make([]any, 0, len(list))
	for _, m := range list {
		out = append(out, m)
	}
	return ok(out)
}

func snowflakeLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

func (s *Server) sendChannelMessage(call *Call, channelID string) *reply {
	guildID, known := s.channels[channelID]
	if !known {
		rep := errUnknownChan()
		if _, isUser := s.users[channelID]; isUser {
			rep.note = channelID + " is a user ID; open a DM channel with POST /users/@me/channels first"
		} else {
			rep.note = "not a channel the fake knows (see AddChannel)"
		}
		return rep
	}
	if u, isDM := s.dmUser[channelID]; isDM && s.refused[u] {
		return apiError(403, 50007, "Cannot send messages to this user")
	}
	payload := orMap(call.JSON)
	if rep := validateMessage(nil, payload, call.Files, true); rep != nil {
		return rep
	}
	obj := s.createMessageLocked(channelID, guildID, payload, call.Files, 0, "")
	call.MessageID = obj["id"].(string)
	return ok(obj)
}

func (s *Server) channelMessage(call *Call, channelID, messageID string) *reply {
	if _, known := s.channels[channelID]; !known {
		return errUnknownChan()
	}
	m, known := s.messages[messageID]
	// Ephemeral messages cannot be reached through channel routes.
	if !known || m.deleted || m.channelID != channelID || asInt(m.obj["flags"])&int(discordgo.MessageFlagsEphemeral) != 0 {
		return errUnknownMsg()
	}
	call.MessageID = messageID
	switch call.Method {
	case http.MethodGet:
		return ok(m.obj)
	case http.MethodDelete:
		m.deleted = true
		return noContent()
	case http.MethodPatch:
		if author, _ := m.obj["author"].(map[string]any); author != nil && author["id"] != BotUserID {
			return apiError(403, 50005, "Cannot edit a message authored by another user")
		}
		payload := orMap(call.JSON)
		if rep := validateMessage(nil, payload, call.Files, false); rep != nil {
			return rep
		}
		s.editMessageLocked(m, payload, call.Files)
		return ok(m.obj)
	}
	return errMethod()
}

func (s *Server) createMessageLocked(channelID, guildID string, payload map[string]any, files []File, msgType int, interactionID string) map[string]any {
	id := s.newID()
	content, _ := payload["content"].(string)
	obj := map[string]any{
		"id": id, "channel_id": channelID, "type": msgType, "content": content,
		"author": botUserObject(), "timestamp": time.Now().UTC().Format(time.RFC3339Nano),
		"edited_timestamp": nil, "tts": payload["tts"] == true, "mention_everyone": false,
		"mentions": []any{}, "mention_roles": []any{}, "pinned": false,
		"embeds": orList(payload["embeds"]), "components": orList(payload["components"]),
		"attachments": s.attachmentsLocked(channelID, files), "flags": asInt(payload["flags"]),
	}
	if guildID != "" {
		obj["guild_id"] = guildID
	}
	if interactionID != "" {
		obj["webhook_id"] = AppID
		obj["application_id"] = AppID
	}
	if ref, isMap := payload["message_reference"].(map[string]any); isMap {
		obj["message_reference"] = deepCopyJSON(ref)
		if msgType == 0 {
			obj["type"] = 19 // REPLY
		}
	}
	s.messages[id] = &storedMessage{obj: obj, channelID: channelID, interactionID: interactionID}
	return obj
}

// editMessageLocked applies an edit: fields present in the payload replace
// the message's (null clears), attachments not listed in "attachments" are
// removed if that field is present, and uploaded files are appended.
func (s *Server) editMessageLocked(m *storedMessage, payload map[string]any, files []File) {
	obj := m.obj
	if v, present := payload["content"]; present {
		str, _ := v.(string)
		obj["content"] = str
	}
	for _, k := range []string{"components", "embeds"} {
		if v, present := payload[k]; present {
			obj[k] = orList(v)
		}
	}
	flags := asInt(obj["flags"])
	if v, present := payload["flags"]; present {
		keep := flags & int(discordgo.MessageFlagsEphemeral)
		flags = keep | asInt(v)&^int(discordgo.MessageFlagsEphemeral)
	}
	obj["flags"] = flags &^ int(discordgo.MessageFlagsLoading)
	atts, _ := obj["attachments"].([]any)
	if v, present := payload["attachments"]; present {
		keepIDs := map[string]bool{}
		for _, a := range orList(v) {
			if am, isMap := a.(map[string]any); isMap {
				if id, isStr := am["id"].(string); isStr {
					keepIDs[id] = true
				}
			}
		}
		var kept []any
		for _, a := range atts {
			if am, isMap := a.(map[string]any); isMap && keepIDs[fmt.Sprint(am["id"])] {
				kept = append(kept, a)
			}
		}
		atts = kept
	}
	obj["attachments"] = append(orList(atts), s.attachmentsLocked(m.channelID, files)...)
	obj["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
}

func (s *Server) attachmentsLocked(channelID string, files []File) []any {
	out := []any{}
	for _, f := range files {
		id := s.newID()
		u := "https://cdn.discordapp.com/attachments/" + channelID + "/" + id + "/" + f.Name
		ct := f.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		out = append(out, map[string]any{
			"id": id, "filename": f.Name, "size": len(f.Data), "url": u, "proxy_url": u, "content_type": ct,
		})
	}
	return out
}

func orMap(v map[string]any) map[string]any {
	if v == nil {
		return map[string]any{}
	}
	return v
}

func orList(v any) []any {
	if t, isList := v.([]any); isList && t != nil {
		return deepCopyJSON(t).([]any)
	}
	return []any{}
}
