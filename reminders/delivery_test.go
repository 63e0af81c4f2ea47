package reminders_test

import (
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
)

func TestReminderArrivesOnTimeWithButtons(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "UTC", "22:30", "07:00")
	mustContain(t, e.send(u, "/remind stretch on"), "Evening stretch: 22:00 every day, following your bedtime", "Next one: today at 22:00")
	if got := e.at(utc("2026-11-25 21:59")); len(got) != 0 {
		t.Fatalf("sent early: %v", got)
	}
	got := e.at(utc("2026-11-25 22:00"))
	if len(got) != 1 || got[0].chatID != "1" || !strings.Contains(got[0].resp.Text, "Evening stretch") {
		t.Fatalf("at 22:00: %+v", got)
	}
	var payloads []string
	for _, row := range got[0].resp.Buttons {
		for _, b := range row {
			payloads = append(payloads, b.Payload)
		}
	}
	if strings.Join(payloads, " ") != "rm/done/stretch rm/s15/stretch rm/s60/stretch rm/skip/stretch rm/off/stretch" {
		t.Fatalf("buttons: %v", payloads)
	}
	if again := e.at(utc("2026-11-25 22:01")); len(again) != 0 {
		t.Fatalf("sent twice: %v", again)
	}
	if next := e.at(utc("2026-11-26 22:00")); len(next) != 1 {
		t.Fatalf("next day: %v", next)
	}
}

// Downtime: within the grace window a reminder is sent once, late; past it
// it is skipped (no caffeine cutoff at 21:00); missed occurrences of a
// frequent reminder coalesce into one.
func TestDowntime(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 06:00"))
	u := e.user("1", "UTC", "23:00", "07:00")
	e.send(u, "/remind caffeine on")
	e.send(u, "/remind stretch on") // 22:30
	e.send(u, "/remind morning on") // 07:00
	e.send(u, "/remind water every 1h")

	// Down from 06:00 to 09:20: the 07:00 check-in is within its 3 h grace:
	// sent once. Water at 07:00, 08:00, 09:00: only 09:00 is within 30 min.
	got := e.at(utc("2026-11-25 09:20"))
	kinds := map[string]int{}
	for _, m := range got {
		kinds[m.resp.Text[:12]]++
	}
	if len(got) != 2 || !strings.Contains(got[0].resp.Text+got[1].resp.Text, "Good morning") || !strings.Contains(got[0].resp.Text+got[1].resp.Text, "Water break") {
		t.Fatalf("after downtime: %d messages %v", len(got), kinds)
	}
	// Down again from 13:50 to 20:45: the 14:00 caffeine cutoff is hours late
	// and skipped; no water either (all too late).
	e.at(utc("2026-11-25 13:50"))
	if got := e.at(utc("2026-11-25 20:45")); len(got) != 0 {
		t.Fatalf("sent stale reminders at 20:45: %v", got[0].resp.Text)
	}
	// Stretch at 22:30 goes normally, 20 minutes late still counts.
	if got := e.at(utc("2026-11-25 22:50")); len(got) != 1 || !strings.Contains(got[0].resp.Text, "Evening stretch") {
		t.Fatalf("late stretch within grace: %v", got)
	}
}

func TestQuietHoursAreNeverBroken(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "UTC", "22:30", "07:00")
	mustContain(t, e.send(u, "/remind stretch 23:15"), "inside your quiet hours", "Nothing was changed")
	e.send(u, "/remind caffeine on")
	mustContain(t, e.send(u, "/quiet 13:30-15:00"), "13:30 to 15:00")
	// The 14:00 cutoff now falls in quiet hours: skipped, not delayed.
	if got := e.every(utc("2026-11-25 13:55"), utc("2026-11-25 16:00")); len(got) != 0 {
		t.Fatalf("sent in quiet hours: %v", got)
	}
	mustContain(t, e.send(u, "/quiet off"), "off")
	if got := e.at(utc("2026-11-26 14:00")); len(got) != 1 {
		t.Fatalf("after quiet off: %v", got)
	}
	mustContain(t, e.send(u, "/quiet 22:00 22:00"), "two different times")
	mustContain(t, e.send(u, "/quiet default"), "your bedtime to your wake time")
}

