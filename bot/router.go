package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// RouteFunc handles one request and returns the replies to send. Handlers
// return replies; they never call a platform themselves.
type RouteFunc func(ctx context.Context, req *Request) ([]Response, error)

// Middleware wraps a handler: it may answer instead of it (a missing
// consent), or change what it returns (personal replies in a group).
type Middleware func(RouteFunc) RouteFunc

// FlowFunc handles free text while a user is inside a conversation flow.
// It returns handled=false to let the text fall through to the normal text
// handler (the user has moved on).
type FlowFunc func(ctx context.Context, req *Request, conv Conversation) (out []Response, handled bool, err error)

// Command is one slash command, registered once and published by every
// adapter (Telegram's command menu, Discord's slash commands, /help).
type Command struct {
	Name        string // "bedtime": lowercase letters, digits and '_', at most 32
	Description string // one line, 3 to 100 characters
	Args        string // argument hint such as "[HH:MM]"; "" when it takes none
	// Localized is the description in the other languages the bot
	// speaks, by code ("es": "..."), for the platforms' menus.
	Localized map[string]string
	Handler   RouteFunc
	// Use wraps Handler in these middlewares, the first outermost, such
	// as RequireConsent.
	Use []Middleware
}

// commandName is what Telegram and Discord both accept as a command name.
var commandName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// Router sends each request to its handler: commands by name, button
// presses by payload pattern, free text to the user's running flow or the
// text handler. Middlewares set with Use wrap every route.
type Router struct {
	commands []Command
	byName   map[string]int
	buttons  []buttonRoute
	flows    map[string]flowRoute
	text     RouteFunc
	unknown  RouteFunc
	use      []Middleware
	// freeText routes text before the text handler; the core sets it to
	// look up the user's flow.
	freeText RouteFunc
	// intercept reads free text in a private chat before any flow does.
	intercept FlowFunc
}

// buttonRoute is one registered payload pattern.
type buttonRoute struct {
	pattern string
	segs    []string
	h       RouteFunc
}

// NewRouter returns an empty Router.
func NewRouter() *Router {
	return &Router{byName: map[string]int{}, flows: map[string]flowRoute{}}
}

// Use adds middlewares that wrap every route, the first outermost.
func (r *Router) Use(mw ...Middleware) { r.use = append(r.use, mw...) }

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

