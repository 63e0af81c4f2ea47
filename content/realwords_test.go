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

// sameWord reports whether a word and the correction are forms of one
// word ("weakly" and "weak", "weaken" and "weaker"), which the correction
// rightly reads as that word: they differ in their last letter, or the
// longer is the shorter with an ending. "handles" (stem "handl") is not
// a form of "hand".
func sameWord(w, c string) bool {
	if len(w) == len(c) {
		return w[:len(w)-1] == c[:len(c)-1]
	}
	long, short := w, c
	if len(c) > len(w) {
		long, short = c, w
	}
	rest, ok := strings.CutPrefix(long, short)
	return ok && inflections[rest] || strings.HasPrefix(long, short[:len(short)-1]) && inflections[long[len(short)-1:]]
}

// inflections are the endings that make a form of a word's stem.
var inflections = map[string]bool{"s": true, "i": true, "li": true, "y": true, "e": true, "er": true, "en": true, "ed": true, "est": true, "ly": true}

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