// A local 02:30 reminder fires exactly once on both daylight-saving days,
// through the whole tick-and-send path.
func TestDSTThroughTheScheduler(t *testing.T) {
	e := newEnv(t, utc("2026-03-28 12:00"))
	u := e.user("1", "Europe/Berlin", "23:00", "07:00")
	e.send(u, "/quiet off")
	mustContain(t, e.send(u, "/remind morning 02:30"), "02:30")
	spring := e.every(utc("2026-03-28 23:50"), utc("2026-03-29 03:00"))
	if len(spring) != 1 || spring[0].at.IsZero() {
		t.Fatalf("spring forward: %d sends", len(spring))
	}
	rs, _ := e.store.Reminders(ctx, u)
	if got := rs[0].NextDue.UTC().Format(time.RFC3339); got != "2026-03-30T00:30:00Z" {
		t.Errorf("after spring forward, next due %s", got)
	}
	e.clock.Set(utc("2026-10-24 12:00"))
	e.send(u, "/remind morning 02:30") // reschedule after the jump in time
	fall := e.every(utc("2026-10-24 23:50"), utc("2026-10-25 02:00"))
	if len(fall) != 1 {
		t.Fatalf("fall back: %d sends", len(fall))
	}
}

func TestSnoozeAndSkipSurviveRestart(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "UTC", "22:30", "07:00")
	e.send(u, "/remind stretch on")
	if got := e.at(utc("2026-11-25 22:00")); len(got) != 1 {
		t.Fatalf("stretch: %v", got)
	}
	mustContain(t, e.press(u, "rm/s15/stretch"), "again at 22:15")
	e.open() // restart
	if got := e.at(utc("2026-11-25 22:14")); len(got) != 0 {
		t.Fatal("snooze came early")
	}
	got := e.at(utc("2026-11-25 22:15"))
	if len(got) != 1 || !strings.Contains(got[0].resp.Text, "Evening stretch") {
		t.Fatalf("snooze: %v", got)
	}
	if got := e.at(utc("2026-11-25 22:16")); len(got) != 0 {
		t.Fatal("snooze sent twice")
	}
	mustContain(t, e.press(u, "rm/s60/stretch"), "quiet hours") // 23:16 is after bedtime
	mustContain(t, e.press(u, "rm/done/stretch"), "Well done")

	// Skip today, pressed in the morning, skips tonight's stretch.
	e.clock.Set(utc("2026-11-26 09:00"))
	mustContain(t, e.press(u, "rm/skip/stretch"), "skipped for today", "tomorrow at 22:00")
	e.open()
	if got := e.every(utc("2026-11-26 21:58"), utc("2026-11-26 22:02")); len(got) != 0 {
		t.Fatal("skipped reminder was sent")
	}
	if got := e.at(utc("2026-11-27 22:00")); len(got) != 1 {
		t.Fatal("reminder did not come back the day after skipping")
	}
	mustContain(t, e.press(u, "rm/off/stretch"), "Evening stretch: 22:00, off")
	if got := e.at(utc("2026-11-28 22:00")); len(got) != 0 {
		t.Fatal("sent after turning off")
	}
}

func TestChangingZoneOrBedtimeMovesReminders(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "UTC", "22:30", "07:00")
	e.send(u, "/remind stretch on")
	e.send(u, "/remind caffeine 15:00") // custom: does not follow bedtime
	e.send(u, "/bedtime 23:30")
	list := e.send(u, "/reminders")
	mustContain(t, list, "Evening stretch: 23:00, on", "Caffeine cutoff: 15:00, on")
	e.send(u, "/timezone America/New_York") // UTC-5 in November
	rs, _ := e.store.Reminders(ctx, u)
	for _, r := range rs {
		if r.Kind == "stretch" && r.NextDue.UTC().Format("15:04") != "04:00" {
			t.Errorf("stretch at 23:00 New York should be 04:00 UTC, is %s", r.NextDue.UTC())
		}
	}
}

func TestBlockedUserIsSwitchedOffOnce(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "UTC", "23:00", "07:00")
	e.press(u, "rm/setup")
	e.sender.fail = func(n int, chatID string) error { return bot.ErrBlocked }
	e.every(utc("2026-11-25 14:00"), utc("2026-11-25 14:05"))
	if c := e.sender.calls(); c != 1 {
		t.Fatalf("%d send attempts to a blocked user, want 1", c)
	}
	rs, _ := e.store.Reminders(ctx, u)
	for _, r := range rs {
		if r.Enabled || !r.NextDue.IsZero() {
			t.Fatalf("reminder still on after a block: %+v", r)
		}
	}
	e.every(utc("2026-11-25 16:55"), utc("2026-11-25 17:05"))
	e.at(utc("2026-11-26 14:00"))
	if c := e.sender.calls(); c != 1 {
		t.Fatalf("%d send attempts after the block, want none more", c)
	}
}

