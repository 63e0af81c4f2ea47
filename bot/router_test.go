package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// echo is a handler that names itself in its reply.
func echo(name string) HandlerFunc {
	return func(ctx context.Context, req *Request) ([]Response, error) {
		return Reply(name + ":" + req.Args + req.Text + req.Payload), nil
	}
}

func testRouter() *Router {
	r := NewRouter()
	r.Command(Command{Name: "start", Description: "Begin here", Handler: echo("start")})
	r.Command(Command{Name: "bedtime", Description: "Show or set bedtime", Args: "[HH:MM]", Handler: echo("bedtime")})
	r.Button("ck", echo("ck"))
	r.Button("ckx", echo("ckx"))
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
		{"payload beats command", Request{Payload: "ck/1", Command: "start"}, "ck:ck/1"},
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
		"prefix with slash": func(r *Router) { r.Button("a/b", ok) },
		"duplicate prefix":  func(r *Router) { r.Button("ck", ok) },
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
