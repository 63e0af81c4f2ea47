package understand

import (
	"maps"
	"testing"
)

// TestRequestsAfterAStory: a request to the bot said after a greeting or
// a story, quiet hours told by the part of the day, questions about one's
// data, and thanks in many words are each read as what they ask.
func TestRequestsAfterAStory(t *testing.T) {
	c := New(nil)
	for _, tc := range []struct {
		text   string
		action Action
		values map[string]string
	}{
		{"I'm off to Lanzarote for a week with my sister, can you stop all the reminders till I'm back", Pause, map[string]string{"days": "7"}},
		{"Dear Calm Nights, would you kindly remind me to have a glass of water at 11 o'clock each morning? Thank you, Harold", Remind, map[string]string{"kind": "water", "at": "11:00"}},
		{"I sleep in the day after the night shifts so no messages between 9 in the morning and 4 in the afternoon please", Quiet, map[string]string{"from": "09:00", "to": "16:00"}},
		{"Nothing from you between 8pm and 4am please.", Quiet, map[string]string{"from": "20:00", "to": "04:00"}},
		{"Who else can see the information I am giving you? I am worried about my data.", Privacy, map[string]string{}},
		{"Dear Calm Nights, please remove everything you have stored about me. Regards, Harold", Forget, map[string]string{}},
		{"whats my week look like", Show, map[string]string{"command": "week"}},
		{"Set quiet hours 10:30 PM to 6:00 AM.", Quiet, map[string]string{"from": "22:30", "to": "06:00"}},
		{"Do you share my information with the NHS?", Privacy, map[string]string{}},
		{"How do I get rid of all my information off this", Forget, map[string]string{}},
		{"cheers legend 🙏", SmallTalk, map[string]string{}},
		{"winnipeg manitoba", TimeZone, map[string]string{"zone": "America/Winnipeg"}},
		{"in Mesa Arizona till March", TimeZone, map[string]string{"zone": "America/Phoenix"}},
		{"I live in the Bronx", TimeZone, map[string]string{"zone": "America/New_York"}},
		{"Well I'll be, you're a right handy little program. Thank you kindly, I mean that.", SmallTalk, map[string]string{}},
		{"Bless you mi dear, have a good night", SmallTalk, map[string]string{}},
	} {
		in := c.Classify(tc.text)
		got := in.Values
		if got == nil {
			got = map[string]string{}
		}
		if in.Action != tc.action || !maps.Equal(got, tc.values) {
			t.Errorf("%q: got %s %v, want %s %v", tc.text, in.Action, got, tc.action, tc.values)
		}
	}
	// Thanks with a question or a night in it is not small talk.
	for _, text := range []string{"I would be grateful for your view on whether statins cause aching in the muscles.", "thanks, terrible night again"} {
		if in := c.Classify(text); in.Action == SmallTalk {
			t.Errorf("%q: read as small talk", text)
		}
	}
}

// TestBedtimeThisMorning: a bedtime said as "this morning" (after a
// night's work) is a morning hour, not the evening's, on a record meant
// for a doctor.
func TestBedtimeThisMorning(t *testing.T) {
	c := New(nil)
	for text, want := range map[string]string{
		"went to bed at 7 this morning, slept till 2pm": "07:00",
		"got into bed around 6 this morning, a 4":       "06:00",
		"went to bed at 11, legs bad, a 4":              "23:00",
	} {
		wantValue(t, c, text, Log, "bed", want)
	}
}
