package telegramtest

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// queued is an update waiting to be confirmed by the bot.
type queued struct {
	id   int
	kind string
	raw  json.RawMessage
}

// waiter is a getUpdates call that is waiting for an update.
type waiter struct{ terminate chan string }

// Poll is one getUpdates call the bot made.
type Poll struct {
	Offset         int
	Limit          int      // as sent; 0 if not given (Telegram then uses 100)
	Timeout        int      // seconds
	AllowedUpdates []string // nil if not given (or given as null, as tgbotapi does)
	Started        time.Time
	Ended          time.Time // zero while the call is waiting

	// Outcome is how the call ended: "updates" (it returned some),
	// "empty" (none pending and no timeout), "timeout" (none arrived in
	// time), "cancelled" (the client gave up), "conflict" (a newer
	// getUpdates or setWebhook terminated it, or a webhook is set), "closed"
	// (the server closed), or "" while it is still waiting.
	Outcome  string
	Returned []int // the update_ids returned
}

// SendMessage delivers a text message from a user in a chat to the bot and
// returns its update_id. A leading /command (or /command@bot) gets a
// bot_command entity, as Telegram adds. In a private chat the chat's name
// fields are taken from the user.
func (s *Server) SendMessage(chat Chat, from User, text string) int {
	fu := tgUser(from)
	tc := tgChat(chat, &from)
	msg := tgbotapi.Message{From: &fu, Chat: &tc, Date: int(time.Now().Unix()), Text: text, Entities: commandEntities(text)}
	return s.AddUpdate(tgbotapi.Update{Message: &msg})
}

// SendLocation delivers a message holding a location the user shared (the
// reply to a request_location button), with no text, as Telegram sends it.
func (s *Server) SendLocation(chat Chat, from User, lat, lon float64) int {
	fu := tgUser(from)
	tc := tgChat(chat, &from)
	msg := tgbotapi.Message{From: &fu, Chat: &tc, Date: int(time.Now().Unix()), Location: &tgbotapi.Location{Latitude: lat, Longitude: lon}}
	return s.AddUpdate(tgbotapi.Update{Message: &msg})
}

// PressButton delivers a callback_query: the user pressed a button with the
// given callback data on message messageID, which the bot sent to chat.
// callback_query.message holds that message in its current state, with its
// reply_markup, as Telegram sends it. The data is not checked against the
// keyboard: a modified client can send anything. It returns the update_id;
// see CallbackAnswer for the bot's answer. It fails the test (or panics,
// for a standalone server) if the bot sent no such message.
func (s *Server) PressButton(chat Chat, from User, messageID int, data string) int {
	s.mu.Lock()
	cs := s.chats[chat.ID]
	var m *message
	if cs != nil {
		m = cs.msgs[messageID]
	}
	if m == nil || !m.fromBot || m.cur.Deleted {
		s.mu.Unlock()
		s.fatalf("telegramtest: PressButton: the bot has no message %d in chat %d", messageID, chat.ID)
		return 0
	}
	msg := s.botMessageLocked(cs, m)
	fu := tgUser(from)
	cq := &tgbotapi.CallbackQuery{
		From:         &fu,
		Message:      &msg,
		ChatInstance: strconv.FormatUint(uint64(chat.ID)*0x9E3779B97F4A7C15>>1, 10),
		Data:         data,
	}
	id := s.addUpdateLocked(tgbotapi.Update{CallbackQuery: cq})
	s.mu.Unlock()
	return id
}

// BlockBot delivers the my_chat_member update Telegram sends when a user
// blocks the bot (the bot's status in the private chat goes from "member" to
// "kicked") and returns its update_id. From then on, sending to or editing in
// that chat answers 403 "Forbidden: bot was blocked by the user".
func (s *Server) BlockBot(from User) int {
	return s.AddUpdate(s.myChatMember(from, "member", "kicked"))
}

// UnblockBot delivers the my_chat_member update for a user unblocking the
// bot ("kicked" to "member") and returns its update_id.
func (s *Server) UnblockBot(from User) int {
	return s.AddUpdate(s.myChatMember(from, "kicked", "member"))
}

