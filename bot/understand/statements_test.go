package understand

import (
	"maps"
	"testing"
)

// TestStatementsInWords: a night told in words gives every field it
// holds, a reminder asked for in everyday words is a reminder, and
// numbers that are no score (type 2, 6 weeks, a couple) stay out of the
// score.
func TestStatementsInWords(t *testing.T) {
	c := New(nil)
	for text, want := range map[string]map[string]string{
		"terrible night, legs crawling from 10 till 1, got up twice, had a coffee at 5pm":       {"awk": "2", "caffeine": "true", "night": "0", "start": "22:00", "note": "legs crawling from 10 till 1", "woke": "true"},
		"went to bed at 11:10, took about 40 minutes to drop off, woke three times, up at 6:50": {"awk": "3", "bed": "23:10", "lat": "40", "night": "0", "wake": "06:50"}, // a diary's awakenings: the legs are not named
		"last night 4, the night before 7":                                                      {"night": "0", "score": "4", "before": "7"},
		"oh wait I meant 4 not 7":                                                               {"night": "0", "score": "4"},
		"you forgot that it woke me up":                                                         {"night": "0", "woke": "true"},
		"had a coffee at 10am, legs were ok, a 2":                                               {"night": "0", "score": "2", "caffeine": "false"},
		// A start told by a verb that holds "bed" ("disturbed"), with a
		// subject and a place between; the night's circumstances kept.
		"The legs disturbed me from 10pm and I woke up three times. I would give it 7.":                                       {"awk": "3", "night": "0", "score": "7", "start": "22:00", "woke": "true"},
		"Last night the legs were pulling, mostly the thighs, from around 9pm. I will say 6.":                                 {"night": "0", "score": "6", "start": "21:00", "note": "mostly the thighs"},
		"Sorry I forgot to log yesterday. Night before last was 4, last night 7 because of the aircon, too cold in the room.": {"night": "0", "score": "7", "before": "4", "note": "last night 7 because of the aircon; too cold in the room"},
		"3 last night. Hot water bottle on the calves helped.":                                                                {"night": "0", "score": "3", "note": "Hot water bottle on the calves helped"},
	} {
		in := c.Classify(text)
		if in.Action != Log || !maps.Equal(in.Values, want) {
			t.Errorf("%q: got %s %v, want log %v", text, in.Action, in.Values, want)
		}
	}
	for text, want := range map[string]map[string]string{
		"please turn on the evening reminders":               {"kind": "stretch", "state": "on"},
		"can you remind me every evening to do my stretches": {"kind": "stretch", "state": "on"},
		"stop the water ones":                                {"kind": "water", "state": "off"},
		"I would like reminders in the evening please":       {"kind": "stretch", "state": "on"},
	} {
		in := c.Classify(text)
		if in.Action != Remind || !maps.Equal(in.Values, want) {
			t.Errorf("%q: got %s %v, want remind %v", text, in.Action, in.Values, want)
		}
	}
	for _, text := range []string{
		"I'm type 2 diabetic and I've been getting twitches in my legs at night is that linked",
		"my mate said bananas help with twitches is that true or just gym bro stuff cos I can easily chuck a couple in my bag",
		"How can I keep track of this to show the doctor? With three children I forget everything",
	} {
		if in := c.Classify(text); in.Action == Log || in.Action == Forget {
			t.Errorf("%q: read as %s %v", text, in.Action, in.Values)
		}
	}
}

// TestWaterSums: amounts joined by "and", "plus" or "another" add up; an
// amount said again ("a bottle (500ml)", "that's 500ml") or a number that
// says how big a bottle was ("a big bottle, 1 litre") counts once.
func TestWaterSums(t *testing.T) {
	c := New(nil)
	for text, want := range map[string]string{
		"had a glass of water and another bottle":           "750",
		"Fluids: 2 x 500ml bottles.":                        "1000",
		"drank 2 glasses and a small bottle of 500ml water": "1000",
		"drank a bottle (500ml) of water":                   "500",
		"2 glasses of water, thats 500ml":                   "500",
		"had a big bottle o water, 1 litre":                 "1000",
		"drank 1 litre of water plus a glass at dinner":     "1250",
		"Drank a small bottle of water, 330ml":              "330",
	} {
		wantValue(t, c, text, Water, "ml", want)
	}
}

// wantValue checks that text is read as action with values[key] == want.
func wantValue(t *testing.T, c *Classifier, text string, action Action, key, want string) {
	t.Helper()
	if in := c.Classify(text); in.Action != action || in.Values[key] != want {
		t.Errorf("%q: got %s %v, want %s with %s %s", text, in.Action, in.Values, action, key, want)
	}
}
