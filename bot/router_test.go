package bot

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// echo is a handler that names itself in its reply.
func echo(name string) RouteFunc {
	return func(ctx context.Context, req *Request) ([]Response, error) {
		return Reply(name + ":" + req.Args + req.Text + req.Payload), nil
	}
}

func testRouter() *Router {
	r := NewRouter()
	r.Command(Command{Name: "start", Description: "Begin here", Handler: echo("start")})
	r.Command(Command{Name: "bedtime", Description: "Show or set bedtime", Args: "[HH:MM]", Handler: echo("bedtime")})
	r.Button("ck", echo("ck"))
	r.Button("ck/{step}/{answer}", echo("ck"))
	r.Button("ck/{rest...}", echo("ck-rest"))
	r.Button("ckx/{n}", echo("ckx"))
	r.Text(echo("text"))
	r.Unknown(echo("unknown"))
	return r
}

func TestRouterDispatch(t *testing.T) {
	r := testRouter()
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"command", Request{Command: "start"}, "start:"},
		{"command with args", Request{Command: "bedtime", Args: "22:30"}, "bedtime:22:30"},
		{"unknown command", Request{Command: "nope"}, "unknown:"},
		{"free text", Request{Text: "hello"}, "text:hello"},
		{"button by prefix", Request{Payload: "ck/3/yes"}, "ck:ck/3/yes"},
		{"bare prefix", Request{Payload: "ck"}, "ck:ck"},
		{"longer prefix is its own route", Request{Payload: "ckx/1"}, "ckx:ckx/1"},
		{"rest parameter", Request{Payload: "ck/a/b/c/d"}, "ck-rest:ck/a/b/c/d"},
		{"payload beats command", Request{Payload: "ck/1", Command: "start"}, "ck-rest:ck/1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := r.Dispatch(context.Background(), &tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if len(out) != 1 || out[0].Text != tt.want {
				t.Fatalf("got %+v, want %q", out, tt.want)
			}
		})
	}
}

func TestRouterRejects(t *testing.T) {
	r := testRouter()
	r.Command(Command{Name: "long", Description: "Replies with a long payload", Handler: func(ctx context.Context, req *Request) ([]Response, error) {
		return []Response{{Text: "x", Buttons: [][]Button{{{Label: "go", Payload: "ck/" + strings.Repeat("a", MaxPayloadBytes)}}}}}, nil
	}})
	r.Command(Command{Name: "exact", Description: "Replies with a 64-byte payload", Handler: func(ctx context.Context, req *Request) ([]Response, error) {
		return []Response{{Text: "x", Buttons: [][]Button{{{Label: "go", Payload: "ck/" + strings.Repeat("a", MaxPayloadBytes-3)}}}}}, nil
	}})
	tests := []struct {
		name string
		req  Request
		want error
	}{
		{"unregistered prefix", Request{Payload: "zz/1"}, ErrUnknownButton},
		{"no pattern matches", Request{Payload: "ckx/1/2"}, ErrUnknownButton},
		{"incoming payload too long", Request{Payload: "ck/" + strings.Repeat("a", MaxPayloadBytes)}, ErrPayloadTooLong},
		{"outgoing payload too long", Request{Command: "long"}, ErrPayloadTooLong},
		{"outgoing payload at the limit", Request{Command: "exact"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Dispatch(context.Background(), &tt.req)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestRouterRegistrationMistakesPanic(t *testing.T) {
	ok := func(ctx context.Context, req *Request) ([]Response, error) { return nil, nil }
	tests := map[string]func(r *Router){
		"uppercase name":    func(r *Router) { r.Command(Command{Name: "Start", Description: "desc", Handler: ok}) },
		"name too long":     func(r *Router) { r.Command(Command{Name: strings.Repeat("a", 33), Description: "desc", Handler: ok}) },
		"short description": func(r *Router) { r.Command(Command{Name: "a", Description: "x", Handler: ok}) },
		"no handler":        func(r *Router) { r.Command(Command{Name: "a", Description: "desc"}) },
		"duplicate":         func(r *Router) { r.Command(Command{Name: "start", Description: "again", Handler: ok}) },
		"parameter prefix":  func(r *Router) { r.Button("{a}/b", ok) },
		"rest not last":     func(r *Router) { r.Button("a/{b...}/c", ok) },
		"empty segment":     func(r *Router) { r.Button("a//c", ok) },
		"duplicate pattern": func(r *Router) { r.Button("ck/{step}/{answer}", ok) },
	}
	for name, register := range tests {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("registration did not panic")
				}
			}()
			register(testRouter())
		})
	}
}

func TestRouterCommandsInOrder(t *testing.T) {
	cmds := testRouter().Commands()
	if len(cmds) != 2 || cmds[0].Name != "start" || cmds[1].Name != "bedtime" || cmds[1].Args != "[HH:MM]" {
		t.Fatalf("Commands() = %+v", cmds)
	}
	if _, ok := testRouter().Lookup("bedtime"); !ok {
		t.Fatal("Lookup(bedtime) failed")
	}
}

