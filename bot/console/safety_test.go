package console_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/console"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// TestTypedConfirmationsAndCrisisAtTheConsole: "delete my data" opens
// /forget's question and a typed "no" keeps everything, a typed "yes"
// deletes it; a crisis statement in the middle of a /log gets the crisis
// answer of the person's country, alone, and the /log goes on after it.
func TestTypedConfirmationsAndCrisisAtTheConsole(t *testing.T) {
	store := sqlitetest.Open(t)
	core := features.New(features.Options{Store: store})
	script := strings.Join([]string{
		"/start", "1", "/timezone Europe/Lisbon", "/bedtime 22:30",
		"/log 6 calves",
		"delete my data", "nope",
		"/log", "honestly I just want to end it all, these legs", "5", "cancel",
		"forget me", "yes",
	}, "\n") + "\n"
	var out bytes.Buffer
	c := console.New(core, strings.NewReader(script), &out, console.Options{TimeZone: "Europe/Lisbon"})
	if err := c.Run(ctx); err != nil {
		t.Fatal(err)
	}
	transcript := out.String()
	for _, want := range []string{
		"> delete my data\nDelete everything?",
		"> nope\nCancelled: nothing was deleted.",
		"you're not alone", "112", "1411", // Portugal's emergency number and crisis line
		"> forget me\nDelete everything?",
		"> yes\nDone. I've deleted everything",
	} {
		if !strings.Contains(transcript, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	// The crisis answer comes alone: nothing of the /log, no tips, after it.
	_, after, _ := strings.Cut(transcript, "> honestly I just want to end it all, these legs\n")
	crisis, _, _ := strings.Cut(after, "\n> ")
	for _, not := range []string{"Did the twitching", "/log", "stretch", "magnesium"} {
		if strings.Contains(crisis, not) {
			t.Errorf("the crisis answer carries %q:\n%s", not, crisis)
		}
	}
	if t.Failed() {
		t.Log(transcript)
	}
	if _, err := store.User(ctx, console.DefaultUserID); err == nil {
		nights, _ := store.Nights(ctx, console.DefaultUserID, "2000-01-01", "2100-01-01")
		if len(nights) != 0 {
			t.Fatalf("after a typed yes to 'forget me', %d nights are left", len(nights))
		}
	}
}
