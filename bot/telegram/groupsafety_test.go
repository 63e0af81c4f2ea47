package telegram_test

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

func TestGroupSafetyExplore(t *testing.T) {
	e := newEnv(t)
	e.limits = unpaced
	e.start(telegram.WebhookOptions{})
	e.press(e.say("/start", 1)[0], "start/yes", 1)
	for _, m := range []string{"/timezone Asia/Kathmandu", "/bedtime 23:17", "/waketime 06:43",
		"/log 1 nights ago 6 marzipan cramps", "/log 2 nights ago 8 trampoline", "/log 3 nights ago 7", "/log 4 nights ago 9 hammock",
		"/log 5 nights ago 6", "/log 6 nights ago 8", "/log 7 nights ago 7", "/med iron 65 mg", "/lab ferritin 45"} {
		for _, s := range e.say(m, 1) {
			t.Logf("PRIV %s -> %q", m, s.Plain)
		}
	}
	e.say("/checklist", 1)
	for _, a := range []string{"yes", "yes", "no", "no", "no", "no", "no"} {
		e.say(a, 1)
	}
	group := telegramtest.Group(555)
	for _, c := range e.srv.Commands() {
		t.Logf("CMD %s", c.Command)
	}
	cmds := []string{"/help", "/start", "/timezone", "/bedtime", "/waketime", "/ask what helps?", "/checklist", "/checklist history", "/tips", "/topics", "/log 5", "/water 500ml", "/med iron", "/meds", "/lab", "/journal", "/week", "/chart", "/report", "/export", "/forget", "/privacy", "/reminders", "/pause", "/resume", "/quiet"}
	for _, c := range cmds {
		g0, p0 := len(e.srv.Sent(group.ID)), len(e.srv.Sent(alice.ID))
		name, args, _ := strings.Cut(c, " ")
		e.srv.SendMessage(group, alice, strings.TrimSpace(name+"@CalmNightsBot "+args))
		waitQuiet(e, group.ID)
		for _, s := range e.srv.Sent(group.ID)[g0:] {
			t.Logf("GROUP %s -> %s %q kb=%v", c, s.Method, s.Plain, s.Keyboard)
		}
		for _, s := range e.srv.Sent(alice.ID)[p0:] {
			t.Logf("   priv %s -> %s %.80q", c, s.Method, s.Plain)
		}
	}
}
