package discord_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/discord"
	"github.com/calmnights/calmnights/bot/discord/discordtest"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// TestHTTPInteractionsEndpoint: with an interactions endpoint URL, Discord
// posts signed interactions over HTTP and no gateway connection is made.
// Bad signatures are refused with 401, PING gets PONG, a command is
// deferred in the HTTP answer and completed from the outbox.
func TestHTTPInteractionsEndpoint(t *testing.T) {
	srv := discordtest.New(t)
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	store := sqlitetest.OpenAt(t, filepath.Join(t.TempDir(), "http.db"))
	app := features.Build(features.Options{Store: store})
	core, sched := app.Bot, app.Reminders
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	a, err := discord.New(discord.Options{
		Token: discordtest.Token, APIURL: srv.URL(), Core: core, Commands: core.Router().Commands(),
		Store: store, Alone: true, Composer: sched, Done: sched.Delivered,
		InteractionsAddr: addr, PublicKey: hex.EncodeToString(pub),
	})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	for deadline := time.Now().Add(10 * time.Second); !a.Ready() && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	endpoint := "http://" + addr + discord.InteractionsPath

	if code, _ := srv.HTTPPing(endpoint, nil); code != 401 {
		t.Fatalf("a badly signed request got %d, want 401", code)
	}
	if code, body := srv.HTTPPing(endpoint, priv); code != 200 || !strings.Contains(string(body), `"type":1`) {
		t.Fatalf("PING: %d %s", code, body)
	}
	if n := len(srv.Commands("")); n < 10 {
		t.Fatalf("%d slash commands published without the gateway", n)
	}
	alice := discordtest.User{ID: "100000000000000077", Username: "alice"}
	in := discordtest.SlashCommand("help", nil, alice, "", "")
	if code := srv.HTTPInteraction(endpoint, priv, in); code != 200 {
		t.Fatalf("interaction: %d", code)
	}
	// The edit can reach the fake before it has recorded the callback that
	// the HTTP response carried; it then gets Discord's 10015 and is sent
	// again. The accepted calls are the callback, then the answer.
	var got []discordtest.Call
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		got = got[:0]
		for _, c := range srv.Responses(in.ID) {
			if c.Status < 300 {
				got = append(got, c)
			}
		}
		if len(got) >= 2 {
			break
		}
	}
	if len(got) < 2 || got[0].ResponseType() != 5 || !strings.Contains(got[1].Content(), "Here's what I can do") {
		t.Fatalf("help over HTTP: %+v", got)
	}
	if _, ok := srv.Identify(); ok {
		t.Error("the adapter connected to the gateway in HTTP mode")
	}
}
