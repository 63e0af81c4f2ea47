package telegram

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot"
)

// incoming is what one Telegram update asks of the adapter.
type incoming struct {
	req *bot.Request // nil when there is nothing for the core to handle
	// For button presses: the callback to answer and the pressed message.
	callbackID string
	messageID  int
	pressed    *tgbotapi.Message
	// blocked is the user ID of someone who blocked the bot.
	blocked string
	// nonText is a private message with no text (a sticker, a photo...).
	nonText bool
}

// userID is a Telegram user's stable identity in the core.
func userID(id int64) string { return "tg:" + strconv.FormatInt(id, 10) }

// chatKey is what orders updates: those of one chat go one at a time.
func chatKey(u tgbotapi.Update) string {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return strconv.FormatInt(u.Message.Chat.ID, 10)
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return strconv.FormatInt(u.CallbackQuery.Message.Chat.ID, 10)
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return strconv.FormatInt(u.CallbackQuery.From.ID, 10)
	case u.MyChatMember != nil:
		return strconv.FormatInt(u.MyChatMember.Chat.ID, 10)
	}
	return "0"
}

// convert turns an update into what the core needs. In groups the bot
// reacts to commands (bare, or addressed to it by name: /ask@CalmNightsBot),
// to messages that mention it or reply to it, and to presses of its own
// buttons; other chatter reaches only the safety screen. It never fails: an update it does
// not understand gives an empty result.
func convert(u tgbotapi.Update, username string) incoming {
	switch {
	case u.CallbackQuery != nil:
		return convertCallback(u.CallbackQuery, username)
	case u.Message != nil:
		return convertMessage(u.Message, username)
	case u.MyChatMember != nil:
		m := u.MyChatMember
		if m.Chat.Type == "private" && m.NewChatMember.Status == "kicked" {
			return incoming{blocked: userID(m.From.ID)}
		}
	}
	return incoming{}
}

func convertCallback(cb *tgbotapi.CallbackQuery, username string) incoming {
	in := incoming{callbackID: cb.ID}
	if cb.From == nil || cb.Message == nil || cb.Message.Chat == nil || cb.Data == "" {
		return in
	}
	in.messageID, in.pressed = cb.Message.MessageID, cb.Message
	in.req = &bot.Request{
		Platform: bot.PlatformTelegram,
		UserID:   userID(cb.From.ID),
		ChatID:   strconv.FormatInt(cb.Message.Chat.ID, 10),
		Private:  cb.Message.Chat.Type == "private",
		Payload:  cb.Data,
		BotName:  username,
		Locale:   cb.From.LanguageCode,
	}
	return in
}

func convertMessage(m *tgbotapi.Message, username string) incoming {
	if m.From == nil || m.Chat == nil || m.From.IsBot {
		return incoming{}
	}
	private := m.Chat.Type == "private"
	req := &bot.Request{
		Platform: bot.PlatformTelegram,
		UserID:   userID(m.From.ID),
		ChatID:   strconv.FormatInt(m.Chat.ID, 10),
		Private:  private,
		BotName:  username,
		Locale:   m.From.LanguageCode,
	}
	if m.Text == "" {
		if private {
			return incoming{nonText: true, req: req}
		}
		return incoming{}
	}
	cmd, mention, args := parseCommand(m.Text)
	switch {
	case cmd != "" && mention != "" && !strings.EqualFold(mention, username):
		return incoming{} // a command for another bot
	case cmd != "":
		// In a group a bare /tips is for us too: Telegram passes general
		// commands on to a bot in privacy mode only when they may be.
		req.Command, req.Args = cmd, args
	case private:
		req.Text = m.Text
	default:
		text, addressed := addressedText(m, username)
		// Chatter not addressed to the bot is read by the safety screen
		// alone: a crisis or an emergency is answered wherever it is said.
		req.Text, req.Unaddressed = text, !addressed
	}
	return incoming{req: req}
}

// addressedText reports whether a group message is for the bot: it
// mentions @username, or it replies to one of the bot's messages. The
// mention is taken out of the text.
func addressedText(m *tgbotapi.Message, username string) (string, bool) {
	if username != "" {
		at := "@" + strings.ToLower(username)
		if i := strings.Index(strings.ToLower(m.Text), at); i >= 0 {
			after := strings.TrimLeft(m.Text[i+len(at):], ",:")
			return strings.Join(strings.Fields(m.Text[:i]+" "+after), " "), true
		}
	}
	r := m.ReplyToMessage
	if r != nil && r.From != nil && r.From.IsBot && strings.EqualFold(r.From.UserName, username) {
		return m.Text, true
	}
	return m.Text, false
}

// parseCommand splits "/Ask@CalmNightsBot why?" into ("ask",
// "CalmNightsBot", "why?"); text that is not a command gives empty parts.
func parseCommand(text string) (cmd, mention, args string) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "/") {
		return "", "", ""
	}
	head, rest, _ := strings.Cut(t[1:], " ")
	if i := strings.IndexAny(head, "\n\t"); i >= 0 {
		head, rest = head[:i], head[i+1:]+" "+rest
	}
	name, mention, _ := strings.Cut(head, "@")
	c, a := bot.ParseInput("/" + name + " " + rest)
	return c, mention, a
}
