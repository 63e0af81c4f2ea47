package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// readiness is what /readyz checks: the database, and every configured
// front door. A door is listed as not connected from the start, before it
// has even been created, so the bot is not ready until all are up.
type readiness struct {
	ping func(context.Context) error // the database answers

	mu    sync.Mutex
	doors map[string]func() bool // each configured front door is connected
}

// newReadiness checks the database with ping and waits for the named doors.
func newReadiness(ping func(context.Context) error, doors ...string) *readiness {
	r := &readiness{ping: ping, doors: map[string]func() bool{}}
	for _, d := range doors {
		r.doors[d] = func() bool { return false }
	}
	return r
}

// setDoor says how to tell whether a front door is connected.
func (r *readiness) setDoor(name string, connected func() bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.doors[name] = connected
}

// check reports each part's state, and whether all are ready.
func (r *readiness) check(ctx context.Context) (map[string]string, bool) {
	status := map[string]string{"database": "ok"}
	ok := true
	if err := r.ping(ctx); err != nil {
		status["database"], ok = "down", false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for name, connected := range r.doors {
		status[name] = "connected"
		if !connected() {
			status[name], ok = "not connected", false
		}
	}
	return status, ok
}

// opsHandler serves /healthz (the process is alive), /readyz (the
// database answers and every configured front door is connected) and
// /metrics (Prometheus).
func opsHandler(m *metrics, ready *readiness) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		status, ok := ready.check(ctx)
		w.Header().Set("Content-Type", "application/json")
		if !ok {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		json.NewEncoder(w).Encode(status)
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	return mux
}

// serveOps runs the operations endpoint on addr until ctx ends.
func serveOps(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	log.Info("health and metrics listening", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
