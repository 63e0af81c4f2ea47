package nightlog

import (
	"strings"
	"testing"
	"time"
)

// TestParseNightRefusesDatesThatDoNotExist: 29.2 in a year without 29
// February is refused, not rolled on to 1 March; real dates still work.
func TestParseNightRefusesDatesThatDoNotExist(t *testing.T) {
	today := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{"29.2": "doesn't exist", "2026-02-29": "not a date", "31.4": "not a date"} {
		if got, err := parseNight(in, today); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %q, %v; want an error saying %q", in, got, err, want)
		}
	}
	for in, want := range map[string]string{"28.2": "2026-02-28", "30.11": "2026-11-30", "5.12": "2025-12-05", "2026-11-20": "2026-11-20"} {
		if got, err := parseNight(in, today); err != nil || got != want {
			t.Errorf("%s: got %q, %v; want %s", in, got, err, want)
		}
	}
	leap := time.Date(2028, 3, 10, 0, 0, 0, 0, time.UTC)
	if got, err := parseNight("29.2", leap); err != nil || got != "2028-02-29" {
		t.Errorf("29.2 in a leap year: %q, %v", got, err)
	}
}