func TestRetryAfterAndTemporaryErrors(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "UTC", "23:00", "07:00")
	e.send(u, "/remind caffeine on")
	e.sender.fail = func(n int, chatID string) error {
		switch n {
		case 1:
			return &bot.RetryAfterError{After: time.Second}
		case 2:
			return &bot.TemporaryError{Err: errBoom}
		}
		return nil
	}
	if got := e.at(utc("2026-11-25 14:00")); len(got) != 0 {
		t.Fatal("sent despite the rate limit")
	}
	// The retry-after is honoured: nothing before it has passed.
	e.clock.Set(utc("2026-11-25 14:00").Add(500 * time.Millisecond))
	e.disp.RunOnce(ctx)
	if e.sender.calls() != 1 {
		t.Fatal("retried before retry_after")
	}
	time.Sleep(1100 * time.Millisecond) // the pacer's pause is in real time
	e.clock.Set(utc("2026-11-25 14:00").Add(1100 * time.Millisecond))
	e.disp.RunOnce(ctx) // temporary error now
	if e.sender.calls() != 2 {
		t.Fatalf("calls = %d", e.sender.calls())
	}
	e.clock.Set(utc("2026-11-25 14:00").Add(time.Second))
	e.disp.RunOnce(ctx)
	if e.sender.calls() != 2 {
		t.Fatal("retried without backing off")
	}
	e.clock.Set(utc("2026-11-25 14:00").Add(10 * time.Second))
	e.disp.RunOnce(ctx)
	if got := e.sender.messages(); len(got) != 1 {
		t.Fatalf("delivered %d after backoff", len(got))
	}
}

func TestTemporaryErrorsGiveUp(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "UTC", "23:00", "07:00")
	e.send(u, "/remind caffeine on")
	e.sender.fail = func(n int, chatID string) error { return &bot.TemporaryError{Err: errBoom} }
	e.at(utc("2026-11-25 14:00"))
	for i := 0; i < 20; i++ {
		e.clock.Set(utc("2026-11-25 14:00").Add(time.Duration(i) * time.Minute))
		e.disp.RunOnce(ctx)
	}
	if c := e.sender.calls(); c != 5 {
		t.Fatalf("%d attempts, want the bound of 5", c)
	}
}

func TestPauseAndResume(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "UTC", "23:00", "07:00")
	e.press(u, "rm/setup")
	mustContain(t, e.send(u, "/pause 2"), "paused until 27 Nov 2026 at 12:00")
	if got := e.every(utc("2026-11-25 13:59"), utc("2026-11-25 14:01")); len(got) != 0 {
		t.Fatal("sent while paused")
	}
	mustContain(t, e.send(u, "/pause 500"), "from 1 to 90")
	// The pause ends by itself.
	e.at(utc("2026-11-27 12:01"))
	if got := e.at(utc("2026-11-27 14:00")); len(got) != 2 { // caffeine + water at 14:00
		t.Fatalf("after the pause ended: %d messages", len(got))
	}
	mustContain(t, e.send(u, "/pause"), "until you resume")
	mustContain(t, e.send(u, "/resume"), "running again", "Caffeine cutoff: 14:00, on")
	if got := e.at(utc("2026-11-28 14:00")); len(got) != 2 {
		t.Fatalf("after /resume: %d", len(got))
	}
}

func TestRemindCommandInputs(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "Europe/Berlin", "22:30", "07:00")
	tests := []struct{ in, want string }{
		{"/remind", "Tell me which reminder"},
		{"/remind teeth 21:00", "I don't know a reminder called “teeth”"},
		{"/remind stretch 25:99", "“25:99” isn't something I understand"},
		{"/remind stretch every 2h", "only makes sense for water"},
		{"/remind water every 9h", "from 30 minutes to 6 hours"},
		{"/remind water every 20m", "from 30 minutes to 6 hours"},
		{"/remind water every 90m", "Water: 07:00, 08:30, 10:00, 11:30, 13:00, 14:30, 16:00, 17:30, 19:00 and 20:30 every day"},
		{"/remind water every an hour and a half", "Water: 07:00, 08:30,"},
		{"/remind stretch in 2h", "Okay: one evening stretch reminder today at 15:00."},
		{"/remind stretch in 3 days", "how long from now, up to a day"},
		{"/remind stretch half past nine", "Evening stretch: 21:30 every day"},
		{"/remind stretch 10", "Evening stretch: 22:00 every day"},
		{"/remind morning 7", "Morning check-in: 07:00 every day"},
		{"/remind water every 2h", "Water: 07:00, 09:00, 11:00, 13:00, 15:00, 17:00 and 19:00 every day"},
		{"/remind stretch cron 45 21 * * 1-5", "Evening stretch: cron 45 21 * * 1-5"},
		{"/remind stretch cron * * * * *", "more than 48 times a day"},
		{"/remind stretch cron 0 0 30 2 *", "it never fires"},
		{"/remind stretch cron nonsense", "I can't use that cron spec"},
		{"/remind stretch cron @every 1h", "I can't use that cron spec"},
		{"/remind stretch cron CRON_TZ=Asia/Tokyo 0 21 * * *", "I can't use that cron spec"},
		{"/remind stretch 9:45 pm", "Evening stretch: 21:45 every day"},
		{"/remind stretch default", "Evening stretch: 22:00 every day, following your bedtime"},
		{"/remind coffee off", "Caffeine cutoff reminders are off"},
	}
	for _, tt := range tests {
		mustContain(t, e.send(u, tt.in), tt.want)
	}
	mustContain(t, e.press(u, "rm/bogus"), "doesn't work any more")
	mustContain(t, e.press(u, "rm/on/teeth"), "doesn't work any more")
}

