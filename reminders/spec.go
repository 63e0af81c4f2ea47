package reminders

import (
	"errors"
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/robfig/cron/v3"
)

// specParser reads standard five-field cron specs (minute hour day month
// weekday). Descriptors such as "@every" and zone prefixes are refused: a
// reminder's zone is always its user's.
var specParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)

// Limits on what a user may schedule.
const (
	// maxPerDay is the most times a reminder may fire in one day.
	maxPerDay = 48
	// searchDays is how far ahead the next occurrence is looked for.
	searchDays = 5 * 366
)

// starBit marks a '*' day field in robfig/cron's bit sets: with it, day of
// month and day of week must both match; without it, either may.
const starBit = 1 << 63

// Errors about a schedule a user asked for.
var (
	ErrNeverFires = errors.New("this schedule never fires")
	ErrTooOften   = fmt.Errorf("this schedule fires more than %d times a day", maxPerDay)
)

// schedule is a parsed cron spec, or several joined by '|' (times that
// do not share a minute, such as every 90 minutes).
type schedule struct {
	spec *cron.SpecSchedule
	text string
	rest []schedule // the specs after the first '|'
}

// parseSpec parses a five-field cron spec, or several joined by '|', and
// checks it fires, at most maxPerDay times a day.
func parseSpec(text string) (schedule, error) {
	parts := strings.Split(text, "|")
	first, err := parseOneSpec(parts[0])
	if err != nil || len(parts) == 1 {
		return first, err
	}
	perDay := first.perDay()
	for _, p := range parts[1:] {
		sc, err := parseOneSpec(p)
		if err != nil {
			return schedule{}, err
		}
		perDay += sc.perDay()
		first.rest = append(first.rest, sc)
		first.text += "|" + sc.text
	}
	if perDay > maxPerDay {
		return schedule{}, ErrTooOften
	}
	return first, nil
}

// perDay is how many clock times one spec holds.
func (s schedule) perDay() int {
	return bits.OnesCount64(s.spec.Hour&^starBit) * bits.OnesCount64(s.spec.Minute&^starBit)
}

// parseOneSpec parses one five-field cron spec.
func parseOneSpec(text string) (schedule, error) {
	text = strings.Join(strings.Fields(text), " ")
	if strings.HasPrefix(text, "@") || strings.Contains(text, "TZ=") {
		return schedule{}, fmt.Errorf("%q: use the five fields minute hour day month weekday", text)
	}
	s, err := specParser.Parse(text)
	if err != nil {
		return schedule{}, fmt.Errorf("%q: %w", text, err)
	}
	spec, ok := s.(*cron.SpecSchedule)
	if !ok {
		return schedule{}, fmt.Errorf("%q: not a plain cron schedule", text)
	}
	sc := schedule{spec: spec, text: text}
	if sc.perDay() > maxPerDay {
		return schedule{}, ErrTooOften
	}
	if sc.next(time.UTC, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return schedule{}, ErrNeverFires
	}
	return sc, nil
}

// dailySpec is the cron spec for "every day at these times". All times
// must share their minute when there are several.
func dailySpec(times ...int) string {
	if len(times) == 0 {
		return ""
	}
	sort.Ints(times)
	hours := make([]string, len(times))
	for i, t := range times {
		hours[i] = fmt.Sprint(t / 60)
	}
	return fmt.Sprintf("%d %s * * *", times[0]%60, strings.Join(hours, ","))
}

