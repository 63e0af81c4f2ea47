package insights

import (
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/insights/internal/words"
)

// Patterns in the new data: alcohol, bedtime regularity and each
// medicine taken or missed, compared like the habits in observations():
// the average score with and without, with the counts, once there are
// minNightsForLinks logged nights and minGroup nights on each side.

// bedtimeSlack is how far from the usual bedtime still counts as regular.
const bedtimeSlack = 30

// maxMedPatterns bounds the medicines compared.
const maxMedPatterns = 3

// compareNights compares the average score of nights where test says yes
// with those where it says no; nil from test leaves a night out. It
// returns "" without enough nights on either side, else a line in w's
// language: "Late caffeine: average 6.0 after late caffeine (7 nights) vs
// 2.0 without (7 nights)".
func compareNights(w *words.Words, p period, label, with, without string, test func(bot.Night, time.Time) *bool) string {
	var ySum, yN, nSum, nN int
	for _, d := range p.days {
		nt, ok := p.nights[d.Format(bot.DateLayout)]
		if !ok {
			continue
		}
		v := test(nt, d)
		switch {
		case v == nil:
		case *v:
			ySum, yN = ySum+nt.Severity, yN+1
		default:
			nSum, nN = nSum+nt.Severity, nN+1
		}
	}
	if yN < minGroup || nN < minGroup {
		return ""
	}
	return w.Text("InsCompare", map[string]string{
		"Label": label,
		"With":  w.Num(float64(ySum)/float64(yN), 1), "WithWhat": with, "WithNights": w.Count("WeekNights", yN),
		"Without": w.Num(float64(nSum)/float64(nN), 1), "WithoutWhat": without, "WithoutNights": w.Count("WeekNights", nN),
	})
}

// healthPatterns are the observations about alcohol, bedtime regularity,
// medicines and the facets' ratings ("after high-stress days"), in w's
// language; nil with fewer than minNightsForLinks logged nights.
func healthPatterns(w *words.Words, p period, h health) []string {
	if p.summarise().logged < minNightsForLinks {
		return nil
	}
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	for _, f := range p.facets {
		fw := facetIn(w, f)
		add(compareNights(w, p, fw.label, fw.afterHigh, w.Text("InsCmpFacetWithout", nil), func(_ bot.Night, d time.Time) *bool {
			v, ok := p.ratingBefore(f, d)
			if !ok {
				return nil
			}
			high := f.High(v)
			return &high
		}))
	}
	add(compareNights(w, p, w.Text("InsCmpAlcohol", nil), w.Text("InsCmpAlcoholWith", nil), w.Text("InsCmpAlcoholWithout", nil), func(n bot.Night, d time.Time) *bool {
		return h.diary[n.Date].Alcohol
	}))
	var beds []int
	for _, dy := range h.diary {
		if dy.InBed != nil {
			beds = append(beds, eveningMinutes(*dy.InBed))
		}
	}
	if usual, ok := medianClock(beds); ok && len(beds) >= minNightsForLinks {
		add(compareNights(w, p, w.Text("InsCmpBedtime", map[string]string{"Clock": usual.String()}),
			w.Text("InsCmpBedtimeWith", map[string]string{"Min": strconv.Itoa(bedtimeSlack)}), w.Text("InsCmpBedtimeWithout", nil), func(n bot.Night, _ time.Time) *bool {
				dy, ok := h.diary[n.Date]
				if !ok || dy.InBed == nil {
					return nil
				}
				off := eveningMinutes(*dy.InBed) - eveningMinutes(usual)
				regular := off >= -bedtimeSlack && off <= bedtimeSlack
				return &regular
			}))
	}
	for i, m := range h.meds {
		if i >= maxMedPatterns {
			break
		}
		took := map[string]bool{}
		for _, d := range h.doses {
			if strings.EqualFold(d.Name, m.Name) {
				took[d.Day] = true
			}
		}
		add(compareNights(w, p, m.Name, w.Text("InsCmpMedWith", nil), w.Text("InsCmpMedWithout", nil), func(_ bot.Night, d time.Time) *bool {
			t := took[d.AddDate(0, 0, -1).Format(bot.DateLayout)]
			return &t
		}))
	}
	return out
}
