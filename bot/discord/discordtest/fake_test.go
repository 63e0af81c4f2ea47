package discordtest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot/discord/discordtest"
)

var (
	alice = discordtest.User{ID: "100000000000000001", Username: "alice"}
	bob   = discordtest.User{ID: "100000000000000002", Username: "bob"}
	carol = discordtest.User{ID: "100000000000000003", Username: "carol"}
)

// router dispatches interactions to per-subtest handlers and hands their
// result back to the subtest (handlers run in discordgo's goroutines).
type router struct {
	mu       sync.Mutex
	handlers map[string]func(*discordgo.Session, *discordgo.Interaction) error
	results  map[string]chan error
}

func newRouter() *router {
	return &router{
		handlers: map[string]func(*discordgo.Session, *discordgo.Interaction) error{},
		results:  map[string]chan error{},
	}
}

func (r *router) on(key string, f func(*discordgo.Session, *discordgo.Interaction) error) <-chan error {
	ch := make(chan error, 1)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[key] = f
	r.results[key] = ch
	return ch
}

func (r *router) handle(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	var key string
	switch ic.Type {
	case discordgo.InteractionApplicationCommand:
		key = "cmd:" + ic.ApplicationCommandData().Name
	case discordgo.InteractionMessageComponent:
		key = "btn:" + ic.MessageComponentData().CustomID
	}
	r.mu.Lock()
	f, ch := r.handlers[key], r.results[key]
	r.mu.Unlock()
	if f != nil {
		ch <- f(s, ic.Interaction)
	}
}

func waitHandler(t *testing.T, ch <-chan error) {
	t.Helper()
	select {
	case err := <-ch:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("interaction handler was not called")
	}
}

func restError(t *testing.T, err error, status, code int) {
	t.Helper()
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		t.Fatalf("error = %v (%T), want *discordgo.RESTError", err, err)
	}
	if re.Response.StatusCode != status {
		t.Errorf("HTTP status = %d, want %d (%s)", re.Response.StatusCode, status, re.ResponseBody)
	}
	if re.Message == nil || re.Message.Code != code {
		t.Errorf("Discord error = %+v, want code %d (%s)", re.Message, code, re.ResponseBody)
	}
}

func restErrorf(err error, status, code int) error {
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		return fmt.Errorf("error = %v (%T), want *discordgo.RESTError", err, err)
	}
	if re.Response.StatusCode != status || re.Message == nil || re.Message.Code != code {
		return fmt.Errorf("got HTTP %d %s, want %d code %d", re.Response.StatusCode, re.ResponseBody, status, code)
	}
	return nil
}

func newSession(t *testing.T, srv *discordtest.Server) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + discordtest.Token)
	if err != nil {
		t.Fatal(err)
	}
	s.Client = srv.HTTPClient()
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsDirectMessages
	return s
}

// openSession opens a discordgo session on srv with the handlers (a
// router's first) and closes it at the test's end.
func openSession(t *testing.T, srv *discordtest.Server, handlers ...any) *discordgo.Session {
	t.Helper()
	sess := newSession(t, srv)
	for _, h := range handlers {
		sess.AddHandler(h)
	}
	if err := sess.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { sess.Close() }) // before srv's cleanup (LIFO)
	return sess
}

