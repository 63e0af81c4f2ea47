package main

import (
	"fmt"
	"strings"

	"github.com/calmnights/calmnights/bot/console"
	"github.com/calmnights/calmnights/bot/library"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/places"
	"github.com/calmnights/calmnights/bot/safety"
	"github.com/calmnights/calmnights/content"
)

// exitNoAnswer is the exit code of `calmnights ask` when no topic answers
// the question confidently and the honest fallback is printed instead.
const exitNoAnswer = 3

// ask answers one question on stdout, with no token, database or network,
// as a private chat would: the safety screen first (the crisis line of the
// machine's time zone's country), then the library.
func ask(args []string, io stdio) int {
	q := strings.TrimSpace(strings.Join(args, " "))
	if q == "" {
		fmt.Fprint(io.err, "calmnights: ask needs a question, for example:\n  calmnights ask \"can dehydration make my legs twitch?\"\n")
		return exitUsage
	}
	lib := content.Default()
	// The safety screen first, exactly as in a chat: a crisis or an
	// emergency gets its answer alone (exit 0: it was answered).
	if reply, ok := safety.New(lib).Answer(q, places.Country(console.LocalZoneName())); ok {
		fmt.Fprintln(io.out, markup.Plain(reply))
		return exitOK
	}
	r, answered := library.ComposeAnswer(lib, q)
	fmt.Fprintln(io.out, markup.Plain(r.Text))
	var related []string
	for _, row := range r.Buttons {
		for _, b := range row {
			related = append(related, b.Label)
		}
	}
	if answered && len(related) > 0 {
		fmt.Fprintf(io.out, "\nRelated: %s\n", strings.Join(related, " · "))
	}
	if !answered {
		return exitNoAnswer
	}
	return exitOK
}
