package telegram_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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
	{"her water", regexp.MustCompile(`500 ml|Today: |to go to`)},
	{"her nights", regexp.MustCompile(`(?i:nights? logged)|\b\d+ of 7\b|Your last \d+ nights|Your week \(`)},
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

// waitFor waits for the chat to hold n messages from the bot, and fails
// the test if it holds fewer, or more (updates of a chat are handled in
// order, so a message too many has arrived by the time the next
// expected one has).
func waitFor(t *testing.T, e *env, chat int64, n int, what string) []telegramtest.Sent {
	t.Helper()
	got := e.srv.WaitSent(chat, n, 30*time.Second) // a chart or a PDF under -race on a busy machine
	if len(got) != n {
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
	t.Parallel() // it waits on its own fakes; others overlap it
	e := newEnv(t)
	e.limits = unpaced // what is sent matters here, not its pace
	e.start(telegram.WebhookOptions{})
	bob := telegramtest.User{ID: 43, FirstName: "Bob"}
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

	// 1. Every command of the bot, addressed to it in the group, by alice
	// (the menu the bot published with setMyCommands must be covered).
	// The group gets one message for each: the general answer (public,
	// with nothing in private) or the short note, with private messages
	// in her private chat.
	const note = "I've sent you my answer in our private chat."
	type groupCmd struct {
		text    string
		private int    // messages in her private chat
		public  string // the start of the answer in the group, "" for the note
	}
	cmds := []groupCmd{
		{"/help", 0, "Here's what I can do"}, {"/start", 1, ""}, {"/timezone", 1, ""}, {"/bedtime", 1, ""}, {"/waketime", 1, ""},
		{"/ask can dehydration make my legs twitch?", 0, "Dehydration"}, {"/checklist", 1, ""}, {"/checklist history", 1, ""},
		{"/tips", 0, "Six steps to calmer nights"}, {"/topics", 0, "What I can explain"},
		{"/log 5", 1, ""}, {"/water 500ml", 1, ""}, {"/med iron", 1, ""}, {"/meds", 1, ""}, {"/lab", 1, ""},
		{"/journal", 1, ""}, {"/week", 1, ""}, {"/chart", 2, ""}, {"/report", 2, ""}, {"/export", 4, ""},
		{"/forget", 1, ""}, {"/privacy", 1, ""}, {"/reminders", 1, ""}, {"/remind stretch 21:45", 1, ""},
		{"/pause", 1, ""}, {"/resume", 1, ""}, {"/quiet", 1, ""},
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
			// A command this walk has no row for (a new feature's) is
			// tried bare: the group gets the short note or a public
			// answer, and no personal data either way (private -1: as
			// many private messages as it sends, at least one after the
			// note).
			cmds = append(cmds, groupCmd{"/" + c.Command, -1, ""})
		}
	}
	extraPrivate := 0
	privateAnswers := map[string][]telegramtest.Sent{}
	privateStart := len(e.srv.Sent(alice.ID))
	for _, c := range cmds {
		g0, p0 := len(e.srv.Sent(group.ID)), len(e.srv.Sent(alice.ID))
		name, args, _ := strings.Cut(c.text, " ")
		e.srv.SendMessage(group, alice, strings.TrimSpace(name+at+" "+args))
		g := waitFor(t, e, group.ID, g0+1, c.text)
		if c.private < 0 {
			e.idle()
			n := len(e.srv.Sent(alice.ID)) - p0
			if g[g0].Plain == note && n == 0 {
				t.Errorf("%s: the group got the note, and nothing came in private", c.text)
			}
			extraPrivate += n
			checkGroupMessage(t, c.text, g[g0])
			continue
		}
		p := waitFor(t, e, alice.ID, p0+c.private, c.text)
		privateAnswers[c.text] = p[p0:]
		checkGroupMessage(t, c.text, g[g0])
		switch {
		case c.public == "" && g[g0].Plain != note:
			t.Errorf("%s: the group got %q, want the short note", c.text, g[g0].Plain)
		case c.public != "" && !strings.HasPrefix(g[g0].Plain, c.public):
			t.Errorf("%s: the group got %q, want %q", c.text, g[g0].Plain, c.public)
		}
	}
	// Nothing more arrives, in either chat.
	e.idle()
	wantPrivate := extraPrivate
	for _, c := range cmds {
		wantPrivate += max(c.private, 0)
	}
	afterCmds := e.srv.Sent(group.ID)
	if len(afterCmds) != len(cmds) {
		t.Errorf("%d group messages for %d commands", len(afterCmds), len(cmds))
	}
	if got := len(e.srv.Sent(alice.ID)) - privateStart; got != wantPrivate {
		t.Errorf("%d private messages for the commands in the group, want %d", got, wantPrivate)
	}
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

	// The buttons the bot posted in the group, pressed by alice there:
	// each answer is posted in the group (it is the library's), and
	// nothing goes to her private chat.
	byText := func(prefix string) telegramtest.Sent {
		t.Helper()
		for _, m := range e.srv.Sent(group.ID) {
			if strings.HasPrefix(m.Plain, prefix) {
				return m
			}
		}
		t.Fatalf("no group message starting with %q", prefix)
		return telegramtest.Sent{}
	}
	pressInGroup := func(who telegramtest.User, m telegramtest.Sent, data string, group1, private1 int) []telegramtest.Sent {
		t.Helper()
		g0, p0 := len(e.srv.Sent(group.ID)), len(e.srv.Sent(alice.ID))
		id := e.srv.PressButton(group, who, m.MessageID, data)
		g := waitFor(t, e, group.ID, g0+group1, "press "+data)
		waitFor(t, e, alice.ID, p0+private1, "press "+data)
		if _, ok := e.srv.CallbackAnswer(id); !ok {
			t.Errorf("press %s: the button press was not answered", data)
		}
		for _, s := range g[g0:] {
			checkGroupMessage(t, "press "+data, s)
		}
		return g[g0:]
	}
	tips := byText("Six steps to calmer nights")
	contains(t, pressInGroup(alice, tips, button(t, tips, "Browse topics"), 1, 0)[0], "What I can explain")
	topics := byText("What I can explain")
	part := pressInGroup(alice, topics, button(t, topics, "What's going on"), 1, 0)[0]
	topic := button(t, part, "What a twitch is")
	if !strings.HasPrefix(topic, "tp/t/") {
		t.Fatalf("topic button %q", topic)
	}
	pressInGroup(alice, part, topic, 1, 0)
	// A forged press of a personal button (any client can send any
	// data): the checklist does not start in the group.
	forged := pressInGroup(alice, tips, "ck/restart", 1, 1)
	if forged[0].Plain != note {
		t.Errorf("forged checklist press: the group got %q", forged[0].Plain)
	}
	contains(t, e.srv.Sent(alice.ID)[len(e.srv.Sent(alice.ID))-1], "Question 1 of 7")

	// 2. Bob has no private chat: /checklist in the group gets a pointer
	// to one, no question, and no checklist waiting for his answers (that
	// nothing else is posted shows when the next answer in the group is
	// the next one there).
	g0 := len(e.srv.Sent(group.ID))
	e.srv.SendMessage(group, bob, "/checklist"+at)
	ptr := waitFor(t, e, group.ID, g0+1, "bob's /checklist")[g0]
	contains(t, ptr, "Open a private chat with me ("+at+")")
	checkGroupMessage(t, "bob's /checklist", ptr)
	if len(ptr.Keyboard) != 0 {
		t.Errorf("bob's /checklist: buttons %+v", ptr.Keyboard)
	}
	if conv, err := e.store.Conversation(ctx, "tg:43"); err == nil {
		t.Errorf("bob's /checklist started a conversation: %+v", conv)
	}

	// 3. Safety. Urgent symptoms, addressed to the bot: the urgent answer
	// in the group, and a copy in the private chat of whoever has one.
	// Ordinary chatter first: it gets nothing (the urgent answer, which
	// comes after it in the same chat, shows it was handled).
	urgent := at + " my right leg went weak this morning and my face feels funny"
	g0 = len(e.srv.Sent(group.ID))
	e.srv.SendMessage(group, bob, "anyone else twitching at night?")
	e.srv.SendMessage(group, bob, urgent)
	got := waitFor(t, e, group.ID, g0+1, "bob's urgent message")
	contains(t, got[g0], "Please seek urgent medical care now")
	checkGroupMessage(t, "bob's urgent message", got[g0])
	if len(e.srv.Sent(bob.ID)) != 0 {
		t.Errorf("bob, who never wrote to the bot, got private messages: %+v", e.srv.Sent(bob.ID))
	}
	g0, p0 := len(e.srv.Sent(group.ID)), len(e.srv.Sent(alice.ID))
	e.srv.SendMessage(group, alice, urgent)
	got = waitFor(t, e, group.ID, g0+1, "alice's urgent message")
	contains(t, got[g0], "Please seek urgent medical care now")
	contains(t, waitFor(t, e, alice.ID, p0+1, "alice's urgent message")[p0], "Please seek urgent medical care now")
	// A crisis, not addressed to the bot, from each: the crisis answer in
	// the group, with no tips.
	crisis := "honestly i just want to end it all, these legs"
	for _, who := range []telegramtest.User{bob, alice} {
		g0, p0 := len(e.srv.Sent(group.ID)), len(e.srv.Sent(alice.ID))
		e.srv.SendMessage(group, who, crisis)
		m := waitFor(t, e, group.ID, g0+1, who.FirstName+"'s crisis message")[g0]
		contains(t, m, "not alone")
		if !strings.Contains(m.Plain, "findahelpline.com") && !regexp.MustCompile(`\b(112|911|999|000)\b`).MatchString(m.Plain) {
			t.Errorf("%s's crisis: no crisis line and no emergency number:\n%s", who.FirstName, m.Plain)
		}
		if strings.Contains(m.Plain, "Six steps") || strings.Contains(m.Plain, "stretch") || len(m.Keyboard) != 0 {
			t.Errorf("%s's crisis: tips or buttons with the crisis answer:\n%s %+v", who.FirstName, m.Plain, m.Keyboard)
		}
		checkGroupMessage(t, who.FirstName+"'s crisis message", m)
		if who.ID == alice.ID {
			contains(t, waitFor(t, e, alice.ID, p0+1, "alice's crisis message")[p0], "not alone")
		}
	}
	if len(e.srv.Sent(bob.ID)) != 0 {
		t.Errorf("bob got private messages: %+v", e.srv.Sent(bob.ID))
	}

	// 4. A question that mentions the bot is answered in the group.
	g0 = len(e.srv.Sent(group.ID))
	e.srv.SendMessage(group, bob, at+" does coffee make it worse?")
	coffee := waitFor(t, e, group.ID, g0+1, "the mention")[g0]
	contains(t, coffee, "caffeine")
	checkGroupMessage(t, "the mention", coffee)
	// So is a reply to one of the bot's messages, while a reply to
	// another member is chatter.
	chat := tgbotapi.Chat{ID: group.ID, Type: "group"}
	bobUser := tgbotapi.User{ID: bob.ID, FirstName: bob.FirstName}
	aliceUser := tgbotapi.User{ID: alice.ID, FirstName: alice.FirstName}
	botUser := e.srv.BotUser()
	g0 = len(e.srv.Sent(group.ID))
	e.srv.AddUpdate(tgbotapi.Update{Message: &tgbotapi.Message{From: &aliceUser, Chat: &chat, Text: "does magnesium help?",
		ReplyToMessage: &tgbotapi.Message{MessageID: 1, From: &bobUser, Chat: &chat, Text: "anyone else twitching at night?"}}})
	e.srv.AddUpdate(tgbotapi.Update{Message: &tgbotapi.Message{From: &bobUser, Chat: &chat, Text: "and does alcohol make it worse?",
		ReplyToMessage: &tgbotapi.Message{MessageID: coffee.MessageID, From: &botUser, Chat: &chat, Text: coffee.Plain}}})
	reply := waitFor(t, e, group.ID, g0+1, "the reply to the bot")[g0]
	contains(t, reply, "alcohol")
	if strings.Contains(reply.Plain, "agnesium") {
		t.Errorf("the reply to another member was answered:\n%s", reply.Plain)
	}
	checkGroupMessage(t, "the reply to the bot", reply)

	// Nothing more arrives; every group message, as sent and as it is
	// now, is free of alice's data.
	privateEnd := len(e.srv.Sent(alice.ID))
	e.idle()
	if n := len(e.srv.Sent(group.ID)); n != g0+1 {
		t.Errorf("%d group messages after the reply, want %d", n, g0+1)
	}
	if n := len(e.srv.Sent(alice.ID)); n != privateEnd {
		t.Errorf("%d more private messages after the reply", n-privateEnd)
	}
	if n := len(e.srv.Sent(bob.ID)); n != 0 {
		t.Errorf("bob, who never wrote to the bot privately, got %d private messages", n)
	}
	for _, m := range e.srv.Sent(group.ID) {
		checkGroupMessage(t, "group message", m)
		if cur, ok := e.srv.Message(group.ID, m.MessageID); ok && cur.Edits > 0 {
			checkGroupMessage(t, "edited group message", cur)
		}
	}
	t.Logf("%d commands in the group, %d group messages, %d in alice's private chat", len(cmds), len(e.srv.Sent(group.ID)), len(e.srv.Sent(alice.ID)))
}
