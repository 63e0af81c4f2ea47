package understand_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/safety"
	"github.com/calmnights/calmnights/bot/understand"
	"github.com/calmnights/calmnights/content"
)

// questionRow is one labelled message of a question eval (a TSV file of
// content/testdata/questions): kind is in, out, red, crisis or calm;
// expected is soon or urgent for red; topics, when labelled, are the
// topic ids that answer an in or calm row correctly.
type questionRow struct {
	source, kind, text, expected string
	topics                       []string
}

// readQuestions reads a question eval: the columns named in its header
// (source, kind, message, expected, topics), tab-separated.
func readQuestions(t *testing.T, path string) []questionRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	col := map[string]int{}
	var rows []questionRow
	for first := true; sc.Scan(); first = false {
		cells := strings.Split(sc.Text(), "\t")
		if first {
			for i, c := range cells {
				col[strings.TrimSpace(c)] = i
			}
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(cells) {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		r := questionRow{source: get("source"), kind: get("kind"), text: get("message"), expected: strings.ToLower(get("expected"))}
		if ts := get("topics"); ts != "" {
			r.topics = strings.Fields(strings.ReplaceAll(ts, ",", " "))
		}
		if r.text != "" {
			rows = append(rows, r)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// outcome is what a private chat answers to a message, in the eval's
// terms: crisis, urgent, soon, answer (with the topics shown), refused,
// smalltalk, or statement (something to log or set).
type outcome struct {
	kind   string
	topics []string
}

func (o outcome) String() string {
	if len(o.topics) > 0 {
		return o.kind + " " + strings.Join(o.topics, "+")
	}
	return o.kind
}

// answer runs a message the way a private chat does: the safety screen,
// then the classifier and the library.
func answer(s *safety.Safety, c *understand.Classifier, lib *content.Library, text string) outcome {
	switch s.Check(text) {
	case safety.Crisis:
		return outcome{kind: "crisis"}
	case safety.Urgent:
		return outcome{kind: "urgent"}
	}
	in := c.Classify(text)
	switch in.Action {
	case understand.Warning:
		if in.Answer.Tier == content.TierUrgent {
			return outcome{kind: "urgent"}
		}
		return outcome{kind: "soon"}
	case understand.Question:
		if in.Answer.Topic == nil {
			return outcome{kind: "refused"} // asked, and honestly refused
		}
		o := outcome{kind: "answer"}
		for _, tp := range []*content.Topic{in.Answer.Topic, in.Answer.Also} {
			if tp != nil {
				o.topics = append(o.topics, tp.ID)
			}
		}
		return o
	case understand.SmallTalk:
		return outcome{kind: "smalltalk"}
	case understand.Unknown:
		if in.Answer.Statement && !in.Answer.Outside {
			return outcome{kind: "statement"}
		}
		return outcome{kind: "refused"}
	}
	return outcome{kind: "statement"}
}

// tally is one set's figures, the columns.
type tally struct {
	inN, inAnswered, inRight, outN, outRefused, redN, redEscalated, redTier, crisisN, crisisHit, calmN, calmKept int
	misses                                                                                                       []string
}

func (ty *tally) add(r questionRow, o outcome) {
	miss := func() { ty.misses = append(ty.misses, fmt.Sprintf("%s %q: got %s", r.kind, r.text, o)) }
	switch r.kind {
	case "in":
		ty.inN++
		if o.kind == "statement" && actionExpected.MatchString(r.expected) {
			// The writer asked for something done ("reminder set",
			// "journal entry logged"), and the bot shows it to save.
			ty.inAnswered++
			ty.inRight++
			return
		}
		if o.kind != "answer" {
			miss()
			return
		}
		ty.inAnswered++
		if len(r.topics) == 0 || overlaps(r.topics, o.topics) {
			ty.inRight++
		} else {
			miss()
		}
	case "out":
		ty.outN++
		if o.kind == "refused" {
			ty.outRefused++
		} else {
			miss()
		}
	case "red":
		ty.redN++
		switch {
		case o.kind == "soon" || o.kind == "urgent" || o.kind == "crisis":
			ty.redEscalated++
			if strings.Contains(r.expected, o.kind) {
				ty.redTier++
			} else {
				miss()
			}
		default:
			miss()
		}
	case "crisis":
		ty.crisisN++
		if o.kind == "crisis" {
			ty.crisisHit++
		} else {
			miss()
		}
	case "calm":
		ty.calmN++
		if o.kind != "urgent" && o.kind != "crisis" {
			ty.calmKept++
		} else {
			miss()
		}
	}
}

// actionExpected is an in row's expected answer that is something done,
// not something explained: a reminder set, a night logged.
var actionExpected = regexp.MustCompile(`^(?:reminder set|reminder (?:time )?(?:changed|moved)|[\w -]{0,30} turned (?:on|off)|sets? (?:a |the )?(?:\w+ ){0,3}reminder|(?:journal )?entry (?:logged|saved)|(?:logs?|saves?) (?:a |the )?(?:journal )?entr(?:y|ies)|logged)\b`)

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func share(a, n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d (%.0f %%)", a, n, 100*float64(a)/float64(n))
}

func (ty *tally) String() string {
	return fmt.Sprintf("in scope answered %s, right topic %s; out of scope refused %s; warning signs escalated %s, right tier %s; crisis %s; calm kept %s",
		share(ty.inAnswered, ty.inN), share(ty.inRight, ty.inN), share(ty.outRefused, ty.outN), share(ty.redEscalated, ty.redN), share(ty.redTier, ty.redN),
		share(ty.crisisHit, ty.crisisN), share(ty.calmKept, ty.calmN))
}

// floor is what a question eval must keep: the figures it reached once
// tuned, so that no change makes it worse unnoticed.
type floor struct{ escalated, crisis, refused, answered int }

// questionFloors are the floors of the rounds that joined the tuning data
// (their first-contact figures are in the commit that froze them and in
// the closing note); the real set's test half has none, so that nothing
// is ever tuned on it.
var questionFloors = map[string]floor{
	"blind1.tsv": {escalated: 30, crisis: 10, refused: 40, answered: 50},
	"blind2.tsv": {escalated: 29, crisis: 10, refused: 37, answered: 53},
	"blind3.tsv": {escalated: 30, crisis: 10, refused: 34, answered: 48},
	"blind4.tsv": {escalated: 30, crisis: 10, refused: 36, answered: 48},
}

// TestQuestionEvals runs every question eval in content/testdata/questions
// the way a private chat answers, and reports the columns for each
// file apart (and, for a real set, for its tuning and test halves, split
// by source). Misses are listed for the files named in
// CALMNIGHTS_QUESTION_MISSES (comma-separated base names, or "all"), so a
// blind round's first run shows only its figures.
func TestQuestionEvals(t *testing.T) {
	files, _ := filepath.Glob("../../content/testdata/questions/*.tsv")
	if len(files) == 0 {
		t.Skip("no question evals yet")
	}
	sort.Strings(files)
	s, c, lib := safety.New(nil), understand.New(nil), content.Default()
	show := os.Getenv("CALMNIGHTS_QUESTION_MISSES")
	for _, f := range files {
		name := filepath.Base(f)
		// Each file on its own, beside the others: the classifier and the
		// library are safe for concurrent use.
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			evalQuestionFile(t, f, name, show, s, c, lib)
		})
	}
}

// evalQuestionFile reports one question eval file's figures, checks its
// floor and lists its misses when asked.
func evalQuestionFile(t *testing.T, f, name, show string, s *safety.Safety, c *understand.Classifier, lib *content.Library) {
	parts := map[string]*tally{}
	for _, r := range readQuestions(t, f) {
		key := name
		if r.source != "" {
			key = name + " (" + content.SourceHalf(r.source) + " half)"
		}
		if parts[key] == nil {
			parts[key] = &tally{}
		}
		parts[key].add(r, answer(s, c, lib, r.text))
	}
	keys := make([]string, 0, len(parts))
	for k := range parts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%s: %s", k, parts[k])
		if f, ok := questionFloors[k]; ok {
			ty := parts[k]
			if ty.redEscalated < f.escalated || ty.crisisHit < f.crisis || ty.outRefused < f.refused || ty.inAnswered < f.answered {
				t.Errorf("%s fell below its floor %+v: %s", k, f, ty)
			}
		}
		// A real set's test half never shows its misses: nothing may be
		// tuned on it.
		if (show == "all" || strings.Contains(","+show+",", ","+name+",")) && !strings.Contains(k, "test half") {
			for _, m := range parts[k].misses {
				t.Log("  miss: " + m)
			}
		}
	}
}
