package insights

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/reminders"
)

// The weekly summary: /week on demand, and the opt-in weekly reminder
// (the reminders package's Weekly kind) whose text Decorate fills in.
const (
	// streakDays is how far back streaks are counted.
	streakDays = 60
	// symptomNightsRule is the article's checklist item: symptoms on
	// more than three nights a week.
	symptomNightsRule = 3
)

// health is the diary, doses and medicine list of a period.
type health struct {
	diary map[string]bot.Diary // by night
	doses []bot.Dose
	meds  []bot.Medicine
}

// loadHealth reads the diary and doses of the period's days (and the day
// before its first, whose evening belongs to its first night).
func (in *Insights) loadHealth(ctx context.Context, u *bot.User, p period) (health, error) {
	h := health{diary: map[string]bot.Diary{}}
	if len(p.days) == 0 {
		return h, nil
	}
	from, to := p.days[0].Format(bot.DateLayout), p.days[len(p.days)-1].Format(bot.DateLayout)
	ds, err := in.store.Diaries(ctx, u.ID, from, to)
	if err != nil {
		return h, fmt.Errorf("load diary: %w", err)
	}
	for _, d := range ds {
		h.diary[d.Date] = d
	}
	if h.doses, err = in.store.Doses(ctx, u.ID, p.days[0].AddDate(0, 0, -1).Format(bot.DateLayout), to); err != nil {
		return h, fmt.Errorf("load doses: %w", err)
	}
	if h.meds, err = in.store.Medicines(ctx, u.ID); err != nil {
		return h, fmt.Errorf("load medicines: %w", err)
	}
	return h, nil
}

// weekStats are the figures of some nights.
type weekStats struct {
	logged, symptoms, sevSum             int
	cafAnswered, cafKept, stretched      int
	waterGoal                            int
	effSum                               float64
	effN, latSum, latN, awakeSum, awakeN int
	starts                               []int // symptom start clocks, minutes
}

func (s weekStats) average() float64 {
	if s.logged == 0 {
		return 0
	}
	return float64(s.sevSum) / float64(s.logged)
}

// stats counts the figures of the given days.
func stats(p period, h health, days []time.Time) weekStats {
	var s weekStats
	for _, d := range days {
		key := d.Format(bot.DateLayout)
		if p.waterBefore(d) >= bot.WaterGoalML {
			s.waterGoal++
		}
		if dy, ok := h.diary[key]; ok {
			if e, ok := dy.Efficiency(); ok {
				s.effSum, s.effN = s.effSum+e, s.effN+1
			}
			if dy.LatencyMin != nil {
				s.latSum, s.latN = s.latSum+*dy.LatencyMin, s.latN+1
			}
			if dy.Awakenings != nil {
				s.awakeSum, s.awakeN = s.awakeSum+*dy.Awakenings, s.awakeN+1
			}
			if dy.SymptomStart != nil {
				s.starts = append(s.starts, eveningMinutes(*dy.SymptomStart))
			}
		}
		n, ok := p.nights[key]
		if !ok {
			continue
		}
		s.logged++
		s.sevSum += n.Severity
		if n.Severity > 0 {
			s.symptoms++
		}
		if n.LateCaffeine != nil {
			s.cafAnswered++
			if !*n.LateCaffeine {
				s.cafKept++
			}
		}
		if isYes(n.Stretched) {
			s.stretched++
		}
	}
	return s
}

// eveningMinutes orders clock times across midnight: times before noon
// count as after the evening before (01:00 is 25:00).
func eveningMinutes(c bot.Clock) int {
	if c < 12*60 {
		return int(c) + 24*60
	}
	return int(c)
}

// medianClock is the median of evening minutes, as a clock.
func medianClock(mins []int) (bot.Clock, bool) {
	if len(mins) == 0 {
		return 0, false
	}
	s := append([]int(nil), mins...)
	sort.Ints(s)
	return bot.Clock(s[len(s)/2] % (24 * 60)), true
}