func TestFakeWithDiscordgo(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	r := newRouter()
	var rateLimitEvents atomic.Int32
	guildCreated := make(chan string, 4)
	sess := openSession(t, srv, r.handle,
		func(_ *discordgo.Session, _ *discordgo.RateLimit) { rateLimitEvents.Add(1) },
		func(_ *discordgo.Session, g *discordgo.GuildCreate) { guildCreated <- g.ID })

	var journalID string

	t.Run("ready and identify", func(t *testing.T) {
		if !srv.WaitConnected(time.Second) {
			t.Fatal("not connected")
		}
		if sess.State.User == nil || sess.State.User.ID != discordtest.BotUserID || !sess.State.User.Bot {
			t.Errorf("State.User = %+v", sess.State.User)
		}
		if app := sess.State.Ready.Application; app == nil || app.ID != discordtest.AppID {
			t.Errorf("READY application = %+v", app)
		}
		if sess.State.Ready.SessionID == "" {
			t.Error("no session_id in READY")
		}
		info, ok := srv.Identify()
		if !ok {
			t.Fatal("no IDENTIFY recorded")
		}
		if info.Token != "Bot fake-token" {
			t.Errorf("IDENTIFY token = %q", info.Token)
		}
		if info.Intents != discordgo.IntentsGuilds|discordgo.IntentsDirectMessages {
			t.Errorf("IDENTIFY intents = %d", info.Intents)
		}
		if !info.Compress || info.Shard != nil || info.LargeThreshold != 250 {
			t.Errorf("IDENTIFY compress=%v shard=%v large_threshold=%d", info.Compress, info.Shard, info.LargeThreshold)
		}
		if info.Properties["$os"] != runtime.GOOS || !strings.HasPrefix(info.Properties["$browser"], "DiscordGo") {
			t.Errorf("IDENTIFY properties = %v", info.Properties)
		}
		if info.Query.Get("v") != "9" || info.Query.Get("encoding") != "json" {
			t.Errorf("gateway query = %v", info.Query)
		}
		raw, _ := json.Marshal(info.Raw)
		t.Logf("IDENTIFY d = %s; upgrade Accept-Encoding = %q", raw, info.Header.Get("Accept-Encoding"))
		// GUILDS intent: the fake sends GUILD_CREATE after READY.
		select {
		case id := <-guildCreated:
			if id != discordtest.GuildID {
				t.Errorf("GUILD_CREATE for %q", id)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("no GUILD_CREATE")
		}
		if calls := srv.Calls("/api/v9/gateway"); len(calls) != 1 || calls[0].Header.Get("X-Discordtest-Original-Host") != "discord.com" {
			t.Errorf("gateway calls = %+v", calls)
		}
	})

	t.Run("heartbeat ack", func(t *testing.T) {
		// discordgo heartbeats as soon as READY is processed.
		deadline := time.Now().Add(2 * time.Second)
		for srv.Heartbeats() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("no heartbeat")
			}
			time.Sleep(10 * time.Millisecond)
		}
		deadline = time.Now().Add(2 * time.Second)
		acked := func() bool {
			sess.RLock()
			defer sess.RUnlock()
			return sess.LastHeartbeatAck.After(sess.LastHeartbeatSent)
		}
		for !acked() {
			if time.Now().After(deadline) {
				t.Fatal("heartbeat not acknowledged")
			}
			time.Sleep(10 * time.Millisecond)
		}
	})

	t.Run("bulk overwrite commands", func(t *testing.T) {
		cmds := []*discordgo.ApplicationCommand{
			{Name: "journal", Description: "Write a journal entry", Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "text", Description: "What happened", Required: true},
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "mood", Description: "1-5"},
			}},
			{Name: "water", Description: "Log a glass of water"},
		}
		created, err := sess.ApplicationCommandBulkOverwrite(discordtest.AppID, "", cmds)
		if err != nil {
			t.Fatal(err)
		}
		if len(created) != 2 || created[0].ID == "" || created[0].ApplicationID != discordtest.AppID || created[0].Type != discordgo.ChatApplicationCommand {
			t.Fatalf("created = %+v", created)
		}
		journalID = created[0].ID
		listed, err := sess.ApplicationCommands(discordtest.AppID, "")
		if err != nil || len(listed) != 2 || listed[1].Name != "water" || listed[0].Options[1].Type != discordgo.ApplicationCommandOptionInteger {
			t.Fatalf("listed = %+v, %v", listed, err)
		}
		// Overwriting again keeps the ID of a command with the same name.
		again, err := sess.ApplicationCommandBulkOverwrite(discordtest.AppID, "", cmds[:1])
		if err != nil || len(again) != 1 || again[0].ID != journalID {
			t.Fatalf("again = %+v, %v", again, err)
		}
		if _, err := sess.ApplicationCommandBulkOverwrite(discordtest.AppID, "", cmds); err != nil {
			t.Fatal(err)
		}
		// Guild commands are separate.
		guildCmds := []*discordgo.ApplicationCommand{{Name: "admin", Description: "Guild only"}}
		if _, err := sess.ApplicationCommandBulkOverwrite(discordtest.AppID, discordtest.GuildID, guildCmds); err != nil {
			t.Fatal(err)
		}
		if g := srv.Commands(discordtest.GuildID); len(g) != 1 || g[0].Name != "admin" || g[0].GuildID != discordtest.GuildID {
			t.Errorf("guild commands = %+v", g)
		}
		if g := srv.Commands(""); len(g) != 2 {
			t.Errorf("global commands = %+v", g)
		}
		// Invalid: upper case name, missing description.
		_, err = sess.ApplicationCommandBulkOverwrite(discordtest.AppID, "", []*discordgo.ApplicationCommand{{Name: "Journal"}})
		restError(t, err, 400, 50035)
		if g := srv.Commands(""); len(g) != 2 {
			t.Errorf("a rejected overwrite changed the commands: %+v", g)
		}
		// A guild the bot is not in.
		_, err = sess.ApplicationCommandBulkOverwrite(discordtest.AppID, "123", guildCmds)
		restError(t, err, 403, 50001)
		last := srv.Calls("/api/v9/applications/")
		if c := last[len(last)-1]; c.Method != "PUT" || c.Status != 403 {
			t.Errorf("last call = %s %s %d", c.Method, c.Path, c.Status)
		}
	})

	t.Run("slash command reply and file follow-up", func(t *testing.T) {
		done := r.on("cmd:journal", func(s *discordgo.Session, i *discordgo.Interaction) error {
			if i.Member == nil || i.Member.User == nil || i.Member.User.ID != alice.ID || i.User != nil {
				return fmt.Errorf("guild interaction: member=%+v user=%+v", i.Member, i.User)
			}
			data := i.ApplicationCommandData()
			if data.ID != journalID {
				return fmt.Errorf("command id = %q, want %q", data.ID, journalID)
			}
			if mood := data.GetOption("mood"); mood == nil || mood.IntValue() != 4 {
				return fmt.Errorf("mood option = %+v", mood)
			}
			text := data.GetOption("text").StringValue()
			err := s.InteractionRespond(i, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "Saved: " + text},
			})
			if err != nil {
				return err
			}
			m, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{
				Content: "Your export",
				Files:   []*discordgo.File{{Name: "journal.pdf", ContentType: "application/pdf", Reader: strings.NewReader("%PDF-fake")}},
			})
			if err != nil {
				return err
			}
			if m.ID == "" || len(m.Attachments) != 1 || m.Attachments[0].Filename != "journal.pdf" {
				return fmt.Errorf("follow-up message = %+v", m)
			}
			return nil
		})
		i := discordtest.SlashCommand("journal", map[string]string{"text": "hello", "mood": "4"}, alice, discordtest.GuildID, discordtest.GuildChannelID)
		srv.Interaction(i)
		waitHandler(t, done)
		resp := srv.WaitResponses(i.ID, 2, 5*time.Second)
		if len(resp) != 2 {
			t.Fatalf("responses = %+v", resp)
		}
		if c := resp[0]; c.Kind != discordtest.KindCallback || c.ResponseType() != 4 || c.Content() != "Saved: hello" || c.Status != 204 {
			t.Errorf("callback = %+v", c)
		}
		if c := resp[1]; c.Kind != discordtest.KindFollowup || c.Content() != "Your export" || c.Status != 200 ||
			len(c.Files) != 1 || c.Files[0].Name != "journal.pdf" || string(c.Files[0].Data) != "%PDF-fake" || c.Files[0].ContentType != "application/pdf" {
			t.Errorf("follow-up = %+v", c)
		}
		if m, ok := srv.OriginalResponse(i.ID); !ok || m.Content != "Saved: hello" || m.ChannelID != discordtest.GuildChannelID {
			t.Errorf("original response = %+v", m)
		}
	})

	t.Run("dm slash command deferred then edited", func(t *testing.T) {
		done := r.on("cmd:water", func(s *discordgo.Session, i *discordgo.Interaction) error {
			if i.User == nil || i.User.ID != bob.ID || i.Member != nil || i.GuildID != "" {
				return fmt.Errorf("DM interaction: member=%+v user=%+v guild=%q", i.Member, i.User, i.GuildID)
			}
			if i.ChannelID != srv.DMChannel(bob.ID) {
				return fmt.Errorf("channel = %q, want the DM channel", i.ChannelID)
			}
			err := s.InteractionRespond(i, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
			})
			if err != nil {
				return err
			}
			content := "Logged 250 ml"
			_, err = s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content})
			return err
		})
		i := discordtest.SlashCommand("water", nil, bob, "", "")
		srv.Interaction(i)
		waitHandler(t, done)
		resp := srv.Responses(i.ID)
		if len(resp) != 2 || resp[0].ResponseType() != 5 || !resp[0].Ephemeral() || resp[1].Kind != discordtest.KindWebhookMessage || resp[1].Method != "PATCH" {
			t.Fatalf("responses = %+v", resp)
		}
		m, ok := srv.OriginalResponse(i.ID)
		if !ok || m.Content != "Logged 250 ml" || m.Flags&discordgo.MessageFlagsEphemeral == 0 || m.Flags&discordgo.MessageFlagsLoading != 0 {
			t.Errorf("original = %+v", m)
		}
	})

	t.Run("button press answered with update", func(t *testing.T) {
		msg, err := sess.ChannelMessageSendComplex(discordtest.GuildChannelID, &discordgo.MessageSend{
			Content: "Drink water?",
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Done", CustomID: "water:done"},
				discordgo.Button{Label: "Later", CustomID: "water:later", Style: discordgo.SecondaryButton},
			}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		done := r.on("btn:water:done", func(s *discordgo.Session, i *discordgo.Interaction) error {
			if i.Message == nil || i.Message.ID != msg.ID || i.Message.Content != "Drink water?" || len(i.Message.Components) != 1 {
				return fmt.Errorf("button message = %+v", i.Message)
			}
			if i.Member == nil || i.Member.User.ID != alice.ID {
				return fmt.Errorf("member = %+v", i.Member)
			}
			return s.InteractionRespond(i, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseUpdateMessage,
				Data: &discordgo.InteractionResponseData{Content: "Logged ✔"}, // Components nil: sent as null
			})
		})
		i := discordtest.ButtonPress("water:done", alice, discordtest.GuildID, discordtest.GuildChannelID, msg.ID)
		srv.Interaction(i)
		waitHandler(t, done)
		resp := srv.Responses(i.ID)
		if len(resp) != 1 || resp[0].ResponseType() != 7 || resp[0].Status != 204 || resp[0].MessageID != msg.ID {
			t.Fatalf("responses = %+v", resp)
		}
		t.Logf("type 7 payload discordgo sent: %s", resp[0].RawJSON)
		updated, ok := srv.Message(msg.ID)
		if !ok || updated.Content != "Logged ✔" || len(updated.Components) != 0 || updated.EditedTimestamp == nil {
			t.Errorf("updated message = %+v", updated)
		}
	})

	t.Run("button on an unknown message, deferred update then edit", func(t *testing.T) {
		done := r.on("btn:mood:3", func(s *discordgo.Session, i *discordgo.Interaction) error {
			if i.User == nil || i.User.ID != bob.ID || i.Message == nil || i.Message.ID != "555" || len(i.Message.Components) != 1 {
				return fmt.Errorf("interaction user=%+v message=%+v", i.User, i.Message)
			}
			if err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}); err != nil {
				return err
			}
			content, comps := "Mood saved", []discordgo.MessageComponent{}
			m, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content, Components: &comps})
			if err != nil {
				return err
			}
			if m.ID != "555" {
				return fmt.Errorf("edited message = %+v", m)
			}
			return nil
		})
		i := discordtest.ButtonPress("mood:3", bob, "", "", "555")
		srv.Interaction(i)
		waitHandler(t, done)
		if m, ok := srv.Message("555"); !ok || m.Content != "Mood saved" || len(m.Components) != 0 || m.ChannelID != srv.DMChannel(bob.ID) {
			t.Errorf("message = %+v", m)
		}
		if resp := srv.Responses(i.ID); len(resp) != 2 || resp[0].ResponseType() != 6 || resp[1].MessageID != "555" {
			t.Errorf("responses = %+v", resp)
		}
	})

	t.Run("second callback rejected", func(t *testing.T) {
		done := r.on("cmd:journal", func(s *discordgo.Session, i *discordgo.Interaction) error {
			resp := &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "one"}}
			if err := s.InteractionRespond(i, resp); err != nil {
				return err
			}
			return restErrorf(s.InteractionRespond(i, resp), 400, 40060)
		})
		i := discordtest.SlashCommand("journal", map[string]string{"text": "x"}, alice, discordtest.GuildID, discordtest.GuildChannelID)
		srv.Interaction(i)
		waitHandler(t, done)
		if resp := srv.Responses(i.ID); len(resp) != 2 || resp[0].Status != 204 || resp[1].Status != 400 || resp[1].ErrorCode != 40060 {
			t.Errorf("responses = %+v", resp)
		}
	})

	t.Run("callback deadline", func(t *testing.T) {
		if discordtest.DefaultCallbackDeadline != 3*time.Second {
			t.Fatal("default deadline is not 3 s")
		}
		srv.SetCallbackDeadline(150 * time.Millisecond)
		defer srv.SetCallbackDeadline(discordtest.DefaultCallbackDeadline)
		done := r.on("cmd:journal", func(s *discordgo.Session, i *discordgo.Interaction) error {
			time.Sleep(250 * time.Millisecond)
			err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "late"}})
			if err := restErrorf(err, 404, 10062); err != nil {
				return err
			}
			// Nothing was acknowledged, so there is nothing to follow up.
			_, err = s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "x"})
			return restErrorf(err, 404, 10015)
		})
		i := discordtest.SlashCommand("journal", map[string]string{"text": "x"}, alice, discordtest.GuildID, discordtest.GuildChannelID)
		srv.Interaction(i)
		waitHandler(t, done)
	})

	t.Run("follow-up before callback", func(t *testing.T) {
		done := r.on("cmd:journal", func(s *discordgo.Session, i *discordgo.Interaction) error {
			_, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "too early"})
			if err := restErrorf(err, 404, 10015); err != nil {
				return err
			}
			content := "too early"
			_, err = s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content})
			if err := restErrorf(err, 404, 10015); err != nil {
				return err
			}
			return s.InteractionRespond(i, &discordgo.InteractionResponse{Type: 5})
		})
		i := discordtest.SlashCommand("journal", map[string]string{"text": "x"}, alice, discordtest.GuildID, discordtest.GuildChannelID)
		srv.Interaction(i)
		waitHandler(t, done)
	})

	t.Run("content over 2000 characters", func(t *testing.T) {
		done := r.on("cmd:journal", func(s *discordgo.Session, i *discordgo.Interaction) error {
			long := strings.Repeat("a", 2001)
			err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: long}})
			if err := restErrorf(err, 400, 50035); err != nil {
				return err
			}
			// A rejected callback does not acknowledge: a valid one still works.
			return s.InteractionRespond(i, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: strings.Repeat("é", 2000)}})
		})
		i := discordtest.SlashCommand("journal", map[string]string{"text": "x"}, alice, discordtest.GuildID, discordtest.GuildChannelID)
		srv.Interaction(i)
		waitHandler(t, done)
		resp := srv.Responses(i.ID)
		if len(resp) != 2 || !strings.Contains(string(resp[0].ResponseBody), `"data":{"content":{"_errors"`) {
			t.Errorf("responses = %+v", resp)
		}
		_, err := sess.ChannelMessageSend(discordtest.GuildChannelID, strings.Repeat("a", 2001))
		restError(t, err, 400, 50035)
		_, err = sess.ChannelMessageSend(discordtest.GuildChannelID, "")
		restError(t, err, 400, 50006)
	})

	t.Run("component limits", func(t *testing.T) {
		button := func(id, label string) discordgo.MessageComponent {
			return discordgo.Button{Label: label, CustomID: id}
		}
		row := func(bs ...discordgo.MessageComponent) discordgo.MessageComponent {
			return discordgo.ActionsRow{Components: bs}
		}
		var sixRows, sixButtons []discordgo.MessageComponent
		for k := 0; k < 6; k++ {
			sixRows = append(sixRows, row(button(fmt.Sprint("r", k), "x")))
			sixButtons = append(sixButtons, button(fmt.Sprint("b", k), "x"))
		}
		cases := map[string][]discordgo.MessageComponent{
			"six rows":          sixRows,
			"six buttons":       {row(sixButtons...)},
			"long custom_id":    {row(button(strings.Repeat("c", 101), "x"))},
			"long label":        {row(button("ok", strings.Repeat("l", 81)))},
			"duplicate id":      {row(button("same", "a"), button("same", "b"))},
			"button at the top": {button("top", "x")},
		}
		for name, comps := range cases {
			_, err := sess.ChannelMessageSendComplex(discordtest.GuildChannelID, &discordgo.MessageSend{Content: name, Components: comps})
			var re *discordgo.RESTError
			if !errors.As(err, &re) || re.Message == nil || re.Message.Code != 50035 {
				t.Errorf("%s: err = %v", name, err)
			}
		}
		// At the limits.
		var fiveRows []discordgo.MessageComponent
		for k := 0; k < 5; k++ {
			var bs []discordgo.MessageComponent
			for j := 0; j < 5; j++ {
				bs = append(bs, button(fmt.Sprintf("%d-%d-%s", k, j, strings.Repeat("c", 90)), strings.Repeat("l", 80)))
			}
			fiveRows = append(fiveRows, row(bs...))
		}
		if _, err := sess.ChannelMessageSendComplex(discordtest.GuildChannelID, &discordgo.MessageSend{Content: "max", Components: fiveRows}); err != nil {
			t.Errorf("5x5 buttons: %v", err)
		}
	})

	t.Run("dm channels and messages", func(t *testing.T) {
		ch1, err := sess.UserChannelCreate(alice.ID)
		if err != nil {
			t.Fatal(err)
		}
		ch2, err := sess.UserChannelCreate(alice.ID)
		if err != nil || ch2.ID != ch1.ID || ch1.Type != discordgo.ChannelTypeDM || ch1.Recipients[0].ID != alice.ID {
			t.Fatalf("channels %+v / %+v, %v", ch1, ch2, err)
		}
		m, err := sess.ChannelMessageSend(ch1.ID, "Time for your evening journal")
		if err != nil || m.ID == "" || m.Author.ID != discordtest.BotUserID || m.ChannelID != ch1.ID {
			t.Fatalf("message = %+v, %v", m, err)
		}
		if _, err := sess.ChannelMessageEdit(ch1.ID, m.ID, "edited"); err != nil {
			t.Fatal(err)
		}
		if got, _ := srv.Message(m.ID); got.Content != "edited" {
			t.Errorf("after edit: %+v", got)
		}
		_, err = sess.ChannelMessageSendComplex(ch1.ID, &discordgo.MessageSend{
			Files: []*discordgo.File{{Name: "chart.png", ContentType: "image/png", Reader: strings.NewReader("PNG")}},
		})
		if err != nil {
			t.Fatal(err)
		}
		calls := srv.ChannelMessages(ch1.ID)[:3]
		if len(calls) != 3 || calls[0].Content() != "Time for your evening journal" || calls[1].Method != "PATCH" ||
			len(calls[2].Files) != 1 || string(calls[2].Files[0].Data) != "PNG" {
			t.Fatalf("channel calls = %+v", calls)
		}
		t.Logf("ChannelMessageEdit payload: %s", calls[1].RawJSON)

		if ch, err := sess.Channel(ch1.ID); err != nil || ch.Type != discordgo.ChannelTypeDM {
			t.Errorf("Channel(dm) = %+v, %v", ch, err)
		}
		if ch, err := sess.Channel(discordtest.GuildChannelID); err != nil || ch.Type != discordgo.ChannelTypeGuildText || ch.GuildID != discordtest.GuildID {
			t.Errorf("Channel(guild) = %+v, %v", ch, err)
		}
		if list, err := sess.ChannelMessages(ch1.ID, 10, "", "", ""); err != nil || len(list) != 2 || list[1].Content != "edited" {
			t.Errorf("ChannelMessages = %+v, %v", list, err)
		}

		// A user who refuses DMs.
		srv.RefuseDMs(carol.ID)
		ch, err := sess.UserChannelCreate(carol.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, err = sess.ChannelMessageSend(ch.ID, "hello?")
		restError(t, err, 403, 50007)

		// Using a user ID as a channel ID.
		_, err = sess.ChannelMessageSend(alice.ID, "oops")
		restError(t, err, 404, 10003)
	})

	t.Run("rate limit 429", func(t *testing.T) {
		path := "/api/v9/channels/" + discordtest.GuildChannelID + "/messages"
		srv.Fail("POST", path, 1, 429, 0, "You are being rate limited.", 0.5)
		before := len(srv.ChannelMessages(discordtest.GuildChannelID))
		events := rateLimitEvents.Load()
		start := time.Now()
		m, err := sess.ChannelMessageSend(discordtest.GuildChannelID, "after a 429")
		elapsed := time.Since(start)
		if err != nil || m.Content != "after a 429" {
			t.Fatalf("send = %+v, %v", m, err)
		}
		// At least retry_after is the behaviour; the upper bound only
		// catches a retry that waits far too long, with room for a busy
		// machine.
		if elapsed < 500*time.Millisecond || elapsed > 8*time.Second {
			t.Errorf("retried after %v, want about retry_after (0.5 s)", elapsed)
		}
		calls := srv.ChannelMessages(discordtest.GuildChannelID)[before:]
		if len(calls) != 2 || calls[0].Status != 429 || calls[1].Status != 200 {
			t.Fatalf("calls = %+v", calls)
		}
		if calls[1].At.Sub(calls[0].At) < 500*time.Millisecond {
			t.Errorf("retry came %v after the 429", calls[1].At.Sub(calls[0].At))
		}
		deadline := time.Now().Add(time.Second)
		for rateLimitEvents.Load() == events && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if rateLimitEvents.Load() == events {
			t.Error("no *discordgo.RateLimit event")
		}
		t.Logf("429 then retry: %v total; 429 body %s", elapsed.Round(time.Millisecond), calls[0].ResponseBody)

		// Three 429s in a row: discordgo keeps retrying (no cap for 429).
		srv.Fail("POST", path, 3, 429, 0, "You are being rate limited.", 0.1)
		start = time.Now()
		if _, err := sess.ChannelMessageSend(discordtest.GuildChannelID, "after three"); err != nil {
			t.Fatal(err)
		}
		t.Logf("3 x 429 (retry_after 0.1) then success: %v", time.Since(start).Round(time.Millisecond))

		// Without retry, the error is a *discordgo.RateLimitError.
		srv.Fail("POST", path, 1, 429, 0, "You are being rate limited.", 0.25)
		_, err = sess.ChannelMessageSend(discordtest.GuildChannelID, "no retry", discordgo.WithRetryOnRatelimit(false))
		var rle *discordgo.RateLimitError
		if !errors.As(err, &rle) || rle.RetryAfter != 250*time.Millisecond || rle.Message != "You are being rate limited." {
			t.Fatalf("err = %v (%T)", err, err)
		}
		// The bucket remembers X-RateLimit-Reset-After: the next request waits.
		start = time.Now()
		if _, err := sess.ChannelMessageSend(discordtest.GuildChannelID, "after bucket reset"); err != nil {
			t.Fatal(err)
		}
		t.Logf("request after a non-retried 429 waited %v for the bucket reset", time.Since(start).Round(time.Millisecond))

		// 502 is retried at once, up to Session.MaxRestRetries (3) times.
		srv.Fail("POST", path, 2, 502, 0, "502: Bad Gateway", 0)
		if _, err := sess.ChannelMessageSend(discordtest.GuildChannelID, "after two 502s"); err != nil {
			t.Fatalf("after two 502s: %v", err)
		}
		srv.Fail("POST", path, 4, 502, 0, "502: Bad Gateway", 0)
		_, err = sess.ChannelMessageSend(discordtest.GuildChannelID, "after four 502s")
		if err == nil || !strings.Contains(err.Error(), "Exceeded Max retries") {
			t.Fatalf("after four 502s: %v (%T)", err, err)
		}

		// Other injected failures.
		srv.Fail("POST", "/api/v9/channels/", 1, 403, 50007, "Cannot send messages to this user", 0)
		_, err = sess.ChannelMessageSend(discordtest.GuildChannelID, "x")
		restError(t, err, 403, 50007)
		srv.Fail("", "/api/v9/channels/", 1, 500, 0, "500: Internal Server Error", 0)
		_, err = sess.ChannelMessageSend(discordtest.GuildChannelID, "x")
		restError(t, err, 500, 0)
		if _, err := sess.ChannelMessageSend(discordtest.GuildChannelID, "fine again"); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("unknown route recorded", func(t *testing.T) {
		_, err := sess.GuildRoles(discordtest.GuildID)
		restError(t, err, 404, 0)
		calls := srv.Calls("/api/v9/guilds/")
		if len(calls) != 1 || calls[0].Kind != discordtest.KindUnknown || calls[0].Status != 404 {
			t.Errorf("calls = %+v", calls)
		}
	})

	t.Run("wrong token", func(t *testing.T) {
		other, _ := discordgo.New("Bot wrong-token")
		other.Client = srv.HTTPClient()
		_, err := other.User("@me")
		restError(t, err, 401, 0)
		if u, err := sess.User("@me"); err != nil || u.ID != discordtest.BotUserID {
			t.Errorf("User(@me) = %+v, %v", u, err)
		}
		// A wrong token in IDENTIFY: the gateway closes with 4004 and Open fails.
		other = newSession(t, srv)
		other.Identify.Token = "Bot wrong-token"
		err = other.Open()
		if err == nil || !strings.Contains(err.Error(), "4004") {
			t.Errorf("Open with a wrong IDENTIFY token: %v", err)
		}
	})

	t.Run("privileged intent refused", func(t *testing.T) {
		other := newSession(t, srv)
		other.Identify.Intents |= discordgo.IntentMessageContent
		err := other.Open()
		if err == nil || !strings.Contains(err.Error(), "4014") {
			t.Errorf("Open with MESSAGE_CONTENT: %v", err)
		}
		if info, _ := srv.Identify(); info.Accepted || info.Intents&discordgo.IntentMessageContent == 0 {
			t.Errorf("identify = %+v", info)
		}
	})

	t.Run("http client rewrites to the fake", func(t *testing.T) {
		req, _ := http.NewRequest("GET", "https://discord.com/api/v9/gateway/bot?x=1", nil)
		req.Header.Set("Authorization", "Bot "+discordtest.Token)
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var gb discordgo.GatewayBotResponse
		if err := json.Unmarshal(body, &gb); err != nil || gb.URL != srv.GatewayURL() || gb.Shards != 1 {
			t.Errorf("gateway/bot = %s", body)
		}
		calls := srv.Calls("/api/v9/gateway/bot")
		if len(calls) != 1 || calls[0].Query.Get("x") != "1" {
			t.Errorf("calls = %+v", calls)
		}
	})

}

// A dropped gateway connection is resumed, and the session answers after
// it. Apart from TestFakeWithDiscordgo and beside it: each waits out
// discordgo's 1 s sleep in Close, and this one a reconnect as well.
func TestDroppedGatewayResumes(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	r := newRouter()
	sess := openSession(t, srv, r.handle)
	if !srv.WaitConnected(5 * time.Second) {
		t.Fatal("not connected")
	}
	// The session answers before the drop: it has read READY and is
	// dispatching events, as it had done for a long while when this was
	// the last step of TestFakeWithDiscordgo.
	answers := func(content string) {
		t.Helper()
		done := r.on("cmd:water", func(s *discordgo.Session, i *discordgo.Interaction) error {
			return s.InteractionRespond(i, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: content}})
		})
		srv.Interaction(discordtest.SlashCommand("water", nil, alice, discordtest.GuildID, discordtest.GuildChannelID))
		waitHandler(t, done)
	}
	answers("here")
	if !srv.DropGateway() {
		t.Fatal("no connection to drop")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		hs := srv.Handshakes()
		if last := hs[len(hs)-1]; last.Op == 6 && last.Accepted {
			if last.SessionID != sess.State.Ready.SessionID || last.Seq == 0 {
				t.Errorf("RESUME = %+v", last)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("discordgo did not resume")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !srv.WaitConnected(5 * time.Second) {
		t.Fatal("not connected after resume")
	}
	answers("still here")
}

func TestStandalone(t *testing.T) {
	srv, err := discordtest.NewStandalone("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") || strings.HasSuffix(srv.URL(), "/") {
		t.Errorf("URL() = %q", srv.URL())
	}
	req, _ := http.NewRequest("GET", srv.URL()+"/api/v9/users/@me", nil)
	req.Header.Set("Authorization", "Bot "+discordtest.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var u discordgo.User
	err = json.NewDecoder(resp.Body).Decode(&u)
	resp.Body.Close()
	if err != nil || u.ID != discordtest.BotUserID {
		t.Errorf("users/@me = %+v, %v", u, err)
	}
	srv.Close()
	srv.Close()
	if _, err := http.Get(srv.URL() + "/api/v9/gateway"); err == nil {
		t.Error("server still answering after Close")
	}
}
