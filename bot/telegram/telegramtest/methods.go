package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/gif" // photo formats Telegram accepts
	_ "image/jpeg"
	_ "image/png"
	"maps"
	"mime"
	"net/url"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// described is a successful result that also carries a description, as
// setWebhook's "Webhook was set".
type described struct {
	result any
	desc   string
}

// Sent returns every message the bot sent to a chat, oldest first, each as
// it was when sent; Message gives a message's current state.
func (s *Server) Sent(chatID int64) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentLocked(chatID)
}

func (s *Server) sentLocked(chatID int64) []Sent {
	cs := s.chats[chatID]
	if cs == nil {
		return nil
	}
	out := make([]Sent, len(cs.sent))
	for i, m := range cs.sent {
		out[i] = m.clone()
	}
	return out
}

// WaitSent waits until the bot sent at least n messages to the chat or
// timeout passes, and returns the messages there are (so the caller checks
// the length), for adapters that send asynchronously.
func (s *Server) WaitSent(chatID int64, n int, timeout time.Duration) []Sent {
	var got []Sent
	s.waitFor(timeout, func() bool {
		got = s.sentLocked(chatID)
		return len(got) >= n
	})
	return got
}

// Message returns the current state of a message the bot sent, after the
// edits applied to it (editMessageText, editMessageCaption,
// editMessageReplyMarkup); a deleted message is returned with Deleted set.
// ok is false if the bot sent no such message.
func (s *Server) Message(chatID int64, messageID int) (msg Sent, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chats[chatID]
	if cs == nil {
		return Sent{}, false
	}
	m := cs.msgs[messageID]
	if m == nil || !m.fromBot {
		return Sent{}, false
	}
	return m.cur.clone(), true
}

// CallbackAnswer returns the bot's answerCallbackQuery to the button press
// with the given update_id (as PressButton returned it).
func (s *Server) CallbackAnswer(updateID int) (CallbackAnswer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.answers {
		if a.UpdateID == updateID {
			return a, true
		}
	}
	return CallbackAnswer{}, false
}

// CallbackAnswers returns every answerCallbackQuery, oldest first.
func (s *Server) CallbackAnswers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.answers)
}

// Commands returns the bot's command list for the default scope and no
// language, as last set with setMyCommands.
func (s *Server) Commands() []tgbotapi.BotCommand {
	return s.CommandsFor(tgbotapi.BotCommandScope{Type: "default"}, "")
}

// CommandsFor returns the command list set for a scope and language code.
func (s *Server) CommandsFor(scope tgbotapi.BotCommandScope, languageCode string) []tgbotapi.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[commandKey(scope, languageCode)])
}

// Webhook returns the webhook set with setWebhook: its url and secret_token.
// set is false if none is set (never, or removed by deleteWebhook or an
// empty url).
func (s *Server) Webhook() (url, secret string, set bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook.url, s.webhook.secret, s.webhook.set
}

func (m Sent) clone() Sent {
	m.Entities = slices.Clone(m.Entities)
	if m.Keyboard != nil {
		kb := make([][]Button, len(m.Keyboard))
		for i, row := range m.Keyboard {
			kb[i] = slices.Clone(row)
		}
		m.Keyboard = kb
	}
	m.Params = maps.Clone(m.Params)
	return m
}

// targetChatLocked resolves chat_id to a chat the bot may write to.
func (s *Server) targetChatLocked(p map[string]string, checkBlocked bool) (*chatState, *apiError) {
	raw := p["chat_id"]
	if raw == "" {
		return nil, badRequest("chat_id is empty")
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return nil, badRequest("chat not found")
	}
	cs := s.chats[id]
	if cs == nil {
		// A user who wrote to the bot anywhere can be written to privately.
		if u, ok := s.users[id]; ok && id > 0 {
			cs = s.noteChatLocked(tgbotapi.Chat{ID: id, Type: "private", FirstName: u.FirstName, UserName: u.UserName})
		}
	}
	if cs == nil {
		return nil, badRequest("chat not found")
	}
	if checkBlocked && cs.chat.Type == "private" && s.blocked[id] {
		return nil, forbidden("bot was blocked by the user")
	}
	return cs, nil
}

