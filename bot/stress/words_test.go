package stress

import "testing"

func TestReadRating(t *testing.T) {
	for text, want := range map[string]int{
		"stressful day, 4 out of 5":              4,
		"Stress 3":                               3,
		"stress level: 2":                        2,
		"work was manic, stress level 5/5":       5,
		"a 4 for stress today":                   4,
		"very stressful day at work":             4,
		"extremely stressful day":                5,
		"quite a stressful day":                  0, // "quite a" is no level word
		"a bit stressed today":                   2,
		"no stress today, lovely":                1,
		"calm day":                               1,
		"stressed 4/5, legs were a 6 last night": 4,
	} {
		got, ok := readRating(text)
		if want == 0 {
			if ok {
				t.Errorf("%q: read %d, want no rating", text, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("%q: read %d (%v), want %d", text, got, ok, want)
		}
	}
	for _, text := range []string{
		"does stress make my legs twitch?",
		"can anxiety cause restless legs",
		"how do I reduce stress before bed",
		"stressful day and my legs were awful last night",
		"last night was a 6 out of 10, stressful week",
		"stress 7",
		"stress 0",
		"I drank 2 glasses of water",
		"my legs are twitching",
	} {
		if v, ok := readRating(text); ok {
			t.Errorf("%q: read %d, want no rating", text, v)
		}
	}
}
