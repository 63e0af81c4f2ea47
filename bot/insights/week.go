package insights

import (
	"context"
	"fmt"
	"sort"
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
	var sb strings.Builder
	fmt.Fprintf(&sb, "**Your week** (nights to %s – %s)\n", p.days[n-7].Format("Mon 2 Jan"), p.days[n-1].Format("Mon 2 Jan"))
	if this.logged == 0 {
		sb.WriteString("Nothing logged these seven nights. /log takes a few taps, or /log 3 in one message.")
		return sb.String(), nil
	}
	fmt.Fprintf(&sb, "- Nights logged: %d of 7\n", this.logged)
	fmt.Fprintf(&sb, "- Nights with symptoms: **%d**", this.symptoms)
	if this.symptoms > symptomNightsRule {
		sb.WriteString(": more than three nights a week, which is one of the seven questions of the article's checklist (two or more “yes” of seven: worth seeing a neurologist or sleep specialist, see /checklist)\n")
	} else {
		fmt.Fprintf(&sb, " (the checklist asks about more than three nights a week%s)\n", map[bool]string{true: "", false: "; not every night was logged"}[this.logged == 7])
	}
	fmt.Fprintf(&sb, "- Average score: %.1f/10", this.average())
	if prev.logged > 0 {
		d := this.average() - prev.average()
		switch {
		case d > 0.05:
			fmt.Fprintf(&sb, " (%.1f higher than the week before, %.1f)", d, prev.average())
		case d < -0.05:
			fmt.Fprintf(&sb, " (%.1f lower than the week before, %.1f)", -d, prev.average())
		default:
			fmt.Fprintf(&sb, " (the same as the week before)")
		}
	}
	sb.WriteString("\n")
	if this.effN > 0 {
		fmt.Fprintf(&sb, "- Sleep efficiency: %d%% on average (%s with a sleep diary)", int(100*this.effSum/float64(this.effN)+0.5), plural(this.effN, "night"))
		if prev.effN > 0 {
			fmt.Fprintf(&sb, "; %d%% the week before", int(100*prev.effSum/float64(prev.effN)+0.5))
		}
		sb.WriteString("\n")
	}
	if this.latN > 0 || this.awakeN > 0 {
		var parts []string
		if this.latN > 0 {
			parts = append(parts, fmt.Sprintf("about %d min to fall asleep", this.latSum/this.latN))
		}
		if this.awakeN > 0 {
			parts = append(parts, fmt.Sprintf("%.1f awakenings a night", float64(this.awakeSum)/float64(this.awakeN)))
		}
		fmt.Fprintf(&sb, "- Sleep diary: %s\n", strings.Join(parts, ", "))
	}
	if c, ok := medianClock(this.starts); ok {
		fmt.Fprintf(&sb, "- Legs started bothering you around %s (the middle of %s)", c, plural(len(this.starts), "evening"))
		if pc, ok := medianClock(prev.starts); ok {
			fmt.Fprintf(&sb, "; around %s the week before", pc)
		}
		sb.WriteString("\n")
	}
	cafe := "not answered"
	if this.cafAnswered > 0 {
		cafe = fmt.Sprintf("%d of %s", this.cafKept, plural(this.cafAnswered, "day"))
	}
	fmt.Fprintf(&sb, "- Habits: caffeine cutoff kept %s, stretched %s, water goal (2 L+) %s\n", cafe, plural(this.stretched, "night"), plural(this.waterGoal, "day"))
	for _, f := range p.facets {
		if avg, k := p.ratingAverage(f, p.days[n-7:]); k > 0 {
			fmt.Fprintf(&sb, "- %s: %.1f/%d on average (%s rated)", f.Label(), avg, f.Scale(), plural(k, "day"))
			if pavg, pk := p.ratingAverage(f, p.days[n-14:n-7]); pk > 0 {
				fmt.Fprintf(&sb, "; %.1f the week before", pavg)
			}
			sb.WriteString("\n")
		}
	}
	logged := func(d time.Time) bool { _, ok := p.nights[d.Format(bot.DateLayout)]; return ok }
	var streaks []string
	if s := streak(p.days, logged); s > 1 {
		streaks = append(streaks, fmt.Sprintf("logging %d nights", s))
	}
	if s := streak(p.days, func(d time.Time) bool { return isYes(p.nights[d.Format(bot.DateLayout)].Stretched) }); s > 1 {
		streaks = append(streaks, fmt.Sprintf("stretching %d nights", s))
	}
	if s := streak(p.days, func(d time.Time) bool {
		n, ok := p.nights[d.Format(bot.DateLayout)]
		return ok && n.LateCaffeine != nil && !*n.LateCaffeine
	}); s > 1 {
		streaks = append(streaks, fmt.Sprintf("caffeine cutoff %d days", s))
	}
	if s := streak(p.days, func(d time.Time) bool { return p.waterBefore(d) >= bot.WaterGoalML }); s > 1 {
		streaks = append(streaks, fmt.Sprintf("water goal %d days", s))
	}
	if len(streaks) > 0 {
		fmt.Fprintf(&sb, "- Streaks in a row: %s\n", strings.Join(streaks, ", "))
	}
	month := p
	month.days = p.days[n-28:]
	if obs := month.observations(healthPatterns(month, h)...); obs != "" {
		sb.WriteString("\n" + strings.Replace(obs, "**Observations**", "**Observations over four weeks**", 1) + "\n")
	}
	sb.WriteString("\nA record of your own notes, not a diagnosis. /journal shows each night, /report makes a summary for your doctor.")
	return sb.String(), nil
}

// weekCommand handles /week.
func (in *Insights) weekCommand(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	text, err := in.WeekSummary(ctx, req.User)
	if err != nil {
		return nil, err
	}
	return []bot.Response{{
		Text:     text + "\n\nWant this every week? Tap below for Sundays at 18:00, or choose the day and time with /remind weekly friday 19:30.",
		Buttons:  [][]bot.Button{{{Label: "Send me this every week", Payload: reminders.ButtonPrefix + "/on/" + string(reminders.Weekly)}}},
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

// plural writes a count with its noun: "1 night", "3 nights".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
