package discord_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/discord/discordtest"
)

// wantNoMentions checks that every call that sends or edits a message
// carries allowed_mentions {"parse":[]}, and returns how many there were.
func wantNoMentions(t *testing.T, calls []discordtest.Call) map[string]int {
	t.Helper()
	seen := map[string]int{}
	for _, c := range calls {
		kind := c.Kind
		switch {
		case c.Kind == discordtest.KindCallback:
			if c.Message() == nil {
				continue // a deferred button update (type 6) has no message
			}
			kind = "callback type " + string(rune('0'+c.ResponseType()))
		case c.Kind == discordtest.KindFollowup,
			c.Kind == discordtest.KindWebhookMessage && c.Method == "PATCH",
			c.Kind == discordtest.KindChannelMessage && c.Method != "GET" && c.Method != "DELETE":
		default:
			continue
		}
		seen[kind]++
		am, ok := c.Message()["allowed_mentions"]
		b, _ := json.Marshal(am)
		if !ok || string(b) != `{"parse":[],"replied_user":false}` {
			t.Errorf("%s %s (%s): allowed_mentions = %s, want {\"parse\":[]}", c.Method, c.Path, kind, b)
		}
	}
	return seen
}

// TestEveryMessageAllowsNoMentions drives answers, button updates,
// deferred answers with their edit and follow-ups, and DMs through the
// fake Discord, and checks each request body.
func TestEveryMessageAllowsNoMentions(t *testing.T) {
	t.Parallel() // its own fakes and store; others overlap it
	t.Run("deferred answers and button presses", func(t *testing.T) {
		e := newEnv(t, 2*time.Second)
		e.run(slash("help", "", "", ""), 2)
		first := e.run(slash("checklist", "", "", ""), 2)[1]
		msg, _ := e.srv.OriginalResponse(first.InteractionID)
		e.run(press(first.CustomIDs()[0], "", msg.ChannelID, msg.ID), 2)
		if err := e.adapter.Send(ctx, "dm:"+alice.ID, bot.Response{Text: "@everyone hi <@123>"}); err != nil {
			t.Fatal(err)
		}
		seen := wantNoMentions(t, e.srv.Calls("/"))
		for _, k := range []string{"callback type 5", "callback type 7", discordtest.KindWebhookMessage, discordtest.KindFollowup, discordtest.KindChannelMessage} {
			if seen[k] == 0 {
				t.Errorf("no %s was sent: the test proves less than it says (%v)", k, seen)
			}
		}
	})
	t.Run("deferred answers", func(t *testing.T) {
		e := newEnv(t, time.Millisecond)
		e.answered(slash("start", "", "", ""))
		e.run(press("start/yes", "", e.srv.DMChannel(alice.ID), ""), 2)
		e.answered(slash("log", "6", "", ""))
		e.run(slash("chart", "", "", ""), 2) // drawing a PNG takes longer than 1 ms: deferred
		seen := wantNoMentions(t, e.srv.Calls("/"))
		for _, k := range []string{"callback type 5", discordtest.KindWebhookMessage} {
			if seen[k] == 0 {
				t.Errorf("no %s was sent: the test proves less than it says (%v)", k, seen)
			}
		}
	})
}
