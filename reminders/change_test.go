package reminders_test

import (
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/reminders"
)

// Each typed change does what its command does, refusals included.
func TestChangeRemindersTyped(t *testing.T) {
	e := newEnv(t, time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC))
	uid := e.user("71", "Europe/Berlin", "23:00", "07:00")
	change := func(c bot.ReminderChange) string {
		t.Helper()
		u, err := e.store.User(ctx, uid)
		if err != nil {
			t.Fatal(err)
		}
		out, err := e.svc.ChangeReminders(ctx, &u, c)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		return plain(out)
	}
	reminder := func(k reminders.Kind) reminders.Reminder {
		t.Helper()
		rs, err := e.store.Reminders(ctx, uid)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Kind == k && !r.OneOff {
				return r
			}
		}
		t.Fatalf("no %s reminder in %+v", k, rs)
		return reminders.Reminder{}
	}
	cases := []struct {
		c    bot.ReminderChange
		want string
		then func() bool
	}{
		{bot.ReminderChange{Op: bot.RemindAt, Kind: "stretch", At: bot.Clock(21*60 + 30)}, "21:30",
			func() bool { return reminder(reminders.Stretch).Spec == "30 21 * * *" }},
		{bot.ReminderChange{Op: bot.RemindAt, Kind: "stretch", At: bot.Clock(21 * 60), Days: "weekdays"}, "",
			func() bool { return reminder(reminders.Stretch).Spec == "0 21 * * 1-5" }},
		{bot.ReminderChange{Op: bot.RemindOff, Kind: "water"}, "", func() bool { return !reminder(reminders.Hydration).Enabled }},
		{bot.ReminderChange{Op: bot.RemindEvery, Kind: "water", Minutes: 120}, "", func() bool {
			r := reminder(reminders.Hydration)
			return r.Enabled && r.Mode == reminders.ModeEvery && r.EveryHours == 2
		}},
		{bot.ReminderChange{Op: bot.RemindEvery, Kind: "stretch", Minutes: 120}, "only makes sense for water", nil},
		{bot.ReminderChange{Op: bot.RemindEvery, Kind: "water", Minutes: 5}, "Nothing was changed", nil},
		{bot.ReminderChange{Op: bot.RemindIn, Kind: "stretch", Minutes: 45}, "one evening stretch reminder", nil},
		{bot.ReminderChange{Op: bot.RemindIn, Kind: "stretch", Minutes: 3000}, "up to a day", nil},
		{bot.ReminderChange{Op: bot.RemindOn, Kind: "sudoku"}, "don't know a reminder called", nil},
		{bot.ReminderChange{Op: bot.QuietHours, At: bot.Clock(22 * 60), Until: bot.Clock(6 * 60)}, "22:00 to 06:00", nil},
		{bot.ReminderChange{Op: bot.QuietHours, At: bot.Clock(22 * 60), Until: bot.Clock(22 * 60)}, "two different times", nil},
		{bot.ReminderChange{Op: bot.QuietOff}, "Quiet hours are now off", nil},
		{bot.ReminderChange{Op: bot.PauseReminders, PauseDays: 3}, "paused until", func() bool {
			u, _ := e.store.User(ctx, uid)
			return u.PausedUntil != nil && u.PausedUntil.Sub(e.clock.Now()) == 72*time.Hour
		}},
		{bot.ReminderChange{Op: bot.PauseReminders, PauseDays: 400}, "from 1 to 90", nil},
		{bot.ReminderChange{Op: bot.ResumeReminders}, "running again", func() bool {
			u, _ := e.store.User(ctx, uid)
			return u.PausedUntil == nil
		}},
	}
	for _, tc := range cases {
		got := change(tc.c)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%+v: %q lacks %q", tc.c, got, tc.want)
		}
		if tc.then != nil && !tc.then() {
			t.Errorf("%+v: not carried out (reply %q)", tc.c, got)
		}
	}
	u, _ := e.store.User(ctx, uid)
	if _, err := e.svc.ChangeReminders(ctx, &u, bot.ReminderChange{Op: 99, Kind: "water"}); err == nil {
		t.Error("an unknown operation was accepted")
	}
}
