package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot"
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
			sleepCtx(ctx, wait)
			continue
		}
		backoff = time.Second
		if len(updates) == 0 {
			continue
		}
		if err := a.store(ctx, updates); err != nil {
			a.log.Error("store updates (they will be fetched again)", "err", err)
			sleepCtx(ctx, time.Second)
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

// syncer is an inbox whose commits are durable against a crash of the
// process and become durable against a power cut when Sync returns.
type syncer interface{ Sync() error }

// store puts updates into the inbox (duplicates are ignored) and wakes the
// processor.
func (a *Adapter) store(ctx context.Context, updates []tgbotapi.Update) error {
	items := make([]bot.InboxItem, 0, len(updates))
	for _, u := range updates {
		raw, err := json.Marshal(u)
		if err != nil {
			return err
		}
		items = append(items, bot.InboxItem{ID: int64(u.UpdateID), ChatKey: chatKey(u), Payload: raw})
	}
	fresh, err := a.opts.Inbox.AcceptInbox(context.WithoutCancel(ctx), bot.PlatformTelegram, items)
	if err != nil {
		return err
	}
	// Telegram hears that these arrived right after this returns: make
	// them survive a power cut first, once per batch (see sqlite.Store.Sync).
	if s, ok := a.opts.Inbox.(syncer); ok {
		if err := s.Sync(); err != nil {
			return err
		}
	}
	if fresh < len(items) {
		a.log.Info("ignored updates seen before", "count", len(items)-fresh)
	}
	a.signal()
	return nil
}
