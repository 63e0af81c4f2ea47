package insights

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/insights/internal/words"
)

// Journal views: the last nights, a summary, and honest observations.
const (
	defaultJournalDays = 7
	maxJournalDays     = 90
	// minNightsForLinks is how many logged nights observations need.
	minNightsForLinks = 7
	// minGroup is how many nights each side of a comparison needs.
	minGroup = 2
)

// period is the journal of a user over some days.
type period struct {
	days   []time.Time          // the nights' dates, oldest first
	nights map[string]bot.Night // by date
	water  map[string]int       // by day
	// ratings are the facets' ratings by facet name, then by day.
	facets  []bot.Facet
	ratings map[string]map[string]int
}

// loadPeriod reads the last n nights (and the water of the days before).
func (in *Insights) loadPeriod(ctx context.Context, u *bot.User, n int) (period, error) {
	to := in.today(u)
	from := to.AddDate(0, 0, -(n - 1))
	p := period{nights: map[string]bot.Night{}}
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		p.days = append(p.days, d)
	}
	nights, err := in.store.Nights(ctx, u.ID, from.Format(bot.DateLayout), to.Format(bot.DateLayout))
	if err != nil {
		return period{}, fmt.Errorf("load journal: %w", err)
	}
	for _, nt := range nights {
		p.nights[nt.Date] = nt
	}
	if p.water, err = in.store.Water(ctx, u.ID, from.AddDate(0, 0, -1).Format(bot.DateLayout), to.Format(bot.DateLayout)); err != nil {
		return period{}, fmt.Errorf("load water: %w", err)
	}
	p.facets, p.ratings = in.facets, map[string]map[string]int{}
	for _, f := range in.facets {
		if p.ratings[f.Name()], err = f.Ratings(ctx, u.ID, from.AddDate(0, 0, -1).Format(bot.DateLayout), to.Format(bot.DateLayout)); err != nil {
			return period{}, fmt.Errorf("load %s: %w", f.Name(), err)
		}
	}
	return p, nil
}

// ratingBefore is a facet's rating of the day before a night, as the water
// of that day is.
func (p period) ratingBefore(f bot.Facet, night time.Time) (int, bool) {
	v, ok := p.ratings[f.Name()][night.AddDate(0, 0, -1).Format(bot.DateLayout)]
	return v, ok
}

// waterBefore is the water drunk the day before a night.
func (p period) waterBefore(day time.Time) int {
	return p.water[day.AddDate(0, 0, -1).Format(bot.DateLayout)]
}

// summary counts what matters for a period.
type summary struct {
	logged, twitching, woke, lateCaffeine, stretched, waterGoal int
	severitySum                                                 int
}

func (p period) summarise() summary {
	var s summary
	for _, d := range p.days {
		if p.waterBefore(d) >= bot.WaterGoalML {
			s.waterGoal++
		}
		n, ok := p.nights[d.Format(bot.DateLayout)]
		if !ok {
			continue
		}
		s.logged++
		s.severitySum += n.Severity
		if n.Severity > 0 {
			s.twitching++
		}
		if isYes(n.Woke) {
			s.woke++
		}
		if isYes(n.LateCaffeine) {
			s.lateCaffeine++
		}
		if isYes(n.Stretched) {
			s.stretched++
		}
	}
	return s
}

func (s summary) average() float64 {
	if s.logged == 0 {
		return 0
	}
	return float64(s.severitySum) / float64(s.logged)
}

func isYes(b *bool) bool { return b != nil && *b }

