package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// handlerSeries counts the calmnights_handler_seconds series (one per
// label set: the _count lines) in a /metrics page.
var handlerSeries = regexp.MustCompile(`(?m)^calmnights_handler_seconds_count\{`)

// TestUnknownRoutesShareOneLabel sends 1,000 distinct unknown commands and
// 1,000 forged button payloads through the real core into the metrics: the
// number of series stays what it was after the first few, no user text is
// on the /metrics page, and known routes keep their own labels.
func TestUnknownRoutesShareOneLabel(t *testing.T) {
	ctx := context.Background()
	store := sqlitetest.Open(t)
	m := newMetrics()
	core := features.New(features.Options{Store: store, Metrics: m})
	m.knowRoutes(core.Router())
	srv := httptest.NewServer(opsHandler(m, newReadiness(func(context.Context) error { return nil })))
	defer srv.Close()

	send := func(i int) {
		base := bot.Request{Platform: bot.PlatformTelegram, UserID: "tg:7", ChatID: "7", Private: true}
		cmd, button := base, base
		cmd.Command = fmt.Sprintf("secretword%d", i)
		button.Payload = fmt.Sprintf("mysecret%d/x", i)
		core.Handle(ctx, &cmd)
		core.Handle(ctx, &button)
	}
	known := func() {
		for _, req := range []bot.Request{{Command: "help"}, {Text: "hello"}} {
			req.Platform, req.UserID, req.ChatID, req.Private = bot.PlatformTelegram, "tg:7", "7", true
			core.Handle(ctx, &req)
		}
	}
	known()
	for i := range 3 {
		send(i)
	}
	_, page := get(t, srv.URL+"/metrics")
	before := len(handlerSeries.FindAllString(page, -1))
	for i := 3; i < 1000; i++ {
		send(i)
	}
	_, page = get(t, srv.URL+"/metrics")
	after := len(handlerSeries.FindAllString(page, -1))
	if after != before {
		t.Errorf("%d handler series after 1,000 unknown routes, %d after 3", after, before)
	}
	for _, leak := range []string{"secretword", "mysecret"} {
		if strings.Contains(page, leak) {
			t.Errorf("user text %q is on /metrics", leak)
		}
	}
	for _, want := range []string{`route="unknown"`, `route="/help"`, `route="text"`} {
		if !strings.Contains(page, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if !strings.Contains(page, `calmnights_handler_seconds_count{platform="telegram",route="unknown"} 2000`) {
		t.Errorf("the unknown routes were not all counted:\n%s", grepLines(page, "calmnights_handler_seconds_count"))
	}
}

func TestRouteLabel(t *testing.T) {
	r := bot.NewRouter()
	noop := func(context.Context, *bot.Request) ([]bot.Response, error) { return nil, nil }
	r.Command(bot.Command{Name: "help", Description: "every command", Handler: noop})
	r.Button("ck", noop)
	for route, want := range map[string]string{
		"/help": "/help", "button ck": "button ck", "text": "text",
		"/helpme": "unknown", "button ck2": "unknown", "button ": "unknown", "/": "unknown",
		"": "unknown", "something else": "unknown",
	} {
		if got := bot.RouteLabel(r, route); got != want {
			t.Errorf("RouteLabel(%q) = %q, want %q", route, got, want)
		}
	}
	if got := bot.RouteLabel(nil, "/help"); got != bot.RouteUnknown {
		t.Errorf("without a router: %q", got)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
