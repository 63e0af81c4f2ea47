package console_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/console"
	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

var ctx = context.Background()

// chat runs a scripted console conversation against a real Bot and store.
func chat(t *testing.T, store features.Store, script string) string {
	t.Helper()
	var out bytes.Buffer
	c := console.New(features.New(features.Options{Store: store}), strings.NewReader(script), &out, console.Options{TimeZone: "Europe/Lisbon"})
	if err := c.Run(ctx); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out.String()
}

func TestScriptedConversation(t *testing.T) {
	store := sqlitetest.Open(t)
	out := chat(t, store, "/start\n1\n/timezone Europe/Berlin\n/bedtime 22:30\n/help\n/timezone Mars/Olympus\n/bedtime 25:99\n")
	for _, want := range []string{
		"> /start\nWelcome to Calm Nights",
		"[1] Yes, keep my notes  [2] No, thanks",
		"> 1  [Yes, keep my notes]\nThank you.",
		"I have Europe/Lisbon", // the console's zone seeds the new user
		"Done: your time zone is now Europe/Berlin",
		"Bedtime set to 22:30",
		"• /privacy: What I store",
		"I don't know a place or time zone called “Mars/Olympus”",
		"“25:99” isn't a time I understand",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
	u, err := store.User(ctx, console.DefaultUserID)
	if err != nil {
		t.Fatal(err)
	}
	if u.TimeZone != "Europe/Berlin" || u.Bedtime.String() != "22:30" || !u.Consented() {
		t.Fatalf("stored user: %+v", u)
	}
}

func TestButtonsByLabelAnyCase(t *testing.T) {
	store := sqlitetest.Open(t)
	out := chat(t, store, "/start\nno, THANKS\nskip for now\n7\n")
	for _, want := range []string{"> no, THANKS\nThat's fine", "> skip for now\nNo problem; you can set it later with /timezone", "[7] Skip for now", "> 7  [Skip for now]", "You're all set"} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q\n%s", want, out)
		}
	}
	if u, _ := store.User(ctx, console.DefaultUserID); u.Consented() {
		t.Fatal("consent stored after No")
	}
}

// A number with no buttons on screen is just text.
func TestNumberWithoutButtonsIsText(t *testing.T) {
	out := chat(t, sqlitetest.Open(t), "/help\n1\n")
	if !strings.Contains(out, "> 1\nI'm sorry, I can't answer that one") {
		t.Fatalf("transcript:\n%s", out)
	}
}

func TestEndOfInputWithoutNewlineAndBlankLines(t *testing.T) {
	out := chat(t, sqlitetest.Open(t), "\n\n   \n/help")
	if !strings.Contains(out, "Here's what I can do") || len(regexp.MustCompile(`(?m)^> `).FindAllString(out, -1)) != 1 {
		t.Fatalf("transcript:\n%s", out)
	}
}

func TestVeryLongLine(t *testing.T) {
	out := chat(t, sqlitetest.Open(t), strings.Repeat("x", 200<<10)+"\n/help\n")
	if !strings.Contains(out, "too long") || !strings.Contains(out, "Here's what I can do") {
		t.Fatalf("transcript (%d bytes) lacks the refusal or the next reply", len(out))
	}
}

