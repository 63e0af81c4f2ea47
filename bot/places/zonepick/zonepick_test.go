package zonepick

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot/places"
)

var now = time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)

func TestRead(t *testing.T) {
	_, portland := Ask("Portland", Answer{Choices: places.Find("Portland")}, now, func(z string) string { return "x/" + z })
	for _, tc := range []struct {
		text, pending string
		zone          string
		choices       int
	}{
		{"I'm in Lisbon", "", "Europe/Lisbon", 0},
		{"europe/berlin", "", "Europe/Berlin", 0},
		{"UTC", "", "UTC", 0},
		{"Kansas City", "", "America/Chicago", 0}, // two cities, one clock
		{"Portland", "", "", 2},
		{"Maine", portland, "America/New_York", 0},
		{"2", portland, "America/New_York", 0},
		{"Lisbon", portland, "Europe/Lisbon", 0},
		{"the US", portland, "", 6},
		{"Xanadu", portland, "", 0},
		{"Lisbn", "", "", 1}, // a guess, asked about
		{"later", "", "", 0},
		{"", "", "", 0},
	} {
		a, ok := Read(tc.text, tc.pending)
		if a.Zone != tc.zone || len(a.Choices) != tc.choices || ok != (tc.zone != "" || tc.choices > 0) {
			t.Errorf("Read(%q) = %q with %d choices (ok %v), want %q with %d", tc.text, a.Zone, len(a.Choices), ok, tc.zone, tc.choices)
		}
	}
}

func TestAsk(t *testing.T) {
	r, pending := Ask("the **US**", Answer{Choices: places.Find("the US")}, now, func(z string) string { return "tz/" + z })
	if len(r.Buttons) < 4 || strings.Count(pending, "\n")+1 != len(r.Buttons) {
		t.Fatalf("%d buttons, pending %q", len(r.Buttons), pending)
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, row := range r.Buttons {
		if l := row[0].Label; utf8.RuneCountInString(l) > maxLabel || !strings.Contains(l, "United States") || !strings.Contains(l, "/") {
			t.Errorf("label %q", l)
		}
	}
	if !strings.Contains(r.Text, `“the \*\*US\*\*”`) || !strings.Contains(r.Text, "1) New York, United States: America/New\\_York, 13:00 now") {
		t.Errorf("text:\n%s", r.Text)
	}
	// A payload over the platforms' limit leaves its choice out.
	r, pending = Ask("Portland", Answer{Choices: places.Find("Portland")}, now, func(z string) string { return strings.Repeat("x", 46) + z })
	if len(r.Buttons) != 1 || strings.Contains(pending, "Los_Angeles") {
		t.Errorf("buttons %v, pending %q", r.Buttons, pending)
	}
}

func TestLabelFits(t *testing.T) {
	p := places.Place{City: strings.Repeat("Long", 20), Province: "Somewhere", Country: "Nowhere", Zone: "America/Argentina/ComodRivadavia"}
	if l := Label(p, "10:00"); utf8.RuneCountInString(l) > maxLabel || !strings.Contains(l, "ComodRivadavia") {
		t.Errorf("label %q", l)
	}
}

func TestUnknown(t *testing.T) {
	if got := Unknown("Mars/Olympus"); !strings.Contains(got, "I don't know a time zone called “Mars/Olympus”") {
		t.Errorf("Unknown(Mars/Olympus) = %q", got)
	}
	if got := Unknown("Atlantis"); !strings.Contains(got, "place or time zone called “Atlantis”") {
		t.Errorf("Unknown(Atlantis) = %q", got)
	}
}

func TestAskAboutAGuess(t *testing.T) {
	a, ok := Read("I live in Lisbn", "")
	if !ok || !a.Guess || len(a.Choices) != 1 || a.Choices[0].Zone != "Europe/Lisbon" {
		t.Fatalf("Read(Lisbn) = %+v", a)
	}
	r, _ := Ask("I live in Lisbn", a, now, func(z string) string { return "tz/" + z })
	if !strings.Contains(r.Text, "Did you mean") || len(r.Buttons) != 1 || r.Buttons[0][0].Payload != "tz/Europe/Lisbon" {
		t.Errorf("asked %q with %v", r.Text, r.Buttons)
	}
}
