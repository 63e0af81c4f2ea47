package main

import (
	"context"
	"net/url"

	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/postgres"
	"github.com/calmnights/calmnights/bot/sqlite"
)

// appStore is what the binary needs of its database; both the SQLite and
// the PostgreSQL stores provide it.
type appStore interface {
	features.Store
	delivery.Store
	// Ping checks that the database answers (for /readyz).
	Ping(ctx context.Context) error
	// SchemaVersion returns the applied migration version.
	SchemaVersion(ctx context.Context) (int, error)
	// Secret returns the deployment's secret of a name, made on first use.
	Secret(ctx context.Context, name string, size int) ([]byte, error)
}

var (
	_ appStore = (*sqlite.Store)(nil)
	_ appStore = (*postgres.Store)(nil)
)

// openStore opens the database dsn names, applying the migrations it
// lacks: PostgreSQL for a postgres:// or postgresql:// URL, else the
// SQLite file at that path.
func openStore(ctx context.Context, dsn string) (appStore, error) {
	if postgres.IsURL(dsn) {
		s, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, err // callers name the database, with redactDSN
		}
		return s, nil
	}
	s, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// redactDSN returns dsn fit for logs and messages: a database URL loses
// its password; a file path is returned as it is.
func redactDSN(dsn string) string {
	if !postgres.IsURL(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}
