package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// InteractionsPath is where the HTTP interactions endpoint listens.
const InteractionsPath = "/discord/interactions"

// maxInteractionBytes bounds a request body.
const maxInteractionBytes = 1 << 20

// publicKey reads the application's public key.
func publicKey(hexKey string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(hexKey)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("discord: the public key must be 64 hex digits (the application's PUBLIC KEY)")
	}
	return ed25519.PublicKey(b), nil
}

// runHTTP serves the HTTP interactions endpoint: no gateway connection, so
// any number of replicas can stand behind one load balancer.
func (a *Adapter) runHTTP(ctx context.Context) error {
	key, err := publicKey(a.opts.PublicKey)
	if err != nil {
		return err
	}
	app := a.opts.AppID
	if app == "" {
		got, err := a.s.Application("@me")
		if err != nil {
			return fmt.Errorf("discord: look up the application: %w", redact(mapError(err), a.opts.Token))
		}
		app = got.ID
	}
	a.appID.Store(app)
	if err := a.publishCommands(); err != nil {
		a.log.Warn("could not publish slash commands", "err", err)
	}
	ln, err := net.Listen("tcp", a.opts.InteractionsAddr)
	if err != nil {
		return fmt.Errorf("discord: interactions endpoint: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle(InteractionsPath, a.interactionsHandler(key))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.ready.Store(true)
	a.log.Info("discord interactions endpoint listening", "addr", ln.Addr().String())
	select {
	case <-ctx.Done():
	case err := <-errc:
		a.ready.Store(false)
		return fmt.Errorf("discord: interactions endpoint: %w", err)
	}
	a.ready.Store(false)
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}

// interactionsHandler verifies, acknowledges and stores each interaction
// Discord posts.
func (a *Adapter) interactionsHandler(key ed25519.PublicKey) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxInteractionBytes)
		// Discord checks that bad signatures are refused with 401.
		if !discordgo.VerifyInteraction(r, key) {
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var i discordgo.Interaction
		if err := json.Unmarshal(body, &i); err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if i.Type == discordgo.InteractionPing {
			writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
			return
		}
		req := convertInteraction(&i)
		if req == nil {
			writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate})
			return
		}
		ack, in := ackFor(&i, req)
		// The answer is the acknowledgement; it must reach Discord before
		// the first reply tries to complete it, so it is flushed first.
		writeJSON(w, ack)
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		if err := a.accept(i.ID, req, in); err != nil {
			a.log.Error("store an interaction", "err", err)
		}
	})
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
