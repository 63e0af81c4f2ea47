package content

import (
	"fmt"
	"io/fs"
	"slices"

	"github.com/calmnights/calmnights/content/pattern"
)

// scope is what the article is about, from scope.yaml: kinds of subject
// (slots) with the values the article covers, names only in passing, or
// does not cover at all; and the things it gives everyday advice about.
type scope struct {
	slots       []*scopeSlot
	advice      [][]string
	adviceTerms map[string]bool // one-word advice subjects as search terms
	byID        map[string]*scopeSlot
}

type scopeSlot struct {
	ID        string   `yaml:"id"`
	About     string   `yaml:"about"`
	Covered   []string `yaml:"covered"`
	Mentioned []string `yaml:"mentioned"`
	Outside   []string `yaml:"outside"`
	// Refer names who can answer a question this slot puts outside the
	// article ("a pharmacist, or the doctor who prescribed it"); "" for a
	// doctor in general.
	Refer string `yaml:"refer"`

	covered, mentioned, outside [][]string // stemmed words of each entry
}

type scopeFile struct {
	Slots  []*scopeSlot `yaml:"slots"`
	Advice []string     `yaml:"advice"`
}

func loadScope(fsys fs.FS, lx *lexicon) (*scope, error) {
	var f scopeFile
	if err := readYAML(fsys, "scope.yaml", &f); err != nil {
		return nil, err
	}
	if len(f.Slots) == 0 || len(f.Advice) == 0 {
		return nil, fmt.Errorf("scope.yaml: needs slots and advice")
	}
	sc := &scope{slots: f.Slots, advice: stemPhrases(f.Advice), adviceTerms: map[string]bool{}, byID: map[string]*scopeSlot{}}
	for _, a := range f.Advice {
		if w := splitWords(a); len(w) == 1 {
			sc.adviceTerms[lx.word(w[0])] = true
		}
	}
	for _, s := range f.Slots {
		if s.ID == "" || len(s.Outside) == 0 {
			return nil, fmt.Errorf("scope.yaml: slot %q needs an id and outside values", s.ID)
		}
		s.covered, s.mentioned, s.outside = stemPhrases(s.Covered), stemPhrases(s.Mentioned), stemPhrases(s.Outside)
		sc.byID[s.ID] = s
	}
	return sc, nil
}

// stemPhrases splits and stems each entry.
func stemPhrases(list []string) [][]string {
	out := make([][]string, 0, len(list))
	for _, e := range list {
		words := splitWords(e)
		for i, w := range words {
			words[i] = stem(w)
		}
		if len(words) > 0 {
			out = append(out, words)
		}
	}
	return out
}

// anyAt reports whether one of the phrases occurs in stems, at words not
// taken (taken may be nil), and marks the words it finds in mark (if not
// nil).
func anyAt(stems []string, phrases [][]string, taken, mark []bool) bool {
	found := false
	for i := range stems {
		for _, p := range phrases {
			if !hasWordsAt(stems, i, p) || (taken != nil && slices.Contains(taken[i:i+len(p)], true)) {
				continue
			}
			found = true
			if mark == nil {
				return true
			}
			for j := i; j < i+len(p); j++ {
				mark[j] = true
			}
		}
	}
	return found
}

// scopeVerdict is what the scope says about a question.
type scopeVerdict struct {
	// outside is the slot in which the question names something the
	// article does not cover, and nothing it does; "" when none.
	outside string
	// mentioned: the question names something the article names only as a
	// link to leg twitching (diabetes, pregnancy...).
	mentioned bool
	// advice: the question names something the article gives everyday
	// advice about (water, coffee, stretching...).
	advice bool
	// refer is who can answer what is outside the article (Slot.Refer).
	refer string
}

// judge reads the subject of a question from its stemmed words and its
// search terms. An advice subject counts by its synonyms too (lexicon.yaml):
// "netflix" is about screens.
func (sc *scope) judge(stems, terms []string, lx *lexicon) scopeVerdict {
	var v scopeVerdict
	taken := make([]bool, len(stems))
	for _, s := range sc.slots {
		clear(taken)
		// A covered value counts only outside the words of an outside one:
		// "period cramps" is not about our cramps.
		if v.outside == "" && anyAt(stems, s.outside, nil, taken) && !anyAt(stems, s.covered, taken, nil) {
			v.outside, v.refer = s.ID, s.Refer
		}
		if !v.mentioned && anyAt(stems, s.mentioned, nil, nil) {
			v.mentioned = true
		}
	}
	// A medicine the lists do not name is known by its family's ending
	// ("donepezil", "tenofovir", "lisinopril"): a pharmacist's question.
	if v.outside == "" {
		for _, st := range stems {
			if len(st) >= 7 && medicineEnding.MatchString(st) {
				if s, ok := sc.byID[scopeSubstance]; ok {
					v.outside, v.refer = s.ID, s.Refer
				}
				break
			}
		}
	}
	v.advice = anyAt(stems, sc.advice, nil, nil)
	for _, t := range terms {
		if v.advice {
			break
		}
		v.advice = sc.adviceTerms[t]
		for _, syn := range lx.synonyms[t] {
			v.advice = v.advice || sc.adviceTerms[syn]
		}
	}
	return v
}

// scopeSubstance is the scope.yaml slot of what is taken.
const scopeSubstance = "substance"

// medicineEnding is the ending, after stemming, that the international
// nonproprietary names of a drug family share (the WHO's stems: -pril,
// -olol, -sartan, -statin, -prazole, -oxetine, -azepam, -mycin, -vir…;
// cancer, malaria and fungal drugs: -trexate, -taxel, -platin, -oquine…).
var medicineEnding = pattern.MustCompile(`(?:pril|olol|sartan|statin|prazol|oxetin|pramin|azepam|zolam|mycin|cillin|floxacin|oxacin|tidin|afil|ovir|avir|dipin|ezil|triptan|parin|gliptin|glutid|formin|lukast|olon|mab|tinib|cyclin|profen|fenac|codon|morphon|barbit|tadin|setron|azosin|thiazid|semid|tretin|olamin|iptan|purinol|prednis|ximab|zumab|lacton|estradiol|oestradiol|steron|ogestrel|thyroxin|trex|taxel|platin|rubicin|oquin|mectin|conazol|trozol|xifen|vaquon)$`)
