package discord_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot/discord/discordtest"
)

// personalInPublic are what the server must never see of the member
// seeded below: her iron test, her dose with its time, her scores, her
// week, her checklist result. They are matched against text with the
// markdown escapes taken out (see plain).
var personalInPublic = map[string]*regexp.Regexp{
	"her ferritin":  regexp.MustCompile(`(?i)ferritin\W{0,20}45|\b45\b`),
	"her iron dose": regexp.MustCompile(`(?i)\biron\b[^\n]{0,80}\b\d{1,2}:\d{2}\b|\b\d{1,2}:\d{2}\b[^\n]{0,80}\biron\b|65 ?mg`),
	"a score":       regexp.MustCompile(`\b\d{1,2}/10\b|(?i)average[^\n]{0,20}\d`),
	"her week":      regexp.MustCompile(`(?i)nights logged|\b7 of 7\b|streak`),
	"her checklist": regexp.MustCompile(`(?i)you answered (yes|no)|question \d of \d|\d of 7 yes`),
}

// plain is message content without Discord's markdown escapes.
func plain(s string) string { return strings.ReplaceAll(s, `\`, "") }

// publicLeaks lists what of personalInPublic shows in a message the whole
// server can read: its text, its files and its checklist buttons.
func publicLeaks(content string, files int, customIDs []string) []string {
	var leaks []string
	text := plain(content)
	for what, re := range personalInPublic {
		if m := re.FindString(text); m != "" {
			leaks = append(leaks, fmt.Sprintf("%s (%q)", what, m))
		}
	}
	if files > 0 {
		leaks = append(leaks, fmt.Sprintf("%d attachment(s)", files))
	}
	for _, id := range customIDs {
		if strings.HasPrefix(id, "ck/") {
			leaks = append(leaks, "a checklist button "+id)
		}
	}
	return leaks
}

// settle waits until the fake has had no REST call for quiet (at most
// 10 s), so that late follow-ups of the answers so far have arrived.
func settle(srv *discordtest.Server, quiet time.Duration) {
	n, last := len(srv.Calls("")), time.Now()
	for deadline := time.Now().Add(10 * time.Second); time.Since(last) < quiet && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		if m := len(srv.Calls("")); m != n {
			n, last = m, time.Now()
		}
	}
}

// messageSeq makes message snowflakes that never meet the fake's own
// (those count up from the current millisecond << 22 one at a time).
var messageSeq atomic.Int64

func newMessageID() string {
	ms := time.Now().UnixMilli() - 1420070400000
	return strconv.FormatInt(ms<<22+3_000_000+messageSeq.Add(1)%1_000_000, 10)
}

// serverMessage is a MESSAGE_CREATE in the server's channel from a
// member; mentionBot adds the bot to its mentions as Discord does for
// "<@id>" in the content.
func serverMessage(from discordtest.User, content string, mentionBot bool) map[string]any {
	mentions := []any{}
	if mentionBot {
		mentions = append(mentions, map[string]any{"id": discordtest.BotUserID, "username": discordtest.BotUsername, "bot": true})
	}
	return map[string]any{
		"id": newMessageID(), "type": 0, "channel_id": discordtest.GuildChannelID, "guild_id": discordtest.GuildID,
		"author":    map[string]any{"id": from.ID, "username": from.Username, "discriminator": "0"},
		"member":    map[string]any{"roles": []any{}, "joined_at": "2026-01-01T00:00:00Z"},
		"content":   content,
		"mentions":  mentions,
		"timestamp": time.Now().UTC().Format(time.RFC3339),
		"tts":       false, "mention_everyone": false, "mention_roles": []any{}, "attachments": []any{}, "embeds": []any{},
	}
}

// TestServerKeepsHerDataPrivateAndAnswersSafety: a member with a week of
// nights, a medicine, an iron test and a finished checklist (all in DMs)
// uses every slash command in a server, asks for help there with /ask in
// an emergency and in a crisis, and talks to the bot by mentioning it.
// Nothing the server can read holds her data; the safety answers always
// come; a mention is answered in the channel, a crisis one with a copy in
// her DMs; chatter not addressed to the bot gets nothing; and the gateway
// asks for no privileged intent.
func TestServerKeepsHerDataPrivateAndAnswersSafety(t *testing.T) {
	t.Parallel() // it waits on discordgo and its own fakes; others overlap it
	e := newEnv(t, 2*time.Second)
	dm := e.srv.DMChannel(alice.ID)
	guild, channel := discordtest.GuildID, discordtest.GuildChannelID

	// In DMs: consent, a week of nights, a medicine, an iron test and
	// the checklist to the end.
	e.run(slash("start", "", "", ""), 2)
	e.run(press("start/yes", "", dm, ""), 2)
	today := time.Now().UTC()
	for d, score := range []int{3, 7, 4, 8, 6, 9, 5} {
		night := today.AddDate(0, 0, -6+d).Format("2006-01-02")
		e.run(slash("log", fmt.Sprintf("%s %d", night, score), "", ""), 2)
	}
	if got := e.run(slash("med", "iron 65 mg", "", ""), 2)[1]; !strings.Contains(got.Content(), "**iron** 65 mg") {
		t.Fatalf("/med: %q", got.Content())
	}
	if got := e.run(slash("lab", "ferritin 45", "", ""), 2)[1]; !strings.Contains(plain(got.Content()), "45") {
		t.Fatalf("/lab: %q", got.Content())
	}
	first := e.run(slash("checklist", "", "", ""), 2)[1]
	msg, _ := e.srv.OriginalResponse(first.InteractionID)
	last, ids := first, first.CustomIDs()
	for n, a := range []string{"yes", "yes", "no", "no", "no", "no", "no"} {
		id := ""
		for _, c := range ids {
			if strings.HasPrefix(c, fmt.Sprintf("ck/%d.", n+1)) && strings.HasSuffix(c, "/"+a) {
				id = c
			}
		}
		if id == "" {
			t.Fatalf("checklist question %d: no %q button among %v", n+1, a, ids)
		}
		last = e.run(press(id, "", msg.ChannelID, msg.ID), 2)[1]
		ids = last.CustomIDs()
		if m, ok := e.srv.Message(messageIDOf(t, last)); ok {
			msg = m
		}
	}
	if !strings.Contains(last.Content(), "You answered yes to 2 of 7") {
		t.Fatalf("checklist result: %q", last.Content())
	}
	if got := e.run(slash("week", "", "", ""), 2)[1]; !strings.Contains(plain(got.Content()), "Nights logged: 7 of 7") {
		t.Fatalf("/week in DMs (the data the server must not see): %q", got.Content())
	}

	t.Run("identify asks for no privileged intent", func(t *testing.T) {
		id, ok := e.srv.Identify()
		if !ok || !id.Accepted {
			t.Fatalf("no accepted IDENTIFY: %+v", id)
		}
		want := discordgo.IntentGuilds | discordgo.IntentDirectMessages | discordgo.IntentGuildMessages
		if id.Intents&want != want {
			t.Errorf("intents %b lack Guilds, Direct Messages or Guild Messages (%b)", id.Intents, want)
		}
		privileged := discordgo.IntentGuildMembers | discordgo.IntentGuildPresences | discordgo.IntentMessageContent
		if p := id.Intents & privileged; p != 0 {
			t.Errorf("IDENTIFY asked for privileged intents %b", p)
		}
	})

	t.Run("every slash command in the server", func(t *testing.T) {
		args := map[string]string{
			"timezone": "Europe/Dublin", "bedtime": "23:30", "waketime": "07:15",
			"ask": "why do my legs twitch at night?", "checklist": "history", "water": "250ml",
			"med": "iron 65 mg", "lab": "ferritin 45", "journal": "7", "remind": "stretch 21:45",
			"pause": "1", "quiet": "22:00-07:00",
		}
		cmds := e.srv.Commands("")
		if len(cmds) < 20 {
			t.Fatalf("only %d slash commands published", len(cmds))
		}
		var interactions []string
		for _, c := range cmds {
			inputs := []string{""}
			if len(c.Options) > 0 {
				if a, ok := args[c.Name]; ok {
					inputs = []string{a}
					if !c.Options[0].Required {
						inputs = append(inputs, "")
					}
				} else if c.Options[0].Required {
					t.Fatalf("/%s needs an input and the test has none", c.Name)
				}
			}
			for _, in := range inputs {
				got := e.answered(slash(c.Name, in, guild, channel))
				interactions = append(interactions, got[0].InteractionID)
			}
		}
		settle(e.srv, 500*time.Millisecond) // the last follow-ups (a second chart, the CSV)
		public, private := 0, 0
		var hiddenText strings.Builder // what she alone saw
		for _, id := range interactions {
			ephemeralOriginal := false
			for _, c := range e.srv.Responses(id) {
				if !c.OK() {
					t.Errorf("interaction %s: Discord refused %s %s: %d %s", id, c.Method, c.Path, c.Status, c.ResponseBody)
				}
				seen := c.Kind == discordtest.KindFollowup || c.Kind == discordtest.KindCallback ||
					(c.Kind == discordtest.KindWebhookMessage && c.Method == "PATCH")
				if !seen {
					continue
				}
				hidden := c.Ephemeral()
				switch c.Kind {
				case discordtest.KindCallback:
					ephemeralOriginal = hidden
				case discordtest.KindWebhookMessage:
					hidden = ephemeralOriginal // an edit keeps the original's flags
				}
				if hidden {
					private++
					hiddenText.WriteString(plain(c.Content()) + "\n")
					continue
				}
				public++
				t.Errorf("a reply the whole server sees (%s %s, flags %d): %q", c.Kind, c.Method, c.Flags(), c.Content())
				if leaks := publicLeaks(c.Content(), len(c.Files), c.CustomIDs()); len(leaks) > 0 {
					t.Errorf("... and it shows her %v", leaks)
				}
			}
			if m, ok := e.srv.OriginalResponse(id); ok && m.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("the answer to interaction %s is not ephemeral (flags %d): %q", id, m.Flags, m.Content)
			}
		}
		for _, c := range e.srv.ChannelMessages(channel) {
			public++
			if leaks := publicLeaks(c.Content(), len(c.Files), c.CustomIDs()); len(leaks) > 0 {
				t.Errorf("a channel message shows her %v: %q", leaks, c.Content())
			}
		}
		for _, mine := range []string{"Nights logged: 7 of 7", "3/10", "45 ng/mL", "65 mg at", "2 of 7 yes"} {
			if !strings.Contains(hiddenText.String(), mine) {
				t.Errorf("no ephemeral answer showed her %q: the test proves less than it says", mine)
			}
		}
		// The markers know her data when they see it, in her own answers.
		found := strings.Join(publicLeaks(hiddenText.String(), 0, nil), "; ")
		for what := range personalInPublic {
			if !strings.Contains(found, what) {
				t.Errorf("the marker for %s finds nothing in her own answers: the test proves less than it says", what)
			}
		}
		if private < 2*len(interactions) {
			t.Errorf("%d ephemeral messages for %d commands: the test proves less than it says", private, len(interactions))
		}
		t.Logf("%d slash commands in the server: %d ephemeral messages, %d public", len(interactions), private, public)
	})

	t.Run("safety answers to /ask in the server", func(t *testing.T) {
		urgent := e.run(slash("ask", "my right leg went weak this morning and my face feels funny", guild, channel), 2)
		text := plain(urgent[len(urgent)-1].Content())
		if !strings.Contains(text, "Please seek urgent medical care now") {
			t.Errorf("urgent /ask: %q", text)
		}
		crisis := e.run(slash("ask", "honestly i just want to end it all, these legs", guild, channel), 2)
		text = plain(crisis[len(crisis)-1].Content())
		if !strings.Contains(text, "not alone") || !(strings.Contains(text, "988") || strings.Contains(text, "findahelpline.com")) {
			t.Errorf("crisis /ask: no 'not alone' or crisis line: %q", text)
		}
		if strings.Contains(strings.ToLower(text), "tip") || strings.Contains(text, "caffeine") || strings.Contains(text, "stretch") {
			t.Errorf("crisis /ask came with tips: %q", text)
		}
		settle(e.srv, 300*time.Millisecond)
		for _, got := range [][]discordtest.Call{urgent, crisis} {
			all := e.srv.Responses(got[0].InteractionID)
			for _, c := range all {
				if ids := c.CustomIDs(); len(ids) > 0 {
					t.Errorf("a safety answer with buttons %v: %q", ids, c.Content())
				}
			}
			if len(all) != 2 {
				t.Errorf("a safety answer in %d responses, want the deferral and the answer alone", len(all))
			}
		}
	})

	t.Run("messages that mention the bot", func(t *testing.T) {
		bot := "<@" + discordtest.BotUserID + ">"
		inChannel := len(e.srv.ChannelMessages(channel))
		inDM := len(e.srv.ChannelMessages(dm))

		// Chatter not addressed to the bot, then a question that is.
		if _, err := e.srv.Dispatch("MESSAGE_CREATE", serverMessage(alice, "does coffee make it worse?", false)); err != nil {
			t.Fatal(err)
		}
		if _, err := e.srv.Dispatch("MESSAGE_CREATE", serverMessage(alice, bot+" does coffee make it worse?", true)); err != nil {
			t.Fatal(err)
		}
		got := e.srv.WaitChannelMessages(channel, inChannel+1, 10*time.Second)
		if len(got) < inChannel+1 {
			t.Fatalf("a question mentioning the bot got no answer in the channel")
		}
		settle(e.srv, 300*time.Millisecond)
		got = e.srv.ChannelMessages(channel)[inChannel:]
		if len(got) != 1 {
			for _, c := range got {
				t.Logf("channel: %q", c.Content())
			}
			t.Fatalf("%d channel messages after a chatter and a question, want the one answer", len(got))
		}
		answer := got[0]
		if !answer.OK() || !strings.Contains(strings.ToLower(plain(answer.Content())), "caffeine") {
			t.Errorf("the answer to a mention: %d %q", answer.Status, answer.Content())
		}
		if leaks := publicLeaks(answer.Content(), len(answer.Files), answer.CustomIDs()); len(leaks) > 0 {
			t.Errorf("the answer in the channel shows her %v: %q", leaks, answer.Content())
		}
		if n := len(e.srv.ChannelMessages(dm)); n != inDM {
			t.Errorf("a general answer also went to her DMs (%d messages)", n-inDM)
		}
		inChannel++

		// A crisis statement: the answer in the channel, a copy in her DMs.
		if _, err := e.srv.Dispatch("MESSAGE_CREATE", serverMessage(alice, bot+" i want to end it all", true)); err != nil {
			t.Fatal(err)
		}
		gotCh := e.srv.WaitChannelMessages(channel, inChannel+1, 10*time.Second)
		gotDM := e.srv.WaitChannelMessages(dm, inDM+1, 10*time.Second)
		if len(gotCh) < inChannel+1 {
			t.Fatal("a crisis statement mentioning the bot got no answer in the channel")
		}
		crisis := plain(gotCh[inChannel].Content())
		if !strings.Contains(crisis, "not alone") || !(strings.Contains(crisis, "988") || strings.Contains(crisis, "findahelpline.com")) {
			t.Errorf("crisis answer in the channel: %q", crisis)
		}
		if leaks := publicLeaks(gotCh[inChannel].Content(), len(gotCh[inChannel].Files), gotCh[inChannel].CustomIDs()); len(leaks) > 0 {
			t.Errorf("the crisis answer in the channel shows her %v", leaks)
		}
		if len(gotDM) < inDM+1 {
			t.Error("no copy of the crisis answer in her DMs")
		} else if c := plain(gotDM[inDM].Content()); !strings.Contains(c, "not alone") {
			t.Errorf("DM copy: %q", c)
		}
		settle(e.srv, 300*time.Millisecond)
		inChannel, inDM = len(e.srv.ChannelMessages(channel)), len(e.srv.ChannelMessages(dm))

		// Someone the bot cannot DM still gets the crisis answer in the channel.
		bob := discordtest.User{ID: "100000000000000077", Username: "bob"}
		e.srv.RefuseDMs(bob.ID)
		if _, err := e.srv.Dispatch("MESSAGE_CREATE", serverMessage(bob, bot+" i want to end it all", true)); err != nil {
			t.Fatal(err)
		}
		gotCh = e.srv.WaitChannelMessages(channel, inChannel+1, 10*time.Second)
		if len(gotCh) < inChannel+1 || !strings.Contains(plain(gotCh[inChannel].Content()), "not alone") {
			t.Fatalf("a member with closed DMs got no crisis answer in the channel: %d messages", len(gotCh)-inChannel)
		}
		settle(e.srv, 300*time.Millisecond)
		inChannel = len(e.srv.ChannelMessages(channel))

		// Her own data asked for by mention: a note in the channel, the
		// answer in her DMs.
		for _, ask := range []string{"/week", "/lab", "/meds", "/journal", "/checklist history", "how was my week?"} {
			if _, err := e.srv.Dispatch("MESSAGE_CREATE", serverMessage(alice, bot+" "+ask, true)); err != nil {
				t.Fatal(err)
			}
			e.srv.WaitChannelMessages(channel, inChannel+1, 10*time.Second)
			settle(e.srv, 300*time.Millisecond)
			all := e.srv.ChannelMessages(channel)
			if len(all) == inChannel {
				t.Errorf("%q by mention: no answer in the channel", ask)
			}
			for _, c := range all[inChannel:] {
				t.Logf("%q by mention, in the channel: %q", ask, c.Content())
				if leaks := publicLeaks(c.Content(), len(c.Files), c.CustomIDs()); len(leaks) > 0 {
					t.Errorf("%q by mention: the channel was shown %v: %q", ask, leaks, c.Content())
				}
			}
			inChannel = len(all)
		}
		var inHerDMs strings.Builder
		for _, c := range e.srv.ChannelMessages(dm)[inDM:] {
			inHerDMs.WriteString(plain(c.Content()) + "\n")
		}
		for _, mine := range []string{"Nights logged: 7 of 7", "45 ng/mL", "iron 65 mg", "Your last 7 nights", "2 of 7 yes"} {
			if !strings.Contains(inHerDMs.String(), mine) {
				t.Errorf("her data asked for by mention: %q never reached her DMs", mine)
			}
		}
	})
}
