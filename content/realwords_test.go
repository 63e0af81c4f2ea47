package content

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// dictionaries are Debian's wamerican and wbritish word lists.
var dictionaries = []string{"/usr/share/dict/american-english", "/usr/share/dict/british-english"}

// TestRealWordsList writes realwords.txt with CALMNIGHTS_UPDATE_REALWORDS=1
// (it needs the word lists: apt-get install wamerican wbritish), and
// otherwise checks the list the correctors read.
func TestRealWordsList(t *testing.T) {
	if os.Getenv("CALMNIGHTS_UPDATE_REALWORDS") == "1" {
		realWords = parseRealWords(writeRealWords(t))
	}
	lib := mustLoad(t)
	for _, w := range []string{"tweak", "there", "threat", "light", "speed", "symmetrical"} {
		if c, ok := lib.redFlags.correct(stem(w)); ok {
			t.Errorf("%q is corrected to %q, though it is a word", w, c)
		}
	}
	// The correctors still mend typos.
	for typo, want := range map[string]string{"weaak": "weak", "numbnes": "numbness", "awoken": "woken", "caesarian": "caesarean"} {
		if c, ok := lib.redFlags.correct(stem(typo)); !ok || c != stem(want) {
			t.Errorf("%q corrected to %q, %v; want %q", typo, c, ok, stem(want))
		}
	}
}

// sameWord reports whether a word and the correction differ only at the
// end ("weakly" and "weak", "weaken" and "weaker"): a form of the same
// word, which the correction rightly reads as that word.
func sameWord(w, c string) bool {
	n := min(len(w), len(c))
	return w[:n-1] == c[:n-1]
}

// variants are the stems of words of the lists that are another spelling
// or form of the word the correction finds, and so are rightly corrected.
var variants = map[string]bool{"abdomin": true, "caesarian": true, "cesarian": true, "awoken": true}

func writeRealWords(t *testing.T) string {
	saved := realWords
	realWords = nil
	defer func() { realWords = saved }()
	lib, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, path := range dictionaries {
		f, err := os.Open(path)
		if err != nil {
			t.Fatalf("%v (apt-get install wamerican wbritish)", err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := sc.Text()
			if strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLower(r) }) >= 0 {
				continue // names, abbreviations, possessives
			}
			st := stem(w)
			if variants[st] {
				continue
			}
			if c, ok := lib.redFlags.correct(st); ok && !sameWord(st, c) {
				found[st] = true
			}
		}
		f.Close()
	}
	list := make([]string, 0, len(found))
	for w := range found {
		list = append(list, w)
	}
	slices.Sort(list)
	text := "# Stems of English words never corrected as typos: see realwords.go.\n" + strings.Join(list, "\n") + "\n"
	if err := os.WriteFile("realwords.txt", []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("realwords.txt: %d stems", len(list))
	return text
}
