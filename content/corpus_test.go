package content

import (
	"os"
	"strings"
	"testing"
)

// corpusRow is one message of a tuning corpus in testdata/corpus: written
// by helpers for tuning (never a blind round), labelled with its kind.
type corpusRow struct{ kind, text, topics string }

// readCorpus reads a corpus file: a header naming its columns (kind,
// message, and topics for a question corpus), then tab-separated rows.
func readCorpus(t testing.TB, name string) []corpusRow {
	t.Helper()
	b, err := os.ReadFile("testdata/corpus/" + name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	col := map[string]int{}
	for i, c := range strings.Split(lines[0], "\t") {
		col[strings.TrimSpace(c)] = i
	}
	var out []corpusRow
	for _, line := range lines[1:] {
		cells := strings.Split(line, "\t")
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(cells) {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		if get("message") != "" {
			out = append(out, corpusRow{get("kind"), get("message"), get("topics")})
		}
	}
	return out
}

// TestWarningCorpus runs the warning-sign corpora (soon, urgent and calm
// messages in loose lay words, written by helpers for tuning: the second
// after round 7): every warning must be
// escalated, at its tier or higher, and no calm one sent to urgent care.
func TestWarningCorpus(t *testing.T) {
	t.Parallel() // reads only; the package's long sweeps share the cores
	lib := Default()
	n := map[string]int{}
	ok := map[string]int{}
	rows := readCorpus(t, "warnings.tsv")
	rows = append(rows, readCorpus(t, "warnings2.tsv")...)
	for _, r := range rows {
		a := lib.Ask(r.text)
		n[r.kind]++
		var good bool
		switch r.kind {
		case "urgent":
			good = a.Tier == TierUrgent
		case "soon":
			good = a.Tier != TierNone
		case "calm":
			good = a.Tier != TierUrgent
		}
		if good {
			ok[r.kind]++
		} else {
			t.Logf("%s missed (got %s): %s", r.kind, a.Tier, r.text)
		}
	}
	t.Logf("urgent %d/%d, soon escalated %d/%d, calm kept %d/%d", ok["urgent"], n["urgent"], ok["soon"], n["soon"], ok["calm"], n["calm"])
}
