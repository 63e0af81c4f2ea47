package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/discord/discordtest"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// binary is the calmnights program for these tests: a link named
// calmnights to this test binary, which then runs main (see TestMain).
var binary string

func TestMain(m *testing.M) {
	// A child process (the fast, soak and replica children) runs the
	// program from this test binary and needs no binary built.
	for _, v := range []string{"CALMNIGHTS_FAST_CHILD", "CALMNIGHTS_SOAK_CHILD", "CALMNIGHTS_REPLICA_CHILD"} {
		if os.Getenv(v) == "1" {
			os.Exit(m.Run())
		}
	}
	// Started through the link below, this test binary is the program:
	// the same main, without linking a second binary of the same code.
	if filepath.Base(os.Args[0]) == "calmnights" {
		main()
	}
	dir, err := os.MkdirTemp("", "calmnights-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "calmnights")
	self, err := os.Executable()
	if err == nil {
		err = os.Symlink(self, binary)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "link calmnights:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runBinary runs calmnights with args, stdin and extra environment, in a
// clean environment without tokens.
func runBinary(t *testing.T, db, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{"CALMNIGHTS_DB=" + db, "TZ=Europe/Madrid", "HOME=" + t.TempDir()}
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func contains(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q\n--- output ---\n%s", w, got)
		}
	}
}

// The scripted conversation from the issue, through the real binary.
func TestChatScript(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	db := filepath.Join(t.TempDir(), "calmnights.db")
	out, stderr, code := runBinary(t, db, "/start\n1\n/timezone Europe/Berlin\n/bedtime 22:30\n/help\n/timezone Mars/Olympus\n/bedtime 25:99\n/timezone\n/bedtime\n", "chat")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	contains(t, out,
		"Welcome to Calm Nights", "[1] Yes, keep my notes  [2] No, thanks",
		"> 1  [Yes, keep my notes]", "I have Europe/Madrid",
		"Done: your time zone is now Europe/Berlin",
		"Bedtime set to 22:30", "You're all set",
		"• /start: ", "• /help: ", "• /timezone [city | country | Area/City]: ", "• /bedtime [HH:MM]: ", "• /waketime [HH:MM]: ", "• /privacy: ",
		"I don't know a place or time zone called “Mars/Olympus”", "“25:99” isn't a time I understand",
		"Your time zone is Europe/Berlin", "Your bedtime is 22:30",
	)
	if stderr != "" {
		t.Errorf("console run wrote logs at the default level:\n%s", stderr)
	}
}

// Settings made in one run are there in the next (same database file), and
// the default subcommand is the console when no token is set.
func TestSettingsSurviveRestart(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	db := filepath.Join(t.TempDir(), "calmnights.db")
	if _, stderr, code := runBinary(t, db, "/timezone Asia/Tokyo\n/bedtime 21:15\n/waketime 6:00\n", "chat"); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	out, stderr, code := runBinary(t, db, "/timezone\n/bedtime\n/waketime\n")
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
	contains(t, out, "Your time zone is Asia/Tokyo", "Your bedtime is 21:15", "You usually get up at 06:00")
}

func TestVersionAndUsage(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	db := filepath.Join(t.TempDir(), "x.db")
	out, _, code := runBinary(t, db, "", "version")
	if code != 0 || !strings.HasPrefix(out, "calmnights ") {
		t.Fatalf("version: exit %d, %q", code, out)
	}
	if _, stderr, code := runBinary(t, db, "", "frobnicate"); code != exitUsage || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Fatalf("unknown subcommand: exit %d, %q", code, stderr)
	}
	if _, stderr, code := runBinary(t, db, "", "chat", "-log-format", "xml"); code != exitUsage || !strings.Contains(stderr, "want text or json") {
		t.Fatalf("bad flag value: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a usage error still created the database")
	}
}

// SIGTERM while the console waits for input: the process stops cleanly,
// exit 0, and the database is closed properly (SQLite removes the WAL file
// when the last connection closes cleanly).
func TestSIGTERMShutsDownCleanly(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	db := filepath.Join(t.TempDir(), "calmnights.db")
	cmd := exec.Command(binary, "chat", "-log-level", "info")
	cmd.Env = []string{"CALMNIGHTS_DB=" + db, "TZ=UTC"}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	pr, pw := io.Pipe()
	cmd.Stdout = pw
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(stdin, "/bedtime 22:00\n"); err != nil {
		t.Fatal(err)
	}
	// Wait for the reply, so the signal arrives while the console is idle.
	buf := make([]byte, 4096)
	var seen strings.Builder
	for !strings.Contains(seen.String(), "Bedtime set to 22:00") {
		n, err := pr.Read(buf)
		if err != nil {
			t.Fatalf("read reply: %v (so far %q)", err, seen.String())
		}
		seen.Write(buf[:n])
	}
	go io.Copy(io.Discard, pr)
	if _, err := os.Stat(db + "-wal"); err != nil {
		t.Fatalf("no WAL file while running: %v", err)
	}
	if _, err := terminate(cmd); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	pw.Close()
	if _, err := os.Stat(db + "-wal"); !os.IsNotExist(err) {
		t.Errorf("WAL file left behind: the database was not closed cleanly (%v)", err)
	}
	if !strings.Contains(stderr.String(), "msg=stopped") {
		t.Errorf("no clean stop in the log:\n%s", stderr.String())
	}
}

func TestConfig(t *testing.T) {
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte("  123:secret-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}

	c, err := loadConfig(nil, env(), false)
	if err != nil || c.DB != "calmnights.db" || c.LogFormat != "text" || c.LogLevel.String() != "INFO" {
		t.Fatalf("defaults: %+v, %v", c, err)
	}
	if c, _ := loadConfig(nil, env(), true); c.LogLevel.String() != "WARN" {
		t.Fatalf("console default level = %v", c.LogLevel)
	}
	c, err = loadConfig([]string{"-db", "flag.db", "-log-level", "debug"}, env("CALMNIGHTS_DB", "env.db", "CALMNIGHTS_LOG_LEVEL", "error", "CALMNIGHTS_LOG_FORMAT", "JSON"), false)
	if err != nil || c.DB != "flag.db" || c.LogLevel.String() != "DEBUG" || c.LogFormat != "json" {
		t.Fatalf("flags over env: %+v, %v", c, err)
	}
	c, err = loadConfig(nil, env("CALMNIGHTS_TELEGRAM_TOKEN_FILE", tokenFile, "CALMNIGHTS_DISCORD_TOKEN", "dc-token"), false)
	if err != nil || c.TelegramToken != "123:secret-from-file" || c.DiscordToken != "dc-token" {
		t.Fatalf("tokens: %v", err)
	}
	for name, e := range map[string]func(string) string{
		"both token and file": env("CALMNIGHTS_DISCORD_TOKEN", "a", "CALMNIGHTS_DISCORD_TOKEN_FILE", tokenFile),
		"missing file":        env("CALMNIGHTS_TELEGRAM_TOKEN_FILE", filepath.Join(dir, "nope")),
		"bad level":           env("CALMNIGHTS_LOG_LEVEL", "loud"),
	} {
		if _, err := loadConfig(nil, e, false); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Tokens never reach the logs, even at debug level.
func TestTokensNotLogged(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	db := filepath.Join(t.TempDir(), "calmnights.db")
	cmd := exec.Command(binary, "-log-level", "debug")
	cmd.Env = []string{"CALMNIGHTS_DB=" + db, "CALMNIGHTS_TELEGRAM_TOKEN=123456:SECRET-token-value", "CALMNIGHTS_DISCORD_TOKEN=discord.SECRET.value"}
	cmd.Stdin = strings.NewReader("")
	out, _ := cmd.CombinedOutput()
	if strings.Contains(string(out), "SECRET") {
		t.Fatalf("a token appears in the output:\n%s", out)
	}
	if !strings.Contains(string(out), "telegram=true") {
		t.Fatalf("the log does not say which front doors are configured:\n%s", out)
	}
}

func TestAskCommand(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	db := filepath.Join(t.TempDir(), "unused.db")
	tests := []struct {
		q     string
		code  int
		wants []string
	}{
		{"can dehydration make my legs twitch?", 0, []string{"Dehydration", "electrolytes such as sodium and potassium", "Related: "}},
		{"what is the capital of France?", exitNoAnswer, []string{"I can't answer that one"}},
		{"my arm feels weak and the twitching is spreading", 0, []string{"This is worth seeing a doctor about", "neurologist or a sleep specialist", "Not medical advice"}},
		{"I suddenly can't move my arm", 0, []string{"Please seek urgent medical care now"}},
		// The crisis tier, as in a chat: answered (exit 0), alone, with a line.
		{"my legs are so bad I just want to end it all", 0, []string{"you're not alone", "findahelpline.com", "someone you trust"}},
	}
	for _, tt := range tests {
		out, stderr, code := runBinary(t, db, "", "ask", tt.q)
		if strings.Contains(tt.q, "end it all") && (strings.Contains(out, "Related") || strings.Contains(out, "stretch")) {
			t.Errorf("the crisis answer carries more than crisis support: %s", out)
		}
		if code != tt.code {
			t.Errorf("ask %q: exit %d, want %d (%s)", tt.q, code, tt.code, stderr)
		}
		contains(t, out, tt.wants...)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("ask opened a database")
	}
	if _, _, code := runBinary(t, db, "", "ask"); code != exitUsage {
		t.Errorf("ask without a question: exit %d", code)
	}
}

func TestChecklistThroughTheBinary(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	script := func(answers ...string) string {
		return "/checklist\n" + strings.Join(answers, "\n") + "\n"
	}
	db := filepath.Join(t.TempDir(), "calmnights.db")
	out, stderr, code := runBinary(t, db, script("yes", "yes", "no", "no", "no", "no", "no"), "chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	contains(t, out, "Question 1 of 7", "[1] Yes  [2] No", "Question 7 of 7", "You answered yes to 2 of 7", "neurologist or a sleep specialist", "This is not a diagnosis")

	out, _, _ = runBinary(t, db, script("no", "no", "yes", "no", "no", "no", "no"), "chat")
	contains(t, out, "You answered yes to 1 of 7", "self-care")
	if strings.Contains(out[strings.LastIndex(out, "You answered"):], "neurologist") {
		t.Error("one yes still recommends a specialist")
	}

	// Back (by its button label) changes the first answer from yes to no.
	out, _, _ = runBinary(t, db, "/checklist\nyes\n« back\nno\nyes\nno\nno\nno\nno\nno\n", "chat")
	contains(t, out, "You had answered Yes here", "You answered yes to 1 of 7")
}

// The console demo of the reminders issue: a stretch reminder set for the
// next minute arrives while the chat is open, with its buttons.
func TestScriptedReminderArrivesOnTime(t *testing.T) {
	// It waits for the binary's next real minute (up to 110 s): CI runs it
	// (.ci/run sets CALMNIGHTS_SLOW_TESTS=1); `go test ./...` on a
	// developer's machine leaves it out, as the in-process reminder tests
	// (package reminders, on a fake clock) cover the same path.
	if testing.Short() || os.Getenv("CALMNIGHTS_SLOW_TESTS") != "1" {
		t.Skip("waits for the next minute; set CALMNIGHTS_SLOW_TESTS=1 to run it")
	}
	t.Parallel()
	db := filepath.Join(t.TempDir(), "calmnights.db")
	cmd := exec.Command(binary, "chat")
	cmd.Env = []string{"CALMNIGHTS_DB=" + db, "TZ=UTC"}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out lockedOutput
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// Room enough for the binary to start and read the commands before the
	// minute comes, on a busy machine: with 5 s, one CI run set it just
	// after the minute had passed ("Next one: tomorrow").
	due := time.Now().UTC().Add(time.Minute).Truncate(time.Minute)
	if time.Until(due) < 30*time.Second {
		due = due.Add(time.Minute)
	}
	// Quiet hours off: by default they run from bedtime to wake time, and
	// the test may run at any hour.
	fmt.Fprintf(stdin, "/timezone UTC\n/quiet off\n/remind stretch %s\n/help\n", due.Format("15:04"))
	deadline := due.Add(20 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(out.String(), "Evening stretch 🧘") {
		time.Sleep(100 * time.Millisecond)
	}
	arrived := time.Now()
	stdin.Close()
	cmd.Wait()
	got := out.String()
	contains(t, got, "Evening stretch: "+due.Format("15:04")+" every day", "• /reminders: ", "• /remind <kind>", "Evening stretch 🧘", "[1] Done ✓  [2] Snooze 15 min  [3] Snooze 1 h", "[4] Skip today  [5] Turn off")
	if late := arrived.Sub(due); late < 0 || late > 15*time.Second {
		t.Errorf("reminder due at %s arrived %s later", due.Format("15:04:05"), late)
	}
}

// lockedOutput collects a child's output while the test reads it.
type lockedOutput struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedOutput) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedOutput) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The journal issue's scripted run: consent, two nights, water, journal,
// chart, report, export, forget, and an empty journal after it; each step
// is checked, files included.
func TestJournalThroughTheBinary(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	dir := t.TempDir()
	cmd := exec.Command(binary, "chat")
	cmd.Dir = dir // the console saves files here
	cmd.Env = []string{"CALMNIGHTS_DB=" + filepath.Join(dir, "c.db"), "TZ=UTC"}
	cmd.Stdin = strings.NewReader("/start\n1\n2\n7\n/log 6\n/log yesterday 3\n/water 0.5\n/journal\n/chart\n/report\n/export\n/forget\n1\n/journal\n")
	outb, err := cmd.CombinedOutput()
	out := string(outb)
	if err != nil {
		t.Fatalf("exit: %v\n%s", err, out)
	}
	today := time.Now().UTC()
	step := func(after, want string) string {
		t.Helper()
		i := strings.Index(out, "> "+after+"\n")
		if i < 0 {
			t.Fatalf("no step %q in:\n%s", after, out)
		}
		rest := out[i+len(after)+3:]
		if j := strings.Index(rest, "\n> "); j >= 0 {
			rest = rest[:j]
		}
		if !strings.Contains(rest, want) {
			t.Errorf("after %q: want %q, got:\n%s", after, want, rest)
		}
		return rest
	}
	step("1  [Yes, keep my notes]", "Thank you")
	step("/log 6", "Saved the night to "+today.Format("Mon 2 Jan")+": twitching 6/10")
	step("/log yesterday 3", "twitching 3/10")
	step("/water 0.5", "Added 500 ml")
	step("/journal", "Nights logged: 2 of 7")
	saved := func(reply string) string {
		t.Helper()
		i := strings.Index(reply, "[file saved: ")
		if i < 0 {
			t.Fatalf("no file in: %s", reply)
		}
		name := reply[i+len("[file saved: "):]
		name = name[:strings.Index(name, "]")]
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if p := saved(step("/chart", "Your last 30 nights")); !strings.HasPrefix(p, "\x89PNG\r\n\x1a\n") {
		t.Error("the chart file is not a PNG")
	} else if _, err := png.Decode(strings.NewReader(p)); err != nil {
		t.Errorf("the chart does not decode: %v", err)
	}
	if p := saved(step("/report", "not a diagnosis")); !strings.HasPrefix(p, "%PDF-") || !strings.Contains(p[len(p)-64:], "%%EOF") {
		t.Error("the report is not a PDF")
	}
	exportReply := step("/export", "2 nights, 1 day of water")
	var ex map[string]any
	if err := json.Unmarshal([]byte(saved(exportReply)), &ex); err != nil {
		t.Errorf("export JSON: %v", err)
	} else if j, _ := ex["journal"].([]any); len(j) != 2 {
		t.Errorf("export journal has %d nights", len(j))
	}
	csvPart := exportReply[strings.Index(exportReply, "Your journal as CSV."):]
	if rows, err := csv.NewReader(strings.NewReader(saved(csvPart))).ReadAll(); err != nil || len(rows) != 3 {
		t.Errorf("export CSV: %v, %d rows", err, len(rows))
	}
	step("/forget", "Delete everything?")
	step("1  [Yes, delete everything]", "deleted everything")
	last := out[strings.LastIndex(out, "> /journal\n"):]
	if strings.Contains(last, "Nights logged") || !strings.Contains(last, "permission") {
		t.Errorf("the journal after /forget is not empty:\n%s", last)
	}
}

// The binary against a fake Telegram: a conversation with buttons, a
// clean SIGTERM within 10 s, and a restart that neither replays nor loses.
func TestTelegramEndToEnd(t *testing.T) {
	t.Parallel() // it waits on the binary
	const token = "123456:E2E-token"
	srv := telegramtest.New(t, token)
	db := filepath.Join(t.TempDir(), "tg.db")
	env := []string{"CALMNIGHTS_DB=" + db, "CALMNIGHTS_TELEGRAM_TOKEN=" + token, "CALMNIGHTS_TELEGRAM_API_URL=" + srv.BaseURL(), "CALMNIGHTS_LOG_LEVEL=debug"}
	user := telegramtest.User{ID: 42, FirstName: "Alice"}
	chat := telegramtest.PrivateChat(user.ID)
	wait := func(n int) []telegramtest.Sent {
		t.Helper()
		got := srv.WaitSent(user.ID, n, 15*time.Second)
		if len(got) < n {
			t.Fatalf("%d messages, want %d", len(got), n)
		}
		return got
	}

	bin := startBinary(t, env)
	srv.SendMessage(chat, user, "/start")
	welcome := wait(1)[0]
	if !strings.Contains(welcome.Plain, "Welcome to Calm Nights") || len(welcome.Keyboard) == 0 {
		t.Fatalf("welcome: %+v", welcome)
	}
	srv.PressButton(chat, user, welcome.MessageID, "start/yes")
	if got := wait(2)[1]; !strings.Contains(got.Plain, "Thank you") {
		t.Fatalf("after consent: %q", got.Plain)
	}
	srv.SendMessage(chat, user, "/bedtime 22:15")
	wait(3)
	// The menus are published beside the first updates, one language at a
	// time: on a loaded machine they may land after the third reply.
	for deadline := time.Now().Add(15 * time.Second); len(srv.Commands()) < 10 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if len(srv.Commands()) < 10 {
		t.Errorf("command menu has %d commands", len(srv.Commands()))
	}
	bin.stop(t)
	logs := bin.logs
	if strings.Contains(logs.String(), token) || strings.Contains(logs.String(), "E2E-token") {
		t.Fatal("the token appears in the logs")
	}
	// Even at debug level: each update's lines carry its request id, and
	// neither what people wrote nor their names or ids appear.
	if !regexp.MustCompile(`msg=handled request=tg-\d+ platform=telegram user=[0-9a-f]{12} route=`).MatchString(logs.String()) {
		t.Errorf("no request id on the handled lines:\n%s", logs.String())
	}
	for _, private := range []string{"22:15", "Alice", "tg:42"} {
		if strings.Contains(logs.String(), private) {
			t.Errorf("the logs contain %q:\n%s", private, logs.String())
		}
	}

	srv.SendMessage(chat, user, "/bedtime") // while the bot is down
	bin = startBinary(t, env)
	wait(4)
	time.Sleep(time.Second)
	got := srv.Sent(user.ID)
	if len(got) != 4 || !strings.Contains(got[3].Plain, "Your bedtime is 22:15") {
		t.Fatalf("after restart, %d messages; last %q", len(got), got[len(got)-1].Plain)
	}
	bin.stop(t)
}

// The binary against a fake Discord: slash commands registered from the
// router, a command and a button press answered, a clean SIGTERM.
func TestDiscordEndToEnd(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	srv := discordtest.New(t)
	db := filepath.Join(t.TempDir(), "dc.db")
	bin := startBinary(t, []string{"CALMNIGHTS_DB=" + db, "CALMNIGHTS_DISCORD_TOKEN=" + discordtest.Token, "CALMNIGHTS_DISCORD_API_URL=" + srv.URL(), "CALMNIGHTS_LOG_LEVEL=info"})
	logs := bin.logs
	if !srv.WaitConnected(15 * time.Second) {
		t.Fatalf("the bot did not connect to the gateway:\n%s", logs.String())
	}
	srv.WaitCalls("/api/v9/applications/", 2, 10*time.Second)
	if n := len(srv.Commands("")); n < 10 {
		t.Fatalf("%d slash commands registered", n)
	}
	user := discordtest.User{ID: "100000000000000042", Username: "alice"}
	start := discordtest.SlashCommand("start", nil, user, "", "")
	srv.Interaction(start)
	got := srv.WaitResponses(start.ID, 2, 10*time.Second) // deferred, then completed
	if len(got) < 2 || !strings.Contains(got[1].Content(), "Welcome to Calm Nights") {
		t.Fatalf("start: %+v", got)
	}
	orig, _ := srv.OriginalResponse(start.ID)
	yes := discordtest.ButtonPress("start/yes", user, "", orig.ChannelID, orig.ID)
	srv.Interaction(yes)
	got = srv.WaitResponses(yes.ID, 2, 10*time.Second)
	if len(got) < 2 || got[0].ResponseType() != 7 || !strings.Contains(got[1].Content(), "Thank you") {
		t.Fatalf("consent press: %+v", got)
	}
	bin.stop(t)
	if strings.Contains(logs.String(), discordtest.Token) {
		t.Fatal("the token appears in the logs")
	}
}

// child is the binary running in the background.
type child struct {
	*exec.Cmd
	logs *lockedOutput
}

// startBinary starts the binary with an environment and arguments.
func startBinary(t *testing.T, env []string, args ...string) *child {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = env
	return startChild(t, cmd)
}

// startChild starts cmd in the background, collecting its output, and
// kills it when the test ends.
func startChild(t *testing.T, cmd *exec.Cmd) *child {
	t.Helper()
	var logs lockedOutput
	cmd.Stderr, cmd.Stdout = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return &child{Cmd: cmd, logs: &logs}
}

// stop sends SIGTERM and fails the test unless the binary exits cleanly
// within 10 s.
func (c *child) stop(t *testing.T) {
	t.Helper()
	took, err := terminate(c.Cmd)
	if err != nil {
		t.Fatalf("%v\n%s", err, c.logs.String())
	}
	t.Logf("stopped in %s", took.Round(time.Millisecond))
}

// terminate sends SIGTERM and waits up to 10 s for the process to exit,
// killing it after that. It returns how long the exit took, and an error
// unless the exit was clean and in time.
func terminate(cmd *exec.Cmd) (time.Duration, error) {
	begin := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return 0, fmt.Errorf("SIGTERM: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return time.Since(begin), fmt.Errorf("exit after SIGTERM: %w", err)
		}
		return time.Since(begin), nil
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		return 10 * time.Second, errors.New("still running 10 s after SIGTERM")
	}
}
