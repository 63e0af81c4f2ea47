package insights

import (
	"regexp"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/insights/internal/words"
	"github.com/calmnights/calmnights/content"
)

// The words drawn in the charts are in the reader's language: every label,
// the dates under the x axis and the water axis's decimal mark.
func TestChartLabelsInEachLanguage(t *testing.T) {
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	latin := regexp.MustCompile(`\p{Latin}`)
	for _, c := range []struct{ lang, date, half string }{
		{"en", "25 Nov", "2.5"}, {"es", "25 nov", "2,5"}, {"pt", "25 nov", "2,5"}, {"de", "25. Nov.", "2,5"}, {"ru", "25 нояб.", "2,5"},
	} {
		l := chartLabels(words.In(content.Default(), c.lang))
		for _, s := range []string{l.Twitching, l.LateCaffeine, l.Stretched, l.Water, l.WaterGoal, l.NotLogged, l.Efficiency, l.SymptomStart} {
			if s == "" {
				t.Errorf("%s: a chart label is empty: %+v", c.lang, l)
			}
			if c.lang == "ru" && latin.MatchString(s) {
				t.Errorf("ru chart label %q has Latin letters", s)
			}
		}
		if got := l.Date(day); got != c.date {
			t.Errorf("%s: chart date %q, want %q", c.lang, got, c.date)
		}
		if got := l.Number(2.5); got != c.half {
			t.Errorf("%s: 2.5 L written %q, want %q", c.lang, got, c.half)
		}
	}
}
