package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
)

// chosenData is the callback data of the button that replaces a pressed
// keyboard: it shows the choice and does nothing when pressed again.
const chosenData = "x"

// mapError turns a Telegram error into the core's kinds of send errors:
// a retry-after (checked by RetryAfter, not the code: on uploads tgbotapi
// reports code 0), a blocked or unknown chat, a message too large, a
// server or network error worth retrying, or anything else as it is.
// Whatever it returns is free of anything shaped like a bot token: its
// text may be logged or stored.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var tg *tgbotapi.Error
	if !errors.As(err, &tg) {
		return &bot.TemporaryError{Err: redact(err, "")} // network, or a proxy's HTML error page
	}
	switch {
	case tg.RetryAfter > 0:
		return &bot.RetryAfterError{After: time.Duration(tg.RetryAfter) * time.Second}
	case tg.Code == http.StatusForbidden, strings.Contains(tg.Message, "chat not found"), strings.Contains(tg.Message, "user is deactivated"):
		return fmt.Errorf("%s: %w", RedactToken(tg.Message, ""), bot.ErrBlocked)
	case tg.Code == http.StatusRequestEntityTooLarge, strings.Contains(tg.Message, "too long"), strings.Contains(tg.Message, "too big"):
		return fmt.Errorf("%s: %w", RedactToken(tg.Message, ""), bot.ErrTooLarge)
	case tg.Code >= 500:
		return &bot.TemporaryError{Err: tg}
	}
	return fmt.Errorf("telegram: %s (code %d)", RedactToken(tg.Message, ""), tg.Code)
}

// call makes one Bot API request; "message is not modified" (an edit
// that changes nothing) counts as done. Its error is mapError's.
func (a *Adapter) call(c tgbotapi.Chattable) error {
	if _, err := a.api.Send(c); err != nil && !isNotModified(err) {
		return mapError(err)
	}
	return nil
}

// isNotModified reports Telegram's "message is not modified", which an
// edit that changes nothing gets: harmless.
func isNotModified(err error) bool {
	var tg *tgbotapi.Error
	return errors.As(err, &tg) && strings.Contains(tg.Message, "message is not modified")
}

// requests renders one response to a chat as the requests that carry it,
// in order: its text (split to fit), then its image and file, with the
// buttons under the last one.
func requests(chatID int64, r bot.Response) []tgbotapi.Chattable {
	var msgs []tgbotapi.Chattable
	if strings.TrimSpace(r.Text) != "" {
		for _, part := range renderHTML(r.Text, maxText) {
			m := tgbotapi.NewMessage(chatID, part)
			m.ParseMode, m.DisableWebPagePreview = tgbotapi.ModeHTML, true
			msgs = append(msgs, m)
		}
	}
	if at := r.Image; at != nil {
		p := tgbotapi.NewPhoto(chatID, tgbotapi.FileBytes{Name: at.Name, Bytes: at.Data})
		p.Caption, p.ParseMode = plainCaption(at.Caption), tgbotapi.ModeHTML
		msgs = append(msgs, p)
	}
	if at := r.File; at != nil {
		d := tgbotapi.NewDocument(chatID, tgbotapi.FileBytes{Name: at.Name, Bytes: at.Data})
		d.Caption, d.ParseMode = plainCaption(at.Caption), tgbotapi.ModeHTML
		msgs = append(msgs, d)
	}
	if len(msgs) == 0 {
		return nil
	}
	if kb := keyboard(r.Buttons); kb != nil {
		switch m := msgs[len(msgs)-1].(type) {
		case tgbotapi.MessageConfig:
			m.ReplyMarkup = kb
			msgs[len(msgs)-1] = m
		case tgbotapi.PhotoConfig:
			m.ReplyMarkup = kb
			msgs[len(msgs)-1] = m
		case tgbotapi.DocumentConfig:
			m.ReplyMarkup = kb
			msgs[len(msgs)-1] = m
		}
	}
	return msgs
}

// keyboard turns button rows into an inline keyboard, or into a one-time
// reply keyboard with a request_location button when the reply asks for
// the user's location (bot.ShareLocationPayload): a message has one markup.
func keyboard(rows [][]bot.Button) any {
	if len(rows) == 0 {
		return nil
	}
	for _, row := range rows {
		for _, b := range row {
			if b.Payload == bot.ShareLocationPayload {
				kb := tgbotapi.NewOneTimeReplyKeyboard(tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonLocation(b.Label)))
				kb.ResizeKeyboard = true
				return kb
			}
		}
	}
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Label, b.Payload))
		}
		kb = append(kb, r)
	}
	m := tgbotapi.NewInlineKeyboardMarkup(kb...)
	return &m
}

// Send delivers a response to a chat at once, outside the outbox and the
// pacer: one request per piece (a long text is several), none retried,
// errors typed as Deliver's. It implements bot.Sender for tests and
// one-off tools; everything the bot sends goes through the pipeline.
func (a *Adapter) Send(ctx context.Context, chatID string, r bot.Response) error {
	return delivery.SendNow(ctx, a, delivery.Message{Platform: bot.PlatformTelegram, ChatID: chatID, Kind: delivery.KindReply, Reply: &r})
}
