package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
)

var _ delivery.Door = (*Adapter)(nil)

// nonTextReply answers a private message the bot cannot read.
const nonTextReply = "I can only read text messages. Type your question, or send /help."

// meta is the adapter's addressing of an outbox message: an edit of a
// pressed keyboard rather than a new message.
type meta struct {
	// Chosen is the id of the message whose keyboard becomes one button
	// showing the choice, Label.
	Chosen int    `json:"c,omitempty"`
	Label  string `json:"l,omitempty"`
}

// Open turns a stored update into a request. A button press is answered
// at once (the button stops spinning) and, in a private chat, its keyboard
// is replaced by the choice, so it cannot be pressed twice.
func (a *Adapter) Open(ctx context.Context, u delivery.Update) (delivery.In, error) {
	var up tgbotapi.Update
	if err := json.Unmarshal(u.Payload, &up); err != nil {
		return delivery.In{}, fmt.Errorf("telegram: stored update: %w", err)
	}
	in := convert(up, a.username)
	if in.blocked != "" {
		return delivery.In{Blocked: in.blocked}, nil
	}
	if in.callbackID != "" {
		a.answerCallback(in)
		if in.req != nil && in.req.Payload == chosenData {
			return delivery.In{}, nil
		}
	}
	if in.req == nil {
		return delivery.In{}, nil
	}
	out := delivery.In{Req: in.req}
	if in.nonText {
		out.Replies = []bot.Response{{Text: nonTextReply}}
	}
	// In a group anyone can press a button under the bot's message: the
	// press is answered, but the message, which someone else asked for,
	// is left as it is.
	if label := pressedLabel(in); label != "" && in.req.Private {
		m, _ := json.Marshal(meta{Chosen: in.messageID, Label: label})
		out.Before = []delivery.Message{{ChatID: in.req.ChatID, Reply: &bot.Response{}, Meta: m}}
	}
	return out, nil
}

// pressedLabel is the label of the pressed button, "" when it cannot be
// found on the message.
func pressedLabel(in incoming) string {
	if in.callbackID == "" || in.req == nil || in.pressed == nil || in.pressed.ReplyMarkup == nil {
		return ""
	}
	for _, row := range in.pressed.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData != nil && *b.CallbackData == in.req.Payload {
				return b.Text
			}
		}
	}
	return ""
}

var _ delivery.Splitter = (*Adapter)(nil)

// Split cuts an outbox message into its Bot API requests: a long text is
// several messages, an image or a file one more each. Marking a pressed
// button as chosen is one request.
func (a *Adapter) Split(m delivery.Message) ([]delivery.Message, error) {
	var md meta
	if len(m.Meta) > 0 {
		if err := json.Unmarshal(m.Meta, &md); err != nil {
			return nil, fmt.Errorf("telegram: message addressing: %w", err)
		}
	}
	n := 1
	if md.Chosen == 0 {
		if m.Reply == nil {
			return nil, nil
		}
		n = len(requests(0, *m.Reply))
	}
	pieces := make([]delivery.Message, n)
	for k := range pieces {
		pieces[k] = m
		pieces[k].Piece = k
	}
	return pieces, nil
}

// Deliver makes the one request of a piece of an outbox message (Split):
// part of a reply, or the edit that marks a pressed button as chosen.
func (a *Adapter) Deliver(ctx context.Context, m delivery.Message) error {
	chatID, err := strconv.ParseInt(m.ChatID, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram chat %q: %w", m.ChatID, bot.ErrBlocked)
	}
	if len(m.Meta) > 0 {
		var md meta
		if err := json.Unmarshal(m.Meta, &md); err != nil {
			return fmt.Errorf("telegram: message addressing: %w", err)
		}
		if md.Chosen != 0 {
			kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("✓ "+md.Label, chosenData)))
			if err := a.call(tgbotapi.NewEditMessageReplyMarkup(chatID, md.Chosen, kb)); err != nil {
				a.log.Debug("mark chosen button", "err", err)
			}
			return nil // the edit is a nicety: never retried
		}
	}
	if m.Reply == nil {
		return nil
	}
	msgs := requests(chatID, *m.Reply)
	if m.Piece < 0 || m.Piece >= len(msgs) {
		return nil
	}
	return a.call(msgs[m.Piece])
}

// answerCallback answers a button press at once, so the button stops
// spinning; a press of an already chosen button says so.
func (a *Adapter) answerCallback(in incoming) {
	text := ""
	if in.req != nil && in.req.Payload == chosenData {
		text = "You already chose this one."
	}
	if _, err := a.api.Request(tgbotapi.NewCallback(in.callbackID, text)); err != nil {
		a.log.Debug("answer callback", "err", mapError(err))
	}
}
