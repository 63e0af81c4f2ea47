package understand

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClassify: any text is read without a panic, and what comes out is
// well formed: a known action, clock values that parse, sane numbers.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"had half a litre of water", "half past", "quarter to", "note: calves", "NOTE: x, 8 last night",
		"remind me to stretch in", "every", "between and", "from 11pm to", "i live in", "10/10", "K", "İstanbul note:", "\x00", "snooze 99999999999999999999 min"} {
		f.Add(s)
	}
	c := New(nil)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 500 {
			return
		}
		in := c.Classify(s)
		switch in.Action {
		case Question, SmallTalk, Warning, Unknown, Log, Water, Remind, Pause, Resume, Snooze, Quiet, Bedtime, WakeTime, TimeZone:
		default:
			t.Fatalf("%q: action %q", s, in.Action)
		}
		for _, k := range []string{"at", "from", "to"} {
			if v := in.Values[k]; v != "" && (len(v) != 5 || !strings.Contains(v, ":")) {
				t.Fatalf("%q: %s = %q", s, k, v)
			}
		}
		if v := in.Values["score"]; v != "" && len(v) > 2 {
			t.Fatalf("%q: score %q", s, v)
		}
	})
}
