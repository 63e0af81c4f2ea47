package words

import (
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/content"
)

// Every language names the seven days and twelve months, and its date
// patterns leave no field unfilled.
func TestDatesInEachLanguage(t *testing.T) {
	day := time.Date(2026, 3, 4, 21, 5, 0, 0, time.UTC) // a Wednesday
	want := map[string]map[string]string{
		"en": {"InsDateDay": "Wed 4 Mar", "InsDateLong": "4 Mar 2026", "InsDateRow": "Wed 04 Mar", "InsDateTime": "4 Mar 21:05"},
		"es": {"InsDateDay": "mié 4 mar", "InsDateLong": "04/03/2026", "InsDateRow": "mié 04/03"},
		"pt": {"InsDateDay": "qua, 4 de mar", "InsDateLong": "04/03/2026"},
		"de": {"InsDateDay": "Mi., 4. März", "InsDateLong": "04.03.2026", "InsDateTime": "04.03. 21:05"},
		"ru": {"InsDateDay": "ср, 4 мар.", "InsDateLong": "04.03.2026", "InsDateRow": "ср 04.03", "InsDateFrom": "04.03"},
	}
	for _, lang := range content.Languages {
		w := In(nil, lang)
		if len(w.weekdays) != 7 || len(w.months) != 12 {
			t.Errorf("%s: %d weekdays and %d months", lang, len(w.weekdays), len(w.months))
		}
		for _, id := range []string{"InsDateDay", "InsDateChart", "InsDateFrom", "InsDateLong", "InsDateRow", "InsDateTime"} {
			got := w.Date(id, day)
			if got == "" || strings.ContainsAny(got, "\x00{}") {
				t.Errorf("%s %s: %q", lang, id, got)
			}
			if s, ok := want[lang][id]; ok && got != s {
				t.Errorf("%s %s: %q, want %q", lang, id, got, s)
			}
		}
	}
}

// Numbers have the language's decimal mark and no needless decimals.
func TestValue(t *testing.T) {
	for _, c := range []struct {
		lang string
		x    float64
		want string
	}{{"en", 45, "45"}, {"en", 38.5, "38.5"}, {"ru", 38.5, "38,5"}, {"de", 0.25, "0,25"}, {"es", 2, "2"}} {
		if got := In(nil, c.lang).Value(c.x); got != c.want {
			t.Errorf("%s %v: %q, want %q", c.lang, c.x, got, c.want)
		}
	}
}
