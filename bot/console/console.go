// Package console is the terminal front door: chat with the core from a
// shell. With a terminal on stdin it shows a prompt; with a pipe it reads
// every line as one message, prints the replies and returns at the end of
// input, so a printf into `calmnights chat` is a scripted conversation.
//
// The console is a delivery.Door: reminders reach it through the same
// pipeline as every platform's messages. What is typed goes to the core
// directly (there is no platform to lose an update, and a script must see
// each answer before its next line is read).
package console

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"

	"github.com/calmnights/calmnights/bot"
)

// DefaultUserID is the identity of the person at the console.
const DefaultUserID = "console:local"

// Options configure a Console.
type Options struct {
	UserID      string // default DefaultUserID
	TimeZone    string // the user's zone hint; default the machine's
	Interactive bool   // show a prompt instead of echoing input
	Color       bool   // bold and italic with ANSI escapes
	FilesDir    string // where attachments are saved; default "."
	Logger      *slog.Logger
}

// Console runs a conversation over a reader and a writer.
type Console struct {
	h    bot.Handler
	in   io.Reader
	out  io.Writer
	opts Options

	mu      sync.Mutex // guards out and buttons: replies and reminders both print
	buttons []bot.Button
}

// New returns a Console that sends what it reads from in to h and prints
// the replies to out.
func New(h bot.Handler, in io.Reader, out io.Writer, opts Options) *Console {
	if opts.UserID == "" {
		opts.UserID = DefaultUserID
	}
	if opts.TimeZone == "" {
		opts.TimeZone = LocalZoneName()
	}
	if opts.FilesDir == "" {
		opts.FilesDir = "."
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Console{h: h, in: in, out: out, opts: opts}
}

// Run reads messages until the input ends (it then returns nil) or ctx is
// cancelled. The reply to a message is always printed in full before the
// next message is read.
func (c *Console) Run(ctx context.Context) error {
	lines := make(chan line)
	go readLines(c.in, lines)
	if c.opts.Interactive {
		c.print("Calm Nights: type a message or a command such as /start or /help. Ctrl-D quits.\n")
	}
	for {
		if c.opts.Interactive {
			c.print("> ")
		}
		var (
			l  line
			ok bool
		)
		select {
		case <-ctx.Done():
			return nil
		case l, ok = <-lines:
		}
		if !ok {
			if c.opts.Interactive {
				c.print("\n")
			}
			return nil
		}
		if l.err != nil {
			return fmt.Errorf("read input: %w", l.err)
		}
		text := strings.TrimSpace(l.text)
		if text == "" {
			continue
		}
		if text == "/quit" || text == "/exit" {
			return nil
		}
		req := c.request(text)
		if !c.opts.Interactive {
			c.echo(text, req)
		}
		// Replies are written even if ctx is cancelled meanwhile: an
		// in-flight message is finished, not dropped.
		c.show(c.h.Handle(context.WithoutCancel(ctx), req))
	}
}

// request turns one typed line into a request: a number or a label of the
// buttons on screen presses that button; anything else is a command or
// free text.
func (c *Console) request(text string) *bot.Request {
	req := &bot.Request{
		Platform:     bot.PlatformConsole,
		UserID:       c.opts.UserID,
		ChatID:       c.opts.UserID,
		Private:      true,
		TimeZoneHint: c.opts.TimeZone,
	}
	if b, ok := c.pressed(text); ok {
		req.Payload = b.Payload
		return req
	}
	req.Command, req.Args = bot.ParseInput(text)
	if req.Command == "" {
		req.Text = text
	}
	return req
}

// pressed finds the on-screen button the user chose by label or number. A
// label wins: at a 0-10 scale, whose buttons are labelled "0" to "10",
// typing 5 means the value 5, not the fifth button (labelled "4").
func (c *Console) pressed(text string) (bot.Button, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	text = strings.TrimSpace(text)
	for _, b := range c.buttons {
		if strings.EqualFold(text, strings.TrimSpace(b.Label)) {
			return b, true
		}
	}
	if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(c.buttons) {
		return c.buttons[n-1], true
	}
	return bot.Button{}, false
}

// echo prints the input line in a scripted run, so the transcript reads
// as a conversation; a button press also shows which button it was.
func (c *Console) echo(text string, req *bot.Request) {
	if req.Payload != "" {
		c.mu.Lock()
		label := ""
		for _, b := range c.buttons {
			if b.Payload == req.Payload {
				label = b.Label
				break
			}
		}
		c.mu.Unlock()
		if label != "" && !strings.EqualFold(label, text) {
			c.print("> " + text + "  [" + label + "]\n")
			return
		}
	}
	c.print("> " + text + "\n")
}

// Send prints a message that was not a reply, such as a reminder, at
// once. It implements bot.Sender; the binary prints reminders through the
// delivery pipeline instead (Deliver).
func (c *Console) Send(ctx context.Context, chatID string, r bot.Response) error {
	if c.opts.Interactive {
		c.print("\n")
	}
	c.show([]bot.Response{r})
	if c.opts.Interactive {
		c.print("> ")
	}
	return nil
}

// show prints replies and makes their buttons the ones on screen.
func (c *Console) show(rs []bot.Response) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var buttons []bot.Button
	var sb strings.Builder
	for _, r := range rs {
		sb.WriteString(render(r.Text, c.opts.Color))
		sb.WriteString("\n")
		for _, a := range []*bot.Attachment{r.Image, r.File} {
			if a == nil {
				continue
			}
			path, err := saveAttachment(c.opts.FilesDir, a)
			if err != nil {
				c.opts.Logger.Error("save attachment", "err", err)
				sb.WriteString("(I couldn't save the file " + a.Name + ": " + err.Error() + ")\n")
				continue
			}
			fmt.Fprintf(&sb, "[file saved: %s]\n", path)
		}
		for _, row := range r.Buttons {
			sb.WriteString(" ")
			for _, b := range row {
				buttons = append(buttons, b)
				fmt.Fprintf(&sb, "  [%d] %s", len(buttons), b.Label)
			}
			sb.WriteString("\n")
		}
		sb.WriteString("\n")
	}
	c.buttons = buttons
	_, _ = io.WriteString(c.out, sb.String())
}

func (c *Console) print(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, _ = io.WriteString(c.out, s)
}
