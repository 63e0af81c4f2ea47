package telegram_test

import (
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/telegram"
)

// TestNavigationInWordsOnTelegram: screens asked for in words open, and a
// /log step answered in everyday words ("about a 6", "yeah a bit") is
// saved as it is given, through the fake Bot API.
func TestNavigationInWordsOnTelegram(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.limits = unpaced
	e.start(telegram.WebhookOptions{})
	e.say("hi", 1)
	if _, err := e.store.UpdateUser(ctx, "tg:42", func(u *bot.User) error { now := time.Now(); u.ConsentAt = &now; return nil }); err != nil {
		t.Fatal(err)
	}
	contains(t, e.say("/log", 1)[0], "How were your legs")
	contains(t, e.say("about a 6", 1)[0], "wake you up")
	contains(t, e.say("yeah a bit", 1)[0], "caffeine")
	contains(t, e.say("cancel", 1)[0], "Stopped here", "6/10")
	if ns, _ := e.store.Nights(ctx, "tg:42", "0000-01-01", "9999-12-31"); len(ns) != 1 || ns[0].Severity != 6 || ns[0].Woke == nil || !*ns[0].Woke {
		t.Fatalf("stored after stopping: %+v", ns)
	}
	contains(t, e.say("can I see how my week has been", 1)[0], "Your week", "6.0/10")
	contains(t, e.say("show me my reminders", 1)[0], "Your reminders")
}
