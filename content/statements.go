package content

import (
	"fmt"
	"sync"
)

// Statements told in the other languages ("anoche un 6, me desperté dos
// veces") are read by the English statement reader after a gloss turns
// their words into the English ones it knows ("last night a 6, woke
// twice"). lang/<code>/statements.yaml holds each language's gloss as
// data; package understand applies it. See that file's header for what
// each part does.

// Gloss is one language's statement gloss (lang/<code>/statements.yaml).
type Gloss struct {
	// Spelling maps a chat spelling or typo, a whole word, to the word
	// the rules read ("q": "que", "anoch": "anoche"), one word for one or
	// more; "" drops the word.
	Spelling map[string]string `yaml:"spelling"`
	// Before are rewrites done before the numbers are read: words the
	// number words would misread ("a la una": "a las 1").
	Before [][2]string `yaml:"before"`
	// Numbers are the number words and their values ("seis": 6,
	// "двенадцатого": 12): each is written in digits.
	Numbers map[string]int `yaml:"numbers"`
	// Join is the word that joins tens and units ("treinta y cinco": "y");
	// "" for a language that puts them side by side ("двадцать пять").
	Join string `yaml:"join"`
	// Compound is the word inside one word that joins a unit and the tens
	// after it ("fünfundzwanzig": "und").
	Compound string `yaml:"compound"`
	// Clock are the clock phrases, read once the numbers are digits
	// ("11 y media", "halb 11", "без четверти 11").
	Clock []ClockPhrase `yaml:"clock"`
	// Phrases are the rewrites into English, in order, once numbers and
	// clock phrases are digits.
	Phrases [][2]string `yaml:"phrases"`
	// Medicines are, by the English name the reader knows, the
	// language's words for a medicine ("iron": ["железо", "железа"]); a
	// dose told is shown and kept under the first.
	Medicines map[string][]string `yaml:"medicines"`
}

// ClockPhrase is a clock time said in words: Pattern's group h is the
// hour, group m (or Minutes) the minutes.
type ClockPhrase struct {
	// Pattern is the phrase, with its groups h and, if said, m.
	Pattern string `yaml:"pattern"`
	// Minutes are the minutes when the pattern has no group m.
	Minutes int `yaml:"minutes"`
	// Towards says the hour said is the coming one: "halb elf" is 10:30,
	// "в половине двенадцатого" 11:30.
	Towards bool `yaml:"towards"`
	// Before says the minutes are before the hour: "las once menos
	// cuarto" is 10:45.
	Before bool `yaml:"before"`
	// Out is what the match becomes, {clock} the time as H:MM and $name
	// a group of the pattern; "" is "{clock}".
	Out string `yaml:"out"`
}

// glosses are a library's glosses, read once.
type glosses struct {
	once sync.Once
	by   map[string]*Gloss
	err  error
}

// glossesOf holds each library's glosses (*Library to *glosses), kept
// beside the Library so that a process that never reads another
// language's statement pays nothing for them.
var glossesOf sync.Map

// glosses are l's glosses, read on first use.
func (l *Library) glosses() *glosses {
	v, _ := glossesOf.LoadOrStore(l, &glosses{})
	g := v.(*glosses)
	g.once.Do(func() { g.by, g.err = l.loadGlosses() })
	return g
}

// StatementGloss is lang's statement gloss, and false for English or a
// language without one.
func (l *Library) StatementGloss(lang string) (*Gloss, bool) {
	g, ok := l.glosses().by[lang]
	return g, ok
}

// CheckGlosses reads every language's statement gloss now and reports
// what is wrong with it.
func (l *Library) CheckGlosses() error { return l.glosses().err }

// loadGlosses reads lang/<code>/statements.yaml of every other language.
func (l *Library) loadGlosses() (map[string]*Gloss, error) {
	out := map[string]*Gloss{}
	if l.topicFS == nil {
		return out, nil
	}
	for _, code := range Languages[1:] {
		var g Gloss
		if err := readYAML(l.topicFS, "lang/"+code+"/statements.yaml", &g); err != nil {
			return out, fmt.Errorf("statement gloss: %w", err)
		}
		out[code] = &g
	}
	return out, nil
}

// Kinds of short answers in lang/<code>/words.yaml that only the
// assistant's confirmations read.
const (
	// WordUndo undoes what was just saved ("deshacer", "rückgängig").
	WordUndo = "undo"
	// WordSave saves what was shown back ("guárdalo", "speichern"): a yes
	// to a confirmation, but no yes to every question.
	WordSave = "save"
)