// checkText validates a text or caption like the Bot API and returns what
// the user sees and its entities.
func checkText(text, parseMode string, caption bool) (plain string, entities []tgbotapi.MessageEntity, e *apiError) {
	if !utf8.ValidString(text) {
		return "", nil, badRequest("strings must be encoded in UTF-8")
	}
	switch strings.ToLower(parseMode) {
	case "html":
		var err error
		plain, entities, err = ParseHTML(text)
		if err != nil {
			return "", nil, badRequest("can't parse entities: %v", err)
		}
	case "", "markdown", "markdownv2": // Markdown is not checked.
		plain = text
	default:
		return "", nil, badRequest("unsupported parse_mode")
	}
	visible := strings.TrimSpace(plain)
	switch {
	case caption && UTF16Len(visible) > MaxCaptionLen:
		return "", nil, badRequest("message caption is too long")
	case caption:
	case visible == "":
		return "", nil, badRequest("message text is empty")
	case UTF16Len(visible) > MaxTextLen:
		return "", nil, badRequest("message is too long")
	}
	return plain, entities, nil
}

// inlineButton is an inline keyboard button as sent, to check which fields
// are present.
type inlineButton struct {
	Text                         *string         `json:"text"`
	CallbackData                 *string         `json:"callback_data"`
	URL                          *string         `json:"url"`
	SwitchInlineQuery            *string         `json:"switch_inline_query"`
	SwitchInlineQueryCurrentChat *string         `json:"switch_inline_query_current_chat"`
	LoginURL                     json.RawMessage `json:"login_url"`
	CallbackGame                 json.RawMessage `json:"callback_game"`
	Pay                          bool            `json:"pay"`
	WebApp                       json.RawMessage `json:"web_app"`
	CopyText                     json.RawMessage `json:"copy_text"`
}

// parseMarkup validates reply_markup. Only an inline keyboard is decoded;
// reply keyboards and the like are accepted as they are.
func parseMarkup(raw string) ([][]Button, *tgbotapi.InlineKeyboardMarkup, *apiError) {
	if raw == "" {
		return nil, nil, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &obj); err != nil || obj == nil {
		return nil, nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	ik, ok := obj["inline_keyboard"]
	if !ok || string(ik) == "null" {
		return nil, nil, nil
	}
	var rows [][]inlineButton
	if err := json.Unmarshal(ik, &rows); err != nil {
		return nil, nil, badRequest("can't parse inline keyboard button: %v", err)
	}
	var kb [][]Button
	for _, row := range rows {
		var out []Button
		for _, b := range row {
			if b.Text == nil {
				return nil, nil, badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
			}
			if *b.Text == "" {
				return nil, nil, badRequest("BUTTON_TEXT_INVALID")
			}
			actions := 0
			for _, set := range []bool{b.CallbackData != nil, b.URL != nil, b.SwitchInlineQuery != nil,
				b.SwitchInlineQueryCurrentChat != nil, b.LoginURL != nil, b.CallbackGame != nil, b.Pay,
				b.WebApp != nil, b.CopyText != nil} {
				if set {
					actions++
				}
			}
			if actions == 0 {
				return nil, nil, badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
			}
			btn := Button{Text: *b.Text}
			if b.CallbackData != nil {
				if n := len(*b.CallbackData); n == 0 || n > MaxCallbackDataLen {
					return nil, nil, badRequest("BUTTON_DATA_INVALID")
				}
				btn.CallbackData = *b.CallbackData
			}
			if b.URL != nil {
				if !validButtonURL(*b.URL) {
					return nil, nil, badRequest("BUTTON_URL_INVALID")
				}
				btn.URL = *b.URL
			}
			out = append(out, btn)
		}
		if len(out) > 0 {
			kb = append(kb, out)
		}
	}
	if len(kb) == 0 {
		return nil, nil, nil
	}
	var inline tgbotapi.InlineKeyboardMarkup
	json.Unmarshal([]byte(raw), &inline)
	return kb, &inline, nil
}

func validButtonURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || s == "" {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "tg":
		return true
	case "":
		return strings.Contains(s, ".") // Telegram adds http://
	}
	return false
}

// newBotMessageLocked stores a message the bot sent and returns it.
func (s *Server) newBotMessageLocked(cs *chatState, m *message) *message {
	cs.nextID++
	m.fromBot = true
	m.cur.ChatID = cs.chat.ID
	m.cur.MessageID = cs.nextID
	m.cur.At = time.Now()
	cs.msgs[cs.nextID] = m
	cs.sent = append(cs.sent, m.cur.clone())
	s.notifyLocked()
	return m
}

