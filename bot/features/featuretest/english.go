package featuretest

import (
	"regexp"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
)

// AllText joins the replies' texts, rendered as plain text, and their
// button labels: everything a user reads.
func AllText(rs []bot.Response) string {
	var texts []string
	for _, r := range rs {
		texts = append(texts, markup.Plain(r.Text))
		for _, row := range r.Buttons {
			for _, b := range row {
				texts = append(texts, b.Label)
			}
		}
	}
	return strings.Join(texts, "\n")
}

// EnglishLeft lists what is left in English in replies meant to be in
// lang: in Russian any Latin word but commands with their arguments, time
// zones, quoted input and names; in the other languages common English
// words none of theirs is. names are words the replies may quote as they
// are (a medicine's or a place's name).
func EnglishLeft(lang string, rs []bot.Response, names ...string) []string {
	text := AllText(rs)
	for _, re := range []*regexp.Regexp{quoted, command, zoneName} {
		text = re.ReplaceAllString(text, " ")
	}
	allowed := map[string]bool{"Calm": true, "Nights": true, "Telegram": true, "UTC": true}
	for _, n := range names {
		for _, w := range strings.Fields(strings.NewReplacer(",", " ", "(", " ", ")", " ").Replace(n)) {
			allowed[w] = true
		}
	}
	words := englishWord
	if lang == "ru" {
		words = latinWord
	}
	var out []string
	for _, w := range words.FindAllString(text, -1) {
		if !allowed[w] {
			out = append(out, w)
		}
	}
	return out
}

var (
	quoted      = regexp.MustCompile(`«[^»]*»|“[^”]*”|„[^“]*“`)
	command     = regexp.MustCompile(`/[a-z]+(?: [\p{Latin}0-9:./_%-]+)*`)
	zoneName    = regexp.MustCompile(`\b[A-Z][a-z]+/[A-Za-z_/]+`)
	latinWord   = regexp.MustCompile(`\p{Latin}[\p{Latin}'’]*`)
	englishWord = regexp.MustCompile(`(?i)\b(?:the|you|your|you're|is|isn't|are|and|with|was|wasn't|don't|I|I'm|it's|that|this|yet|set|saved|noted|took|undo|share|tap|send|already|only|today|yesterday|nothing|changed|please|which|from|here|when|time|zone|bedtime|wake|my|location|know|called|one|these)\b`)
)
