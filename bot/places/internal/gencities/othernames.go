package main

import (
	_ "embed"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot/places"
)

// The other names a city gets from GeoNames: at most maxOtherNames, of
// which at most maxCyrillic in Cyrillic letters, each of at least
// minLetters letters.
const (
	maxOtherNames = 10
	maxCyrillic   = 2
	minLetters    = 4
)

//go:embed stopwords.txt
var stopwordsTxt string

// stopWords reads stopwords.txt and the English word list: words no
// name may be that is read in free text.
func stopWords(english string) map[string]bool {
	out := map[string]bool{}
	for _, text := range []string{stopwordsTxt, english} {
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				for _, w := range strings.Split(line, ",") {
					if k := places.Normalize(w); k != "" {
						out[k] = true
					}
				}
			}
		}
	}
	return out
}

// safeName reports whether a GeoNames other name can be read in free
// text: Latin or Cyrillic letters only (with spaces, hyphens, dots and
// apostrophes between them), at least minLetters of them, capitalized as
// a name is and not all capitals ("LIS", "VARSHAVA"), and not a common
// word. cyrillic tells which script it is in.
func safeName(s string, stop map[string]bool) (ok, cyrillic bool) {
	letters, upper, latin, cyr := 0, 0, 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case r == ' ' || r == '-' || r == '\'' || r == '’' || r == '.':
			continue
		default:
			return false, false
		}
		if letters == 0 && !unicode.IsUpper(r) {
			return false, false // "mo si ke", "mwskw": a romanization, not a name
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if letters < minLetters || upper == letters || latin > 0 && cyr > 0 {
		return false, false
	}
	return !stop[places.Normalize(s)], cyr > 0
}

// westernLetters are the letters of English, Spanish, Portuguese and
// German; a Latin other name may use these and those of its country's
// own city names.
const westernLetters = "abcdefghijklmnopqrstuvwxyzáéíóúñüãõçâêôàäöß"

// russianLetters are the Russian alphabet's; a Cyrillic other name in
// others (Ukrainian "Київ", Kazakh "Мәскәү") ranks after them.
const russianLetters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

// russianSpelling reports whether a Cyrillic name is spelt as Russian is:
// its letters, and a hard sign only before е, ё, ю or я (not Bulgarian's
// "Москъва" nor the old "Лондонъ").
func russianSpelling(s string) bool {
	rs := []rune(strings.ToLower(s))
	for i, r := range rs {
		if !unicode.IsLetter(r) {
			continue
		}
		if !strings.ContainsRune(russianLetters, r) {
			return false
		}
		if r == 'ъ' && (i+1 == len(rs) || !strings.ContainsRune("еёюя", rs[i+1])) {
			return false
		}
	}
	return true
}

// words counts a name's words as places reads them ("Ch'i-ch'i-ha-erh"
// has four).
func words(s string) int { return len(strings.Fields(places.Normalize(s))) }

// model is a letter-trigram model of names, to tell which other names
// look like Spanish, Portuguese, German, English or the city's own
// country's place names, and which Cyrillic ones like Russian.
type model struct {
	tri, bi map[string]int
}

func newModel() *model { return &model{tri: map[string]int{}, bi: map[string]int{}} }

// grams are a name's letter trigrams, lowercased, with its ends marked.
func grams(s string) []string {
	rs := []rune("^^" + strings.ToLower(s) + "$")
	out := make([]string, 0, len(rs)-2)
	for i := 2; i < len(rs); i++ {
		out = append(out, string(rs[i-2:i+1]))
	}
	return out
}

// context is a trigram's first two letters.
func context(g string) string {
	_, size := utf8.DecodeLastRuneInString(g)
	return g[:len(g)-size]
}

func (m *model) train(s string) {
	for _, g := range grams(s) {
		m.tri[g]++
		m.bi[context(g)]++
	}
}

// logp is a name's mean log-probability per letter (add-half smoothing
// over an alphabet of about 60).
func (m *model) logp(s string) float64 {
	gs := grams(s)
	sum := 0.0
	for _, g := range gs {
		sum += math.Log((float64(m.tri[g]) + 0.5) / (float64(m.bi[context(g)]) + 30))
	}
	return sum / float64(len(gs))
}

// namer ranks other names.
type namer struct {
	background, cyrBackground *model
	langs                     []*model          // Spanish, Portuguese, German, English
	local                     map[string]*model // by country, for countries of many cities
	localLetters              map[string]map[rune]int
	russian                   *model
	stop                      map[string]bool
}

