package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/calmnights/calmnights/bot/console"
	"github.com/calmnights/calmnights/bot/language"
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
//
// --lang xx is the asker's language (en, es, pt, de, ru), as a user's
// /language choice is: the answer comes in it, unless the question is
// clearly written in another language the bot speaks.
func ask(args []string, io stdio) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(io.err)
	langFlag := fs.String("lang", "en", "your language: en, es, pt, de or ru")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	userLang, ok := language.Code(*langFlag)
	if !ok {
		fmt.Fprintf(io.err, "calmnights: I speak en, es, pt, de and ru; --lang %q is none of them\n", *langFlag)
		return exitUsage
	}
	q := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if q == "" {
		fmt.Fprint(io.err, "calmnights: ask needs a question, for example:\n  calmnights ask \"can dehydration make my legs twitch?\"\n  calmnights ask --lang es \"¿el café me puede dar tirones en las piernas?\"\n")
		return exitUsage
	}
	lib := content.Default()
	// The safety screen first, exactly as in a chat: a crisis or an
	// emergency gets its answer alone (exit 0: it was answered).
	if reply, ok := safety.New(lib).Answer(q, places.Country(console.LocalZoneName())); ok {
		fmt.Fprintln(io.out, markup.Plain(reply))
		return exitOK
	}
	lang := lib.ReplyLanguage(q, userLang)
	r, answered := library.Compose(lib, lib.AskIn(lang, q))
	fmt.Fprintln(io.out, markup.Plain(r.Text))
	var related []string
	for _, row := range r.Buttons {
		for _, b := range row {
			related = append(related, b.Label)
		}
	}
	if answered && len(related) > 0 {
		fmt.Fprintf(io.out, "\n%s: %s\n", lib.Text(lang, "Related", nil), strings.Join(related, " · "))
	}
	if !answered {
		return exitNoAnswer
	}
	return exitOK
}
