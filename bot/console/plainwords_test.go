package console_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/console"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// TestPlainWordsAtTheConsole is the new user at the console:
// water, a reminder and a place in plain words, confirmed by number or by
// typing yes, undone by typing undo; /log, /remind and /timezone in the
// forms they refused before.
func TestPlainWordsAtTheConsole(t *testing.T) {
	store := sqlitetest.Open(t)
	core := features.New(features.Options{Store: store})
	script := strings.Join([]string{
		"/start", "1", "/timezone Europe/Berlin", "/bedtime 22:30",
		"had half a litre of water just now", "1", "undo",
		"drank a couple of glasses of water", "yes",
		"set a reminder to stretch at 10 pm", "yes",
		"last night was a 6, calves again", "no",
		"/log 7 woke twice, calves",
		"/remind water every 90m",
		"/timezone madrid",
		"i live in tokyo", "save",
		"what's the capital of france?",
	}, "\n") + "\n"
	var out bytes.Buffer
	c := console.New(core, strings.NewReader(script), &out, console.Options{TimeZone: "Europe/Lisbon"})
	if err := c.Run(ctx); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"I understood: 500 ml of water today. Save it?",
		"Added 500 ml of water ✓ Today so far: 500 ml",
		"> undo\nUndone: took 500 ml off. Today so far: 0 ml.",
		"Added 500 ml of water ✓ Today so far: 500 ml",
		"I understood: a stretch reminder at 22:00 every day. Save it?",
		"Evening stretch: 22:00 every day.",
		"> no\nOkay, I didn't change anything.",
		"Saved the night to", "Note: “woke twice, calves”",
		"Water: 07:00, 08:30, 10:00",
		"Done: your time zone is now Europe/Madrid",
		"I understood: your time zone is Asia/Tokyo",
		"Done: your time zone is now Asia/Tokyo",
		"I can't answer that one",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out.String())
	}
	nights, err := store.Nights(ctx, console.DefaultUserID, "2000-01-01", "2100-01-01")
	if err != nil || len(nights) != 1 || nights[0].Severity != 7 {
		t.Fatalf("nights = %+v, %v (the night said in words was cancelled)", nights, err)
	}
}
