package console_test

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/console"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// TestDigitAtAScaleIsTheValue: at the 0-10 twitching scale, whose buttons
// are labelled 0 to 10, typing 5 logs 5 (the button labelled "5"), not the
// fifth button (labelled "4"). Where no label matches, a number still
// presses a button by its position.
func TestDigitAtAScaleIsTheValue(t *testing.T) {
	store := sqlitetest.Open(t)
	out := chat(t, store, "/start\n1\n/log\n5\n2\n2\n2\n2\nskip\nskip\nskip\nskip\nskip\n")
	nights, err := store.Nights(ctx, console.DefaultUserID, "0000-01-01", "9999-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if len(nights) != 1 || nights[0].Severity != 5 {
		t.Fatalf("typed 5 at the scale, stored %+v\n%s", nights, out)
	}
	if strings.Contains(out, "> 5  [4]") {
		t.Errorf("5 pressed the fifth button:\n%s", out)
	}
	// "1" at the consent question (labels are words) is still button 1.
	if !strings.Contains(out, "> 1  [Yes, keep my notes]") {
		t.Errorf("a number no longer presses a button by position:\n%s", out)
	}
}

// TestScreensInWordsAtTheConsole: "show me my week" and "what have I
// logged" open the week and the journal, as /week and /journal do.
func TestScreensInWordsAtTheConsole(t *testing.T) {
	store := sqlitetest.Open(t)
	out := chat(t, store, "/start\n1\n/log 6\nshow me my week\nwhat have I logged\n")
	for _, want := range []string{"> show me my week\nYour week", "Average score: 6.0/10", "> what have I logged\n", "6/10"} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q:\n%s", want, out)
		}
	}
}
