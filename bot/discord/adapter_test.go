package discord_test

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/delivery/deliverytest"
	"github.com/calmnights/calmnights/bot/discord"
	"github.com/calmnights/calmnights/bot/discord/discordtest"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/reminders"
)

var ctx = context.Background()

// env is the real adapter, core and store against the fake Discord. The
// session is shared by the subtests of a test: closing one takes a second.
type env struct {
	t       *testing.T
	srv     *discordtest.Server
	store   *sqlite.Store
	core    *bot.Bot
	sched   *reminders.Service
	adapter *discord.Adapter
	// outcomes hears what became of each message the pipeline sent.
	outcomes chan outcome
}

// outcome is a message the pipeline's sender finished, and how.
type outcome struct {
	m     delivery.Message
	state string
}

func newEnv(t *testing.T, quick time.Duration) *env {
	e := &env{t: t, srv: discordtest.New(t), outcomes: make(chan outcome, 1000)}
	e.store = sqlitetest.OpenAt(t, filepath.Join(t.TempDir(), "dc.db"))
	app := features.Build(features.Options{Store: e.store})
	e.core, e.sched = app.Bot, app.Reminders
	a, err := discord.New(discord.Options{
		Token: discordtest.Token, APIURL: e.srv.URL(), Core: e.core, Commands: e.core.Router().Commands(),
		Store: e.store, Alone: true, Composer: e.sched, Clock: deliverytest.NewClock(),
		Done: func(m delivery.Message, state string) {
			e.sched.Delivered(m, state)
			select {
			case e.outcomes <- outcome{m, state}:
			default:
			}
		},
		OnBlocked: func(ctx context.Context, userID string) error { _, err := e.store.StopUser(ctx, userID); return err },
	})
	if err != nil {
		t.Fatal(err)
	}
	e.adapter = a
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for !a.Ready() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	e.srv.WaitCalls("/api/v9/applications/", 2, 5*time.Second) // commands listed, then published
	return e
}

var alice = discordtest.User{ID: "100000000000000042", Username: "alice"}

// run sends an interaction and waits for n responses (callback and follow-ups).
func (e *env) run(i interactionSource, n int) []discordtest.Call {
	e.t.Helper()
	in := i()
	e.srv.Interaction(in)
	got := e.srv.WaitResponses(in.ID, n, 10*time.Second)
	if len(got) < n {
		e.t.Fatalf("%d responses, want %d: %+v", len(got), n, got)
	}
	for _, c := range got {
		if !c.OK() {
			e.t.Fatalf("Discord refused a response: %d %s", c.Status, c.ResponseBody)
		}
	}
	return got
}

