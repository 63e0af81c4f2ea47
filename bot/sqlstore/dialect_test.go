package sqlstore_test

import (
	"testing"

	"github.com/calmnights/calmnights/bot/sqlstore"
)

func TestNumbered(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT 1`: `SELECT 1`,
		`UPDATE t SET a = ?, b = '?' WHERE c = ? AND d = lower(?)`: `UPDATE t SET a = $1, b = '?' WHERE c = $2 AND d = lower($3)`,
	} {
		if got := sqlstore.Numbered(in); got != want {
			t.Errorf("Numbered(%q) = %q, want %q", in, got, want)
		}
	}
}
