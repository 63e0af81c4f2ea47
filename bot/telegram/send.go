package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/pace"
)

// Retries of the later parts of a message (the pipeline's sender retries
// whole messages).
const (
	maxSendAttempts = 4
	maxRetryWait    = 60 * time.Second
	sendBackoff     = time.Second
)

// chosenData is the callback data of the button that replaces a pressed
// keyboard: it shows the choice and does nothing when pressed again.
const chosenData = "x"

// mapError turns a Telegram error into the core's kinds of send errors:
// a retry-after (checked by RetryAfter, not the code: on uploads tgbotapi
// reports code 0), a blocked or unknown chat, a server or network error
// worth retrying, or anything else as it is. Whatever it returns is free
// of anything shaped like a bot token: its text may be logged or stored.
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
	case tg.Code >= 500:
		return &bot.TemporaryError{Err: tg}
	}
	return fmt.Errorf("telegram: %s (code %d)", RedactToken(tg.Message, ""), tg.Code)
}

// call sends one request after waiting for its turn. With retry it waits
// out retry-afters and retries server and network errors, a bounded number
// of times; without, it returns the first error for the caller to handle.
func (a *Adapter) call(ctx context.Context, chatID int64, c tgbotapi.Chattable, retry bool) (tgbotapi.Message, error) {
	chat := strconv.FormatInt(chatID, 10)
	var last error
	for attempt := 1; attempt <= maxSendAttempts; attempt++ {
		if err := a.pacer.Wait(ctx, chat); err != nil {
			return tgbotapi.Message{}, err
		}
		msg, err := a.api.Send(c)
		if err == nil || isNotModified(err) {
			a.opts.Metrics.Sent(bot.PlatformTelegram, nil)
			return msg, nil
		}
		last = mapError(err)
		a.opts.Metrics.Sent(bot.PlatformTelegram, last)
		var ra *bot.RetryAfterError
		if errors.As(last, &ra) { // every later send to this chat waits too
			a.pacer.Pause(chat, min(ra.After, maxRetryWait))
		}
		if !retry {
			return tgbotapi.Message{}, last
		}
		var temp *bot.TemporaryError
		switch {
		case ra != nil:
			a.log.Info("telegram rate limit: waiting", "retry_after", min(ra.After, maxRetryWait))
		case errors.As(last, &temp):
			if err := pace.Sleep(ctx, sendBackoff<<(attempt-1)); err != nil {
				return tgbotapi.Message{}, err
			}
		default:
			return tgbotapi.Message{}, last
		}
	}
	return tgbotapi.Message{}, fmt.Errorf("gave up after %d attempts: %w", maxSendAttempts, last)
}

// isNotModified reports Telegram's "message is not modified", which an
// edit that changes nothing gets: harmless.
func isNotModified(err error) bool {
	var tg *tgbotapi.Error
	return errors.As(err, &tg) && strings.Contains(tg.Message, "message is not modified")
}

// deliver sends one response to a chat: its text (split to fit), then its
// image and file, with the buttons under the last message. retry applies
// to the first part; later parts are always retried.
func (a *Adapter) deliver(ctx context.Context, chatID int64, r bot.Response, retry bool) error {
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
	for i, m := range msgs {
		// Once the first part is out, the rest are retried here: handing
		// the error back would send the first part again.
		if _, err := a.call(ctx, chatID, m, retry || i > 0); err != nil {
			return err
		}
	}
	return nil
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

// Send delivers a message that is not a reply, such as a reminder, with a
// single attempt: rate limits and failures go back to the caller (the
// reminder dispatcher), which paces and retries. It implements bot.Sender.
func (a *Adapter) Send(ctx context.Context, chatID string, r bot.Response) error {
	id, err := strconv.ParseInt(chatID, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram chat %q: %w", chatID, bot.ErrBlocked)
	}
	return a.deliver(ctx, id, r, false)
}