// next returns the first occurrence strictly after 'after', in loc. It
// does not use robfig/cron's Next, which skips a local time that falls in a
// daylight-saving gap and fires twice on a time that repeats: here every
// matching local day and clock time fires exactly once, a time in a gap at
// the first valid moment after the gap, a repeated time at its first
// occurrence. It returns the zero time when nothing fires in searchDays.
func (s schedule) next(loc *time.Location, after time.Time) time.Time {
	first := s.nextOne(loc, after)
	for _, r := range s.rest {
		if t := r.nextOne(loc, after); !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	return first
}

// nextOne is next for the first spec alone.
func (s schedule) nextOne(loc *time.Location, after time.Time) time.Time {
	sp := s.spec
	local := after.In(loc)
	y, m, d := local.Date()
	for i := 0; i < searchDays; i++ {
		day := time.Date(y, m, d+i, 12, 0, 0, 0, time.UTC) // calendar arithmetic only
		if sp.Month&(1<<uint(day.Month())) == 0 || !dayMatches(sp, day) {
			continue
		}
		for hours := sp.Hour &^ starBit; hours != 0; hours &= hours - 1 {
			h := bits.TrailingZeros64(hours)
			for mins := sp.Minute &^ starBit; mins != 0; mins &= mins - 1 {
				mi := bits.TrailingZeros64(mins)
				if at := wallTime(day.Year(), day.Month(), day.Day(), h, mi, loc); at.After(after) {
					return at
				}
			}
		}
	}
	return time.Time{}
}

// dayMatches applies cron's day rule: with a '*' in either day field both
// must match, otherwise either one.
func dayMatches(s *cron.SpecSchedule, day time.Time) bool {
	dom := s.Dom&(1<<uint(day.Day())) != 0
	dow := s.Dow&(1<<uint(day.Weekday())) != 0
	if s.Dom&starBit != 0 || s.Dow&starBit != 0 {
		return dom && dow
	}
	return dom || dow
}

// wallTime returns the instant a local clock in loc shows the given date
// and time. A time that occurs twice (clocks going back) gives its first
// occurrence; a time that never occurs (clocks going forward) gives the
// first instant after the gap.
func wallTime(y int, mo time.Month, d, h, mi int, loc *time.Location) time.Time {
	naive := time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
	_, before := naive.Add(-26 * time.Hour).In(loc).Zone()
	_, after := naive.Add(26 * time.Hour).In(loc).Zone()
	var found []time.Time
	for _, off := range []int{before, after} {
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if t.Hour() == h && t.Minute() == mi && t.Day() == d && !containsTime(found, t) {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 1:
		return found[0]
	case 2:
		if found[1].Before(found[0]) {
			return found[1]
		}
		return found[0]
	}
	// In a gap: find the transition between the two candidates.
	lo := naive.Add(-time.Duration(max(before, after)) * time.Second)
	hi := naive.Add(-time.Duration(min(before, after)) * time.Second)
	_, offLo := lo.In(loc).Zone()
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if _, off := mid.In(loc).Zone(); off == offLo {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi.Truncate(time.Second).In(loc)
}

func containsTime(ts []time.Time, t time.Time) bool {
	for _, x := range ts {
		if x.Equal(t) {
			return true
		}
	}
	return false
}

// describe says in words when the schedule fires: "22:00", "08:00, 11:00
// and 14:00", or the spec itself when it is more than daily times.
func (s schedule) describe(say func(id string, data map[string]string) string) string {
	if w, ok := s.weekly(say); ok {
		return w
	}
	if !s.daily() {
		return "cron " + s.text
	}
	var times []string
	for _, one := range append([]schedule{s}, s.rest...) {
		sp := one.spec
		for hours := sp.Hour &^ starBit; hours != 0; hours &= hours - 1 {
			h := bits.TrailingZeros64(hours)
			for mins := sp.Minute &^ starBit; mins != 0; mins &= mins - 1 {
				times = append(times, fmt.Sprintf("%02d:%02d", h, bits.TrailingZeros64(mins)))
			}
		}
	}
	sort.Strings(times)
	if len(times) == 1 {
		return times[0]
	}
	return say("RemTimesAnd", map[string]string{"List": strings.Join(times[:len(times)-1], ", "), "Last": times[len(times)-1]})
}

// allMonths is the Month bit set of '*' (months 1 to 12).
const allMonths = 0x1ffe | starBit

// nextAnyDay is next in UTC ignoring the day fields: it walks the clock
// times of the spec, for checking them against quiet hours.
func (s schedule) nextAnyDay(after time.Time) time.Time {
	var first time.Time
	for _, one := range append([]schedule{s}, s.rest...) {
		every := schedule{spec: &cron.SpecSchedule{Minute: one.spec.Minute, Hour: one.spec.Hour, Dom: 0xfffffffe | starBit, Month: allMonths, Dow: 0x7f | starBit}, text: one.text}
		if t := every.nextOne(time.UTC, after); !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	return first
}

// minutesSpec is the spec for "every n minutes" over the user's waking
// day, from wake time until at least two hours before bed: one cron spec
// per distinct minute, joined by '|'.
func minutesSpec(wake, bed bot.Clock, n int) string {
	awake := (int(bed) - int(wake) + 24*60) % (24 * 60)
	last := awake - int(hydrationStopGap/time.Minute)
	byMinute := map[int][]int{}
	var order []int
	for off := 0; off <= max(last, 0) && off < 24*60; off += n {
		c := wake.Add(time.Duration(off) * time.Minute)
		if _, ok := byMinute[c.Minute()]; !ok {
			order = append(order, c.Minute())
		}
		byMinute[c.Minute()] = append(byMinute[c.Minute()], c.Hour())
	}
	sort.Ints(order)
	var specs []string
	for _, m := range order {
		hours := byMinute[m]
		sort.Ints(hours)
		hs := make([]string, len(hours))
		for i, h := range hours {
			hs[i] = fmt.Sprint(h)
		}
		specs = append(specs, fmt.Sprintf("%d %s * * *", m, strings.Join(hs, ",")))
	}
	return strings.Join(specs, "|")
}

// daily reports whether every part of the schedule fires every day (any
// day of the month and of the week, every month), at its times.
func (s schedule) daily() bool {
	for _, one := range append([]schedule{s}, s.rest...) {
		sp := one.spec
		if sp.Dom&starBit == 0 || sp.Dow&starBit == 0 || sp.Month != allMonths {
			return false
		}
	}
	return true
}

// weekly describes a once-a-week schedule ("Sundays at 18:00"); ok is
// false for any other.
func (s schedule) weekly(say func(id string, data map[string]string) string) (string, bool) {
	sp := s.spec
	dow := sp.Dow &^ starBit
	if sp.Dom&starBit == 0 || sp.Dow&starBit != 0 || sp.Month != allMonths || bits.OnesCount64(dow) != 1 ||
		bits.OnesCount64(sp.Hour&^starBit) != 1 || bits.OnesCount64(sp.Minute&^starBit) != 1 {
		return "", false
	}
	day := bits.TrailingZeros64(dow) % 7
	at := fmt.Sprintf("%02d:%02d", bits.TrailingZeros64(sp.Hour&^starBit), bits.TrailingZeros64(sp.Minute&^starBit))
	return say(fmt.Sprintf("RemWeekly%d", day), map[string]string{"Time": at}), true
}
