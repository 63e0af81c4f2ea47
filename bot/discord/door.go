package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
)

var _ delivery.Door = (*Adapter)(nil)

// stored is an update as the inbox keeps it: the converted request and,
// for an interaction, what answering it takes. It is dropped once handled.
type stored struct {
	Req bot.Request `json:"r"`
	interaction
}

// interaction addresses the replies to an interaction (its token is
// valid for 15 minutes).
type interaction struct {
	ID    string `json:"i,omitempty"`
	AppID string `json:"a,omitempty"`
	Token string `json:"t,omitempty"`
	// Deferred: the first reply completes the deferred response.
	Deferred bool `json:"d,omitempty"`
	// Ephemeral: the replies are seen only by the user (a server).
	Ephemeral bool `json:"e,omitempty"`
	// Guild: the interaction came from a server, where personal replies
	// are ephemeral.
	Guild bool `json:"g,omitempty"`
}

// accept stores one converted update for the pipeline.
func (a *Adapter) accept(id string, req *bot.Request, in interaction) error {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("discord: snowflake %q: not a number", id)
	}
	payload, err := json.Marshal(stored{Req: *req, interaction: in})
	if err != nil {
		return fmt.Errorf("discord: encode update: %w", err)
	}
	return a.pipe.Accept(a.ctx, []delivery.Update{{ID: n, ChatKey: req.ChatID, Payload: payload}})
}

// Open reads a stored update.
func (a *Adapter) Open(ctx context.Context, u delivery.Update) (delivery.In, error) {
	var st stored
	if err := json.Unmarshal(u.Payload, &st); err != nil {
		return delivery.In{}, fmt.Errorf("discord: stored update: %w", err)
	}
	req := st.Req
	in := delivery.In{Req: &req}
	if st.Token != "" {
		meta, err := json.Marshal(st.interaction)
		if err != nil {
			return delivery.In{}, fmt.Errorf("discord: encode addressing: %w", err)
		}
		in.Meta = meta
		if st.Deferred { // Discord shows "thinking" until the first reply
			in.Fallback = &bot.Response{Text: "Done."}
		}
	}
	return in, nil
}

var _ delivery.Splitter = (*Adapter)(nil)

// openDM marks the piece that opens a user's DM channel (a request of its
// own) before the first message to a "dm:<user>" chat.
var openDM = []byte("open-dm")

// Split cuts an outbox message into its requests: a text longer than a
// message holds is several, the attachments and buttons go with the last;
// a DM to a user whose channel is not known yet starts by opening it.
func (a *Adapter) Split(m delivery.Message) ([]delivery.Message, error) {
	if m.Reply == nil {
		return nil, nil
	}
	var pieces []delivery.Message
	if user, ok := strings.CutPrefix(m.ChatID, "dm:"); ok && len(m.Meta) == 0 {
		if _, known := a.dmKnown(user); !known {
			open := m
			open.Meta = openDM
			pieces = append(pieces, open)
		}
	}
	for k := range len(parts(*m.Reply)) {
		p := m
		p.Piece = k
		pieces = append(pieces, p)
	}
	return pieces, nil
}

// Deliver makes the one request of a piece of an outbox message (Split):
// a reply to an interaction completes it or follows it up; anything else
// goes to a channel or a DM.
func (a *Adapter) Deliver(ctx context.Context, m delivery.Message) error {
	if m.Reply == nil {
		return nil
	}
	if bytes.Equal(m.Meta, openDM) {
		user, _ := strings.CutPrefix(m.ChatID, "dm:")
		return a.openDM(ctx, user)
	}
	if len(m.Meta) == 0 {
		return a.sendTo(ctx, m.ChatID, *m.Reply, m.Piece)
	}
	var in interaction
	if err := json.Unmarshal(m.Meta, &in); err != nil {
		return fmt.Errorf("discord: message addressing: %w", err)
	}
	return a.followUp(ctx, &discordgo.Interaction{ID: in.ID, AppID: in.AppID, Token: in.Token}, in, *m.Reply, m.Piece, in.Deferred && m.Part == 0)
}

// parts is a reply's text cut to fit messages: at least one part, which
// may be empty when the reply is only attachments or buttons.
func parts(r bot.Response) []string {
	ps := renderMD(r.Text, maxContent)
	if len(ps) == 0 {
		ps = []string{""}
	}
	return ps
}

// followUp sends part k of a reply to an interaction: with fillOriginal
// its first part completes the deferred response, the rest are follow-up
// messages.
func (a *Adapter) followUp(ctx context.Context, i *discordgo.Interaction, in interaction, r bot.Response, k int, fillOriginal bool) error {
	ps := parts(r)
	if k < 0 || k >= len(ps) {
		return nil
	}
	flags := discordgo.MessageFlags(0)
	if in.Ephemeral || (r.Personal && in.Guild) {
		flags = discordgo.MessageFlagsEphemeral
	}
	params := &discordgo.WebhookParams{Content: ps[k], Flags: flags, AllowedMentions: noMentions()}
	if k == len(ps)-1 {
		params.Files, params.Components = attachments(r), components(r.Buttons)
	}
	if params.Content == "" && len(params.Files) == 0 {
		params.Content = emptyText
	}
	var err error
	if fillOriginal && k == 0 {
		_, err = a.s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &params.Content, Components: &params.Components, Files: params.Files, AllowedMentions: noMentions()},
			discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	} else {
		_, err = a.s.FollowupMessageCreate(i, true, params, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	}
	var re *discordgo.RESTError
	if fillOriginal && k == 0 && errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusNotFound {
		// The acknowledgement may not have been taken in yet (an HTTP
		// endpoint's answer is processed after it is sent): try again.
		return &bot.TemporaryError{Err: err}
	}
	return mapError(err)
}

// interactionFor is how the replies to a converted interaction are
// addressed: commands are deferred (ephemeral in a server, so nothing the
// user asked shows to others), button presses update their message and
// are followed up.
func interactionFor(i *discordgo.Interaction, req *bot.Request) interaction {
	in := interaction{ID: i.ID, AppID: i.AppID, Token: i.Token, Guild: !req.Private}
	if req.Payload == "" {
		in.Deferred, in.Ephemeral = true, !req.Private
	}
	return in
}