// Button registers the handler for payloads matching pattern, wrapped in
// mw. A pattern is segments separated by '/': the first is a literal
// prefix ("ck"), later ones are literals or parameters: "{step}" matches
// one segment, "{rest...}" (last only) one or more, slashes included. The
// handler reads them with req.Param. Patterns are tried in registration
// order; a payload no pattern matches is a stale or foreign button.
func (r *Router) Button(pattern string, h RouteFunc, mw ...Middleware) {
	segs := strings.Split(pattern, "/")
	if segs[0] == "" || isParam(segs[0]) || len(pattern) >= MaxPayloadBytes || h == nil {
		panic(fmt.Sprintf("bot: invalid button pattern %q", pattern))
	}
	for i, s := range segs {
		if s == "" || (strings.HasSuffix(s, "...}") && i != len(segs)-1) || strings.ContainsAny(strings.Trim(s, "{}."), "{}") {
			panic(fmt.Sprintf("bot: invalid button pattern %q", pattern))
		}
	}
	for _, b := range r.buttons {
		if b.pattern == pattern {
			panic(fmt.Sprintf("bot: button pattern %q registered twice", pattern))
		}
	}
	r.buttons = append(r.buttons, buttonRoute{pattern: pattern, segs: segs, h: wrap(h, mw)})
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// literals is how many of the route's segments are fixed words.
func (b buttonRoute) literals() int {
	n := 0
	for _, s := range b.segs {
		if !isParam(s) {
			n++
		}
	}
	return n
}

// match reports whether payload fits the route, with its parameters.
func (b buttonRoute) match(payload string) (map[string]string, bool) {
	parts := strings.Split(payload, "/")
	var params map[string]string
	for i, s := range b.segs {
		if i >= len(parts) {
			return nil, false
		}
		if !isParam(s) {
			if parts[i] != s {
				return nil, false
			}
			continue
		}
		if params == nil {
			params = map[string]string{}
		}
		if name, rest := strings.CutSuffix(s[1:len(s)-1], "..."); rest {
			v := strings.Join(parts[i:], "/")
			if v == "" {
				return nil, false
			}
			params[name] = v
			return params, true
		}
		if parts[i] == "" {
			return nil, false
		}
		params[s[1:len(s)-1]] = parts[i]
	}
	return params, len(parts) == len(b.segs)
}

// HasButton reports whether a pattern is registered under the prefix.
func (r *Router) HasButton(prefix string) bool {
	for _, b := range r.buttons {
		if b.segs[0] == prefix {
			return true
		}
	}
	return false
}

// flowRoute is a registered flow with the middlewares of the route that
// starts it.
type flowRoute struct {
	f  FlowFunc
	mw []Middleware
}

// Flow registers the handler of free text for users inside the named
// conversation flow (Conversation.Flow), wrapped in mw: the middlewares
// of the command that starts it (RequireConsent for a health flow), so
// that every step of the flow is checked as its first was. A middleware
// that answers instead of a step ends the flow (Bot drops the
// conversation): a flow never runs past a check it failed.
func (r *Router) Flow(name string, f FlowFunc, mw ...Middleware) {
	if _, dup := r.flows[name]; dup || name == "" || f == nil {
		panic(fmt.Sprintf("bot: flow %q registered twice or empty", name))
	}
	r.flows[name] = flowRoute{f: f, mw: mw}
}

// FlowFor returns the handler registered for a flow, wrapped in its
// middlewares. stopped reports that a middleware answered instead of
// the flow: the caller should end the conversation.
func (r *Router) FlowFor(name string) (f func(ctx context.Context, req *Request, conv Conversation) (out []Response, handled, stopped bool, err error), ok bool) {
	fr, ok := r.flows[name]
	if !ok {
		return nil, false
	}
	return func(ctx context.Context, req *Request, conv Conversation) ([]Response, bool, bool, error) {
		ran, handled := false, false
		step := func(ctx context.Context, req *Request) ([]Response, error) {
			ran = true
			out, h, err := fr.f(ctx, req, conv)
			handled = h
			return out, err
		}
		req.Flow = name
		defer func() { req.Flow = "" }()
		out, err := wrap(step, fr.mw)(ctx, req)
		if !ran {
			return out, true, true, err
		}
		return out, handled, false, err
	}, true
}

// Intercept sets what reads free text in a private chat before the
// running flow does: requests that must work in the middle of anything
// ("delete my data"). It gets the running conversation (zero when none)
// and returns handled=false to let the flow or the text handler have it.
func (r *Router) Intercept(f FlowFunc) { r.intercept = f }

// Text sets the handler for free text outside any flow.
func (r *Router) Text(h RouteFunc) { r.text = h }

// Fallback answers free text as if no flow were running; a flow calls it
// to answer a question typed in the middle of it.
func (r *Router) Fallback(ctx context.Context, req *Request) ([]Response, error) {
	if r.text == nil {
		return nil, nil
	}
	return r.text(ctx, req)
}

// Unknown sets the handler for commands nobody registered.
func (r *Router) Unknown(h RouteFunc) { r.unknown = h }

// Order lists the named commands first, in the given order, and the
// others after them in registration order: the order /help and the
// platforms' command menus show. Unknown names are ignored.
func (r *Router) Order(names ...string) {
	ordered := make([]Command, 0, len(r.commands))
	taken := map[string]bool{}
	for _, n := range names {
		if i, ok := r.byName[n]; ok && !taken[n] {
			ordered, taken[n] = append(ordered, r.commands[i]), true
		}
	}
	for _, c := range r.commands {
		if !taken[c.Name] {
			ordered = append(ordered, c)
		}
	}
	r.commands = ordered
	for i, c := range r.commands {
		r.byName[c.Name] = i
	}
}

// Localize sets each registered command's descriptions in the other
// languages: descs maps a language code to descriptions by command name.
func (r *Router) Localize(descs map[string]map[string]string) {
	for i := range r.commands {
		for lang, byName := range descs {
			if d := byName[r.commands[i].Name]; d != "" {
				if r.commands[i].Localized == nil {
					r.commands[i].Localized = map[string]string{}
				}
				r.commands[i].Localized[lang] = d
			}
		}
	}
}

// Commands returns the registered commands in registration order, or as
// Order arranged them.
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

// Dispatch routes req to its handler, through the middlewares, and checks
// the replies it returns. A payload over MaxPayloadBytes, coming in or
// going out, is an error.
func (r *Router) Dispatch(ctx context.Context, req *Request) ([]Response, error) {
	var (
		h   RouteFunc
		err error
	)
	switch {
	case req.Payload != "":
		h, err = r.buttonHandler(req)
	case req.Command != "":
		if i, ok := r.byName[req.Command]; ok {
			h = wrap(r.commands[i].Handler, r.commands[i].Use)
		} else {
			h = r.unknown
		}
	case r.freeText != nil:
		h = r.freeText
	default:
		h = r.text
	}
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, nil
	}
	out, err := wrap(h, r.use)(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, resp := range out {
		if err := resp.Validate(); err != nil {
			return nil, fmt.Errorf("reply to %q: %w", r.routeName(req), err)
		}
	}
	return out, nil
}

// wrap applies middlewares to h, the first outermost.
func wrap(h RouteFunc, mw []Middleware) RouteFunc {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

func (r *Router) buttonHandler(req *Request) (RouteFunc, error) {
	payload := req.Payload
	if len(payload) > MaxPayloadBytes {
		return nil, fmt.Errorf("incoming payload of %d bytes: %w", len(payload), ErrPayloadTooLong)
	}
	// The most particular route wins: "start/zone" over "start/{answer}",
	// whichever was registered first; among equals, the first.
	best, bestLiterals := -1, -1
	var bestParams map[string]string
	for i, b := range r.buttons {
		if params, ok := b.match(payload); ok {
			if n := b.literals(); n > bestLiterals {
				best, bestLiterals, bestParams = i, n, params
			}
		}
	}
	if best >= 0 {
		req.Params = bestParams
		return r.buttons[best].h, nil
	}
	prefix, _, _ := strings.Cut(payload, "/")
	return nil, fmt.Errorf("payload prefix %q: %w", prefix, ErrUnknownButton)
}

// routeName names a request's route for logs, metrics and error
// messages: a registered command or button prefix, "text", or
// RouteUnknown; never text the user chose.
func (r *Router) routeName(req *Request) string {
	switch {
	case req.Payload != "":
		prefix, _, _ := strings.Cut(req.Payload, "/")
		if r.HasButton(prefix) {
			return "button " + prefix
		}
		return RouteUnknown
	case req.Command != "":
		if _, ok := r.byName[req.Command]; ok {
			return "/" + req.Command
		}
		return RouteUnknown
	default:
		return "text"
	}
}

// RouteUnknown names every command and button nobody registered, in logs
// and metrics: what a user typed never becomes a label.
const RouteUnknown = "unknown"

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
