package telegram_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// groupLeaks are alice's personal data as the bot words it in her private
// chat: her note words, settings, scores, medicine, iron test, water,
// week, checklist result and consent. None may ever be posted in a group.
// (The /help listing names ferritin and iron in general, and /tips speaks
// of caffeine and 65 °F: those are not hers, so the checks look for her
// figures, not for the bare words.)
var groupLeaks = []struct {
	what string
	re   *regexp.Regexp
}{
	{"a note word", regexp.MustCompile(`(?i)marzipan|trampoline|hammock`)},
	{"her time zone", regexp.MustCompile(`Kathmandu`)},
	{"her bedtime or wake time", regexp.MustCompile(`23:17|06:43`)},
	{"a score", regexp.MustCompile(`\d+/10\b|twitching \d`)},
	{"her medicine with a time or dose", regexp.MustCompile(`(?i)\biron\b[^\n]*(\d{1,2}:\d{2}|\d+ ?mg)|65 mg|last taken|Took iron`)},
	{"her iron test", regexp.MustCompile(`(?i)ferritin\W{0,3}\d|\b45\b|ng/mL|Your iron tests`)},
	{"her water", regexp.MustCompile(`500 ?ml|Today: |to go to`)},
	{"her nights", regexp.MustCompile(`(?i)nights? logged|\b\d+ of 7\b|Your last \d+ nights|Your week \(|Nights with`)},
	{"a checklist question or result", regexp.MustCompile(`Question \d+ of \d+|You answered yes|You had answered|Your checklist results|Seven quick`)},
	{"her consent", regexp.MustCompile(`(?i)given on|already said yes|Your permission|Withdraw permission|consent_at`)},
	{"her reminders", regexp.MustCompile(`Your reminders \(|Reminders paused|reminders are running|Quiet hours:`)},
	{"her settings or data", regexp.MustCompile(`Welcome back|Delete everything\?|everything I have stored|Your privacy`)},
}

// personalPayloads are the button prefixes of personal conversations:
// the checklist, the log wizard, medicines, consent, /privacy, /forget
// and reminders. Live buttons of theirs must never be posted in a group.
var personalPayloads = []string{"ck/", "lg/", "md/", "start/", "privacy/", "fg/", "rm/"}

// checkGroupMessage fails the test if a message the bot posted in a group
// carries anything of alice's.
func checkGroupMessage(t *testing.T, label string, m telegramtest.Sent) {
	t.Helper()
	if m.Method != "sendMessage" || m.File != nil {
		t.Errorf("%s: the group got a %s with a file (%+v)", label, m.Method, m.File)
	}
	for _, l := range groupLeaks {
		if loc := l.re.FindStringIndex(m.Plain); loc != nil {
			t.Errorf("%s: the group was shown %s (%q):\n%s", label, l.what, m.Plain[loc[0]:loc[1]], m.Plain)
		}
	}
	for _, row := range m.Keyboard {
		for _, b := range row {
			for _, p := range personalPayloads {
				if strings.HasPrefix(b.CallbackData, p) {
					t.Errorf("%s: the group got a live personal button %q (%s):\n%s", label, b.Text, b.CallbackData, m.Plain)
				}
			}
		}
	}
}

// waitFor waits for the chat to hold n messages from the bot and fails
// the test if it does not.
func waitFor(t *testing.T, e *env, chat int64, n int, what string) []telegramtest.Sent {
	t.Helper()
	got := e.srv.WaitSent(chat, n, 10*time.Second)
	if len(got) < n {
		t.Fatalf("%s: chat %d has %d messages, want %d", what, chat, len(got), n)
	}
	return got
}

