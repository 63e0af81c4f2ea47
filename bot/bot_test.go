package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

var ctx = context.Background()

func TestHelpListsEveryCommand(t *testing.T) {
	h := featuretest.New(t)
	out := h.Send("/help")
	for _, c := range h.Bot.Router().Commands() {
		featuretest.MustContain(t, out, "/"+c.Name, c.Description)
	}
	featuretest.MustContain(t, out, `/timezone [city | country | Area/City]`, "Or just write in plain words", "had 2 glasses of water")
}

func TestUnknownAndBrokenInput(t *testing.T) {
	h := featuretest.New(t)
	tests := []struct {
		name string
		out  []bot.Response
		want string
	}{
		{"unknown command", h.Send("/frobnicate"), "I don't know /frobnicate"},
		{"typo", h.Send("/bedtiem"), "Did you mean /bedtime?"},
		{"free text", h.Send("hello"), "Send /help"},
		{"unknown button", h.Press("zz/1"), "doesn't work any more"},
		{"stale onboarding button", h.Press("start/whatever"), "doesn't work any more"},
		{"oversized payload", h.Press("start/" + strings.Repeat("x", 100)), "doesn't work any more"},
		{"too long", h.Send(strings.Repeat("a", bot.MaxInputRunes+1)), "too long"},
		{"invalid UTF-8", h.Send("/timezone \xff\xfe"), "Nothing was changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { featuretest.MustContain(t, tt.out, tt.want) })
	}
}

func TestHandlerPanicIsContained(t *testing.T) {
	h := featuretest.New(t)
	h.Bot.Router().Command(bot.Command{Name: "boom", Description: "Panics on purpose", Handler: func(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
		panic("deliberate test panic")
	}})
	featuretest.MustContain(t, h.Send("/boom"), "something went wrong on my side")
	featuretest.MustContain(t, h.Send("/help"), "Here's what I can do")
}

func TestGroupMessageKeepsPrivateChat(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/start") // private chat "42"
	req := h.Request()
	req.ChatID, req.Private, req.Command = "-100", false, "help"
	h.Bot.Handle(ctx, req)
	if got := h.User().ChatID; got != "42" {
		t.Fatalf("chat after a group message = %q, want the private chat 42", got)
	}
}