// streak counts the days in a row, back from the last, that pass test;
// the last day may still be open (not logged yet), so a streak that ends
// the day before counts too.
func streak(days []time.Time, test func(time.Time) bool) int {
	n := 0
	for i := len(days) - 1; i >= 0; i-- {
		if test(days[i]) {
			n++
		} else if i != len(days)-1 || n > 0 {
			break
		}
	}
	return n
}

// WeekSummary writes the summary of the user's last seven nights, with
// the week before for comparison and streaks: the text of /week and of
// the weekly reminder. It is built from the user's data.
func (in *Insights) WeekSummary(ctx context.Context, u *bot.User) (string, error) {
	p, err := in.loadPeriod(ctx, u, streakDays)
	if err != nil {
		return "", err
	}
	h, err := in.loadHealth(ctx, u, p)
	if err != nil {
		return "", err
	}
	n := len(p.days)
	this, prev := stats(p, h, p.days[n-7:]), stats(p, h, p.days[n-14:n-7])
	w := in.words(u)
	say, count := w.Text, w.Count
	num := func(x float64) string { return w.Num(x, 1) }
	itoa := strconv.Itoa
	var sb strings.Builder
	dates := say("WeekDateFormat", nil)
	sb.WriteString(say("WeekHeading", map[string]string{"From": p.days[n-7].Format(dates), "To": p.days[n-1].Format(dates)}) + "\n")
	if this.logged == 0 {
		sb.WriteString(say("WeekNothing", nil))
		return sb.String(), nil
	}
	sb.WriteString(say("WeekLogged", map[string]string{"N": itoa(this.logged)}) + "\n")
	sb.WriteString(say("WeekSymptoms", map[string]string{"N": itoa(this.symptoms)}))
	switch {
	case this.symptoms > symptomNightsRule:
		sb.WriteString(say("WeekSymptomsRule", nil) + "\n")
	case this.logged == 7:
		sb.WriteString(say("WeekSymptomsAsk", nil) + "\n")
	default:
		sb.WriteString(say("WeekSymptomsAskPartial", nil) + "\n")
	}
	sb.WriteString(say("WeekAverage", map[string]string{"Avg": num(this.average())}))
	if prev.logged > 0 {
		d := this.average() - prev.average()
		switch {
		case d > 0.05:
			sb.WriteString(say("WeekHigher", map[string]string{"D": num(d), "Prev": num(prev.average())}))
		case d < -0.05:
			sb.WriteString(say("WeekLower", map[string]string{"D": num(-d), "Prev": num(prev.average())}))
		default:
			sb.WriteString(say("WeekSame", nil))
		}
	}
	sb.WriteString("\n")
	if this.effN > 0 {
		sb.WriteString(say("WeekEfficiency", map[string]string{"Pct": itoa(int(100*this.effSum/float64(this.effN) + 0.5)), "Nights": count("WeekNights", this.effN)}))
		if prev.effN > 0 {
			sb.WriteString(say("WeekEfficiencyPrev", map[string]string{"Pct": itoa(int(100*prev.effSum/float64(prev.effN) + 0.5))}))
		}
		sb.WriteString("\n")
	}
	if this.latN > 0 || this.awakeN > 0 {
		var parts []string
		if this.latN > 0 {
			parts = append(parts, say("WeekLatency", map[string]string{"Min": itoa(this.latSum / this.latN)}))
		}
		if this.awakeN > 0 {
			parts = append(parts, say("WeekAwakenings", map[string]string{"N": num(float64(this.awakeSum) / float64(this.awakeN))}))
		}
		sb.WriteString(say("WeekDiary", map[string]string{"Parts": strings.Join(parts, ", ")}) + "\n")
	}
	if c, ok := medianClock(this.starts); ok {
		sb.WriteString(say("WeekOnset", map[string]string{"Clock": c.String(), "Evenings": count("WeekEvenings", len(this.starts))}))
		if pc, ok := medianClock(prev.starts); ok {
			sb.WriteString(say("WeekOnsetPrev", map[string]string{"Clock": pc.String()}))
		}
		sb.WriteString("\n")
	}
	cafe := say("WeekNotAnswered", nil)
	if this.cafAnswered > 0 {
		cafe = say("WeekKeptOf", map[string]string{"Kept": itoa(this.cafKept), "Days": count("WeekDays", this.cafAnswered)})
	}
	sb.WriteString(say("WeekHabits", map[string]string{"Cafe": cafe, "Nights": count("WeekNights", this.stretched), "Days": count("WeekDays", this.waterGoal)}) + "\n")
	for _, f := range p.facets {
		if avg, k := p.ratingAverage(f, p.days[n-7:]); k > 0 {
			sb.WriteString(say("WeekRating", map[string]string{"Label": facetIn(w, f).label, "Avg": num(avg), "Scale": itoa(f.Scale()), "Days": count("WeekDays", k)}))
			if pavg, pk := p.ratingAverage(f, p.days[n-14:n-7]); pk > 0 {
				sb.WriteString(say("WeekRatingPrev", map[string]string{"Avg": num(pavg)}))
			}
			sb.WriteString("\n")
		}
	}
	logged := func(d time.Time) bool { _, ok := p.nights[d.Format(bot.DateLayout)]; return ok }
	var streaks []string
	if s := streak(p.days, logged); s > 1 {
		streaks = append(streaks, count("WeekStreakLogging", s))
	}
	if s := streak(p.days, func(d time.Time) bool { return isYes(p.nights[d.Format(bot.DateLayout)].Stretched) }); s > 1 {
		streaks = append(streaks, count("WeekStreakStretching", s))
	}
	if s := streak(p.days, func(d time.Time) bool {
		n, ok := p.nights[d.Format(bot.DateLayout)]
		return ok && n.LateCaffeine != nil && !*n.LateCaffeine
	}); s > 1 {
		streaks = append(streaks, count("WeekStreakCaffeine", s))
	}
	if s := streak(p.days, func(d time.Time) bool { return p.waterBefore(d) >= bot.WaterGoalML }); s > 1 {
		streaks = append(streaks, count("WeekStreakWater", s))
	}
	if len(streaks) > 0 {
		sb.WriteString(say("WeekStreaks", map[string]string{"List": strings.Join(streaks, ", ")}) + "\n")
	}
	month := p
	month.days = p.days[n-28:]
	if obs := month.observations(w, healthPatterns(w, month, h)...); len(obs) > 0 {
		sb.WriteString("\n" + say("WeekObservations", nil) + say("InsObservationsNote", nil) + "\n- " + strings.Join(obs, "\n- ") + "\n")
	}
	sb.WriteString("\n" + say("WeekFooter", nil))
	return sb.String(), nil
}

// weekCommand handles /week.
func (in *Insights) weekCommand(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	text, err := in.WeekSummary(ctx, req.User)
	if err != nil {
		return nil, err
	}
	lang := req.Language()
	return []bot.Response{{
		Text:     text + "\n\n" + in.content.Text(lang, "WeekOffer", nil),
		Buttons:  [][]bot.Button{{{Label: in.content.Text(lang, "WeekOfferButton", nil), Payload: reminders.ButtonPrefix + "/on/" + string(reminders.Weekly)}}},
		Personal: true,
	}}, nil
}

// decorateWeekly fills the weekly reminder with the summary.
func (in *Insights) decorateWeekly(ctx context.Context, u bot.User, r *bot.Response) {
	text, err := in.WeekSummary(ctx, &u)
	if err != nil {
		if ctx.Err() == nil { // a shutdown cancels it: no error
			in.log.Error("weekly summary for reminder", "user", bot.LogID(u.ID), "err", err)
		}
		return
	}
	r.Text += "\n\n" + text
	r.Personal = true
}
