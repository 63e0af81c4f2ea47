package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot"
)

// process hands stored updates to the core: one chat's updates in order,
// different chats at once (at most maxConcurrent in the core itself). When ctx ends it finishes
// the updates being handled and returns; queued ones stay in the inbox.
func (a *Adapter) process(ctx context.Context) {
	var (
		mu       sync.Mutex
		queues   = map[string]chan bot.InboxItem{}
		inFlight = map[int64]bool{}
		wg       sync.WaitGroup
	)
	lastPrune := time.Time{}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			mu.Lock()
			for _, q := range queues {
				close(q)
			}
			queues = map[string]chan bot.InboxItem{}
			mu.Unlock()
			wg.Wait()
			return
		case <-a.wake:
		case <-tick.C:
		}
		if time.Since(lastPrune) > time.Hour {
			if err := a.opts.Inbox.PruneInbox(ctx, bot.PlatformTelegram, time.Now().Add(-inboxKeep)); err != nil {
				a.log.Error("prune inbox", "err", err)
			}
			lastPrune = time.Now()
		}
		items, err := a.opts.Inbox.PendingInbox(ctx, bot.PlatformTelegram, 200)
		if err != nil {
			if ctx.Err() == nil {
				a.log.Error("read inbox", "err", err)
			}
			continue
		}
		for _, it := range items {
			mu.Lock()
			if inFlight[it.ID] {
				mu.Unlock()
				continue
			}
			inFlight[it.ID] = true
			q, ok := queues[it.ChatKey]
			if !ok {
				q = make(chan bot.InboxItem, 64)
				queues[it.ChatKey] = q
				wg.Add(1)
				go func(key string, q chan bot.InboxItem) {
					defer wg.Done()
					for it := range q {
						if ctx.Err() == nil {
							a.handle(ctx, it)
						}
						mu.Lock()
						delete(inFlight, it.ID)
						if len(q) == 0 && queues[key] == q { // idle: let the goroutine go
							delete(queues, key)
							close(q)
						}
						mu.Unlock()
					}
				}(it.ChatKey, q)
			}
			select {
			case q <- it:
				mu.Unlock()
			default: // this chat is far behind: try again later
				delete(inFlight, it.ID)
				mu.Unlock()
			}
		}
	}
}

// handle runs one update through the core and sends the replies.
func (a *Adapter) handle(ctx context.Context, it bot.InboxItem) {
	// Wait for the chat's turn to be answered before starting: an update
	// started and then killed mid-way is logged and dropped, so the time
	// between start and finish should be the work, not the queue. If
	// shutdown comes first, the update stays pending for the next run.
	if err := a.pacer.Turn(ctx, it.ChatKey); err != nil {
		return
	}
	started, err := a.opts.Inbox.StartInbox(ctx, bot.PlatformTelegram, it.ID)
	if err != nil || !started {
		if err != nil && ctx.Err() == nil {
			a.log.Error("start update", "request", requestID(it.ID), "err", err)
		}
		return
	}
	// From here the update is finished even if shutdown begins.
	ctx = context.WithoutCancel(ctx)
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("panic handling an update", "request", requestID(it.ID), "panic", p)
		}
		if err := a.opts.Inbox.FinishInbox(ctx, bot.PlatformTelegram, it.ID); err != nil {
			a.log.Error("finish update", "request", requestID(it.ID), "err", err)
		}
	}()
	var u tgbotapi.Update
	if err := json.Unmarshal(it.Payload, &u); err != nil {
		a.log.Error("unreadable stored update", "request", requestID(it.ID), "err", err)
		return
	}
	in := convert(u, a.username)
	if in.blocked != "" {
		a.blocked(ctx, in.blocked)
		return
	}
	if in.callbackID != "" {
		a.answerCallback(in)
		if in.req != nil && in.req.Payload == chosenData {
			return
		}
	}
	if in.req == nil {
		return
	}
	in.req.ID = requestID(it.ID)
	chatID, _ := strconv.ParseInt(in.req.ChatID, 10, 64)
	if in.nonText {
		a.reply(ctx, in, chatID, []bot.Response{{Text: "I can only read text messages. Type your question, or send /help."}})
		return
	}
	// The slots bound the core's work (database, CPU), not the waiting for a
	// chat's turn to send: one chat waiting for its pacing window must not
	// hold up the others.
	a.slots <- struct{}{}
	out := a.opts.Core.Handle(ctx, in.req)
	<-a.slots
	a.reply(ctx, in, chatID, out)
	if in.callbackID != "" {
		a.markChosen(ctx, in, chatID)
	}
}

// requestID names an update in logs: the platform and Telegram's update id.
func requestID(updateID int64) string { return "tg-" + strconv.FormatInt(updateID, 10) }

// reply sends the core's replies, each to its own chat when it names one
// (the core sends personal replies asked for in a group to the user's
// private chat).
func (a *Adapter) reply(ctx context.Context, in incoming, chatID int64, out []bot.Response) {
	for _, r := range out {
		target := chatID
		if r.To != "" {
			to, err := strconv.ParseInt(r.To, 10, 64)
			if err != nil {
				a.log.Error("reply to an unknown chat", "request", in.req.ID, "user", bot.LogID(in.req.UserID))
				continue
			}
			target = to
		}
		a.send(ctx, in, target, r)
	}
}

// send delivers one reply and handles the outcome.
func (a *Adapter) send(ctx context.Context, in incoming, chatID int64, r bot.Response) {
	err := a.deliver(ctx, chatID, r, true)
	switch {
	case err == nil:
	case errors.Is(err, bot.ErrBlocked):
		if in.req != nil && in.req.Private {
			a.blocked(ctx, in.req.UserID)
		}
	default:
		a.log.Error("reply failed", "request", in.req.ID, "user", bot.LogID(in.req.UserID), "err", err)
	}
}

// blocked turns a user's reminders off after they blocked the bot.
func (a *Adapter) blocked(ctx context.Context, userID string) {
	if a.opts.OnBlocked == nil {
		return
	}
	if err := a.opts.OnBlocked(ctx, userID); err != nil {
		a.log.Error("turn off reminders of a blocked user", "user", bot.LogID(userID), "err", err)
		return
	}
	a.log.Info("user blocked the bot: reminders are off", "user", bot.LogID(userID))
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

// markChosen replaces the pressed message's buttons with one showing the
// choice, so the old buttons cannot be pressed twice.
func (a *Adapter) markChosen(ctx context.Context, in incoming, chatID int64) {
	if in.pressed == nil || in.pressed.ReplyMarkup == nil {
		return
	}
	label := ""
	for _, row := range in.pressed.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData != nil && *b.CallbackData == in.req.Payload {
				label = b.Text
			}
		}
	}
	if label == "" {
		return
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("✓ "+label, chosenData)))
	if _, err := a.call(ctx, chatID, tgbotapi.NewEditMessageReplyMarkup(chatID, in.messageID, kb), true); err != nil {
		a.log.Debug("mark chosen button", "err", err)
	}
}
