package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// TestEveryCommandAndButtonInAGroupKeepsPersonalDataPrivate: a user with
// settings, a journal, water and a checklist result runs every command of
// the router in a group, with arguments, and presses every button the bot
// has ever shown them there. Nothing posted in the group may carry their
// data.
func TestEveryCommandAndButtonInAGroupKeepsPersonalDataPrivate(t *testing.T) {
	t.Parallel() // it waits on its own fakes; others overlap it
	e := newEnv(t)
	e.limits = delivery.Limits{Global: 1000, Burst: 1, PerChat: delivery.Window{N: 100, Per: time.Second}} // what is sent matters here, not its pace
	e.start(telegram.WebhookOptions{})
	private := telegramtest.PrivateChat(alice.ID)
	// Alice's data, entered in her private chat.
	e.say("/start", 1)
	e.press(e.srv.Sent(alice.ID)[0], "start/yes", 1)
	for _, msg := range []string{"/timezone Asia/Kathmandu", "/bedtime 23:17", "/waketime 06:43", "/log 2026-11-20 7", "/water 1730ml"} {
		e.say(msg, 1)
	}
	e.say("/checklist", 1)
	for _, a := range []string{"yes", "yes", "no", "no", "no", "no", "no"} {
		e.say(a, 1)
	}
	markers := []string{"Kathmandu", "23:17", "06:43", "7/10", "1.73", "1,730", "1730", "2 of 7", "You had answered", "of the last 7 nights (", "Nights logged"}

	group := telegramtest.Group(991)
	args := map[string]string{
		"timezone": "Asia/Kathmandu", "bedtime": "23:17", "waketime": "06:43", "log": "2026-11-21 6",
		"water": "250ml", "journal": "30", "ask": "why do my legs twitch at night?", "checklist": "history",
		"remind": "stretch 21:45", "pause": "1", "quiet": "22:00-07:00",
	}
	for _, c := range e.core.Router().Commands() {
		text := "/" + c.Name + "@CalmNightsBot"
		if a := args[c.Name]; a != "" {
			text += " " + a
		}
		e.srv.SendMessage(group, alice, text)
		e.srv.SendMessage(group, alice, "/"+c.Name+"@CalmNightsBot") // and without arguments
	}
	e.idle()
	// Every button the bot has shown, pressed on its messages in the group.
	var payloads []string
	seen := map[string]bool{}
	for _, chat := range []int64{alice.ID, group.ID} {
		for _, m := range e.srv.Sent(chat) {
			for _, row := range m.Keyboard {
				for _, b := range row {
					if !seen[b.CallbackData] {
						seen[b.CallbackData] = true
						payloads = append(payloads, b.CallbackData)
					}
				}
			}
		}
	}
	groupMsgs := e.srv.Sent(group.ID)
	if len(groupMsgs) == 0 {
		t.Fatal("the bot posted nothing in the group")
	}
	for _, p := range payloads {
		e.srv.PressButton(group, alice, groupMsgs[0].MessageID, p)
	}
	e.idle()
	if len(payloads) < 10 {
		t.Fatalf("only %d buttons pressed: the test did too little", len(payloads))
	}
	for _, m := range e.srv.Sent(group.ID) {
		for _, mk := range markers {
			if strings.Contains(m.Plain, mk) {
				t.Errorf("the group was shown %q: %q", mk, m.Plain)
			}
		}
	}
	if len(e.srv.Sent(private.ID)) == 0 {
		t.Fatal("nothing reached the private chat")
	}
	t.Logf("%d commands (with and without arguments) and %d buttons in a group: %d group messages, none personal",
		len(e.core.Router().Commands()), len(payloads), len(e.srv.Sent(group.ID)))
}
