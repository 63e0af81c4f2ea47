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

// Step is one step of a walk in a language: a message to send (a button
// to press when it starts with "!"), then a part of the reply it must get.
type Step [2]string

// Walk takes the harness's user through steps in lang: each reply (its
// text or a button) must hold its step's part and no English
// (EnglishLeft, names allowed).
func (h *Harness) Walk(lang string, steps []Step, names ...string) {
	h.T.Helper()
	for _, s := range steps {
		send, want := s[0], s[1]
		var out []bot.Response
		if p, ok := strings.CutPrefix(send, "!"); ok {
			out = h.Press(p)
		} else {
			out = h.Send(send)
		}
		if got := AllText(out); !strings.Contains(got, want) {
			h.T.Errorf("%s %s: reply lacks %q:\n%s", lang, send, want, got)
		}
		if e := EnglishLeft(lang, out, names...); len(e) > 0 {
			h.T.Errorf("%s %s: English left %q in:\n%s", lang, send, e, Text(out))
		}
	}
}

// WithoutCommands is text without its commands and their arguments, word
// by word: "/remind water every 2h" is the command's syntax in every
// language, so a Russian reply may quote it in Latin letters. An argument
// is a word in no Cyrillic letter after the command, up to one that ends
// a clause.
func WithoutCommands(text string) []string {
	var kept []string
	inCommand := false
	for _, f := range strings.Fields(text) {
		switch {
		case strings.HasPrefix(f, "/") || strings.HasPrefix(f, "[/"):
			inCommand = !strings.ContainsAny(f, ",.;:)")
			continue
		case inCommand && !cyrillic.MatchString(f):
			inCommand = !strings.ContainsAny(f[len(f)-1:], ",.;)")
			continue
		}
		inCommand = false
		kept = append(kept, f)
	}
	return kept
}

var cyrillic = regexp.MustCompile(`\p{Cyrillic}`)
