package places

import (
	"slices"
	"testing"
	"time"
)

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		place string
		want  []string
	}{
		{"madrid", []string{"Europe/Madrid"}},
		{"Madrid ", []string{"Europe/Madrid"}},
		{"new york", []string{"America/New_York"}},
		{"Germany", []string{"Europe/Berlin"}},
		{"barcelona", []string{"Europe/Madrid"}},
		{"spain", []string{"Europe/Madrid", "Atlantic/Canary"}},
		{"atlantis", nil},
		{"", nil},
	} {
		if got := Lookup(tc.place); !slices.Equal(got, tc.want) {
			t.Errorf("Lookup(%q) = %v, want %v", tc.place, got, tc.want)
		}
	}
	us := Lookup("usa")
	if len(us) < 4 || len(us) > maxChoices || us[0] != "America/New_York" {
		t.Errorf("Lookup(usa) = %v, want a short pick-list starting with New York", us)
	}
}

func TestNearest(t *testing.T) {
	for _, tc := range []struct {
		lat, lon float64
		want     string
	}{
		{52.52, 13.40, "Europe/Berlin"}, // Berlin
		{40.42, -3.70, "Europe/Madrid"}, // Madrid
		{35.68, 139.69, "Asia/Tokyo"},   // Tokyo
		{-33.87, 151.21, "Australia/Sydney"},
		{91, 0, ""},
	} {
		if got := Nearest(tc.lat, tc.lon); got != tc.want {
			t.Errorf("Nearest(%v, %v) = %q, want %q", tc.lat, tc.lon, got, tc.want)
		}
	}
}

// TestNearestNearBorder: near a border the nearest principal city may be
// across it (Munich is closer to Vaduz than to Berlin); the clock must
// still be the same.
func TestNearestNearBorder(t *testing.T) {
	got := Nearest(48.14, 11.58) // Munich
	a, _ := time.LoadLocation(got)
	b, _ := time.LoadLocation("Europe/Berlin")
	for _, at := range []time.Time{time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)} {
		_, x := at.In(a).Zone()
		_, y := at.In(b).Zone()
		if x != y {
			t.Errorf("Munich -> %s, whose offset %d differs from Berlin's %d", got, x, y)
		}
	}
}
