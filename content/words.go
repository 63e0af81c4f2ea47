package content

import (
	"strings"
	"sync"
)

// Short answers typed inside a flow, in the other languages
// (lang/<code>/words.yaml): a Spanish "sí" answers a yes-or-no question
// as "yes" does, whatever language the question was asked in. The English
// words stay where each flow reads them.

// Answer kinds a flow reads.
const (
	WordYes  = "yes"
	WordNo   = "no"
	WordStop = "stop"
	WordBack = "back"
	WordSkip = "skip"
)

// words are every other language's answers by kind, loaded once.
type words struct {
	once sync.Once
	by   map[string]map[string]bool
}

// Says reports whether the typed reply is one of the other languages'
// answers of kind (WordYes, WordNo, ...).
func (l *Library) Says(reply, kind string) bool {
	l.words.once.Do(func() {
		l.words.by = map[string]map[string]bool{}
		if l.topicFS == nil {
			return
		}
		for _, code := range Languages[1:] {
			var f map[string][]string
			if err := readYAML(l.topicFS, "lang/"+code+"/words.yaml", &f); err != nil {
				continue // TestWordsLoad keeps every file readable
			}
			for k, list := range f {
				if l.words.by[k] == nil {
					l.words.by[k] = map[string]bool{}
				}
				for _, w := range list {
					l.words.by[k][strings.ToLower(w)] = true
				}
			}
		}
	})
	return l.words.by[kind][strings.ToLower(strings.TrimSpace(reply))]
}

// languageNames maps a language's name, as people write it, to its code
// (langnames.yaml), loaded once.
var languageNames = sync.OnceValue(func() map[string]string {
	var f map[string][]string
	out := map[string]string{}
	if err := readYAML(files, "langnames.yaml", &f); err != nil {
		return out // TestWordsLoad reads the embedded file
	}
	for code, names := range f {
		for _, n := range names {
			out[strings.ToLower(n)] = code
		}
	}
	return out
})

// LanguageCode is the code of the language a name names ("Español",
// "German", "русский"), or "".
func LanguageCode(name string) string {
	return languageNames()[strings.ToLower(strings.TrimSpace(name))]
}
