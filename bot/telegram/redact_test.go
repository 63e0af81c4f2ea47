package telegram_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/telegram"
)

func TestRedactToken(t *testing.T) {
	const tok = "123456:AAE-secret_Tok"
	for _, tc := range []struct{ in, token, want string }{
		{`Post "https://api.telegram.org/bot123456:AAE-secret_Tok/sendMessage": EOF`, tok, `Post "https://api.telegram.org/bot<redacted>/sendMessage": EOF`},
		{`Post "https://api.telegram.org/bot123456%3AAAE-secret_Tok/sendMessage": EOF`, tok, `Post "https://api.telegram.org/bot<redacted>/sendMessage": EOF`},
		{"token 123456:AAE-secret_Tok alone", tok, "token <redacted> alone"},
		// Without the exact token, anything token-shaped in a Bot API path goes.
		{`Post "http://proxy/bot987:XYZ_abc-1/getMe": reset`, "", `Post "http://proxy/bot<redacted>/getMe": reset`},
		{"nothing to hide: robot 42", tok, "nothing to hide: robot 42"},
	} {
		if got := telegram.RedactToken(tc.in, tc.token); got != tc.want {
			t.Errorf("RedactToken(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// lockedBuffer collects log output written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// noToken fails if the token, or its user-id half followed by anything
// but the redaction, is in err's text or in any error it wraps.
func noToken(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error", what)
	}
	secret := strings.SplitN(token, ":", 2)[1]
	for e := err; e != nil; e = errors.Unwrap(e) {
		for _, s := range []string{e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e)} {
			if strings.Contains(s, secret) {
				t.Errorf("%s: the token is in the error: %s", what, s)
			}
		}
	}
	var ue *url.Error
	if errors.As(err, &ue) && strings.Contains(ue.URL, secret) {
		t.Errorf("%s: the token is in the error's URL: %s", what, ue.URL)
	}
}

// TestTokenNotInErrorsOrLogs drops the connection in the middle of real
// tgbotapi requests to the fake Bot API and checks that the token shows in
// neither the errors the adapter returns (what the outbox stores) nor its
// log.
func TestTokenNotInErrorsOrLogs(t *testing.T) {
	e := newEnv(t)
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := telegram.New(telegram.Options{
		Token: token, APIURL: e.srv.BaseURL(), Core: e.handler, Commands: e.core.Router().Commands(),
		Store: e.store, Alone: true, HTTPClient: e.srv.Client(), Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}

	// A reminder's send: one attempt, its error goes back to be stored.
	e.srv.Fail("sendMessage", 1, 0, 0, "", 0)
	err = a.Send(ctx, "42", bot.Response{Text: "time to stretch"})
	noToken(t, "Send", err)
	var temp *bot.TemporaryError
	if !errors.As(err, &temp) {
		t.Errorf("a dropped connection should stay temporary, got %T: %v", err, err)
	}
	t.Logf("Send error: %v", err)

	// The long poll: its failures are logged.
	e.srv.Fail("getUpdates", 1, 0, 0, "", 0)
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx) }()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "getUpdates failed") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}

	stop()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}

	out := logs.String()
	if !strings.Contains(out, "getUpdates failed") {
		t.Errorf("the dropped poll was not logged:\n%s", out)
	}
	if strings.Contains(out, strings.SplitN(token, ":", 2)[1]) {
		t.Errorf("the token is in the log:\n%s", out)
	}
	if !strings.Contains(out, "bot<redacted>") {
		t.Errorf("expected the redacted URL in the log:\n%s", out)
	}
}

// TestTokenNotInConnectError: a Bot API server that is not there at all.
func TestTokenNotInConnectError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = telegram.New(telegram.Options{Token: token, APIURL: "http://" + addr})
	noToken(t, "New", err)
}
