package understand

import "testing"

// TestNavigation: screens asked for in words open their command, and
// questions that share a word with one do not.
func TestNavigation(t *testing.T) {
	if _, err := loadNavigation(); err != nil {
		t.Fatal(err)
	}
	c := New(nil)
	for text, want := range map[string]string{
		"show me my week":                   "week",
		"can I see how my week has been":    "week",
		"how was my week?":                  "week",
		"show me a chart":                   "chart",
		"can you draw a graph of my nights": "chart",
		"I need a report for my doctor":     "report",
		"make me a report":                  "report",
		"show my journal":                   "journal",
		"what have I logged":                "journal",
		"show me my reminders":              "reminders",
		"which reminders do I have":         "reminders",
		"let's do the checklist":            "checklist",
		"download my data":                  "export",
		"what can you do":                   "help",
		"help":                              "help",
	} {
		wantValue(t, c, text, Show, "command", want)
	}
	for _, text := range []string{
		"should I see a doctor about my legs?",
		"show me how to stretch my calves",
		"what does the article say about magnesium",
		"last night was a 6, woke me twice",
		"remind me to stretch at 9:30 pm",
	} {
		if in := c.Classify(text); in.Action == Show {
			t.Errorf("%q taken for a screen: %v", text, in.Values)
		}
	}
}