func (s *Server) myChatMember(from User, oldStatus, newStatus string) tgbotapi.Update {
	bot := botAsSender()
	return tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{
		Chat:          tgChat(PrivateChat(from.ID), &from),
		From:          tgUser(from),
		Date:          int(time.Now().Unix()),
		OldChatMember: tgbotapi.ChatMember{User: &bot, Status: oldStatus},
		NewChatMember: tgbotapi.ChatMember{User: &bot, Status: newStatus},
	}}
}

// AddUpdate queues any update for the bot and returns its update_id. An
// UpdateID of 0 is assigned (increasing from 1); a message's MessageID of 0
// is assigned from its chat's sequence, and a callback query's empty ID from
// the server's. The chats and users in the update become known, so the bot
// may send to them; a my_chat_member update for a private chat with status
// "kicked" blocks the bot there, any other status unblocks it.
func (s *Server) AddUpdate(u tgbotapi.Update) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addUpdateLocked(u)
}

// AddChat makes a chat known without any update, as if the user had talked
// to the bot before the test began; the bot may then send to it.
func (s *Server) AddChat(chat Chat) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noteChatLocked(tgChat(chat, nil))
	s.notifyLocked()
}

// Blocked reports whether the user has blocked the bot.
func (s *Server) Blocked(userID int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.blocked[userID]
}

// Pending returns the update_ids that are queued and not yet confirmed by
// a getUpdates offset.
func (s *Server) Pending() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int, len(s.queue))
	for i, q := range s.queue {
		ids[i] = q.id
	}
	return ids
}

// Polls returns the bot's getUpdates calls, oldest first.
func (s *Server) Polls() []Poll {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Poll, len(s.polls))
	for i, p := range s.polls {
		out[i] = *p
		out[i].AllowedUpdates = slices.Clone(p.AllowedUpdates)
		out[i].Returned = slices.Clone(p.Returned)
	}
	return out
}

// WaitPolls waits until the bot made at least n getUpdates calls or timeout
// passes, and returns them.
func (s *Server) WaitPolls(n int, timeout time.Duration) []Poll {
	s.waitFor(timeout, func() bool { return len(s.polls) >= n })
	return s.Polls()
}

func (s *Server) addUpdateLocked(u tgbotapi.Update) int {
	if u.UpdateID == 0 {
		u.UpdateID = s.nextUpdate
	}
	if u.UpdateID >= s.nextUpdate {
		s.nextUpdate = u.UpdateID + 1
	}
	now := int(time.Now().Unix())
	for _, mp := range []**tgbotapi.Message{&u.Message, &u.EditedMessage, &u.ChannelPost, &u.EditedChannelPost} {
		if *mp == nil {
			continue
		}
		m := **mp // a copy, so the caller's value is not changed
		*mp = &m
		if m.From != nil {
			s.noteUserLocked(*m.From)
		}
		if m.Chat == nil {
			continue
		}
		cs := s.noteChatLocked(*m.Chat)
		if m.Date == 0 {
			m.Date = now
		}
		if mp == &u.Message || mp == &u.ChannelPost {
			if m.MessageID == 0 {
				cs.nextID++
				m.MessageID = cs.nextID
			} else if m.MessageID > cs.nextID {
				cs.nextID = m.MessageID
			}
			if m.From == nil || m.From.ID != BotID {
				mc := m
				cs.msgs[m.MessageID] = &message{user: &mc}
			}
		}
	}
	if cq := u.CallbackQuery; cq != nil {
		c := *cq
		u.CallbackQuery = &c
		if c.From != nil {
			s.noteUserLocked(*c.From)
		}
		if c.Message != nil && c.Message.Chat != nil {
			s.noteChatLocked(*c.Message.Chat)
		}
		if c.ID == "" {
			s.nextQuery++
			c.ID = strconv.FormatInt(4_000_000_000_000_000_000+s.nextQuery, 10)
		}
		s.queries[c.ID] = &query{updateID: u.UpdateID}
	}
	for _, cm := range []*tgbotapi.ChatMemberUpdated{u.MyChatMember, u.ChatMember} {
		if cm == nil {
			continue
		}
		s.noteUserLocked(cm.From)
		s.noteChatLocked(cm.Chat)
		if cm == u.MyChatMember && cm.Chat.Type == "private" {
			s.blocked[cm.Chat.ID] = cm.NewChatMember.Status == "kicked"
		}
	}
	if u.InlineQuery != nil && u.InlineQuery.From != nil {
		s.noteUserLocked(*u.InlineQuery.From)
	}

	q := queued{id: u.UpdateID, kind: updateKind(u), raw: clean(u)}
	s.queue = append(s.queue, q)
	sort.SliceStable(s.queue, func(i, j int) bool { return s.queue[i].id < s.queue[j].id })
	s.notifyLocked()
	return u.UpdateID
}