// botMessageLocked returns a bot's message as the Bot API returns it.
func (s *Server) botMessageLocked(cs *chatState, m *message) tgbotapi.Message {
	bot := botAsSender()
	chat := cs.chat
	msg := tgbotapi.Message{MessageID: m.cur.MessageID, From: &bot, Date: int(m.cur.At.Unix()), Chat: &chat}
	if !m.editDate.IsZero() {
		msg.EditDate = int(m.editDate.Unix())
	}
	switch m.cur.Method {
	case "sendMessage":
		msg.Text, msg.Entities = m.cur.Plain, slices.Clone(m.cur.Entities)
	case "sendPhoto":
		msg.Photo = []tgbotapi.PhotoSize{*m.photo}
		msg.Caption, msg.CaptionEntities = m.cur.Plain, slices.Clone(m.cur.Entities)
	case "sendDocument":
		d := *m.document
		msg.Document = &d
		msg.Caption, msg.CaptionEntities = m.cur.Plain, slices.Clone(m.cur.Entities)
	}
	if m.inline != nil {
		var kb tgbotapi.InlineKeyboardMarkup
		json.Unmarshal(clean(m.inline), &kb)
		msg.ReplyMarkup = &kb
	}
	if r := cs.msgs[m.cur.ReplyTo]; r != nil && m.cur.ReplyTo != 0 {
		if r.user != nil {
			u := *r.user
			msg.ReplyToMessage = &u
		} else if r.fromBot {
			c := r.cur
			c.ReplyTo = 0 // Telegram does not nest replies
			rm := s.botMessageLocked(cs, &message{fromBot: true, cur: c, photo: r.photo, document: r.document})
			msg.ReplyToMessage = &rm
		}
	}
	return msg
}

// checkReplyLocked checks reply_to_message_id.
func checkReplyLocked(cs *chatState, p map[string]string) (int, *apiError) {
	id, _ := strconv.Atoi(p["reply_to_message_id"])
	if id == 0 {
		return 0, nil
	}
	if m := cs.msgs[id]; m == nil || m.cur.Deleted {
		if p["allow_sending_without_reply"] == "true" {
			return 0, nil
		}
		return 0, badRequest("message to be replied not found")
	}
	return id, nil
}

func (s *Server) sendMessage(req *request) (any, *apiError) {
	p := req.params
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, e := s.targetChatLocked(p, true)
	if e != nil {
		return nil, e
	}
	plain, ents, e := checkText(p["text"], p["parse_mode"], false)
	if e != nil {
		return nil, e
	}
	kb, inline, e := parseMarkup(p["reply_markup"])
	if e != nil {
		return nil, e
	}
	replyTo, e := checkReplyLocked(cs, p)
	if e != nil {
		return nil, e
	}
	m := s.newBotMessageLocked(cs, &message{
		cur: Sent{Method: "sendMessage", Text: p["text"], Plain: plain, Entities: ents, ParseMode: p["parse_mode"],
			Keyboard: kb, ReplyMarkup: p["reply_markup"], ReplyTo: replyTo, Params: p},
		inline: inline,
	})
	return s.botMessageLocked(cs, m), nil
}

