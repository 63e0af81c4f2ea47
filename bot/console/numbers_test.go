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

// TestWalksOfIssue23AtTheConsole: the walks of issue 23 at the console.
// A night told before permission is offered back once it is given; a
// side question during /start is answered and the time-zone step resumes,
// where "I'm in Lisbon" sets the zone; a night told in words shows every
// field back before it is saved.
func TestWalksOfIssue23AtTheConsole(t *testing.T) {
	check := func(out string, wants ...string) {
		t.Helper()
		for _, want := range wants {
			if !strings.Contains(out, want) {
				t.Errorf("transcript lacks %q:\n%s", want, out)
			}
		}
	}
	out := chat(t, sqlitetest.Open(t), strings.Join([]string{
		"/start", "2", "stop", // no permission yet, and leave getting started
		"last night was a 6, woke me twice", "1", // held, then allowed: offered back
		"1", // Save
	}, "\n")+"\n")
	check(out, "only keep a journal with your permission", "Thank you. I'll keep your notes private", "twitching 6/10", "Saved the night to")
	out = chat(t, sqlitetest.Open(t), strings.Join([]string{
		"/start", "1", "can coffee make my legs twitch?", "I'm in Lisbon", "skip",
		"terrible night, legs crawling from 10 till 1, got up twice, had a coffee at 5pm", "3",
		"show me my week",
	}, "\n")+"\n")
	check(out, "Caffeine and other stimulants", "Back to getting started", "Europe/Lisbon", "woke 2×, legs from 22:00", "Saved the night to", "Your week")
}
