package content

import (
	_ "embed"
	"strings"
)

// realWordsText is realwords.txt: the stems of English words that one of
// the typo correctors (the topic index's and the warning signs') would
// otherwise take for a typo of one of our words. "tweak" is one letter
// from "weak" and "pained" one from "paine", but each is a word in its own
// right, so neither is corrected. TestRealWordsList writes it from the
// wamerican and wbritish word lists (Debian's, from SCOWL) when
// CALMNIGHTS_UPDATE_REALWORDS=1; a hand-kept list would miss most of them.
//
//go:embed realwords.txt
var realWordsText string

// realWords is realWordsText as a set; nil turns the check off (for
// writing the list).
var realWords = parseRealWords(realWordsText)

func parseRealWords(text string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(text) {
		if !strings.HasPrefix(w, "#") {
			set[w] = true
		}
	}
	return set
}