// answered sends an interaction and waits until its answer has arrived:
// a direct response, or the follow-up or edit after a deferral.
func (e *env) answered(src interactionSource) []discordtest.Call {
	e.t.Helper()
	in := src()
	e.srv.Interaction(in)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		got := e.srv.Responses(in.ID)
		for _, c := range got {
			if c.Kind != discordtest.KindCallback || c.ResponseType() == 4 {
				return got
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	e.t.Fatalf("no answer to %s", in.ID)
	return nil
}

type interactionSource func() *discordgoInteraction

func slash(name, input, guild, channel string) interactionSource {
	return func() *discordgoInteraction {
		opts := map[string]string{}
		if input != "" {
			opts["input"] = input
		}
		return discordtest.SlashCommand(name, opts, alice, guild, channel)
	}
}

func press(customID, guild, channel, messageID string) interactionSource {
	return func() *discordgoInteraction {
		return discordtest.ButtonPress(customID, alice, guild, channel, messageID)
	}
}

func TestSlashCommandsAndButtons(t *testing.T) {
	t.Parallel() // it waits on its own fakes; others overlap it
	e := newEnv(t, 2*time.Second)

	t.Run("commands from the router", func(t *testing.T) {
		cmds := e.srv.Commands("")
		want := e.core.Router().Commands()
		if len(cmds) != len(want) {
			t.Fatalf("%d slash commands, want %d", len(cmds), len(want))
		}
		byName := map[string]bool{}
		for _, c := range cmds {
			byName[c.Name] = true
			if c.Name == "bedtime" && (len(c.Options) != 1 || c.Options[0].Required) {
				t.Errorf("bedtime options: %+v", c.Options)
			}
			if c.Name == "ask" && (len(c.Options) != 1 || !c.Options[0].Required) {
				t.Errorf("ask options: %+v", c.Options)
			}
			// Described in every language the bot speaks, in Discord's locales.
			for _, l := range []discordgo.Locale{discordgo.SpanishES, discordgo.SpanishLATAM, discordgo.PortugueseBR, discordgo.German, discordgo.Russian} {
				if c.DescriptionLocalizations == nil || (*c.DescriptionLocalizations)[l] == "" || (*c.DescriptionLocalizations)[l] == c.Description {
					t.Errorf("/%s has no %s description", c.Name, l)
				}
			}
		}
		for _, w := range want {
			if !byName[w.Name] {
				t.Errorf("no slash command %s", w.Name)
			}
		}
		if id, ok := e.srv.Identify(); !ok || id.Intents&(1<<15) != 0 {
			t.Errorf("IDENTIFY asked for the message-content intent: %+v", id)
		}
	})

	t.Run("a slash command in a DM", func(t *testing.T) {
		got := e.run(slash("help", "", "", ""), 2) // deferred at once, then completed
		if got[0].ResponseType() != 5 || !strings.Contains(got[1].Content(), "Here's what I can do") {
			t.Fatalf("help: type %d %q", got[0].ResponseType(), got[1].Content())
		}
	})

	t.Run("the checklist by button presses", func(t *testing.T) {
		first := e.run(slash("checklist", "", "", ""), 2)[1]
		if !strings.Contains(first.Content(), "Question 1 of 7") || !strings.HasPrefix(first.CustomIDs()[0], "ck/1.") {
			t.Fatalf("first question: %q %v", first.Content(), first.CustomIDs())
		}
		msg, _ := e.srv.OriginalResponse(first.InteractionID)
		answers := []string{"yes", "yes", "no", "no", "no", "no", "no"}
		var last discordtest.Call
		ids := first.CustomIDs()
		for n, a := range answers {
			id := ""
			for _, c := range ids {
				if strings.HasPrefix(c, "ck/"+string(rune('1'+n))+".") && strings.HasSuffix(c, "/"+a) {
					id = c
				}
			}
			got := e.run(press(id, "", msg.ChannelID, msg.ID), 2)
			upd := got[0]
			if upd.ResponseType() != 7 || upd.Content() == "" {
				t.Fatalf("press %d: not a full message update: type %d %q", n+1, upd.ResponseType(), upd.Content())
			}
			if b := upd.Message(); !strings.Contains(string(upd.RawJSON), `"disabled":true`) || !strings.Contains(string(upd.RawJSON), "✓") {
				t.Fatalf("press %d: old buttons still live: %v", n+1, b)
			}
			last = got[1]
			ids = last.CustomIDs()
			if n < len(answers)-1 {
				m, ok := e.srv.Message(messageIDOf(t, last))
				if !ok {
					t.Fatal("follow-up message not found")
				}
				msg = m
			}
		}
		if !strings.Contains(last.Content(), "You answered yes to 2 of 7") || !strings.Contains(last.Content(), "not a diagnosis") {
			t.Fatalf("result: %q", last.Content())
		}
	})

	t.Run("personal replies in a server are ephemeral", func(t *testing.T) {
		// In a server every answer to a command is deferred as ephemeral:
		// only the user who asked sees what they asked and the answer.
		got := e.run(slash("timezone", "", discordtest.GuildID, discordtest.GuildChannelID), 2)
		if !got[0].Ephemeral() {
			t.Fatal("a personal reply in a server is visible to everyone")
		}
		got = e.run(slash("ask", "can dehydration make my legs twitch?", discordtest.GuildID, discordtest.GuildChannelID), 2)
		if !got[0].Ephemeral() || !strings.Contains(got[1].Content(), "Dehydration") {
			t.Errorf("ask: ephemeral %v, %q", got[0].Ephemeral(), got[1].Content())
		}
	})

	t.Run("a reply longer than 2000 characters", func(t *testing.T) {
		e.run(slash("start", "", "", ""), 2)
		e.run(press("start/yes", "", e.srv.DMChannel(alice.ID), ""), 2) // the acknowledgement, then the reply
		for _, d := range []string{"2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"} {
			e.run(slash("log", d+" 5", "", ""), 2)
		}
		got := e.run(slash("journal", "90", "", ""), 3)
		for _, c := range got {
			if n := len([]rune(c.Content())); n > 2000 {
				t.Errorf("message of %d characters", n)
			}
		}
	})
}

func TestDeferredChartAndReminders(t *testing.T) {
	t.Parallel()                     // it waits on its own fakes; others overlap it
	e := newEnv(t, time.Millisecond) // answers are deferred unless the core is quicker than that
	e.answered(slash("start", "", "", ""))
	e.run(press("start/yes", "", e.srv.DMChannel(alice.ID), ""), 2) // the acknowledgement, then the reply
	e.answered(slash("log", "6", "", ""))

	t.Run("a deferred chart with an attachment", func(t *testing.T) {
		got := e.run(slash("chart", "", discordtest.GuildID, discordtest.GuildChannelID), 2)
		if got[0].ResponseType() != 5 || !got[0].Ephemeral() {
			t.Fatalf("first response: type %d, ephemeral %v", got[0].ResponseType(), got[0].Ephemeral())
		}
		var data []byte
		for _, c := range got[1:] {
			for _, f := range c.Files {
				data = f.Data
			}
		}
		if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			t.Fatalf("no PNG chart in the follow-up: %v", err)
		}
	})

	t.Run("a reminder by DM, the channel opened once", func(t *testing.T) {
		r := bot.Response{Text: "**Evening stretch** 🧘", Buttons: [][]bot.Button{{{Label: "Done ✓", Payload: "rm/done/stretch"}}}}
		for range 2 {
			if err := e.adapter.Send(ctx, "dm:"+alice.ID, r); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(e.srv.Calls("/api/v9/users/@me/channels")); n != 1 {
			t.Errorf("DM channel opened %d times", n)
		}
		msgs := e.srv.ChannelMessages(e.srv.DMChannel(alice.ID))
		if len(msgs) < 2 || !strings.Contains(msgs[len(msgs)-1].Content(), "Evening stretch") || !contains(msgs[len(msgs)-1].CustomIDs(), "rm/done/stretch") {
			t.Fatalf("DM: %+v", msgs)
		}
	})

	t.Run("a 413 is too large", func(t *testing.T) {
		e.srv.Fail("POST", "/api/v9/channels/", 1, 413, 40005, "Request entity too large", 0)
		if err := e.adapter.Send(ctx, "dm:"+alice.ID, bot.Response{Text: "hello"}); !errors.Is(err, bot.ErrTooLarge) {
			t.Fatalf("a 413: %v, want bot.ErrTooLarge", err)
		}
	})

	t.Run("a 502 is one request, and temporary", func(t *testing.T) {
		before := len(e.srv.Calls("/api/v9/channels/"))
		e.srv.Fail("POST", "/api/v9/channels/", 1, 502, 0, "502: Bad Gateway", 0)
		var temp *bot.TemporaryError
		if err := e.adapter.Send(ctx, "dm:"+alice.ID, bot.Response{Text: "hello"}); !errors.As(err, &temp) {
			t.Fatalf("a 502: %v, want a temporary error", err)
		}
		if n := len(e.srv.Calls("/api/v9/channels/")) - before; n != 1 {
			t.Fatalf("%d requests for one delivery: the door retried by itself", n)
		}
	})

	t.Run("error 50007 switches reminders off once", func(t *testing.T) {
		e.answered(slash("remind", "stretch on", "", ""))
		e.srv.RefuseDMs(alice.ID)
		// The reminder dispatcher: a due stretch reminder, sent through the adapter.
		rs, _ := e.store.Reminders(ctx, "dc:"+alice.ID)
		if len(rs) == 0 {
			t.Fatal("no reminders")
		}
		// A snooze that fell due a minute ago, with quiet hours off.
		err := e.store.UpdateReminders(ctx, "dc:"+alice.ID, func(u *bot.User, _ []reminders.Reminder) ([]reminders.Reminder, error) {
			zero := bot.Clock(0)
			u.QuietStart, u.QuietEnd = &zero, &zero
			return []reminders.Reminder{{UserID: "dc:" + alice.ID, Kind: reminders.Stretch, Mode: reminders.ModeCustom, Enabled: true, OneOff: true, NextDue: time.Now().Add(-time.Minute)}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// The tick queues it; the adapter's own pipeline, the one sender of
		// the platform, sends it. (A second sender here raced the
		// pipeline's for the same outbox row: under load the pipeline's
		// poll came first and the test's sender found nothing.)
		if err := e.sched.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		e.adapter.WakeSender()
		var got outcome
		for got.m.Kind == "" || got.m.Kind == delivery.KindReply { // the replies before it are not it

			select {
			case got = <-e.outcomes:
			case <-time.After(10 * time.Second):
				t.Fatal("the reminder was never sent")
			}
		}
		if got.state != delivery.StateFailed {
			t.Fatalf("the reminder to a user who refuses DMs: %s", got.state)
		}
		rs, _ = e.store.Reminders(ctx, "dc:"+alice.ID)
		for _, r := range rs {
			if r.Enabled {
				t.Fatalf("reminder still on after 50007: %+v", r)
			}
		}
	})

	// Last: discordgo's own bucket for the route then waits out the 429's
	// retry_after in real time before its next request there.
	t.Run("a 429 on a route", func(t *testing.T) {
		e.srv.Fail("POST", "/api/v9/channels/", 1, 429, 0, "You are being rate limited.", 1.5)
		err := e.adapter.Send(ctx, "dm:"+alice.ID, bot.Response{Text: "hello"})
		var ra *bot.RetryAfterError
		if !errors.As(err, &ra) || ra.After < time.Second {
			t.Fatalf("a reminder send got %v, want a retry-after", err)
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// messageIDOf is the id of the message a follow-up created.
func messageIDOf(t *testing.T, c discordtest.Call) string {
	t.Helper()
	var m struct {
		ID string `json:"id"`
	}
	if err := jsonUnmarshal(c.ResponseBody, &m); err != nil || m.ID == "" {
		t.Fatalf("follow-up response %s: %v", c.ResponseBody, err)
	}
	return m.ID
}
