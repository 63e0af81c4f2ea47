package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
)

// Discord error codes we act on.
const (
	codeCannotDM       = 50007 // cannot send messages to this user
	codeUnknownChannel = 10003
	codeTooLarge       = 40005 // request entity too large
	// codeUnknownWebhook answers a follow-up to an interaction whose
	// acknowledgement Discord has not taken in yet (or whose token has
	// expired): worth a retry a moment later.
	codeUnknownWebhook = 10015
)

// mapError turns a Discord error into the core's kinds: a rate limit with
// its retry-after, a user who cannot be messaged, a message too large, a
// server or network error worth retrying, or anything else as it is.
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
		case re.Response != nil && re.Response.StatusCode == http.StatusRequestEntityTooLarge, re.Message != nil && re.Message.Code == codeTooLarge:
			return fmt.Errorf("discord: %w", bot.ErrTooLarge)
		case re.Response != nil && re.Response.StatusCode >= 500, re.Message != nil && re.Message.Code == codeUnknownWebhook:
			return &bot.TemporaryError{Err: err}
		}
		return err
	}
	return &bot.TemporaryError{Err: err} // network, or a 502 (discordgo's "Exceeded Max retries", with MaxRestRetries 0)
}

// dmKnown returns the user's DM channel if it is open already.
func (a *Adapter) dmKnown(user string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	id, ok := a.dms[user]
	return id, ok
}

// openDM opens the user's DM channel (one request) and remembers it.
func (a *Adapter) openDM(ctx context.Context, user string) error {
	if _, ok := a.dmKnown(user); ok {
		return nil
	}
	ch, err := a.s.UserChannelCreate(user, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	if err != nil {
		return mapError(err)
	}
	a.mu.Lock()
	a.dms[user] = ch.ID
	a.mu.Unlock()
	return nil
}

// Send delivers a response to a channel or to "dm:<user>" at once, outside
// the outbox and the pacer: one request per piece (opening the DM, each
// part of a long text), none retried, errors typed as Deliver's. It
// implements bot.Sender for tests and one-off tools; everything the bot
// sends goes through the pipeline.
func (a *Adapter) Send(ctx context.Context, chatID string, r bot.Response) error {
	return delivery.SendNow(ctx, a, delivery.Message{Platform: bot.PlatformDiscord, ChatID: chatID, Kind: delivery.KindReply, Reply: &r})
}

// sendTo sends part k of a response to a channel or to "dm:<user>", whose
// channel Split had opened.
func (a *Adapter) sendTo(ctx context.Context, chatID string, r bot.Response, k int) error {
	channel := chatID
	if user, ok := strings.CutPrefix(chatID, "dm:"); ok {
		if channel, ok = a.dmKnown(user); !ok {
			// forgotten since Split (the chat refused a message): the
			// message is tried again, and Split opens it first
			return &bot.TemporaryError{Err: errors.New("discord: DM channel not open")}
		}
	}
	ps := parts(r)
	if k < 0 || k >= len(ps) {
		return nil
	}
	msg := &discordgo.MessageSend{Content: ps[k], AllowedMentions: noMentions()}
	if k == len(ps)-1 {
		msg.Files, msg.Components = attachments(r), components(r.Buttons)
	}
	if msg.Content == "" && len(msg.Files) == 0 {
		msg.Content = emptyText
	}
	_, err := a.s.ChannelMessageSendComplex(channel, msg, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	mapped := mapError(err)
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