func (s *Server) sendFile(method string, req *request) (any, *apiError) {
	p := req.params
	field, kind := "photo", "Photo"
	if method == "sendDocument" {
		field, kind = "document", "Document"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, e := s.targetChatLocked(p, true)
	if e != nil {
		return nil, e
	}
	plain, ents, e := checkText(p["caption"], p["parse_mode"], true)
	if e != nil {
		return nil, e
	}
	kb, inline, e := parseMarkup(p["reply_markup"])
	if e != nil {
		return nil, e
	}
	replyTo, e := checkReplyLocked(cs, p)
	if e != nil {
		return nil, e
	}

	var sf storedFile
	var fileID string
	if up, ok := req.files[field]; ok {
		if len(up.Data) == 0 {
			return nil, badRequest("file must be non-empty")
		}
		s.nextFile++
		n := s.nextFile
		sf.file = up
		unique := fmt.Sprintf("AQADfake%d", n)
		if field == "photo" {
			w, h, err := imageSize(up.Data)
			if err != nil {
				return nil, badRequest("IMAGE_PROCESS_FAILED")
			}
			if w+h > 10000 || (w > 0 && h > 0 && (w > 20*h || h > 20*w)) {
				return nil, badRequest("PHOTO_INVALID_DIMENSIONS")
			}
			fileID = fmt.Sprintf("AgACfake%d", n)
			sf.photo = &tgbotapi.PhotoSize{FileID: fileID, FileUniqueID: unique, Width: w, Height: h, FileSize: len(up.Data)}
		} else {
			fileID = fmt.Sprintf("BQACfake%d", n)
			mt := mime.TypeByExtension(path.Ext(up.Name))
			if mt == "" {
				mt = "application/octet-stream"
			}
			sf.doc = &tgbotapi.Document{FileID: fileID, FileUniqueID: unique, FileName: up.Name, MimeType: mt, FileSize: len(up.Data)}
		}
		s.files[fileID] = sf
	} else if ref := p[field]; ref != "" {
		known, ok := s.files[ref]
		switch {
		case ok && field == "photo" && known.photo == nil:
			return nil, badRequest("can't use file of type Document as Photo")
		case ok && field == "document" && known.doc == nil:
			return nil, badRequest("can't use file of type Photo as Document")
		case ok:
			sf, fileID = known, ref
		case strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://"):
			// A URL: Telegram would download it; the fake takes it on trust.
			s.nextFile++
			fileID = fmt.Sprintf("%sfake%d", map[string]string{"photo": "AgAC", "document": "BQAC"}[field], s.nextFile)
			unique := fmt.Sprintf("AQADfake%d", s.nextFile)
			if field == "photo" {
				sf.photo = &tgbotapi.PhotoSize{FileID: fileID, FileUniqueID: unique}
			} else {
				sf.doc = &tgbotapi.Document{FileID: fileID, FileUniqueID: unique, FileName: path.Base(ref)}
			}
			s.files[fileID] = sf
		default:
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		}
	} else {
		return nil, badRequest("there is no %s in the request", strings.ToLower(kind))
	}

	cur := Sent{Method: method, Text: p["caption"], Plain: plain, Entities: ents, ParseMode: p["parse_mode"],
		Keyboard: kb, ReplyMarkup: p["reply_markup"], FileID: fileID, ReplyTo: replyTo, Params: p}
	if sf.file.Data != nil {
		f := sf.file
		cur.File = &f
	}
	m := s.newBotMessageLocked(cs, &message{cur: cur, inline: inline, photo: sf.photo, document: sf.doc})
	return s.botMessageLocked(cs, m), nil
}

// imageSize decodes the size of a PNG, JPEG or GIF image; WebP and BMP are
// accepted without their size.
func imageSize(data []byte) (w, h int, err error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err == nil {
		return cfg.Width, cfg.Height, nil
	}
	if len(data) > 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" || len(data) > 2 && string(data[:2]) == "BM" {
		return 0, 0, nil
	}
	return 0, 0, err
}

