package understand

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// TestGlossClock: the clock phrases of each language, as H:MM.
func TestGlossClock(t *testing.T) {
	c := New(nil)
	for _, tc := range []struct{ lang, text, want string }{
		{"es", "a las once y media", "at 11:30"},
		{"es", "a las once menos cuarto", "at 10:45"},
		{"es", "a las diez y cuarto", "at 10:15"},
		{"es", "a las diez y veinte", "at 10:20"},
		{"es", "a las 21:30", "at 21:30"},
		{"es", "a la una y media", "at 1:30"},
		{"es", "a las 12 de la noche", "at midnight"},
		{"pt", "às onze e meia", "at 11:30"},
		{"pt", "quinze para as onze", "at 10:45"},
		{"pt", "às 22h30", "at 22:30"},
		{"pt", "às dez e quinze", "at 10:15"},
		{"de", "um halb elf", "at 10:30"},
		{"de", "um viertel nach zehn", "at 10:15"},
		{"de", "um viertel vor elf", "at 10:45"},
		{"de", "um dreiviertel elf", "at 10:45"},
		{"de", "um 22 Uhr", "at 22"},
		{"de", "um 21 Uhr 30", "at 21:30"},
		{"de", "um halb eins", "at 12:30"},
		{"de", "fünfundzwanzig", "25"},
		{"ru", "в половине двенадцатого", "at 11:30"},
		{"ru", "в полдвенадцатого", "at 11:30"},
		{"ru", "без четверти одиннадцать", "10:45"},
		{"ru", "в 21:30", "at 21:30"},
		{"ru", "в 10 вечера", "at 10 pm"},
		{"ru", "в 2 ночи", "at 2 am"},
		{"ru", "двадцать пять", "25"},
	} {
		if got, _ := c.Gloss(tc.lang, tc.text); got != tc.want {
			t.Errorf("%s %q: gloss %q, want %q", tc.lang, tc.text, got, tc.want)
		}
	}
}

// TestGlossKeepsQuestions: the questions, warning signs, crises and calm
// messages of the other languages' blind rounds (content/testdata/lang)
// keep their own path: the gloss reads almost none of them as a
// statement.
func TestGlossKeepsQuestions(t *testing.T) {
	t.Parallel() // reads only; the package's long sweeps share the cores
	c := New(nil)
	files, err := filepath.Glob("../../content/testdata/lang/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rounds: %v", err)
	}
	// Each round on its own, beside the others (the classifier is safe
	// for concurrent use); the totals are added up after.
	var mu sync.Mutex
	total, read := 0, 0
	t.Run("rounds", func(t *testing.T) {
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) {
				t.Parallel()
				lang := strings.TrimSuffix(f[strings.LastIndex(f, "_")+1:], ".tsv")
				fh, err := os.Open(f)
				if err != nil {
					t.Fatal(err)
				}
				defer fh.Close()
				n, r := 0, 0
				sc := bufio.NewScanner(fh)
				for sc.Scan() {
					kind, text, ok := strings.Cut(sc.Text(), "\t")
					if !ok || kind == "kind" {
						continue
					}
					text, _, _ = strings.Cut(text, "\t")
					n++
					if in, ok := c.ClassifyIn(lang, text); ok {
						r++
						t.Logf("%s %s: %q read as %s %v", lang, kind, text, in.Action, in.Values)
					}
				}
				mu.Lock()
				total, read = total+n, read+r
				mu.Unlock()
			})
		}
	})
	t.Logf("%d of %d messages read as statements", read, total)
	if read*200 > total {
		t.Errorf("%d of %d messages of the rounds read as statements, want 0.5 %% at most", read, total)
	}
}

// FuzzClassifyIn: any text in any language is glossed and read without a
// panic, and a statement read from it is one of the statement actions.
func FuzzClassifyIn(f *testing.F) {
	for _, s := range []string{"a las once y media", "halb", "в половине", "без четверти", "las 11 menos", "25:99", "fünfundundzwanzig",
		"-", "d'água", "1,5,5 litros", "без 99 100", "um halb 0", "пол", "\x00", "в 99 часов 99 минут", "anoche un 99999999999999999999"} {
		f.Add("es", s)
		f.Add("ru", s)
	}
	c := New(nil)
	f.Fuzz(func(t *testing.T, lang, s string) {
		if !utf8.ValidString(s) || len(s) > 500 {
			return
		}
		c.Gloss(lang, s)
		if in, ok := c.ClassifyIn(lang, s); ok && !statementActions[in.Action] {
			t.Fatalf("%s %q: action %q", lang, s, in.Action)
		}
	})
}
