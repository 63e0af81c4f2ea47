package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// HandlerFunc handles one request and returns the replies to send. Handlers
// return replies; they never call a platform themselves.
type HandlerFunc func(ctx context.Context, req *Request) ([]Response, error)

// Command is one slash command, registered once and published by every
// adapter (Telegram's command menu, Discord's slash commands, /help).
type Command struct {
	Name        string // "bedtime": lowercase letters, digits and '_', at most 32
	Description string // one line, 3 to 100 characters
	Args        string // argument hint such as "[HH:MM]"; "" when it takes none
	Handler     HandlerFunc
}

// commandName is what Telegram and Discord both accept as a command name.
var commandName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// Router sends each request to its handler: commands by name, button
// presses by payload prefix (the part before the first '/'), free text to
// the text handler.
type Router struct {
	commands []Command
	byName   map[string]int
	buttons  map[string]HandlerFunc
	text     HandlerFunc
	unknown  HandlerFunc
}

// NewRouter returns an empty Router.
func NewRouter() *Router {
	return &Router{byName: map[string]int{}, buttons: map[string]HandlerFunc{}}
}

// Command registers a command. A bad name, a bad description or a second
// registration of a name is a programming error and panics at start-up.
func (r *Router) Command(c Command) {
	if !commandName.MatchString(c.Name) {
		panic(fmt.Sprintf("bot: invalid command name %q", c.Name))
	}
	if n := utf8.RuneCountInString(c.Description); n < 3 || n > 100 || strings.Contains(c.Description, "\n") {
		panic(fmt.Sprintf("bot: command %q needs a one-line description of 3-100 characters", c.Name))
	}
	if c.Handler == nil {
		panic(fmt.Sprintf("bot: command %q has no handler", c.Name))
	}
	if _, dup := r.byName[c.Name]; dup {
		panic(fmt.Sprintf("bot: command %q registered twice", c.Name))
	}
	r.byName[c.Name] = len(r.commands)
	r.commands = append(r.commands, c)
}

// Button registers the handler for payloads "prefix" and "prefix/...".
func (r *Router) Button(prefix string, h HandlerFunc) {
	if prefix == "" || strings.Contains(prefix, "/") || len(prefix) >= MaxPayloadBytes {
		panic(fmt.Sprintf("bot: invalid button prefix %q", prefix))
	}
	if _, dup := r.buttons[prefix]; dup {
		panic(fmt.Sprintf("bot: button prefix %q registered twice", prefix))
	}
	r.buttons[prefix] = h
}

// HasButton reports whether a handler is registered for the prefix.
func (r *Router) HasButton(prefix string) bool { _, ok := r.buttons[prefix]; return ok }

// Text sets the handler for free text.
func (r *Router) Text(h HandlerFunc) { r.text = h }

// Unknown sets the handler for commands nobody registered.
func (r *Router) Unknown(h HandlerFunc) { r.unknown = h }

// Commands returns the registered commands in registration order.
func (r *Router) Commands() []Command {
	return append([]Command(nil), r.commands...)
}

// Lookup returns the command registered under name.
func (r *Router) Lookup(name string) (Command, bool) {
	i, ok := r.byName[name]
	if !ok {
		return Command{}, false
	}
	return r.commands[i], true
}

// Dispatch routes req to its handler and checks the replies it returns.
// A payload over MaxPayloadBytes, coming in or going out, is an error.
func (r *Router) Dispatch(ctx context.Context, req *Request) ([]Response, error) {
	var (
		h   HandlerFunc
		err error
	)
	switch {
	case req.Payload != "":
		h, err = r.buttonHandler(req.Payload)
	case req.Command != "":
		if i, ok := r.byName[req.Command]; ok {
			h = r.commands[i].Handler
		} else {
			h = r.unknown
		}
	default:
		h = r.text
	}
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, nil
	}
	out, err := h(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, resp := range out {
		if err := resp.Validate(); err != nil {
			return nil, fmt.Errorf("reply to %q: %w", routeName(req), err)
		}
	}
	return out, nil
}

func (r *Router) buttonHandler(payload string) (HandlerFunc, error) {
	if len(payload) > MaxPayloadBytes {
		return nil, fmt.Errorf("incoming payload of %d bytes: %w", len(payload), ErrPayloadTooLong)
	}
	prefix, _, _ := strings.Cut(payload, "/")
	h, ok := r.buttons[prefix]
	if !ok {
		return nil, fmt.Errorf("payload prefix %q: %w", prefix, ErrUnknownButton)
	}
	return h, nil
}

// routeName names a request's route for error messages, without user text.
func routeName(req *Request) string {
	switch {
	case req.Payload != "":
		prefix, _, _ := strings.Cut(req.Payload, "/")
		return "button " + prefix
	case req.Command != "":
		return "/" + req.Command
	default:
		return "text"
	}
}

// ParseInput splits a typed message into a command and its arguments.
// "/Bedtime@CalmBot 22:30" gives ("bedtime", "22:30"); text that is not a
// command gives ("", text). A lone "/" or "/ something" is not a command.
func ParseInput(text string) (command, args string) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "/") || len(t) < 2 {
		return "", t
	}
	head, rest, _ := strings.Cut(t[1:], " ")
	if i := strings.IndexAny(head, "\n\t"); i >= 0 {
		head, rest = head[:i], head[i+1:]+" "+rest
	}
	head, _, _ = strings.Cut(head, "@")
	if head == "" {
		return "", t
	}
	return strings.ToLower(head), strings.TrimSpace(rest)
}
