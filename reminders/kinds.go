// Package reminders sends each user's reminders at the right moment in
// their own time zone, and never twice.
//
// Reminder rows in the store hold a cron spec (five fields, read in the
// user's zone) and the next due time in UTC. One robfig/cron job ticks every
// minute: the tick claims the due rows, advances them and writes one outbox
// row per delivery, all in one transaction. A dispatcher per platform sends
// outbox rows through that platform's Sender, paced to its limits, and
// records the outcome. The next due time is computed here rather than by
// robfig/cron, whose Next skips local times in a daylight-saving gap and
// repeats those that occur twice.
package reminders

import (
	"fmt"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// Kind is a sort of reminder.
type Kind string

// The reminder kinds.
const (
	Caffeine  Kind = "caffeine"
	Hydration Kind = "hydration"
	Stretch   Kind = "stretch"
	WindDown  Kind = "winddown"
	Morning   Kind = "morning"
	// Weekly is the opt-in weekly summary of the journal, sent on the
	// user's chosen day (Sunday evening unless they pick another).
	Weekly Kind = "weekly"
)

// Kinds lists every kind in the order they are shown.
var Kinds = []Kind{Morning, Hydration, Caffeine, Stretch, WindDown, Weekly}

// kindInfo is what each kind needs.
type kindInfo struct {
	label string
	// grace is how late a reminder may still be sent, after downtime or a
	// delay; later than that it is skipped (no caffeine cutoff at 21:00).
	grace time.Duration
}

var kinds = map[Kind]kindInfo{
	Caffeine:  {label: "Caffeine cutoff", grace: time.Hour},
	Hydration: {label: "Water", grace: 30 * time.Minute},
	Stretch:   {label: "Evening stretch", grace: 30 * time.Minute},
	WindDown:  {label: "Wind-down", grace: 30 * time.Minute},
	Morning:   {label: "Morning check-in", grace: 3 * time.Hour},
	Weekly:    {label: "Weekly summary", grace: 3 * time.Hour},
}

// snoozeGrace is how late a snoozed reminder may still be sent.
const snoozeGrace = 30 * time.Minute

// Default rules for the times derived from a user's day.
const (
	caffeineCutoff   = 14 * 60
	hydrationEvery   = 3 // hours between water nudges
	hydrationStart   = time.Hour
	hydrationStopGap = 2 * time.Hour // last nudge at least this long before bed
	stretchLead      = 30 * time.Minute
	windDownLead     = 60 * time.Minute
	weeklyDefault    = 18 * 60 // the weekly summary's time unless set
	weeklyDay        = 0       // Sunday
)

// ParseKind reads a kind as users type it.
func ParseKind(s string) (Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "caffeine", "coffee", "caffeine-cutoff", "cutoff":
		return Caffeine, true
	case "hydration", "water", "drink":
		return Hydration, true
	case "stretch", "stretching":
		return Stretch, true
	case "winddown", "wind-down", "wind", "unwind":
		return WindDown, true
	case "morning", "checkin", "check-in", "wake":
		return Morning, true
	case "weekly", "week", "summary", "weekly-summary":
		return Weekly, true
	}
	return "", false
}

// Label is the kind's name for people.
func (k Kind) Label() string { return kinds[k].label }

// Grace is how late the kind may still be delivered.
func (k Kind) Grace() time.Duration { return kinds[k].grace }

// derivedSpec is the kind's cron spec from the user's day: caffeine at
// 14:00, water every few hours from an hour after waking until two hours
// before bed, stretch 30 minutes and wind-down 60 minutes before bed, the
// check-in at wake time. everyHours overrides the water interval.
func derivedSpec(k Kind, u bot.User, everyHours int) string {
	bed, wake := u.BedtimeOrDefault(), u.WakeTimeOrDefault()
	switch k {
	case Caffeine:
		return dailySpec(caffeineCutoff)
	case Stretch:
		return dailySpec(int(bed.Add(-stretchLead)))
	case WindDown:
		return dailySpec(int(bed.Add(-windDownLead)))
	case Morning:
		return dailySpec(int(wake))
	case Hydration:
		return dailySpec(hydrationTimes(wake, bed, everyHours)...)
	case Weekly:
		return weeklySpec(weeklyDay, weeklyDefault)
	}
	panic(fmt.Sprintf("reminders: unknown kind %q", k))
}

// hydrationTimes spreads water nudges over the waking day: from wake time
// (plus an hour with the default interval) every n hours, ending at least
// two hours before bed. There is always at least one.
func hydrationTimes(wake, bed bot.Clock, every int) []int {
	start := wake
	if every <= 0 {
		every = hydrationEvery
		start = wake.Add(hydrationStart)
	}
	awake := (int(bed) - int(start) + 24*60) % (24 * 60)
	last := awake - int(hydrationStopGap/time.Minute)
	times := []int{int(start)}
	for off := every * 60; off <= last && len(times) < 24; off += every * 60 {
		times = append(times, int(start.Add(time.Duration(off)*time.Minute)))
	}
	return times
}

// quietWindow returns the user's quiet hours as [start, end) clocks, and
// false when they have none.
func quietWindow(u bot.User) (start, end bot.Clock, ok bool) {
	start, end = u.BedtimeOrDefault(), u.WakeTimeOrDefault()
	if u.QuietStart != nil && u.QuietEnd != nil {
		start, end = *u.QuietStart, *u.QuietEnd
	}
	return start, end, start != end
}

// inQuiet reports whether the instant falls in the user's quiet hours.
func inQuiet(u bot.User, at time.Time) bool {
	start, end, ok := quietWindow(u)
	if !ok {
		return false
	}
	local := at.In(u.Location())
	c := bot.Clock(local.Hour()*60 + local.Minute())
	if start < end {
		return c >= start && c < end
	}
	return c >= start || c < end
}

// weeklySpec is the cron spec for "every week on this day (0 Sunday to 6
// Saturday) at this time".
func weeklySpec(day, at int) string { return fmt.Sprintf("%d %d * * %d", at%60, at/60, day) }

// parseWeekday reads a day of the week in English ("sun", "Sunday").
func parseWeekday(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, name := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		if len(s) >= 3 && strings.HasPrefix(name, s) {
			return i, true
		}
	}
	return 0, false
}

func isWeekday(s string) bool { _, ok := parseWeekday(s); return ok }