// The countries whose city names teach each language's model.
var langCountries = [][]string{
	{"ES", "MX", "AR", "CO", "CL", "PE", "VE"},
	{"PT", "BR"},
	{"DE", "AT"},
	{"US", "GB", "CA", "AU"},
}

// newNamer trains the models on GeoNames' own names (every city of
// cities1000): a country's cities' names for the languages and the local
// model, Russia's cities' Russian-spelt other names for Russian, and
// every name for the backgrounds.
func newNamer(geo []*geoCity, stop map[string]bool) *namer {
	n := &namer{background: newModel(), cyrBackground: newModel(), local: map[string]*model{},
		localLetters: map[string]map[rune]int{}, russian: newModel(), stop: stop}
	lang := map[string]int{}
	for i, ccs := range langCountries {
		n.langs = append(n.langs, newModel())
		for _, cc := range ccs {
			lang[cc] = i
		}
	}
	count := map[string]int{}
	for _, g := range geo {
		count[g.cc]++
	}
	for _, g := range geo {
		n.background.train(g.name)
		if i, ok := lang[g.cc]; ok {
			n.langs[i].train(g.name)
		}
		if count[g.cc] >= 100 {
			if n.local[g.cc] == nil {
				n.local[g.cc] = newModel()
			}
			n.local[g.cc].train(g.name)
		}
		if n.localLetters[g.cc] == nil {
			n.localLetters[g.cc] = map[rune]int{}
		}
		for _, r := range strings.ToLower(g.name) {
			n.localLetters[g.cc][r]++
		}
		for _, a := range g.alts {
			if ok, cyr := safeName(a, nil); ok && cyr {
				n.cyrBackground.train(a)
				if g.cc == "RU" && russianSpelling(a) {
					n.russian.train(a)
				}
			}
		}
	}
	return n
}

// letters reports whether a Latin name's letters are English, Spanish,
// Portuguese or German ones, or common in its country's city names
// ("ł" in Poland's).
func (n *namer) letters(s, cc string) bool {
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) && !strings.ContainsRune(westernLetters, r) && n.localLetters[cc][r] < 20 {
			return false
		}
	}
	return true
}

// score is how much more a name looks like a name in one of the
// languages (or the city's country) than like any place name.
func (n *namer) score(s, cc string, cyrillic bool) float64 {
	if cyrillic {
		v := n.russian.logp(s) - n.cyrBackground.logp(s)
		if !russianSpelling(s) {
			v -= 10
		}
		return v
	}
	best := math.Inf(-1)
	ms := n.langs
	if m := n.local[cc]; m != nil {
		ms = append(ms[:len(ms):len(ms)], m)
	}
	for _, m := range ms {
		best = max(best, m.logp(s))
	}
	return best - n.background.logp(s)
}

// candidate is one other name of a city.
type candidate struct {
	key      string // folded
	score    float64
	cyrillic bool
}

// candidates are a city's GeoNames names that are safe in free text and
// say more than its own names (own), best first, one per folded
// spelling: the GeoNames row's own name first ("München" for Munich),
// then its other names as their letters allow (western or the country's
// own, Cyrillic), with at most one word more than the city's name (none
// more in Cyrillic: not "Monaco di Baviera", "Горад Мюнхен"), ranked by
// score.
func (n *namer) candidates(g *geoCity, own []string, name string) []candidate {
	seen := map[string]int{}
	for _, k := range own {
		seen[k] = -1
	}
	var out []candidate
	add := func(a string, boost float64) {
		ok, cyr := safeName(a, n.stop)
		if !ok || cyr && words(a) > words(name) || !cyr && (words(a) > words(name)+1 || !n.letters(a, g.cc)) {
			return
		}
		k := places.Normalize(a)
		s := n.score(a, g.cc, cyr) + boost
		if i, dup := seen[k]; dup {
			if i >= 0 && s > out[i].score {
				out[i].score = s
			}
			return
		}
		seen[k] = len(out)
		out = append(out, candidate{k, s, cyr})
	}
	add(g.name, 100)
	add(g.ascii, 100)
	for _, a := range g.alts {
		add(a, 0)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].key < out[j].key
	})
	return out
}

// pick takes the best of a city's candidates that no other place
// claims: the Cyrillic ones first, then the Latin.
func pick(cands []candidate, taken func(string) bool) []string {
	var out []string
	for _, c := range cands {
		if c.cyrillic && len(out) < maxCyrillic && !taken(c.key) {
			out = append(out, c.key)
		}
	}
	for _, c := range cands {
		if !c.cyrillic && len(out) < maxOtherNames && !taken(c.key) {
			out = append(out, c.key)
		}
	}
	return out
}
