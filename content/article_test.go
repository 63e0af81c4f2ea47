package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// articleRun is the shortest run of the article's words that may appear
// nowhere in content/ (DESIGN.md: our own words, no run of eight or more).
const articleRun = 8

// TestNoArticleRunAnywhere scans every file under content/ (topics, YAML,
// test data, Go code and its strings) for a run of eight or more words in
// a row shared with the source article, after lower-casing and dropping
// punctuation. The article is not in the repository; the test reads it from
// the shared folder when it is there.
func TestNoArticleRunAnywhere(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "000_7d1d6a1e1540853a.txt"))
	if err != nil {
		t.Skip("source article not found next to the repository")
	}
	grams := ngrams(splitWords(string(article)), articleRun)
	scanned := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".go", ".yaml", ".md", ".txt":
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		scanned++
		// Words run across line breaks too: a sentence may wrap.
		words := splitWords(string(data))
		for i := 0; i+articleRun <= len(words); i++ {
			if g := strings.Join(words[i:i+articleRun], " "); grams[g] {
				t.Errorf("%s shares %d words in a row with the article: %q", path, articleRun, g)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned < 40 {
		t.Fatalf("scanned only %d files", scanned)
	}
}

func ngrams(words []string, n int) map[string]bool {
	grams := map[string]bool{}
	for i := 0; i+n <= len(words); i++ {
		grams[strings.Join(words[i:i+n], " ")] = true
	}
	return grams
}

// TestNgramScanFindsARun makes sure the scan would see a pasted sentence.
func TestNgramScanFindsARun(t *testing.T) {
	grams := ngrams(splitWords("One two three four five six seven eight nine."), articleRun)
	if !grams["two three four five six seven eight nine"] || len(grams) != 2 {
		t.Fatalf("grams: %v", grams)
	}
}
