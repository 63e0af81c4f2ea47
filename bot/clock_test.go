package bot

import (
	"testing"
	"time"
)

func TestParseClock(t *testing.T) {
	good := map[string]string{
		"22:30": "22:30", "22.30": "22:30", "2230": "22:30", "7:05": "07:05", "07:05": "07:05",
		"0:00": "00:00", "23:59": "23:59", "10pm": "22:00", "10:30 pm": "22:30", "10:30 P.M.": "22:30",
		"12am": "00:00", "12pm": "12:00", "9": "09:00", " 22 : 30 ": "22:30",
	}
	for in, want := range good {
		c, err := ParseClock(in)
		if err != nil || c.String() != want {
			t.Errorf("ParseClock(%q) = %v, %v; want %s", in, c, err, want)
		}
	}
	for _, in := range []string{"", "25:99", "24:00", "22:60", "-1:00", "22:3", "22:300", "13pm", "0am", "abc", "2:30:00", "+1:00", "22:+5", "99999"} {
		if c, err := ParseClock(in); err == nil {
			t.Errorf("ParseClock(%q) = %v, want an error", in, c)
		}
	}
}

func TestClockAdd(t *testing.T) {
	c := Clock(23*60 + 30)
	if got := c.Add(time.Hour).String(); got != "00:30" {
		t.Errorf("23:30 + 1h = %s", got)
	}
	if got := Clock(15).Add(-30 * time.Minute).String(); got != "23:45" {
		t.Errorf("00:15 - 30m = %s", got)
	}
}

func TestResolveTimeZone(t *testing.T) {
	good := map[string]string{
		"Europe/Berlin": "Europe/Berlin", "europe/berlin": "Europe/Berlin", "America/New York": "America/New_York",
		"america/new_york": "America/New_York", "utc": "UTC", "UTC": "UTC", "Asia/Tokyo": "Asia/Tokyo",
	}
	for in, want := range good {
		got, loc, ok := ResolveTimeZone(in)
		if !ok || got != want || loc == nil {
			t.Errorf("ResolveTimeZone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Local", "local", "Mars/Olympus", "../../etc/passwd", "/etc/localtime", "Europe/", "Europe/Berlin/x"} {
		if got, _, ok := ResolveTimeZone(in); ok {
			t.Errorf("ResolveTimeZone(%q) = %q, want refusal", in, got)
		}
	}
}
