package main

import (
	"fmt"
	"strings"

	"github.com/calmnights/calmnights/bot/library"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/content"
)

// exitNoAnswer is the exit code of `calmnights ask` when no topic answers
// the question confidently and the honest fallback is printed instead.
const exitNoAnswer = 3

// ask answers one question on stdout, with no token, database or network.
func ask(args []string, io stdio) int {
	q := strings.TrimSpace(strings.Join(args, " "))
	if q == "" {
		fmt.Fprint(io.err, "calmnights: ask needs a question, for example:\n  calmnights ask \"can dehydration make my legs twitch?\"\n")
		return exitUsage
	}
	r, answered := library.ComposeAnswer(content.Default(), q)
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
