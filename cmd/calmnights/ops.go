package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot/postgres"
	"github.com/calmnights/calmnights/bot/sqlite"
)

// openDB reads the flags and environment and opens the database they
// name, applying any migrations it lacks.
func openDB(ctx context.Context, args []string, getenv func(string) string) (appStore, config, error) {
	cfg, err := loadConfig(args, getenv, true)
	if err != nil {
		return nil, cfg, err
	}
	store, err := openStore(ctx, cfg.DB)
	if err != nil {
		return nil, cfg, fmt.Errorf("open database %s: %w", redactDSN(cfg.DB), err)
	}
	return store, cfg, nil
}

// backup writes an online, consistent copy of the database and checks it.
func backup(ctx context.Context, args []string, io stdio, getenv func(string) string) error {
	if len(args) == 0 || strings.HasPrefix(args[len(args)-1], "-") {
		return usageError{msg: "backup needs a file to write, for example: calmnights backup /backups/calmnights-2026-11-25.db"}
	}
	target := args[len(args)-1]
	store, cfg, err := openDB(ctx, args[:len(args)-1], getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	sq, ok := store.(*sqlite.Store)
	if !ok {
		return usageError{msg: "backup copies a SQLite file; back PostgreSQL up with pg_dump or continuous archiving (see deploy/README.md)"}
	}
	start := time.Now()
	if err := sq.Backup(ctx, target); err != nil {
		return err
	}
	fmt.Fprintf(io.out, "backed up %s to %s in %s; integrity check ok\n", cfg.DB, target, time.Since(start).Round(time.Millisecond))
	return nil
}

// migrate applies the migrations the database lacks, and exits.
func migrate(ctx context.Context, args []string, io stdio, getenv func(string) string) error {
	store, cfg, err := openDB(ctx, args, getenv) // opening applies the migrations
	if err != nil {
		return err
	}
	defer store.Close()
	v, err := store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.out, "%s is at schema version %d\n", redactDSN(cfg.DB), v)
	return nil
}

// stats prints the database's headline numbers.
func stats(ctx context.Context, args []string, io stdio, getenv func(string) string) error {
	store, cfg, err := openDB(ctx, args, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	var st sqlite.Stats
	switch s := store.(type) {
	case *sqlite.Store:
		st, err = s.Stats(ctx)
	case *postgres.Store:
		var ps postgres.Stats
		ps, err = s.Stats(ctx)
		st = sqlite.Stats(ps)
	default:
		err = fmt.Errorf("stats: no numbers for %T", store)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(io.out, "database             %s (schema %d, %.1f MB)\n", redactDSN(cfg.DB), st.SchemaVersion, float64(st.SizeBytes)/(1<<20))
	fmt.Fprintf(io.out, "users                %d (%d allowed health notes)\n", st.Users, st.Consented)
	fmt.Fprintf(io.out, "journal nights       %d\n", st.Nights)
	fmt.Fprintf(io.out, "water days           %d\n", st.WaterDays)
	fmt.Fprintf(io.out, "checklist results    %d\n", st.Checklists)
	fmt.Fprintf(io.out, "reminders on         %d\n", st.RemindersOn)
	fmt.Fprintf(io.out, "deliveries pending   %d\n", st.DeliveriesPending)
	fmt.Fprintf(io.out, "updates pending      %d\n", st.InboxPending)
	return nil
}

// healthcheck asks a running bot's /healthz (at CALMNIGHTS_HTTP_ADDR) and
// fails if it does not answer ok: for container HEALTHCHECKs, which run
// in images without curl.
func healthcheck(ctx context.Context, io stdio, getenv func(string) string) error {
	addr := getenv("CALMNIGHTS_HTTP_ADDR")
	if addr == "" {
		return usageError{msg: "healthcheck needs CALMNIGHTS_HTTP_ADDR"}
	}
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s", resp.Status)
	}
	fmt.Fprintln(io.out, "ok")
	return nil
}
