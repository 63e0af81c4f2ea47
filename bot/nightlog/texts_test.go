package nightlog

import (
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// TestNightLineIsTheCoreLineInEnglish: the journal's own line of a night,
// in English, is bot.Night.Line word for word; in Russian it holds the
// same facts in Russian.
func TestNightLineIsTheCoreLineInEnglish(t *testing.T) {
	j := New(Options{})
	yes, no := true, false
	for _, n := range []bot.Night{
		{Severity: 0}, {Severity: 7, Woke: &yes, LateCaffeine: &no, Stretched: &yes, Note: "calves *again*"},
		{Severity: 10, Woke: &yes, LateCaffeine: &yes, Stretched: &yes}, {Severity: 3, Woke: &no, Note: "ok"},
	} {
		if got, want := j.nightLine("en", n), n.Line(false); got != want {
			t.Errorf("English line %q, want %q", got, want)
		}
	}
	n := bot.Night{Severity: 7, Woke: &yes, LateCaffeine: &yes, Stretched: &no, Note: "икры"}
	if got, want := j.nightLine("ru", n), "▰▰▰▰▱ 7/10 · будили ночью · поздний кофеин · «икры»"; got != want {
		t.Errorf("Russian line %q, want %q", got, want)
	}
}

// TestWordsOfTheMorningAndWater: the medicines' "taken" buttons, amounts
// of water and how glasses were counted, in English as before and in the
// other languages with their units, plurals and decimal commas.
func TestWordsOfTheMorningAndWater(t *testing.T) {
	j := New(Options{})
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	meds := []bot.Medicine{{ID: 1, Name: "Magnesium"}}
	for lang, want := range map[string]string{"en": "Took Magnesium", "ru": "Принято: Magnesium", "es": "Tomé Magnesium", "pt": "Tomei Magnesium", "de": "Magnesium genommen"} {
		if got := j.takenButtons(lang, meds, today, 4)[0][0].Label; got != want {
			t.Errorf("%s taken button %q, want %q", lang, got, want)
		}
	}
	for _, c := range []struct {
		lang string
		ml   int
		want string
	}{
		{"en", 750, "750 ml"}, {"en", 1000, "1 L"}, {"en", 1125, "1.12 L"}, {"en", 1500, "1.5 L"}, {"en", 2100, "2.1 L"}, {"en", 1001, "1 L"},
		{"ru", 750, "750 мл"}, {"ru", 1250, "1,25 л"}, {"de", 2500, "2,5 L"}, {"es", 1000, "1 L"}, {"pt", 1750, "1,75 L"},
	} {
		if got := litres(c.lang, c.ml); got != c.want {
			t.Errorf("litres(%s, %d) = %q, want %q", c.lang, c.ml, got, c.want)
		}
	}
	for _, c := range []struct {
		lang, in, want string
	}{
		{"en", "2 glasses", "2 glasses of 250 ml"}, {"en", "a glass", "1 glass of 250 ml"}, {"en", "half a glass", "0.5 glasses of 250 ml"},
		{"en", "1 bottle", "1 bottle of 500 ml"}, {"en", "0.5", ""},
		{"ru", "1 стакан", "1 стакан по 250 мл"}, {"ru", "3 стакана", "3 стакана по 250 мл"}, {"ru", "5 стаканов", "5 стаканов по 250 мл"},
		{"ru", "21 стакан", ""}, {"ru", "2 бутылки", "2 бутылки по 500 мл"}, {"ru", "полстакана", "0,5 стакана по 250 мл"},
		{"es", "1 vaso", "1 vaso de 250 ml"}, {"es", "2,5 vasos", "2,5 vasos de 250 ml"}, {"es", "una botella", "1 botella de 500 ml"},
		{"pt", "1,5 copo", "1,5 copo de 250 ml"}, {"pt", "2 copos", "2 copos de 250 ml"}, {"pt", "2 garrafas", "2 garrafas de 500 ml"},
		{"de", "1 Glas", "1 Glas à 250 ml"}, {"de", "2 Gläser", "2 Gläser à 250 ml"}, {"de", "eine Flasche", "1 Flasche à 500 ml"},
	} {
		_, count, err := parseWaterUnit(c.in)
		if c.want == "" {
			if c.in == "21 стакан" && err == nil {
				t.Errorf("%q: 21 glasses accepted", c.in)
			}
			continue
		}
		if got := j.countNote(c.lang, count); err != nil || got != c.want {
			t.Errorf("%s %q: %q, %v; want %q", c.lang, c.in, got, err, c.want)
		}
	}
}