func TestParseInput(t *testing.T) {
	tests := []struct{ in, cmd, args string }{
		{"/start", "start", ""},
		{"  /Bedtime   22:30  ", "bedtime", "22:30"},
		{"/ask@CalmNightsBot why do legs jump?", "ask", "why do legs jump?"},
		{"/start\nmore", "start", "more"},
		{"hello /start", "", "hello /start"},
		{"/", "", "/"},
		{"/ hello", "", "/ hello"},
		{"/@bot", "", "/@bot"},
		{"", "", ""},
	}
	for _, tt := range tests {
		cmd, args := ParseInput(tt.in)
		if cmd != tt.cmd || args != tt.args {
			t.Errorf("ParseInput(%q) = (%q, %q), want (%q, %q)", tt.in, cmd, args, tt.cmd, tt.args)
		}
	}
}

func TestRouterParams(t *testing.T) {
	r := NewRouter()
	var got *Request
	r.Button("ck/{step}/{answer}", func(ctx context.Context, req *Request) ([]Response, error) { got = req; return nil, nil })
	if _, err := r.Dispatch(context.Background(), &Request{Payload: "ck/3/yes"}); err != nil {
		t.Fatal(err)
	}
	if got.Param("step") != "3" || got.Param("answer") != "yes" || got.Param("nope") != "" {
		t.Fatalf("params = %v", got.Params)
	}
}

// A fixed route beats a parameter in the same place, whichever was
// registered first: onboarding's "start/zone" is not "start/{answer}"
// with the answer "zone" (which once made "Yes, that's right" a stale
// button).
func TestRouterPrefersTheParticularRoute(t *testing.T) {
	r := NewRouter()
	var got string
	r.Button("start/{answer}", func(ctx context.Context, req *Request) ([]Response, error) {
		got = "answer " + req.Param("answer")
		return nil, nil
	})
	r.Button("start/zone", func(ctx context.Context, req *Request) ([]Response, error) { got = "zone"; return nil, nil })
	r.Button("start/zone/{zone...}", func(ctx context.Context, req *Request) ([]Response, error) {
		got = "zone " + req.Param("zone")
		return nil, nil
	})
	for payload, want := range map[string]string{"start/zone": "zone", "start/yes": "answer yes", "start/zone/Europe/Lisbon": "zone Europe/Lisbon"} {
		if _, err := r.Dispatch(context.Background(), &Request{Payload: payload}); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s went to %q, want %q", payload, got, want)
		}
	}
}

func TestRouterMiddlewareOrderAndConsent(t *testing.T) {
	r := NewRouter()
	var trace []string
	mark := func(name string) Middleware {
		return func(next RouteFunc) RouteFunc {
			return func(ctx context.Context, req *Request) ([]Response, error) {
				trace = append(trace, name)
				return next(ctx, req)
			}
		}
	}
	r.Use(mark("global"))
	r.Command(Command{Name: "log", Description: "Needs consent", Handler: echo("log"), Use: []Middleware{mark("route"), RequireConsent}})
	out, err := r.Dispatch(context.Background(), &Request{Command: "log", User: &User{}})
	if err != nil || len(out) != 1 || !strings.Contains(out[0].Text, "with your permission") {
		t.Fatalf("without consent: %+v, %v", out, err)
	}
	if strings.Join(trace, ",") != "global,route" {
		t.Fatalf("middleware order = %v", trace)
	}
	now := time.Now()
	out, _ = r.Dispatch(context.Background(), &Request{Command: "log", User: &User{ConsentAt: &now}})
	if len(out) != 1 || out[0].Text != "log:" {
		t.Fatalf("with consent: %+v", out)
	}
}

func TestPrivateReplies(t *testing.T) {
	personal := func(ctx context.Context, req *Request) ([]Response, error) {
		return []Response{{Text: "public"}, {Text: "one", Personal: true}, {Text: "two", Personal: true}}, nil
	}
	h := PrivateReplies(personal)
	tests := []struct {
		name string
		req  Request
		want []Response
	}{
		{"private chat", Request{Private: true, User: &User{ChatID: "42"}},
			[]Response{{Text: "public"}, {Text: "one", Personal: true}, {Text: "two", Personal: true}}},
		{"ephemeral", Request{Ephemeral: true, User: &User{ChatID: "42"}},
			[]Response{{Text: "public"}, {Text: "one", Personal: true}, {Text: "two", Personal: true}}},
		{"group, private chat known", Request{User: &User{ChatID: "42"}},
			[]Response{{Text: "public"}, coreReply("CoreSentPrivately", noteSentPrivately, false, nil), {Text: "one", Personal: true, To: "42"}, {Text: "two", Personal: true, To: "42"}}},
		{"group, no private chat", Request{BotName: "CalmBot", User: &User{}},
			[]Response{{Text: "public"}, coreReply("CorePersonalInGroup", fmtNote("CalmBot"), false, map[string]string{"Bot": "CalmBot"})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := h(context.Background(), &tt.req)
			if err != nil || !reflect.DeepEqual(out, tt.want) {
				t.Fatalf("got %+v, want %+v", out, tt.want)
			}
		})
	}
}

func TestRouterOrder(t *testing.T) {
	r := testRouter()
	r.Command(Command{Name: "help", Description: "Everything", Handler: echo("help")})
	r.Order("help", "nope", "start")
	var names []string
	for _, c := range r.Commands() {
		names = append(names, c.Name)
	}
	if strings.Join(names, " ") != "help start bedtime" {
		t.Fatalf("order = %v", names)
	}
	if c, ok := r.Lookup("bedtime"); !ok || c.Args != "[HH:MM]" {
		t.Fatalf("lookup after Order = %+v, %v", c, ok)
	}
}
