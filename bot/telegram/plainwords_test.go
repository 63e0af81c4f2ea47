package telegram_test

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// TestPlainWordsOnTelegram: a shared location and a city set the zone,
// water and a night are logged from plain words and undone, and a reminder
// is set with a natural interval, all through the fake Bot API.
func TestPlainWordsOnTelegram(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.limits = unpaced
	e.start(telegram.WebhookOptions{})
	e.say("hi", 1)
	if _, err := e.store.UpdateUser(ctx, "tg:42", func(u *bot.User) error { now := time.Now(); u.ConsentAt = &now; return nil }); err != nil {
		t.Fatal(err)
	}

	// Location: a request_location reply keyboard, then the zone from the
	// coordinates, which are not stored anywhere.
	out := e.say("/timezone", 1)
	if !strings.Contains(out[0].ReplyMarkup, `"request_location":true`) {
		t.Fatalf("/timezone offers no location button: %s", out[0].ReplyMarkup)
	}
	before := len(e.srv.Sent(alice.ID))
	e.srv.SendLocation(telegramtest.PrivateChat(alice.ID), alice, 52.52, 13.40)
	got := e.srv.WaitSent(alice.ID, before+1, 10*time.Second)
	if len(got) <= before {
		t.Fatal("no reply to a shared location")
	}
	contains(t, got[before], "Europe/Berlin")
	if u, _ := e.store.User(ctx, "tg:42"); u.TimeZone != "Europe/Berlin" {
		t.Fatalf("zone after a shared location = %q", u.TimeZone)
	}
	db, err := sql.Open("sqlite", "file:"+e.store.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM inbox WHERE CAST(payload AS TEXT) LIKE '%52.52%' OR CAST(payload AS TEXT) LIKE '%latitude%'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("coordinates stored in the inbox: %d rows (%v)", n, err)
	}

	// A city, confirmed, then undone.
	out = e.say("i live in madrid", 1)
	contains(t, out[0], "Europe/Madrid", "Save it?")
	out = e.press(out[0], button(t, out[0], "Save"), 1)
	contains(t, out[0], "Europe/Madrid")
	e.press(out[0], button(t, out[0], "Undo"), 1)
	if u, _ := e.store.User(ctx, "tg:42"); u.TimeZone != "Europe/Berlin" {
		t.Fatalf("zone after undo = %q", u.TimeZone)
	}

	// Water, confirmed, then undone.
	out = e.say("had half a litre of water just now", 1)
	contains(t, out[0], "500 ml of water")
	out = e.press(out[0], button(t, out[0], "Save"), 1)
	contains(t, out[0], "Added 500 ml")
	out = e.press(out[0], button(t, out[0], "Undo"), 1)
	contains(t, out[0], "Today so far: 0 ml")

	// A night with a note in plain words.
	out = e.say("last night was a 6, calves again", 1)
	out = e.press(out[0], button(t, out[0], "Save"), 1)
	contains(t, out[0], "6/10", "calves again")

	// A reminder with a natural interval.
	out = e.say("remind me to drink water every 90 minutes", 1)
	contains(t, out[0], "every 90 min")
	out = e.press(out[0], button(t, out[0], "Save"), 1)
	contains(t, out[0], "Water:", "08:30", "every day")
}
