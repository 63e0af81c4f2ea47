package bot

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// zones caches loaded locations: time.LoadLocation reads and parses zone
// data on every call, and reminders look zones up constantly.
var zones sync.Map // string -> *time.Location

// LoadZone returns the location for an IANA zone name, cached after the
// first load. "Local" is refused: a user's zone must be a real name.
func LoadZone(name string) (*time.Location, error) {
	if v, ok := zones.Load(name); ok {
		return v.(*time.Location), nil
	}
	if name == "" || strings.EqualFold(name, "local") {
		return nil, fmt.Errorf("time zone %q: not a zone name", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", name, err)
	}
	zones.Store(name, loc)
	return loc, nil
}

// ResolveTimeZone turns what a user typed into a canonical IANA zone name.
// It accepts any letter case ("europe/berlin") and spaces for underscores
// ("America/New York"). It refuses "Local" and anything that does not load.
func ResolveTimeZone(name string) (string, *time.Location, bool) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 64 || strings.EqualFold(name, "local") {
		return "", nil, false
	}
	candidates := []string{name, strings.ReplaceAll(name, " ", "_")}
	if strings.EqualFold(name, "utc") || strings.EqualFold(name, "gmt") {
		candidates = []string{"UTC"}
	} else {
		candidates = append(candidates, titleZone(candidates[1]))
	}
	for _, c := range candidates {
		if loc, err := LoadZone(c); err == nil {
			return c, loc, true
		}
	}
	return "", nil, false
}

// titleZone writes each part of a zone name the way the tz database does:
// "america/new_york" becomes "America/New_York", "america/port-au-prince"
// becomes "America/Port-Au-Prince" (close enough to then fail cleanly).
func titleZone(s string) string {
	b := []byte(strings.ToLower(s))
	upper := true
	for i, c := range b {
		if upper && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		upper = c == '/' || c == '_' || c == '-'
	}
	return string(b)
}