// updateKind returns the update's type as allowed_updates names it.
func updateKind(u tgbotapi.Update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.EditedMessage != nil:
		return "edited_message"
	case u.ChannelPost != nil:
		return "channel_post"
	case u.EditedChannelPost != nil:
		return "edited_channel_post"
	case u.InlineQuery != nil:
		return "inline_query"
	case u.ChosenInlineResult != nil:
		return "chosen_inline_result"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.ShippingQuery != nil:
		return "shipping_query"
	case u.PreCheckoutQuery != nil:
		return "pre_checkout_query"
	case u.Poll != nil:
		return "poll"
	case u.PollAnswer != nil:
		return "poll_answer"
	case u.MyChatMember != nil:
		return "my_chat_member"
	case u.ChatMember != nil:
		return "chat_member"
	case u.ChatJoinRequest != nil:
		return "chat_join_request"
	}
	return ""
}

// getUpdates implements long polling the way Telegram does: an offset
// confirms every update below it; pending updates from offset on are
// returned at once; otherwise the call waits up to timeout seconds.
func (s *Server) getUpdates(req *request) (any, *apiError) {
	p := req.params
	offset, _ := strconv.Atoi(p["offset"])
	limit, _ := strconv.Atoi(p["limit"])
	timeout, _ := strconv.Atoi(p["timeout"])
	poll := &Poll{Offset: offset, Limit: limit, Timeout: timeout, Started: time.Now()}
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	if timeout < 0 {
		timeout = 0
	}
	// tgbotapi sends allowed_updates=null when it has none: like no
	// parameter, that keeps the previous setting.
	raw, hasAllowed := p["allowed_updates"]
	hasAllowed = hasAllowed && raw != "null"
	if hasAllowed {
		poll.AllowedUpdates = []string{}
		if raw != "" {
			if err := json.Unmarshal([]byte(raw), &poll.AllowedUpdates); err != nil {
				return nil, badRequest("can't parse allowed_updates JSON array")
			}
		}
	}

	s.mu.Lock()
	s.polls = append(s.polls, poll)
	end := func(outcome string, ups []queued) {
		poll.Ended, poll.Outcome = time.Now(), outcome
		for _, q := range ups {
			poll.Returned = append(poll.Returned, q.id)
		}
		s.notifyLocked()
		s.mu.Unlock()
	}
	if s.webhook.set {
		end("conflict", nil)
		return nil, &apiError{status: 409, code: 409, desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	if hasAllowed {
		s.allowed = poll.AllowedUpdates
	}
	s.confirmLocked(offset)
	if offset < 0 {
		offset = 0
	}
	s.terminateWaitingLocked("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")

	me := &waiter{terminate: make(chan string, 1)}
	var expired <-chan time.Time
	if timeout > 0 {
		timer := time.NewTimer(time.Duration(timeout) * time.Second)
		defer timer.Stop()
		expired = timer.C
	}
	timedOut, closed := false, false
	for {
		select {
		case msg := <-me.terminate:
			end("conflict", nil)
			return nil, &apiError{status: 409, code: 409, desc: msg}
		default:
		}
		ups := s.collectLocked(offset, limit)
		if len(ups) > 0 || timeout == 0 || timedOut || closed {
			if s.waiting == me {
				s.waiting = nil
			}
			outcome := "updates"
			switch {
			case len(ups) > 0:
			case closed:
				outcome = "closed"
			case timedOut:
				outcome = "timeout"
			default:
				outcome = "empty"
			}
			end(outcome, ups)
			list := make([]json.RawMessage, len(ups))
			for i, q := range ups {
				list[i] = q.raw
			}
			return list, nil
		}
		s.waiting = me
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-expired:
			timedOut = true
		case <-s.closing:
			closed = true
		case <-req.r.Context().Done():
			s.mu.Lock()
			if s.waiting == me {
				s.waiting = nil
			}
			end("cancelled", nil)
			return nil, errClientGone
		case msg := <-me.terminate:
			me.terminate <- msg // handled at the top of the loop
		}
		s.mu.Lock()
	}
}

// terminateWaitingLocked ends the waiting getUpdates call, if any, with a
// 409 Conflict.
func (s *Server) terminateWaitingLocked(desc string) {
	if s.waiting != nil {
		s.waiting.terminate <- desc
		s.waiting = nil
	}
}

// confirmLocked drops the updates an offset confirms: every one below a
// positive offset; for a negative offset, all but the last -offset.
func (s *Server) confirmLocked(offset int) {
	switch {
	case offset > 0:
		i := 0
		for i < len(s.queue) && s.queue[i].id < offset {
			i++
		}
		s.queue = slices.Clone(s.queue[i:])
	case offset < 0:
		if n := -offset; len(s.queue) > n {
			s.queue = slices.Clone(s.queue[len(s.queue)-n:])
		}
	}
}

// collectLocked returns up to limit pending updates with id >= offset,
// dropping those that allowed_updates excludes.
func (s *Server) collectLocked(offset, limit int) []queued {
	var out []queued
	kept := s.queue[:0:0]
	for _, q := range s.queue {
		if q.id >= offset && !s.allowedLocked(q.kind) {
			continue
		}
		kept = append(kept, q)
		if q.id >= offset && len(out) < limit {
			out = append(out, q)
		}
	}
	s.queue = kept
	return out
}

// allowedLocked applies the last allowed_updates: by default (or with an
// empty list) every kind but chat_member, as in Telegram.
func (s *Server) allowedLocked(kind string) bool {
	if len(s.allowed) == 0 {
		return kind != "chat_member"
	}
	return slices.Contains(s.allowed, kind)
}

// commandEntities returns the bot_command entity of a leading /command or
// /command@botname.
func commandEntities(text string) []tgbotapi.MessageEntity {
	if len(text) < 2 || text[0] != '/' {
		return nil
	}
	word := func(c byte) bool {
		return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	j := 1
	for j < len(text) && word(text[j]) {
		j++
	}
	if j == 1 {
		return nil
	}
	if j < len(text) && text[j] == '@' {
		k := j + 1
		for k < len(text) && word(text[k]) {
			k++
		}
		if k > j+1 {
			j = k
		}
	}
	return []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: j}}
}