func TestInteractivePromptAndQuit(t *testing.T) {
	var out bytes.Buffer
	c := console.New(features.New(features.Options{Store: sqlitetest.Open(t)}), strings.NewReader("/help\n/quit\n/start\n"), &out, console.Options{Interactive: true, Color: true})
	if err := c.Run(ctx); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.Contains(s, "Ctrl-D quits") || !strings.Contains(s, "> \x1b[1mHere's what I can do\x1b[0m") || strings.Contains(s, "Welcome to Calm Nights") {
		t.Fatalf("interactive transcript:\n%q", s)
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	defer r.Close()
	c := console.New(features.New(features.Options{Store: sqlitetest.Open(t)}), r, &bytes.Buffer{}, console.Options{})
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- c.Run(cctx) }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestSendAndAttachments(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	c := console.New(features.New(features.Options{Store: sqlitetest.Open(t)}), strings.NewReader(""), &out, console.Options{FilesDir: dir})
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.White)
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	err := c.Send(ctx, console.DefaultUserID, bot.Response{
		Text:    "**Time to stretch**",
		Image:   &bot.Attachment{Name: "../../chart.png", MIME: "image/png", Data: pngData.Bytes()},
		Buttons: [][]bot.Button{{{Label: "Done", Payload: "rm/done"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`\[file saved: (.+)\]`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no saved file in:\n%s", out.String())
	}
	if filepath.Dir(m[1]) != dir {
		t.Fatalf("file escaped its folder: %s", m[1])
	}
	data, err := os.ReadFile(m[1])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Fatalf("saved file is not the PNG: %v", err)
	}
	if !strings.Contains(out.String(), "Time to stretch\n") || !strings.Contains(out.String(), "[1] Done") {
		t.Fatalf("output:\n%s", out.String())
	}
}

// FuzzConsoleInput sends arbitrary lines through the console, the router
// and the handlers with a real store: nothing may panic, every line gets an
// answer, and the stored settings stay valid.
func FuzzConsoleInput(f *testing.F) {
	for _, s := range []string{
		"/start\n1\n", "/timezone Europe/Berlin", "/bedtime 25:99", "/bedtime 10pm", "2\n/privacy\n1",
		"/waketime 7", "/" + strings.Repeat("a", 100), "\xff\xfe", "🌙 /help", "/start\nyes\nEurope/Paris\n22:00\n",
		"/timezone ../../etc/passwd", "/bedtime \x00", "/ask@bot hi",
	} {
		f.Add(s)
	}
	store := sqlitetest.Open(f)
	core := features.New(features.Options{Store: store})
	f.Fuzz(func(t *testing.T, script string) {
		var out bytes.Buffer
		c := console.New(core, strings.NewReader(script), &out, console.Options{UserID: "console:fuzz", TimeZone: "UTC"})
		if err := c.Run(ctx); err != nil {
			t.Fatalf("Run: %v", err)
		}
		if strings.Contains(out.String(), "something went wrong on my side") {
			t.Fatalf("internal error for %q:\n%s", script, out.String())
		}
		u, err := store.User(ctx, "console:fuzz")
		if err != nil {
			return // blank input never creates the user
		}
		if u.TimeZone != "" {
			if _, err := bot.LoadZone(u.TimeZone); err != nil {
				t.Fatalf("stored an unloadable zone %q", u.TimeZone)
			}
		}
		if u.Bedtime != nil && u.WakeTime != nil && *u.Bedtime == *u.WakeTime {
			t.Fatalf("bedtime equals wake time")
		}
	})
}

// The console is a Door: a message in the outbox (a reminder, say) is
// printed by the pipeline's sender, like a platform's.
func TestConsoleIsADoor(t *testing.T) {
	store := sqlitetest.Open(t)
	var out bytes.Buffer
	c := console.New(features.New(features.Options{Store: store}), strings.NewReader(""), &out, console.Options{})
	err := store.Enqueue(ctx, []delivery.Message{{Platform: bot.PlatformConsole, ChatID: console.DefaultUserID, Kind: delivery.KindReply,
		Reply: &bot.Response{Text: "**Time to stretch**", Buttons: [][]bot.Button{{{Label: "Done", Payload: "rm/done"}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	snd := delivery.NewSender(delivery.SenderOptions{Platform: bot.PlatformConsole, Store: store, Door: c})
	if n, err := snd.RunOnce(ctx); n != 1 || err != nil {
		t.Fatalf("sent %d: %v", n, err)
	}
	if !strings.Contains(out.String(), "Time to stretch") || !strings.Contains(out.String(), "[1] Done") {
		t.Fatalf("printed:\n%s", out.String())
	}
	in, err := c.Open(ctx, delivery.Update{ID: 1, ChatKey: console.DefaultUserID, Payload: []byte("Done")})
	if err != nil || in.Req == nil || in.Req.Payload != "rm/done" {
		t.Fatalf("a stored line opens as %+v (%v), want the press of Done", in.Req, err)
	}
}