// journal shows the last nights (7, or /journal N), a summary and, with
// enough nights, observations about habits.
func (in *Insights) journal(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	w := in.words(u)
	n := defaultJournalDays
	if a := strings.TrimSpace(req.Args); a != "" {
		v, err := strconv.Atoi(strings.TrimSuffix(a, "d"))
		if err != nil || v < 1 || v > maxJournalDays {
			return bot.Reply(w.Text("InsJournalRange", map[string]string{"Max": strconv.Itoa(maxJournalDays)})), nil
		}
		n = v
	}
	p, err := in.loadPeriod(ctx, u, n)
	if err != nil {
		return nil, err
	}
	s := p.summarise()
	if s.logged == 0 {
		if !u.Consented() {
			return bot.ConsentNeeded(), nil
		}
		return bot.Personal(w.Count("InsJournalEmpty", n)), nil
	}
	itoa := strconv.Itoa
	var sb strings.Builder
	sb.WriteString(w.Count("InsJournalHeading", n) + "\n")
	for _, d := range p.days {
		key := d.Format(bot.DateLayout)
		line := w.Date("InsDateDay", d) + " · " + w.Text("InsNotLogged", nil)
		if nt, ok := p.nights[key]; ok {
			line = nightLine(w, d, nt)
		}
		for _, f := range p.facets {
			if v, ok := p.ratingBefore(f, d); ok {
				line += " · " + w.Text("InsDayBefore", map[string]string{"Rating": facetValue(w, f, v)})
			}
		}
		sb.WriteString("- " + line + "\n")
	}
	sb.WriteString("\n" + w.Text("InsSummary", nil))
	for _, line := range []string{
		w.Text("InsSumLogged", map[string]string{"N": itoa(s.logged), "Of": itoa(n)}),
		w.Text("InsSumTwitching", map[string]string{"N": itoa(s.twitching)}),
		w.Text("InsSumAverage", map[string]string{"Avg": w.Num(s.average(), 1)}),
		w.Text("InsSumWoke", map[string]string{"N": itoa(s.woke)}),
		w.Text("InsSumWater", map[string]string{"N": itoa(s.waterGoal)}),
		w.Text("InsSumCaffeine", map[string]string{"N": itoa(s.lateCaffeine)}),
		w.Text("InsSumStretched", map[string]string{"Nights": w.Count("WeekNights", s.stretched)}),
	} {
		sb.WriteString("\n- " + line)
	}
	for _, line := range p.ratingAverages(w, p.days) {
		sb.WriteString("\n- " + line)
	}
	h, err := in.loadHealth(ctx, u, p)
	if err != nil {
		return nil, err
	}
	if links := p.observations(w, healthPatterns(w, p, h)...); len(links) > 0 {
		sb.WriteString("\n\n" + w.Text("InsObservations", nil) + w.Text("InsObservationsNote", nil) + "\n- " + strings.Join(links, "\n- "))
	} else if s.logged < minNightsForLinks {
		sb.WriteString("\n\n" + w.Text("InsLinksNeed", map[string]string{"Min": itoa(minNightsForLinks)}))
	}
	sb.WriteString("\n\n" + w.Text("InsJournalFooter", nil))
	return bot.Personal(sb.String()), nil
}

// observations compares average twitching after late caffeine or not,
// with or without stretching, and with the water goal met or not, once
// there are enough nights, followed by the more lines given (see
// healthPatterns): one line each, in w's language, nil without enough
// nights. Callers label them as observations, not proof
// (InsObservationsNote).
func (p period) observations(w *words.Words, more ...string) []string {
	if p.summarise().logged < minNightsForLinks {
		return nil
	}
	compare := func(id string, test func(bot.Night, time.Time) *bool) string {
		return compareNights(w, p, w.Text(id, nil), w.Text(id+"With", nil), w.Text(id+"Without", nil), test)
	}
	lines := []string{
		compare("InsCmpCaffeine", func(n bot.Night, _ time.Time) *bool { return n.LateCaffeine }),
		compare("InsCmpStretching", func(n bot.Night, _ time.Time) *bool { return n.Stretched }),
		compare("InsCmpWater", func(_ bot.Night, d time.Time) *bool {
			met := p.waterBefore(d) >= bot.WaterGoalML
			return &met
		}),
	}
	var kept []string
	for _, l := range append(lines, more...) {
		if l != "" {
			kept = append(kept, l)
		}
	}
	return kept
}

// ratingAverages are the facets' averages over the days before the given
// nights: "Stress: 3.2/5 on average, 5 days rated".
func (p period) ratingAverages(w *words.Words, nights []time.Time) []string {
	var out []string
	for _, f := range p.facets {
		if avg, n := p.ratingAverage(f, nights); n > 0 {
			out = append(out, w.Text("InsRatingAverage", map[string]string{
				"Label": facetIn(w, f).label, "Avg": w.Num(avg, 1), "Scale": strconv.Itoa(f.Scale()), "Days": w.Count("WeekDays", n)}))
		}
	}
	return out
}

// ratingAverage is a facet's average over the days before the nights,
// and how many of those days were rated.
func (p period) ratingAverage(f bot.Facet, nights []time.Time) (float64, int) {
	sum, n := 0, 0
	for _, d := range nights {
		if v, ok := p.ratingBefore(f, d); ok {
			sum, n = sum+v, n+1
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(sum) / float64(n), n
}

// Week is what the journal says about the last 7 nights, in one line for
// the checklist's first question, in u's language; "" when there is
// nothing to say.
func (in *Insights) Week(ctx context.Context, u *bot.User) string {
	if !u.Consented() {
		return ""
	}
	p, err := in.loadPeriod(ctx, u, 7)
	if err != nil {
		in.log.Error("journal for checklist", "user", bot.LogID(u.ID), "err", err)
		return ""
	}
	s := p.summarise()
	if s.logged == 0 {
		return ""
	}
	return in.words(u).Text("InsChecklistHint", map[string]string{"N": strconv.Itoa(s.twitching), "Logged": strconv.Itoa(s.logged)})
}