func tgUser(u User) tgbotapi.User {
	return tgbotapi.User{ID: u.ID, FirstName: u.FirstName, UserName: u.Username, LanguageCode: u.LanguageCode}
}

// tgChat converts a Chat; a private chat with the sender takes the sender's
// names, as in Telegram.
func tgChat(c Chat, from *User) tgbotapi.Chat {
	t := c.Type
	if t == "" {
		t = "group"
		if c.ID > 0 {
			t = "private"
		}
	}
	tc := tgbotapi.Chat{ID: c.ID, Type: t, Title: c.Title}
	if t == "private" {
		tc.Title = ""
		if from != nil && from.ID == c.ID {
			tc.FirstName, tc.UserName = from.FirstName, from.Username
		}
	}
	return tc
}

// botAsSender is the bot as the sender of its messages (without the fields
// only getMe returns).
func botAsSender() tgbotapi.User {
	return tgbotapi.User{ID: BotID, IsBot: true, FirstName: BotFirstName, UserName: BotUsername}
}

func (s *Server) noteUserLocked(u tgbotapi.User) {
	if u.ID != BotID {
		s.users[u.ID] = u
	}
}

// noteChatLocked makes a chat known and returns its state.
func (s *Server) noteChatLocked(c tgbotapi.Chat) *chatState {
	cs := s.chats[c.ID]
	if cs == nil {
		cs = &chatState{msgs: map[int]*message{}}
		s.chats[c.ID] = cs
	}
	if c.Type == "private" && c.FirstName == "" {
		if u, ok := s.users[c.ID]; ok {
			c.FirstName, c.UserName = u.FirstName, u.UserName
		}
	}
	if cs.chat.ID == 0 || c.FirstName != "" || c.Title != "" {
		cs.chat = c
	}
	return cs
}
