package main

import (
	"bufio"
	"compress/gzip"
	"os"
	"strings"
	"testing"
)

func TestSafeName(t *testing.T) {
	stop := stopWords("the\nwith\n")
	for _, tc := range []struct {
		name     string
		ok, cyrl bool
	}{
		{"Munique", true, false},
		{"Múnich", true, false},
		{"Мюнхен", true, true},
		{"Monaco di Baviera", true, false},
		{"St. John's", true, false},
		{"LIS", false, false},           // all capitals, and short
		{"VARSHAVA", false, false},      // all capitals
		{"mo si ke", false, false},      // a romanization, not a name
		{"Nice", false, false},          // a common word
		{"Colonia", false, false},       // a common word in Spanish
		{"Ровно", false, false},         // "exactly" in Russian
		{"With", false, false},          // the English word list
		{"Rom", false, false},           // three letters
		{"Μόναχο", false, false},        // Greek
		{"Mu(nich)", false, false},      // punctuation a place name has not
		{"Moskva-Москва", false, false}, // two scripts
	} {
		ok, cyr := safeName(tc.name, stop)
		if ok != tc.ok || ok && cyr != tc.cyrl {
			t.Errorf("safeName(%q) = %v, %v; want %v, %v", tc.name, ok, cyr, tc.ok, tc.cyrl)
		}
	}
}

func TestRussianSpelling(t *testing.T) {
	for name, want := range map[string]bool{"Москва": true, "Мюнхен": true, "Подъезд": true, "Москъва": false, "Лондонъ": false, "Київ": false, "Мәскәү": false} {
		if got := russianSpelling(name); got != want {
			t.Errorf("russianSpelling(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestPick(t *testing.T) {
	var cands []candidate
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		cands = append(cands, candidate{key: k})
	}
	cands = append(cands, candidate{key: "я", cyrillic: true}, candidate{key: "ю", cyrillic: true}, candidate{key: "э", cyrillic: true})
	got := pick(cands, func(k string) bool { return k == "b" })
	if strings.Join(got, "") != "яюacdefghi" {
		t.Errorf("pick = %v, want the two first Cyrillic names, then eight Latin ones but the taken", got)
	}
}

// TestOutput checks the cities.tsv.gz that go generate wrote: every line
// has its fields, no other name is a common word, and a city found only
// narrowed is one whose name is.
func TestOutput(t *testing.T) {
	f, err := os.Open("../../cities.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	english, err := os.ReadFile("../../../../content/englishwords.txt")
	if err != nil {
		t.Fatal(err)
	}
	stop := stopWords(string(english))
	sc := bufio.NewScanner(zr)
	rows := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		rows++
		f := strings.Split(line, "\t")
		if len(f) != 6 && (len(f) != 7 || f[6] != "narrowed") {
			t.Fatalf("bad line %q", line)
		}
		for _, o := range strings.Split(f[1], "|") {
			if stop[o] && len(f) == 6 {
				t.Errorf("%s: other name %q is a common word", f[0], o)
			}
		}
	}
	if rows < 20000 {
		t.Errorf("%d rows, want city-timezones' and GeoNames'", rows)
	}
}
