package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Clock is a time of day in minutes after midnight, 0 to 1439.
type Clock int

// errBadClock is returned by ParseClock; callers show a friendly message.
var errBadClock = errors.New("not a time of day")

// ParseClock reads a time of day as people type it: "22:30", "22.30",
// "2230", "7:05", "10pm", "10:30 pm", "12 am".
func ParseClock(s string) (Clock, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), ""))
	suffix := ""
	for _, sfx := range []string{"am", "pm", "a.m.", "p.m."} {
		if strings.HasSuffix(t, sfx) {
			suffix, t = sfx[:1], strings.TrimSuffix(t, sfx)
			break
		}
	}
	var hs, ms string
	switch {
	case strings.ContainsAny(t, ":."):
		i := strings.IndexAny(t, ":.")
		hs, ms = t[:i], t[i+1:]
		if len(ms) != 2 {
			return 0, fmt.Errorf("%q: %w", s, errBadClock)
		}
	case len(t) == 4 && suffix == "":
		hs, ms = t[:2], t[2:]
	case len(t) >= 1 && len(t) <= 2:
		hs, ms = t, "0"
	default:
		return 0, fmt.Errorf("%q: %w", s, errBadClock)
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || len(hs) == 0 || len(hs) > 2 || strings.ContainsAny(hs+ms, "+-") {
		return 0, fmt.Errorf("%q: %w", s, errBadClock)
	}
	if suffix != "" {
		if h < 1 || h > 12 {
			return 0, fmt.Errorf("%q: %w", s, errBadClock)
		}
		h %= 12
		if suffix == "p" {
			h += 12
		}
	}
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, fmt.Errorf("%q: %w", s, errBadClock)
	}
	return Clock(h*60 + m), nil
}

// String formats the clock as "HH:MM".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Hour returns the hour, 0 to 23.
func (c Clock) Hour() int { return int(c) / 60 }

// Minute returns the minute, 0 to 59.
func (c Clock) Minute() int { return int(c) % 60 }

// Add returns the clock d later, wrapping around midnight.
func (c Clock) Add(d time.Duration) Clock {
	m := (int(c) + int(d/time.Minute)) % (24 * 60)
	if m < 0 {
		m += 24 * 60
	}
	return Clock(m)
}