func TestOnboardingOffersReminders(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := "tg:7"
	e.send(u, "/start")
	e.press(u, "start/yes")
	e.press(u, "start/zone/UTC")
	req := &bot.Request{Platform: bot.PlatformTelegram, UserID: u, ChatID: "7", Private: true, Payload: "start/bed/22:30"}
	out := e.core.Handle(ctx, req)
	if len(out) != 1 || len(out[0].Buttons) != 1 || out[0].Buttons[0][0].Payload != "rm/setup" {
		t.Fatalf("the end of onboarding does not offer reminders: %+v", out)
	}
	mustContain(t, e.press(u, "rm/setup"), "all reminders are on", "Evening stretch: 22:00, on", "Wind-down: 21:30, on", "Morning check-in: 07:00, on")
	if got := e.at(utc("2026-11-25 21:30")); len(got) != 1 || !strings.Contains(got[0].resp.Text, "Wind-down") {
		t.Fatalf("wind-down after setup: %v", got)
	}
	if got := e.at(utc("2026-11-25 22:00")); len(got) != 1 || !strings.Contains(got[0].resp.Text, "Evening stretch") {
		t.Fatalf("stretch after setup: %v", got)
	}
}

// TestSnoozeIsOnePerKind: pressing Snooze many times (on one reminder or
// many) keeps one pending snooze per kind, and it fires once.
func TestSnoozeIsOnePerKind(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("1", "UTC", "23:30", "07:00")
	e.send(u, "/remind stretch on")
	e.clock.Set(utc("2026-11-25 20:00"))
	for i := range 500 {
		if i%2 == 0 {
			e.press(u, "rm/s15/stretch")
		} else {
			e.press(u, "rm/s60/stretch")
		}
	}
	e.press(u, "rm/s15/stretch") // the last press wins: 20:15
	rs, err := e.store.Reminders(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	snoozes := 0
	for _, r := range rs {
		if r.OneOff {
			snoozes++
		}
	}
	if snoozes != 1 {
		t.Fatalf("%d pending snoozes after 501 presses, want 1", snoozes)
	}
	if got := e.every(utc("2026-11-25 20:01"), utc("2026-11-25 21:30")); len(got) != 1 {
		t.Fatalf("%d snoozed reminders sent, want 1", len(got))
	}
}

// TestToggleKeepsButtonPlaces: in /reminders with every reminder off, the
// toggles come first and "Turn them all on" last, so turning one on (which
// takes "Turn them all on" away) leaves every toggle in its place: at the
// console, where buttons are pressed by number, a number keeps meaning the
// same reminder.
func TestToggleKeepsButtonPlaces(t *testing.T) {
	e := newEnv(t, utc("2026-11-25 12:00"))
	u := e.user("8", "UTC", "23:30", "07:00")
	list := func() []string {
		req := &bot.Request{Platform: bot.PlatformTelegram, UserID: u, ChatID: "8", Private: true, Command: "reminders"}
		out := e.core.Handle(ctx, req)
		var payloads []string
		for _, r := range out {
			for _, row := range r.Buttons {
				for _, b := range row {
					payloads = append(payloads, strings.Replace(strings.Replace(b.Payload, "/on/", "/", 1), "/off/", "/", 1))
				}
			}
		}
		return payloads
	}
	before := list()
	if len(before) < 3 || before[len(before)-1] != "rm/setup" {
		t.Fatalf("with every reminder off, want the toggles then Turn them all on: %v", before)
	}
	e.press(u, "rm/on/"+strings.TrimPrefix(before[0], "rm/"))
	after := list()
	for i, p := range after {
		if p != before[i] {
			t.Fatalf("turning one on moved the buttons: before %v, after %v", before, after)
		}
	}
}
