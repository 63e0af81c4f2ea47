package language_test

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// latinWords are runs of Latin-letter words in a reply: in a Russian reply
// every one is English left untranslated, unless it is a name the bot
// keeps in every language (notEnglish).
var latinWords = regexp.MustCompile(`\p{Latin}[\p{Latin}'’]+(?:[ ,]+\p{Latin}[\p{Latin}'’]+)*`)

// notEnglish are the Latin words a Russian reply may hold: the bot's and
// the platforms' names, units, file kinds and the crisis lines' sites.
var notEnglish = map[string]bool{
	"Calm": true, "Nights": true, "Calm Nights": true, "Telegram": true, "Discord": true,
	"PDF": true, "CSV": true, "JSON": true, "PNG": true, "ml": true, "mg": true, "UTC": true,
	"findahelpline": true, "com": true, "www": true, "https": true, "http": true, "org": true,
	"ru": true, "en": true, "es": true, "pt": true, "de": true,
	"English": true, "Español": true, "Português": true, "Deutsch": true,
	// /remind's arguments, named in its description as they are typed.
	"on": true, "off": true, "every": true, "in": true, "cron": true,
}

// englishIn returns the runs of English words in text: Latin-letter words
// outside commands with their arguments ("/remind water every 2h" is the
// command's syntax in every language), links, time-zone names and
// notEnglish.
func englishIn(text string) []string {
	var kept []string
	for _, f := range featuretest.WithoutCommands(text) {
		if strings.Contains(f, "://") || strings.Contains(f, ".com") || strings.Contains(f, ".org") || zone.MatchString(f) {
			continue // a link or a time zone
		}
		kept = append(kept, f)
	}
	var out []string
	for _, run := range latinWords.FindAllString(strings.Join(kept, " "), -1) {
		var words []string
		for _, w := range strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == ',' }) {
			if !notEnglish[w] {
				words = append(words, w)
			}
		}
		if len(words) > 0 {
			out = append(out, strings.Join(words, " "))
		}
	}
	return out
}

// zone is a time-zone name ("Europe/Moscow").
var zone = regexp.MustCompile(`^\(?[A-Z][a-z]+/[A-Za-z_/]+`)

// A Russian-speaking user with a week of nights goes through every
// command and every button one press deep: nothing the bot says or shows
// on a button is left in English. This is the pseudo-locale run: in a
// Cyrillic reply any string nobody translated stands out by its letters,
// whichever feature it comes from. Each feature's own language test walks
// its deeper steps the same way. A Russian reply holds no Latin words but
// names (Calm Nights, Telegram), units and links, so any other Latin word
// is a string nobody translated.
func TestNoEnglishLeftInRussian(t *testing.T) {
	found := map[string][]string{}
	seen := map[string]bool{}
	check := func(step string, rs []bot.Response) {
		for _, text := range strings.Split(featuretest.AllText(rs), "\n") {
			for _, e := range englishIn(text) {
				key := step + ": " + e
				if !seen[key] {
					seen[key] = true
					found[step] = append(found[step], e)
				}
			}
		}
	}
	russian := func() *featuretest.Harness {
		h := featuretest.Consented(t)
		featuretest.SeedNights(h, 7)
		h.Press("ln/ru")
		return h
	}
	for _, cmd := range russian().Bot.Router().Commands() {
		if cmd.Name == "language" {
			continue // /language lists each language by its own name
		}
		step := "/" + cmd.Name
		rs := russian().Send(step)
		check(step, rs)
		// Each button on a fresh user: "Yes, delete everything" must not
		// leave the next button talking to a stranger.
		for _, p := range featuretest.Payloads(rs) {
			h := russian()
			h.Send(step)
			check(step+" → "+p, h.Press(p))
		}
	}
	if len(found) == 0 {
		return
	}
	steps := make([]string, 0, len(found))
	for s := range found {
		steps = append(steps, s)
	}
	sort.Strings(steps)
	var b strings.Builder
	for _, s := range steps {
		fmt.Fprintf(&b, "%s: %q\n", s, found[s])
	}
	if os.Getenv("CALMNIGHTS_ENGLISH_AUDIT") != "" {
		t.Log("English left in Russian replies:\n" + b.String())
		return
	}
	t.Errorf("English left in Russian replies:\n%s", b.String())
}
