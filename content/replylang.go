package content

import (
	_ "embed"
	"strings"
)

// englishWordsText is englishwords.txt.
//
//go:embed englishwords.txt
var englishWordsText string

// englishWords is englishWordsText as a set.
var englishWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(englishWordsText, "\n") {
		if w = strings.TrimSpace(w); w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return m
}()

// englishShare is the share of text's words that are englishWords.
func englishShare(text string) float64 {
	words := strings.Fields(foldText(text))
	if len(words) == 0 {
		return 0
	}
	n := 0
	for _, w := range words {
		if englishWords[w] {
			n++
		}
	}
	return float64(n) / float64(len(words))
}

// minEnglishShare is the share of English words from which a message is
// English whatever its letters seem.
const minEnglishShare = 0.25

// LooksEnglish reports whether enough of text's words are English words
// for it to be read as English whatever else it holds.
func (l *Library) LooksEnglish(text string) bool { return englishShare(text) >= minEnglishShare }

// ReplyLanguage is the language to answer text in, for a user who speaks
// userLang ("" is English): the language text is clearly written in when
// the bot speaks it, else the user's. whatlanggo's guess is checked
// against the words: a message a quarter of whose words are English is
// English ("Are leg twitches during sleep dangerous." looks German to
// it), and one it takes for English with almost no English word is the
// language whose article knows most of its words, when that is most.
func (l *Library) ReplyLanguage(text, userLang string) string {
	if userLang == "" {
		userLang = "en"
	}
	share := englishShare(text)
	if share >= minEnglishShare && userLang == "en" {
		return "en" // what every case below would say, without asking whatlanggo
	}
	if lang := l.latinWritten(text); lang != "" {
		return lang
	}
	switch lang := Language(text); {
	case lang == "":
		return userLang
	case lang != "en" && share >= minEnglishShare:
		return "en"
	case lang == "en" && share < maxForeignEnglish:
		if other, share := l.knownBy(text); share >= minKnownShare {
			return other
		}
		return lang
	case lang != userLang && lang != "en" && userLang != "en":
		// whatlanggo takes a short Spanish line for Portuguese and the
		// reverse: the user's own language stays unless the other one's
		// article knows more of the words.
		words := strings.Fields(foldText(text))
		if us := l.knownShare(userLang, words); us > 0 && us >= l.knownShare(lang, words) {
			return userLang
		}
		return lang
	default:
		// Chat English whatlanggo takes for another language ("mi get
		// dis creepy crawly feelin inna mi calf", Jamaican Patois): the
		// English article knows more of its words than that language's.
		words := strings.Fields(foldText(text))
		if l.englishKnownShare(words) > l.knownShare(lang, words) {
			return "en"
		}
		return lang
	}
}

// englishKnownShare is the share of words the English article's index
// knows, by their stems.
func (l *Library) englishKnownShare(words []string) float64 {
	if len(words) == 0 || l.index == nil {
		return 0
	}
	n := 0
	for _, w := range words {
		if englishWords[w] || l.index.known(stem(w)) {
			n++
		}
	}
	return float64(n) / float64(len(words))
}

// maxForeignEnglish is the share of English words below which a message
// whatlanggo takes for English may be another language's, and
// minKnownShare the share of its words that language's article must know.
const (
	maxForeignEnglish = 0.1
	minKnownShare     = 0.5
)

// knownBy is the other language whose model knows the largest share of
// text's words, and that share.
func (l *Library) knownBy(text string) (string, float64) {
	words := strings.Fields(foldText(text))
	best, bestShare := "", 0.0
	for _, code := range Languages[1:] {
		if share := l.knownShare(code, words); share > bestShare {
			best, bestShare = code, share
		}
	}
	return best, bestShare
}

// knownShare is the share of the words that lang's model knows.
func (l *Library) knownShare(lang string, words []string) float64 {
	p, ok := l.Pack(lang)
	if !ok || p.model == nil || len(words) == 0 {
		return 0
	}
	n := 0
	for _, w := range words {
		if _, ok := p.model.Weights["w:"+w]; ok {
			n++
		}
	}
	return float64(n) / float64(len(words))
}

// minLatinWords is how many of a language's Latin-letter words (its
// latin list) say a message is written in it.
const minLatinWords = 2

// latinWritten is the language whose Latin-letter words the text holds
// (Russian in translit), or "".
func (l *Library) latinWritten(text string) string {
	words := strings.Fields(foldText(text))
	for _, r := range l.langRules() {
		if len(r.latin) > 0 && r.writtenInLatin(words) {
			return r.code
		}
	}
	return ""
}
