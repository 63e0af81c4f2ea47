package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// WebhookOptions configure webhook mode.
type WebhookOptions struct {
	URL    string // the public HTTPS address Telegram posts to
	Secret string // sent back by Telegram in X-Telegram-Bot-Api-Secret-Token
	Addr   string // where to listen, e.g. ":8443"
	// Listener, when set, is used instead of listening on Addr (tests).
	Listener net.Listener
}

// secretPattern is what Telegram allows in a secret token.
var secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// maxUpdateBytes bounds one webhook body.
const maxUpdateBytes = 1 << 20

func (w WebhookOptions) validate() error {
	if w.URL == "" {
		return nil
	}
	u, err := url.Parse(w.URL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("telegram: webhook URL %q is not an http(s) address", w.URL)
	}
	if !secretPattern.MatchString(w.Secret) {
		return errors.New("telegram: a webhook needs a secret of 1-256 letters, digits, _ or - (CALMNIGHTS_TELEGRAM_WEBHOOK_SECRET)")
	}
	if w.Addr == "" && w.Listener == nil {
		return errors.New("telegram: a webhook needs an address to listen on (CALMNIGHTS_TELEGRAM_WEBHOOK_ADDR)")
	}
	return nil
}

// registerWebhook tells Telegram where to post updates (with the secret,
// which tgbotapi's WebhookConfig cannot carry).
func (a *Adapter) registerWebhook() error {
	w := a.opts.Webhook
	allowed, _ := json.Marshal(allowedUpdates)
	_, err := a.api.MakeRequest("setWebhook", tgbotapi.Params{"url": w.URL, "secret_token": w.Secret, "allowed_updates": string(allowed)})
	if err != nil {
		return fmt.Errorf("telegram: set webhook: %w", mapError(redact(err, a.opts.Token)))
	}
	a.log.Info("webhook registered")
	return nil
}

// serveWebhook registers the webhook and serves it until ctx ends. With
// several replicas (a Leader) only the replica that leads the sending
// registers it, once when it takes the lead; the others only serve.
func (a *Adapter) serveWebhook(ctx context.Context) error {
	w := a.opts.Webhook
	var err error
	if a.opts.Leader == nil {
		if err := a.registerWebhook(); err != nil {
			return err
		}
	}
	u, _ := url.Parse(w.URL)
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux := http.NewServeMux()
	mux.Handle("POST "+path, a.webhookHandler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	ln := w.Listener
	if ln == nil {
		if ln, err = net.Listen("tcp", w.Addr); err != nil {
			return fmt.Errorf("telegram: webhook listen: %w", err)
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.ready.Store(true)
	a.log.Info("webhook serving", "addr", ln.Addr().String(), "path", path)
	select {
	case err := <-errc:
		return fmt.Errorf("telegram: webhook: %w", err)
	case <-ctx.Done():
	}
	a.ready.Store(false)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	return srv.Shutdown(sctx)
}

// webhookHandler stores each update Telegram posts, after checking the
// secret header, and answers 200 once it is safe. An update seen before
// (Telegram retries) is acknowledged and ignored.
func (a *Adapter) webhookHandler() http.Handler {
	secret := []byte(a.opts.Webhook.Secret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if subtle.ConstantTimeCompare(got, secret) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxUpdateBytes+1))
		if err != nil || len(body) > maxUpdateBytes {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var u tgbotapi.Update
		if err := json.Unmarshal(body, &u); err != nil || u.UpdateID <= 0 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if err := a.store(r.Context(), []tgbotapi.Update{u}); err != nil {
			a.log.Error("store webhook update", "err", err)
			http.Error(w, "try again", http.StatusInternalServerError) // Telegram retries
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
