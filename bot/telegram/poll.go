package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/places"
)

// poll receives updates by long polling until ctx ends. Each batch is
// stored in the inbox before the next call confirms it (the offset), so an
// update is never confirmed before it is safe. Unlike tgbotapi's
// GetUpdatesChan, it stops at once, honours retry_after and backs off on
// errors.
func (a *Adapter) poll(ctx context.Context) error {
	defer a.stopPoll()
	go func() { <-ctx.Done(); a.stopPoll() }() // end a long poll in progress
	if _, err := a.api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		a.log.Warn("could not remove a webhook before polling", "err", mapError(err))
	}
	offset, backoff := 0, time.Second
	a.ready.Store(true)
	for ctx.Err() == nil {
		updates, err := a.pollAPI.GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Limit: 100, Timeout: pollTimeout, AllowedUpdates: allowedUpdates})
		if ctx.Err() != nil {
			break
		}
		if err != nil {
			wait := backoff
			var ra *bot.RetryAfterError
			if errors.As(mapError(err), &ra) {
				wait = ra.After
			} else {
				backoff = min(2*backoff, 30*time.Second)
			}
			a.log.Warn("getUpdates failed: retrying", "wait", wait, "err", redact(err, a.opts.Token))
			delivery.Sleep(ctx, wait)
			continue
		}
		backoff = time.Second
		if len(updates) == 0 {
			continue
		}
		if err := a.store(ctx, updates); err != nil {
			a.log.Error("store updates (they will be fetched again)", "err", err)
			delivery.Sleep(ctx, time.Second)
			continue
		}
		offset = updates[len(updates)-1].UpdateID + 1
	}
	a.ready.Store(false)
	if offset > 0 {
		a.confirm(offset)
	}
	return nil
}

// confirm tells Telegram that everything before offset is stored. Any
// update this last call brings is stored too, for the next start.
func (a *Adapter) confirm(offset int) {
	updates, err := a.api.GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Limit: 100, Timeout: 0, AllowedUpdates: allowedUpdates})
	if err != nil {
		a.log.Warn("could not confirm the last updates; they will be skipped as duplicates after restart", "err", redact(err, a.opts.Token))
		return
	}
	if len(updates) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.store(ctx, updates); err != nil {
		a.log.Error("store last updates", "err", err)
		return
	}
	a.api.GetUpdates(tgbotapi.UpdateConfig{Offset: updates[len(updates)-1].UpdateID + 1, Limit: 1, Timeout: 0, AllowedUpdates: allowedUpdates})
}

// store puts updates into the inbox (duplicates are ignored) and wakes the
// intake.
func (a *Adapter) store(ctx context.Context, updates []tgbotapi.Update) error {
	us := make([]delivery.Update, 0, len(updates))
	for _, u := range updates {
		forgetLocation(u)
		raw, err := json.Marshal(u)
		if err != nil {
			return fmt.Errorf("encode update: %w", err)
		}
		us = append(us, delivery.Update{ID: int64(u.UpdateID), ChatKey: chatKey(u), Payload: raw})
	}
	return a.pipe.Accept(context.WithoutCancel(ctx), us)
}

// forgetLocation turns a location shared in a private chat into the
// command it means, "/timezone <zone>", before the update is stored: the
// coordinates are never written anywhere, only the zone they give. A
// location anywhere else is dropped.
func forgetLocation(u tgbotapi.Update) {
	m := u.Message
	if m == nil || m.Location == nil {
		return
	}
	zone := ""
	if m.Chat != nil && m.Chat.Type == "private" {
		zone = places.Nearest(m.Location.Latitude, m.Location.Longitude)
	}
	m.Location, m.Venue = nil, nil
	if zone != "" {
		m.Text = "/timezone " + zone
		m.Entities = []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: len("/timezone")}}
	}
}
