package bot

import (
	"context"
	"strconv"
	"strings"
)

// A Facet is a daily rating a feature keeps beside the journal, such as
// the evening stress rating of bot/stress. The insights show it in
// /journal, /week, the patterns and the report, /export includes it and the
// assistant saves it when a message tells one, all without knowing the
// feature: adding a rating is adding a feature folder, not editing theirs.
//
// A rating is kept by the local date of the day it rates; the night after
// that day is keyed by the next date (a Night is keyed by the morning it
// ended), as the water of the day before a night is.
type Facet interface {
	// Name is the rating's key in exports: "stress".
	Name() string
	// Label names the rating in texts: "Stress".
	Label() string
	// Scale is the highest value; values run from 1 to Scale.
	Scale() int
	// High reports whether a value counts as high, for the patterns; its
	// days are called HighDays ("high-stress days").
	High(v int) bool
	HighDays() string
	// Ratings returns the user's ratings of the dates from..to
	// (DateLayout, both included), by date.
	Ratings(ctx context.Context, userID, from, to string) (map[string]int, error)
	// Rate keeps a rating of a date, replacing one given before.
	Rate(ctx context.Context, userID, date string, v int) error
	// Unrate deletes the rating of a date (the assistant's Undo).
	Unrate(ctx context.Context, userID, date string) error
	// Read reads a rating told in plain words ("stressful day, 4 out of
	// 5"); false when the text tells none, or asks rather than tells.
	Read(text string) (int, bool)
}

// FacetText shows a rating: "stress 4/5".
func FacetText(f Facet, v int) string {
	return strings.ToLower(f.Label()) + " " + strconv.Itoa(v) + "/" + strconv.Itoa(f.Scale())
}