var chatActions = []string{"typing", "upload_photo", "record_video", "upload_video", "record_voice",
	"upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}

func (s *Server) sendChatAction(req *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, e := s.targetChatLocked(req.params, true); e != nil {
		return nil, e
	}
	if !slices.Contains(chatActions, req.params["action"]) {
		return nil, badRequest("wrong parameter action in request")
	}
	return true, nil
}

func (s *Server) editMessage(method string, req *request) (any, *apiError) {
	p := req.params
	if p["inline_message_id"] != "" {
		return nil, badRequest("MESSAGE_ID_INVALID") // inline mode is not faked
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, e := s.targetChatLocked(p, true)
	if e != nil {
		return nil, e
	}
	if p["message_id"] == "" {
		return nil, badRequest("message identifier is not specified")
	}
	id, _ := strconv.Atoi(p["message_id"])
	m := cs.msgs[id]
	if m == nil || m.cur.Deleted {
		return nil, badRequest("message to edit not found")
	}
	if !m.fromBot {
		return nil, badRequest("message can't be edited")
	}
	kb, inline, e := parseMarkup(p["reply_markup"])
	if e != nil {
		return nil, e
	}
	next := m.cur.clone()
	switch method {
	case "editMessageText":
		if m.cur.Method != "sendMessage" {
			return nil, badRequest("there is no text in the message to edit")
		}
		plain, ents, e := checkText(p["text"], p["parse_mode"], false)
		if e != nil {
			return nil, e
		}
		next.Text, next.Plain, next.Entities, next.ParseMode = p["text"], plain, ents, p["parse_mode"]
	case "editMessageCaption":
		if m.cur.Method == "sendMessage" {
			return nil, badRequest("there is no caption in the message to edit")
		}
		plain, ents, e := checkText(p["caption"], p["parse_mode"], true)
		if e != nil {
			return nil, e
		}
		next.Text, next.Plain, next.Entities, next.ParseMode = p["caption"], plain, ents, p["parse_mode"]
	}
	// As in Telegram, an edit without reply_markup removes the inline keyboard.
	next.Keyboard, next.ReplyMarkup = kb, p["reply_markup"]
	if next.Plain == m.cur.Plain && sameEntities(next.Entities, m.cur.Entities) && reflect.DeepEqual(next.Keyboard, m.cur.Keyboard) {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	next.Edits++
	m.cur, m.inline, m.editDate = next, inline, time.Now()
	s.notifyLocked()
	return s.botMessageLocked(cs, m), nil
}

func sameEntities(a, b []tgbotapi.MessageEntity) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func (s *Server) deleteMessage(req *request) (any, *apiError) {
	p := req.params
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, e := s.targetChatLocked(p, false)
	if e != nil {
		return nil, e
	}
	id, _ := strconv.Atoi(p["message_id"])
	m := cs.msgs[id]
	if m == nil || m.cur.Deleted {
		return nil, badRequest("message to delete not found")
	}
	if m.fromBot {
		m.cur.Deleted = true
	} else {
		delete(cs.msgs, id)
	}
	s.notifyLocked()
	return true, nil
}

func (s *Server) answerCallbackQuery(req *request) (any, *apiError) {
	p := req.params
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queries[p["callback_query_id"]]
	if q == nil || q.answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	if utf8.RuneCountInString(p["text"]) > 200 {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	alert, _ := strconv.ParseBool(p["show_alert"])
	q.answered = true
	s.answers = append(s.answers, CallbackAnswer{
		QueryID: p["callback_query_id"], UpdateID: q.updateID, Text: p["text"], ShowAlert: alert, URL: p["url"], At: time.Now(),
	})
	s.notifyLocked()
	return true, nil
}

func commandKey(scope tgbotapi.BotCommandScope, lang string) string {
	if scope.Type == "" {
		scope.Type = "default"
	}
	return fmt.Sprintf("%s/%d/%d/%s", scope.Type, scope.ChatID, scope.UserID, lang)
}

func (s *Server) myCommands(method string, req *request) (any, *apiError) {
	p := req.params
	var scope tgbotapi.BotCommandScope
	if raw := p["scope"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &scope); err != nil {
			return nil, badRequest("can't parse BotCommandScope JSON object")
		}
	}
	key := commandKey(scope, p["language_code"])
	s.mu.Lock()
	defer s.mu.Unlock()
	switch method {
	case "getMyCommands":
		cmds := s.commands[key]
		if cmds == nil {
			cmds = []tgbotapi.BotCommand{}
		}
		return cmds, nil
	case "deleteMyCommands":
		delete(s.commands, key)
		s.notifyLocked()
		return true, nil
	}
	var cmds []tgbotapi.BotCommand
	if err := json.Unmarshal([]byte(p["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON array")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands")
	}
	for _, c := range cmds {
		if !validCommand(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(c.Description)); n == 0 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	s.notifyLocked()
	return true, nil
}

// validCommand: 1-32 characters, lower-case English letters, digits and
// underscores.
func validCommand(c string) bool {
	if c == "" || len(c) > 32 {
		return false
	}
	for i := 0; i < len(c); i++ {
		if ch := c[i]; !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_') {
			return false
		}
	}
	return true
}

func (s *Server) webhookMethod(method string, req *request) (any, *apiError) {
	p := req.params
	s.mu.Lock()
	defer s.mu.Unlock()
	switch method {
	case "getWebhookInfo":
		info := map[string]any{"url": "", "has_custom_certificate": false, "pending_update_count": len(s.queue)}
		if s.webhook.set {
			info["url"] = s.webhook.url
		}
		return info, nil
	case "deleteWebhook":
		was := s.webhook.set
		s.webhook.url, s.webhook.secret, s.webhook.set = "", "", false
		if p["drop_pending_updates"] == "true" {
			s.queue = nil
		}
		s.notifyLocked()
		if was {
			return described{true, "Webhook was deleted"}, nil
		}
		return described{true, "Webhook is already deleted"}, nil
	}
	hook := p["url"]
	if hook == "" {
		was := s.webhook.set
		s.webhook.url, s.webhook.secret, s.webhook.set = "", "", false
		s.notifyLocked()
		if was {
			return described{true, "Webhook was deleted"}, nil
		}
		return described{true, "Webhook is already deleted"}, nil
	}
	u, err := url.Parse(hook)
	if err != nil || u.Host == "" {
		return nil, badRequest("bad webhook: Failed to resolve host: Name or service not known")
	}
	if u.Scheme != "https" {
		return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	if port := u.Port(); port != "" && !slices.Contains([]string{"443", "80", "88", "8443"}, port) {
		return nil, badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
	}
	secret, hasSecret := p["secret_token"]
	if hasSecret && !validSecret(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	s.webhook.url, s.webhook.secret, s.webhook.set = hook, secret, true
	if p["drop_pending_updates"] == "true" {
		s.queue = nil
	}
	s.terminateWaitingLocked("Conflict: terminated by setWebhook request")
	s.notifyLocked()
	return described{true, "Webhook was set"}, nil
}

// validSecret: 1-256 characters A-Z, a-z, 0-9, _ and -.
func validSecret(s string) bool {
	if s == "" || len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(isAlnum(c) || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
