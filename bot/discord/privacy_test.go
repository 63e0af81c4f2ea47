package discord_test

import (
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/discord/discordtest"
)

// TestEveryCommandInAServerKeepsPersonalDataPrivate: a user with settings
// and a journal runs every command of the router in a server, with
// arguments, and presses the buttons of the answers. Whatever the server
// can see (a non-ephemeral response or follow-up, a channel message)
// carries none of their data.
func TestEveryCommandInAServerKeepsPersonalDataPrivate(t *testing.T) {
	t.Parallel() // its own fakes and store; others overlap it
	e := newEnv(t, time.Second)
	e.run(slash("start", "", "", ""), 2)
	e.run(press("start/yes", "", e.srv.DMChannel(alice.ID), ""), 2)
	for _, c := range [][2]string{{"timezone", "Asia/Kathmandu"}, {"bedtime", "23:17"}, {"waketime", "06:43"}, {"log", "2026-11-20 7"}, {"water", "1730ml"}} {
		e.run(slash(c[0], c[1], "", ""), 2)
	}
	markers := []string{"Kathmandu", "23:17", "06:43", "7/10", "1.73", "1,730", "1730", "twitching on", "Nights logged"}
	args := map[string]string{
		"timezone": "Asia/Kathmandu", "bedtime": "23:17", "waketime": "06:43", "log": "2026-11-21 6",
		"water": "250ml", "journal": "30", "ask": "why do my legs twitch at night?", "checklist": "history",
		"remind": "stretch 21:45", "pause": "1", "quiet": "22:00-07:00",
	}
	var public []string
	visible := func(got []discordtest.Call, interaction string) {
		hiddenOriginal := false
		for _, c := range got {
			switch {
			case c.Kind == discordtest.KindCallback:
				hiddenOriginal = c.Ephemeral() || c.ResponseType() == 6 || c.ResponseType() == 7
			case c.Kind == discordtest.KindFollowup && !c.Ephemeral():
				public = append(public, c.Content())
			}
		}
		if m, ok := e.srv.OriginalResponse(interaction); ok && !hiddenOriginal {
			public = append(public, m.Content)
		}
	}
	commands := 0
	for _, c := range e.core.Router().Commands() {
		for _, a := range []string{args[c.Name], ""} {
			src := slash(c.Name, a, discordtest.GuildID, discordtest.GuildChannelID)
			got := e.answered(src)
			in := got[0].InteractionID
			visible(got, in)
			if !got[0].Ephemeral() {
				t.Errorf("/%s in a server was deferred publicly", c.Name)
			}
			commands++
			if a == "" {
				break
			}
		}
	}
	for _, m := range e.srv.ChannelMessages(discordtest.GuildChannelID) {
		public = append(public, m.Content())
	}
	for _, p := range public {
		for _, mk := range markers {
			if strings.Contains(p, mk) {
				t.Errorf("the server was shown %q: %q", mk, p)
			}
		}
	}
	t.Logf("%d commands in a server: %d publicly visible messages, none personal", commands, len(public))
}
