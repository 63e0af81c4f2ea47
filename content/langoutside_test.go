package content

import (
	"testing"

	"github.com/calmnights/calmnights/content/pattern"
)

// The outside words of each language refuse none of the questions its
// article's topics are asked with.
func TestOutsideSparesTopicPhrasings(t *testing.T) {
	lib := Default()
	for _, code := range Languages[1:] {
		p, _ := lib.Pack(code)
		r := lib.rulesFor(code)
		n, bad := 0, 0
		for _, tp := range p.Topics {
			for _, q := range tp.Questions {
				n++
				f := r.fold(q)
				if kind, ok := r.outsideIn(f, pattern.ScanOf(f)); ok {
					bad++
					if bad <= 12 { // the first few, to mend
						t.Logf("%s %s [%s]: %s", code, kind, tp.ID, q)
					}
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d topic phrasings refused", code, bad, n)
		}
	}
}
