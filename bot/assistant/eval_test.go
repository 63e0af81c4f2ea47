package assistant_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
	_ "modernc.org/sqlite"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// evalItem is one labelled message of the plain-words eval.
type evalItem struct {
	Text   string            `yaml:"text"`
	Action string            `yaml:"action"`
	Values map[string]string `yaml:"values"`
}

// snapshot reads every row of every table, sorted, as text.
func snapshot(t *testing.T, db *sql.DB, skip ...string) string {
	t.Helper()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		if strings.Contains(" "+strings.Join(skip, " ")+" ", " "+table+" ") {
			continue
		}
		rs, err := db.QueryContext(ctx, `SELECT * FROM `+table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		var lines []string
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprint(vals...))
		}
		rs.Close()
		sort.Strings(lines)
		fmt.Fprintf(&b, "%s:\n%s\n", table, strings.Join(lines, "\n"))
	}
	return b.String()
}

// TestEvalStoresNothingUnconfirmed sends every message of both halves of
// the eval through the Router, against a real SQLite file, without
// pressing anything: questions, small talk, warning signs and messages it
// cannot place must change nothing at all; the others may only leave a
// pending confirmation (the conversation row), never data.
func TestEvalStoresNothingUnconfirmed(t *testing.T) {
	h := featuretest.Consented(t)
	db, err := sql.Open("sqlite", "file:"+h.Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var items []evalItem
	for _, f := range []string{"../understand/testdata/tuning.yaml", "../understand/testdata/heldout.yaml"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var part []evalItem
		if err := yaml.Unmarshal(b, &part); err != nil {
			t.Fatal(err)
		}
		items = append(items, part...)
	}
	changed, quiet := 0, 0
	for _, it := range items {
		beforeData := snapshot(t, db, "conversations")
		h.Send(it.Text)
		switch it.Action {
		case "question", "smalltalk", "warning", "unknown":
			quiet++
			// A question may drop a pending "Save it?" (conversations),
			// but never changes the user's data.
			if after := snapshot(t, db, "conversations"); after != beforeData {
				changed++
				t.Errorf("%q (%s) changed the store", it.Text, it.Action)
			}
		default:
			if after := snapshot(t, db, "conversations"); after != beforeData {
				changed++
				t.Errorf("%q (%s) changed data before it was confirmed", it.Text, it.Action)
			}
		}
	}
	t.Logf("%d messages, %d questions/small talk/warnings/unknown; stored changes without a confirmation: %d", len(items), quiet, changed)
}