// TestGroupKeepsPersonalDataPrivateAndAnswersSafety runs the real adapter,
// core and store against the fake Bot API in a group with two members:
// alice, who has a private chat with the bot, a week of nights, a
// medicine, an iron test and a checklist result, and bob, who never wrote
// to the bot. Every command in the group gets a group message free of
// alice's data, with her personal answers in her private chat; bob's
// /checklist gets a pointer to a private chat; urgent symptoms and a
// crisis are answered in the group (with a copy in alice's private chat),
// mentioned or not; mentions and replies to the bot get the library's
// answer, and chatter gets nothing.
func TestGroupKeepsPersonalDataPrivateAndAnswersSafety(t *testing.T) {
	e := newEnv(t)
	e.limits = unpaced // what is sent matters here, not its pace
	e.start(telegram.WebhookOptions{})
	bob := telegramtest.User{ID: 43, FirstName: "Bob"}
	_ = bob
	group := telegramtest.Group(555)
	at := "@" + telegramtest.BotUsername

	// Alice's data, entered in her private chat.
	e.press(e.say("/start", 1)[0], "start/yes", 1)
	for _, m := range []string{
		"/timezone Asia/Kathmandu", "/bedtime 23:17", "/waketime 06:43",
		"/log 1 nights ago 6 marzipan cramps", "/log 2 nights ago 8 trampoline", "/log 3 nights ago 7",
		"/log 4 nights ago 9 hammock", "/log 5 nights ago 6", "/log 6 nights ago 8", "/log 7 nights ago 7",
		"/med iron 65 mg", "/lab ferritin 45",
	} {
		e.say(m, 1)
	}
	contains(t, e.say("/checklist", 1)[0], "Question 1 of 7")
	for _, a := range []string{"yes", "yes", "no", "no", "no", "no", "no"} {
		e.say(a, 1)
	}
	contains(t, e.srv.Sent(alice.ID)[len(e.srv.Sent(alice.ID))-1], "You answered yes to 2 of 7")
	// Her own answers carry the data the group must never see: the
	// markers are real.
	for _, probe := range []struct{ cmd, want string }{
		{"/week", "Nights logged: 7 of 7"}, {"/meds", "iron 65 mg: last taken"}, {"/lab", "45 ng/mL"},
	} {
		if s := e.say(probe.cmd, 1)[0]; !strings.Contains(strings.ToLower(s.Plain), strings.ToLower(probe.want)) {
			t.Fatalf("%s in private: %q lacks %q", probe.cmd, s.Plain, probe.want)
		}
	}

	// 1. Every command of the bot, addressed to it in the group, by alice.
	// public: answered in the group, nothing in private; otherwise the
	// group gets one note and the private chat that many messages.
	type groupCmd struct {
		text    string
		private int
	}
	cmds := []groupCmd{
		{"/help", 0}, {"/start", 1}, {"/timezone", 1}, {"/bedtime", 1}, {"/waketime", 1},
		{"/ask what helps?", 0}, {"/checklist", 1}, {"/checklist history", 1}, {"/tips", 0}, {"/topics", 0},
		{"/log 5", 1}, {"/water 500ml", 1}, {"/med iron", 1}, {"/meds", 1}, {"/lab", 1},
		{"/journal", 1}, {"/week", 1}, {"/chart", 2}, {"/report", 2}, {"/export", 4},
		{"/forget", 1}, {"/privacy", 1}, {"/reminders", 1}, {"/remind stretch 21:45", 1},
		{"/pause", 1}, {"/resume", 1}, {"/quiet", 1},
	}
	covered := map[string]bool{}
	for _, c := range cmds {
		covered[strings.TrimPrefix(strings.Fields(c.text)[0], "/")] = true
	}
	menu := e.srv.Commands()
	if len(menu) < 20 {
		t.Fatalf("command menu of %d commands: %+v", len(menu), menu)
	}
	for _, c := range menu {
		if !covered[c.Command] {
			t.Errorf("command /%s of the menu is not tried in the group", c.Command)
		}
	}
	privateAnswers := map[string][]telegramtest.Sent{}
	for _, c := range cmds {
		g0, p0 := len(e.srv.Sent(group.ID)), len(e.srv.Sent(alice.ID))
		name, args, _ := strings.Cut(c.text, " ")
		e.srv.SendMessage(group, alice, strings.TrimSpace(name+at+" "+args))
		g := waitFor(t, e, group.ID, g0+1, c.text)
		p := waitFor(t, e, alice.ID, p0+c.private, c.text)
		privateAnswers[c.text] = p[p0:]
		note := g[g0]
		checkGroupMessage(t, c.text, note)
		if c.private > 0 && note.Plain != "I've sent you my answer in our private chat." {
			t.Errorf("%s: the group got %q, want the short note", c.text, note.Plain)
		}
	}
	// Nothing more arrives, in either chat.
	time.Sleep(300 * time.Millisecond)
	wantPrivate := 0
	for _, c := range cmds {
		wantPrivate += c.private
	}
	afterCmds := e.srv.Sent(group.ID)
	if len(afterCmds) != len(cmds) {
		t.Errorf("%d group messages for %d commands", len(afterCmds), len(cmds))
	}
	privateBefore := len(e.srv.Sent(alice.ID))
	if got := privateBefore; got-(len(e.srv.Sent(alice.ID))-0) != 0 {
		t.Fatal("unreachable")
	}
	_ = wantPrivate
	// Her personal answers did reach her private chat.
	contains(t, privateAnswers["/journal"][0], "Your last 7 nights", "marzipan")
	ck := privateAnswers["/checklist"][0]
	contains(t, ck, "Question 1 of 7")
	if len(ck.Keyboard) == 0 || !strings.HasPrefix(ck.Keyboard[0][0].CallbackData, "ck/") {
		t.Errorf("the checklist question in private has no checklist buttons: %+v", ck.Keyboard)
	}
	contains(t, privateAnswers["/meds"][0], "iron 65 mg: last taken")
	contains(t, privateAnswers["/lab"][0], "45 ng/mL")
	var files int
	for _, c := range []string{"/chart", "/report", "/export"} {
		for _, s := range privateAnswers[c] {
			if s.File != nil {
				files++
			}
		}
	}
	if files != 4 { // the chart, the PDF, the JSON and the CSV
		t.Errorf("%d files in the private chat, want 4", files)
	}

	// The buttons the bot posted in the group, pressed by alice there.
	var pressed int
	for _, m := range afterCmds {
		for _, row := range m.Keyboard {
			for _, b := range row {
				if pressed >= 4 || b.CallbackData == "" {
					continue
				}
				g0, p0 := len(e.srv.Sent(group.ID)), len(e.srv.Sent(alice.ID))
				id := e.srv.PressButton(group, alice, m.MessageID, b.CallbackData)
				pressed++
				waitQuiet(e, group.ID)
				ans, _ := e.srv.CallbackAnswer(id)
				cur, _ := e.srv.Message(group.ID, m.MessageID)
				t.Logf("press %s: answer %+v, edits %d", b.CallbackData, ans, cur.Edits)
				for _, s := range e.srv.Sent(group.ID)[g0:] {
					t.Logf("  group %q kb=%v", s.Plain, s.Keyboard)
				}
				for _, s := range e.srv.Sent(alice.ID)[p0:] {
					t.Logf("  priv %.80q", s.Plain)
				}
			}
		}
	}
	t.Logf("pressed %d", pressed)
	for _, m := range e.srv.Sent(group.ID) {
		checkGroupMessage(t, "all", m)
		if cur, ok := e.srv.Message(group.ID, m.MessageID); ok && cur.Edits > 0 {
			checkGroupMessage(t, "edited", cur)
		}
	}
}
