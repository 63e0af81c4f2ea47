package places

import (
	"strings"
	"sync"
	"unicode"
)

// foldGroups lists accented Latin letters by the plain letters they fold
// to, so that "Córdoba", "São Paulo" and "Kraków" compare equal to
// "cordoba", "sao paulo" and "krakow" (the standard library has no
// Unicode decomposition, and this is all a place name needs).
var foldGroups = [...]struct{ from, to string }{
	{"àáâãäåāăąǎạảấầẩẫậắằẳẵặ", "a"}, {"æ", "ae"}, {"çćĉċč", "c"}, {"ďđð", "d"},
	{"èéêëēĕėęěẹẻẽếềểễệ", "e"}, {"ĝğġģ", "g"}, {"ĥħ", "h"}, {"ìíîïĩīĭįıǐỉị", "i"},
	{"ĳ", "ij"}, {"ĵ", "j"}, {"ķĸ", "k"}, {"ĺļľŀł", "l"}, {"ñńņňŉŋ", "n"},
	{"òóôõöøōŏőơǒọỏốồổỗộớờởỡợ", "o"}, {"œ", "oe"}, {"ŕŗř", "r"}, {"śŝşšșſ", "s"},
	{"ß", "ss"}, {"ţťŧț", "t"}, {"þ", "th"}, {"ùúûüũūŭůűųưǔụủứừửữự", "u"}, {"ŵ", "w"},
	{"ýÿŷỳỵỷỹ", "y"}, {"źżž", "z"},
}

// foldTable is foldGroups as a map, built on first use.
var foldTable = sync.OnceValue(func() map[rune]string {
	m := map[rune]string{}
	for _, g := range foldGroups {
		for _, r := range g.from {
			m[r] = g.to
		}
	}
	return m
})

// tokens splits a place as typed into comma-separated parts of folded,
// lowercased words: "Portland, OR." gives [[portland] [or]], "St. John's"
// [[st johns]]. Apostrophes, dots and combining accents vanish, "&" reads
// "and", "saint" reads "st"; parentheses, semicolons and slashes separate
// parts like commas; any other punctuation or symbol separates words.
func tokens(s string) [][]string {
	fold := foldTable()
	var (
		parts [][]string
		words []string
		word  strings.Builder
	)
	endWord := func() {
		if word.Len() > 0 {
			w := word.String()
			switch w {
			case "saint":
				w = "st"
			case "sainte":
				w = "ste"
			}
			words = append(words, w)
			word.Reset()
		}
	}
	endPart := func() {
		endWord()
		if len(words) > 0 {
			parts = append(parts, words)
			words = nil
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ' || r == '`' || r == '.' || unicode.Is(unicode.Mn, r):
		case r == ',' || r == ';' || r == '(' || r == ')' || r == '/':
			endPart()
		case r == '&':
			endWord()
			words = append(words, "and")
		case fold[r] != "":
			word.WriteString(fold[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		default:
			endWord()
		}
	}
	endPart()
	return parts
}

// simple lowercases a name of plain ASCII words ("New York"), the
// common case, without the work tokens does; ok is false for anything
// else.
func simple(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ':
		default:
			return "", false
		}
	}
	k := strings.ToLower(s)
	if strings.HasPrefix(k, "the ") {
		return "", false
	}
	for w := range strings.SplitSeq(k, " ") {
		if w == "saint" || w == "sainte" {
			return "", false
		}
	}
	return k, true
}

// plain is a phrase of names.txt as tokens reads it, "the" kept: "the
// city of" stays so, where Normalize would drop its "the".
func plain(s string) string {
	var words []string
	for _, p := range tokens(s) {
		words = append(words, p...)
	}
	return strings.Join(words, " ")
}

// Normalize lowercases a place name, drops its accents and punctuation,
// folds its spacing and a leading "the": "The Hague" and "the  hague." both
// give "hague", "Córdoba" gives "cordoba".
func Normalize(s string) string {
	if k, ok := simple(s); ok {
		return k
	}
	p := plain(s)
	if rest, ok := strings.CutPrefix(p, "the "); ok {
		return rest
	}
	return p
}
