package insights

import (
	"fmt"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/insights/chart"
	"github.com/calmnights/calmnights/bot/insights/internal/words"
	"github.com/calmnights/calmnights/bot/markup"
)

// The journal views speak the user's language: their messages are the
// catalog's Ins... and Week... ids (content/locales/insights), their dates
// have the language's day and month names (words.Date), their numbers its
// decimal mark.

// words is what the insights say to u, in u's language.
func (in *Insights) words(u *bot.User) *words.Words {
	return words.In(in.content, u.LanguageOrDefault())
}

// facetWords are a daily rating's names in a language.
type facetWords struct {
	label     string // starts a line: "Stress"
	afterHigh string // the nights after its high days: "after high-stress days (4–5 of 5)"
}

// A facet may name itself in the user's language (bot/stress does); the
// insights then use its words.
type (
	facetLabeler interface{ LabelIn(lang string) string }
	facetRater   interface {
		RatingIn(lang string, v int) string
	}
	facetHighDayer interface{ HighDaysIn(lang string) string }
)

// facetIn names f in w's language: its LabelIn, and for the nights after
// its high days the catalog's InsFacet<Name>AfterHigh
// ("InsFacetStressAfterHigh": the words around the days change with the
// language's grammar), else InsCmpFacetWith around its HighDaysIn. A
// facet without them keeps its own English words.
func facetIn(w *words.Words, f bot.Facet) facetWords {
	fw := facetWords{label: f.Label()}
	if l, ok := f.(facetLabeler); ok {
		if s := l.LabelIn(w.Lang); s != "" {
			fw.label = s
		}
	}
	if name := f.Name(); name != "" {
		fw.afterHigh = w.Text("InsFacet"+strings.ToUpper(name[:1])+name[1:]+"AfterHigh", nil)
	}
	if fw.afterHigh == "" {
		days := f.HighDays()
		if h, ok := f.(facetHighDayer); ok {
			if s := h.HighDaysIn(w.Lang); s != "" {
				days = s
			}
		}
		fw.afterHigh = w.Text("InsCmpFacetWith", map[string]string{"HighDays": days})
	}
	return fw
}

// facetValue shows a rating in a line: "stress 4/5", by the facet's
// RatingIn when it has one.
func facetValue(w *words.Words, f bot.Facet, v int) string {
	if r, ok := f.(facetRater); ok {
		if s := r.RatingIn(w.Lang, v); s != "" {
			return s
		}
	}
	return bot.FacetText(f, v)
}

// nightLine writes a night for /journal: "Wed 25 Nov · ▰▰▱▱▱ 4/10 · woke
// you · “note”", in w's language.
func nightLine(w *words.Words, day time.Time, n bot.Night) string {
	parts := []string{w.Date("InsDateDay", day), fmt.Sprintf("%s %d/10", severityBar(n.Severity), n.Severity)}
	for _, f := range []struct {
		v  *bool
		id string
	}{{n.Woke, "InsWoke"}, {n.LateCaffeine, "InsLateCaffeine"}, {n.Stretched, "InsStretched"}} {
		if isYes(f.v) {
			parts = append(parts, w.Text(f.id, nil))
		}
	}
	line := strings.Join(parts, " · ")
	if n.Note != "" {
		line += " · " + w.Text("InsNote", map[string]string{"Note": markup.Escape(n.Note)})
	}
	return line
}

// severityBar draws a score as five blocks, as the night log does.
func severityBar(sev int) string {
	full := min(max((sev+1)/2, 0), 5)
	return strings.Repeat("▰", full) + strings.Repeat("▱", 5-full)
}

// chartLabels are the words the charts draw, in w's language.
func chartLabels(w *words.Words) chart.Labels {
	return chart.Labels{
		Twitching:    w.Text("InsChartTwitching", nil),
		LateCaffeine: w.Text("InsChartLateCaffeine", nil),
		Stretched:    w.Text("InsChartStretched", nil),
		Water:        w.Text("InsChartWater", nil),
		WaterGoal:    w.Text("InsChartWaterGoal", nil),
		NotLogged:    w.Text("InsChartNotLogged", nil),
		Efficiency:   w.Text("InsChartEfficiency", nil),
		SymptomStart: w.Text("InsChartStart", nil),
		Date:         func(t time.Time) string { return w.Date("InsDateChart", t) },
		Number:       w.Value,
	}
}
