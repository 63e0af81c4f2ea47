// Package schema holds the stress rating's table, one template for every
// SQL engine (see bot/sqlstore's schema parts). It imports nothing, so the
// shared SQL layer can list it without importing the feature.
package schema

import "embed"

// FS holds the table's numbered migration templates, in "."
//
//go:embed *.sql
var FS embed.FS
