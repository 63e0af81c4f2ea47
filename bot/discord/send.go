package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot"
)

// Discord error codes we act on.
const (
	codeCannotDM       = 50007 // cannot send messages to this user
	codeUnknownChannel = 10003
)

// mapError turns a Discord error into the core's kinds: a rate limit with
// its retry-after, a user who cannot be messaged, a server or network
// error worth retrying, or anything else as it is.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return &bot.RetryAfterError{After: max(rl.RetryAfter, time.Second)}
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) {
		switch {
		case re.Message != nil && (re.Message.Code == codeCannotDM || re.Message.Code == codeUnknownChannel):
			return fmt.Errorf("%s: %w", re.Message.Message, bot.ErrBlocked)
		case re.Response != nil && re.Response.StatusCode >= 500:
			return &bot.TemporaryError{Err: err}
		}
		return err
	}
	return &bot.TemporaryError{Err: err} // network, or discordgo's "Exceeded Max retries" on 502s
}

// dmChannel returns the user's DM channel, opening it once and caching it.
func (a *Adapter) dmChannel(user string) (string, error) {
	a.mu.Lock()
	id, ok := a.dms[user]
	a.mu.Unlock()
	if ok {
		return id, nil
	}
	ch, err := a.s.UserChannelCreate(user, discordgo.WithRetryOnRatelimit(false))
	if err != nil {
		return "", mapError(err)
	}
	a.mu.Lock()
	a.dms[user] = ch.ID
	a.mu.Unlock()
	return ch.ID, nil
}

// Send delivers a message that is not a reply, such as a reminder, to a
// channel or to "dm:<user>", with a single attempt: rate limits and
// failures go back to the caller (the reminder dispatcher). It implements
// bot.Sender.
func (a *Adapter) Send(ctx context.Context, chatID string, r bot.Response) error {
	return a.sendTo(ctx, chatID, r, false)
}

// sendTo sends a response to a channel, paced; with retry, discordgo's
// own limiter waits out rate limits.
func (a *Adapter) sendTo(ctx context.Context, chatID string, r bot.Response, retry bool) error {
	channel := chatID
	if user, ok := strings.CutPrefix(chatID, "dm:"); ok {
		var err error
		if channel, err = a.dmChannel(user); err != nil {
			return err
		}
	}
	parts := renderMD(r.Text, maxContent)
	if len(parts) == 0 {
		parts = []string{""}
	}
	for k, part := range parts {
		msg := &discordgo.MessageSend{Content: part, AllowedMentions: noMentions()}
		if k == len(parts)-1 {
			msg.Files, msg.Components = attachments(r), components(r.Buttons)
		}
		if msg.Content == "" && len(msg.Files) == 0 {
			msg.Content = emptyText
		}
		if err := a.pacer.Wait(ctx, channel); err != nil {
			return err
		}
		_, err := a.s.ChannelMessageSendComplex(channel, msg, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(retry))
		mapped := mapError(err)
		a.opts.Metrics.Sent(bot.PlatformDiscord, mapped)
		if mapped != nil {
			var ra *bot.RetryAfterError
			if errors.As(mapped, &ra) {
				a.pacer.Pause(channel, ra.After)
			}
			if errors.Is(mapped, bot.ErrBlocked) {
				a.mu.Lock()
				for u, c := range a.dms {
					if c == channel {
						delete(a.dms, u)
					}
				}
				a.mu.Unlock()
			}
			return mapped
		}
	}
	return nil
}
