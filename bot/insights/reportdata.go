package insights

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/insights/chart"
	"github.com/calmnights/calmnights/bot/insights/internal/words"
	"github.com/calmnights/calmnights/bot/insights/report"
)

// reportWeeks is how many weeks the report's overview covers.
const (
	reportWeeks = 4
	maxLabLines = 8
)

// addHealth adds the four-week overview, the sleep diary, medicines, iron
// tests and patterns of a period to the report's data.
func (in *Insights) addHealth(ctx context.Context, w *words.Words, u *bot.User, p period, d *report.Data) error {
	h, err := in.loadHealth(ctx, u, p)
	if err != nil {
		return err
	}
	n := len(p.days)
	for back := reportWeeks; back >= 1; back-- {
		if n-7*back < 0 {
			continue
		}
		days := p.days[n-7*back : n-7*(back-1)]
		s := stats(p, h, days)
		wk := report.Week{From: days[0], To: days[len(days)-1], Logged: s.logged, Symptoms: s.symptoms, Average: s.average(), Efficiency: -1}
		if c, ok := medianClock(s.starts); ok {
			wk.Start = c.String()
		}
		if s.effN > 0 {
			wk.Efficiency = int(100*s.effSum/float64(s.effN) + 0.5)
		}
		d.Weeks = append(d.Weeks, wk)
	}
	if d.SleepChartPNG, err = sleepChartPNG(w, p, h); err != nil {
		return err
	}
	for _, f := range p.facets {
		var weeks []string
		rated := 0
		for back := reportWeeks; back >= 1; back-- {
			if n-7*back < 0 {
				continue
			}
			avg, k := p.ratingAverage(f, p.days[n-7*back:n-7*(back-1)])
			if k == 0 {
				weeks = append(weeks, w.Text("InsRepNotRated", nil))
				continue
			}
			rated += k
			weeks = append(weeks, w.Text("InsRepRatingWeek", map[string]string{"Avg": w.Num(avg, 1), "Days": w.Count("WeekDays", k)}))
		}
		if rated > 0 {
			d.Ratings = append(d.Ratings, w.Text("InsRepRating", map[string]string{"Label": facetIn(w, f).label, "Scale": strconv.Itoa(f.Scale()), "Weeks": strings.Join(weeks, " · ")}))
		}
	}
	d.Diary = diarySummary(h.diary)
	for i := range d.Nights {
		if dy, ok := h.diary[d.Nights[i].Date.Format(bot.DateLayout)]; ok {
			d.Nights[i].Diary = shortDiary(w, dy)
		}
	}
	d.Medicines = medicineLines(h, u.Location())
	labs, err := in.store.Labs(ctx, u.ID)
	if err != nil {
		return fmt.Errorf("load labs: %w", err)
	}
	if len(labs) > maxLabLines {
		labs = labs[len(labs)-maxLabLines:]
	}
	for _, l := range labs {
		t, _ := time.Parse(bot.DateLayout, l.Date)
		test := "InsLabFerritin"
		if l.Test == bot.LabTSAT {
			test = "InsLabTSAT"
		}
		d.Labs = append(d.Labs, report.Lab{Date: t, Test: w.Text(test, nil), Value: w.Text(test+"Value", map[string]string{"V": w.Value(l.Value)})})
	}
	d.Patterns = p.observations(w, healthPatterns(w, p, h)...)
	return nil
}

// diarySummary averages the diary's figures; nil without a diary.
func diarySummary(diary map[string]bot.Diary) *report.SleepDiary {
	if len(diary) == 0 {
		return nil
	}
	var s report.SleepDiary
	for _, dy := range diary {
		if dy.LatencyMin != nil {
			s.LatencyMin, s.LatencyN = s.LatencyMin+float64(*dy.LatencyMin), s.LatencyN+1
		}
		if dy.Awakenings != nil {
			s.Awakenings, s.AwakeningsN = s.Awakenings+float64(*dy.Awakenings), s.AwakeningsN+1
		}
		if m, ok := dy.TotalSleep(); ok {
			s.TotalSleepMin, s.TotalSleepN = s.TotalSleepMin+float64(m), s.TotalSleepN+1
		}
		if e, ok := dy.Efficiency(); ok {
			s.Efficiency, s.EfficiencyN = s.Efficiency+100*e, s.EfficiencyN+1
		}
		if dy.Quality != nil {
			s.Quality, s.QualityN = s.Quality+float64(*dy.Quality), s.QualityN+1
		}
	}
	avg := func(sum *float64, n int) {
		if n > 0 {
			*sum /= float64(n)
		}
	}
	avg(&s.LatencyMin, s.LatencyN)
	avg(&s.Awakenings, s.AwakeningsN)
	avg(&s.TotalSleepMin, s.TotalSleepN)
	avg(&s.Efficiency, s.EfficiencyN)
	avg(&s.Quality, s.QualityN)
	return &s
}

// medicineLines sums up each medicine's doses in the period with the
// times they were usually taken (the middle half of the times).
func medicineLines(h health, loc *time.Location) []report.Medicine {
	var out []report.Medicine
	for _, m := range h.meds {
		line := report.Medicine{Name: m.Name, Dose: m.Dose}
		var mins []int
		for _, d := range h.doses {
			if strings.EqualFold(d.Name, m.Name) {
				line.Doses++
				t := d.TakenAt.In(loc)
				mins = append(mins, t.Hour()*60+t.Minute())
				if t.After(line.Last) {
					line.Last = t
				}
			}
		}
		if len(mins) > 0 {
			sort.Ints(mins)
			lo, hi := bot.Clock(mins[len(mins)/4]), bot.Clock(mins[len(mins)*3/4])
			line.Times = lo.String()
			if hi-lo > 30 {
				line.Times = lo.String() + "–" + hi.String()
			}
		}
		out = append(out, line)
	}
	return out
}

// shortDiary is a night's diary for the report's table, in w's language:
// "legs from 21:00, SE 92%, woke 2×".
func shortDiary(w *words.Words, d bot.Diary) string {
	var parts []string
	if d.SymptomStart != nil {
		parts = append(parts, w.Text("InsDiaryLegs", map[string]string{"Clock": d.SymptomStart.String()}))
	}
	if e, ok := d.Efficiency(); ok {
		parts = append(parts, w.Text("InsDiarySE", map[string]string{"Pct": strconv.Itoa(int(100*e + 0.5))}))
	}
	if d.Awakenings != nil {
		parts = append(parts, w.Text("InsDiaryWoke", map[string]string{"N": strconv.Itoa(*d.Awakenings)}))
	}
	return strings.Join(parts, ", ")
}

// sleepChartPNG draws the period's sleep efficiency and symptom start
// times, with w's words; nil when no night has either.
func sleepChartPNG(w *words.Words, p period, h health) ([]byte, error) {
	days := make([]chart.SleepDay, len(p.days))
	found := false
	for i, d := range p.days {
		days[i] = chart.SleepDay{Date: d, Efficiency: -1, Start: -1}
		dy, ok := h.diary[d.Format(bot.DateLayout)]
		if !ok {
			continue
		}
		if e, ok := dy.Efficiency(); ok {
			days[i].Efficiency, found = 100*e, true
		}
		if dy.SymptomStart != nil {
			days[i].Start, found = eveningMinutes(*dy.SymptomStart), true
		}
	}
	if !found {
		return nil, nil
	}
	png, err := chart.RenderSleep(days, w.Count("InsSleepTitle", len(p.days)), chartLabels(w))
	if err != nil {
		return nil, fmt.Errorf("draw sleep chart: %w", err)
	}
	return png, nil
}
