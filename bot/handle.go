package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Messages for things that go wrong outside the user's control.
const (
	msgSorry   = "Sorry, something went wrong on my side and I couldn't do that. Please try again in a moment."
	msgStale   = "That button doesn't work any more. Send /help to see what I can do."
	msgTooLong = "That message is too long for me. Please keep it under 4,000 characters."
	msgNoUser  = "Sorry, I couldn't tell who sent that message, so I can't answer it."
)

// Handle runs one request through the core and returns the replies. It
// never fails and never panics: internal errors are logged (without user
// text or identity) and answered with a short apology.
func (b *Bot) Handle(ctx context.Context, req *Request) []Response {
	out, _ := b.Serve(ctx, req)
	return out
}

// Serve is Handle for a caller that runs the request in a transaction:
// failed reports that the replies are the apology for an internal error,
// so the changes the handler made should be rolled back.
func (b *Bot) Serve(ctx context.Context, req *Request) (out []Response, failed bool) {
	start := time.Now()
	route := b.router.routeName(req)
	if req.ID == "" {
		req.ID = newRequestID()
	}
	log := b.log.With("request", req.ID, "platform", req.Platform, "user", LogID(req.UserID))
	b.metrics.Received(req.Platform, req.UserID)
	defer func() {
		if p := recover(); p != nil {
			log.Error("handler panic", "route", route, "panic", fmt.Sprint(p))
			out, failed = []Response{coreReply("CoreSorry", msgSorry, false, nil)}, true
		}
		b.say(req.Language(), out)
		took := time.Since(start)
		b.metrics.Handled(req.Platform, route, took, failed)
		log.Debug("handled", "route", route, "replies", len(out), "took", took)
	}()
	if resp, ok := checkInput(req); !ok {
		return resp, false
	}
	nu := NewUser{ID: req.UserID, Platform: req.Platform, TimeZone: req.TimeZoneHint, Language: PlatformLanguage(req.Locale, b.langs)}
	switch { // where reminders may go: only ever a private address
	case req.PrivateChatID != "":
		nu.ChatID = req.PrivateChatID
	case req.Private:
		nu.ChatID = req.ChatID
	}
	user, err := b.store.EnsureUser(ctx, nu)
	if err != nil {
		log.Error("load user", "err", err)
		return []Response{coreReply("CoreSorry", msgSorry, false, nil)}, true
	}
	req.User = &user
	if out, ok := b.screened(ctx, req); ok {
		return out, false
	}
	if req.Unaddressed {
		return nil, false // group chatter that is not for the bot and no safety matter
	}
	out, err = b.router.Dispatch(ctx, req)
	switch {
	case errors.Is(err, ErrUnknownButton) || (errors.Is(err, ErrPayloadTooLong) && len(req.Payload) > MaxPayloadBytes):
		log.Info("stale or foreign button", "route", route)
		return Stale(), false
	case err != nil:
		log.Error("handler failed", "route", route, "err", err)
		return []Response{coreReply("CoreSorry", msgSorry, false, nil)}, true
	}
	return out, false
}

// checkInput cleans what the user sent and refuses what the core won't read.
func checkInput(req *Request) ([]Response, bool) {
	req.Text = strings.ToValidUTF8(req.Text, "\uFFFD")
	req.Args = strings.ToValidUTF8(req.Args, "\uFFFD")
	if utf8.RuneCountInString(req.Text) > MaxInputRunes || utf8.RuneCountInString(req.Args) > MaxInputRunes {
		return []Response{coreReply("CoreTooLong", msgTooLong, false, nil)}, false
	}
	if req.UserID == "" {
		return []Response{coreReply("CoreNoUser", msgNoUser, false, nil)}, false
	}
	return nil, true
}

// text routes free text: into the user's running conversation if there is
// one, otherwise to the Router's text handler. A flow is a conversation in
// the user's private chat: text in a group never answers one of its
// steps. A flow whose middleware refused the step (consent withdrawn) is
// ended, so nothing after it is kept.
func (b *Bot) text(ctx context.Context, req *Request) ([]Response, error) {
	if !req.Private {
		return b.router.Fallback(ctx, req)
	}
	conv, err := b.store.Conversation(ctx, req.UserID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("load conversation: %w", err)
	}
	if b.router.intercept != nil {
		if out, handled, err := b.router.intercept(ctx, req, conv); err != nil || handled {
			return out, err
		}
	}
	switch {
	case errors.Is(err, ErrNotFound):
	default:
		if flow, ok := b.router.FlowFor(conv.Flow); ok {
			out, handled, stopped, err := flow(ctx, req, conv)
			if err == nil && stopped {
				if err := b.store.EndConversation(ctx, req.UserID); err != nil {
					return nil, fmt.Errorf("end refused flow: %w", err)
				}
			}
			if err != nil || handled {
				return out, err
			}
		}
	}
	return b.router.Fallback(ctx, req)
}

// ConversationIn returns the user's running conversation when it is in
// flow; in is false when they have none or are in another flow.
func ConversationIn(ctx context.Context, s ConversationStore, userID, flow string) (conv Conversation, in bool, err error) {
	conv, err = s.Conversation(ctx, userID)
	if errors.Is(err, ErrNotFound) {
		return Conversation{}, false, nil
	}
	if err != nil {
		return Conversation{}, false, fmt.Errorf("load conversation: %w", err)
	}
	return conv, conv.Flow == flow, nil
}

// newRequestID is a short random id that ties together the log lines of
// one update.
func newRequestID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
