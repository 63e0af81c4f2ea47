package understand

import "testing"

func TestParseTimeOfDay(t *testing.T) {
	for _, tc := range []struct {
		in   string
		hint Hint
		want string
	}{
		{"22:30", Evening, "22:30"}, {"10:30 pm", Evening, "22:30"}, {"10.30pm", Evening, "22:30"},
		{"half past nine", Evening, "21:30"}, {"quarter to eleven", Evening, "22:45"}, {"11", Evening, "23:00"},
		{"6:45", Morning, "06:45"}, {"quarter past six", Morning, "06:15"}, {"7am", Evening, "07:00"},
		{"noon", Daytime, "12:00"}, {"3", Daytime, "15:00"}, {"07:00", Evening, "07:00"}, {"midnight", Evening, "00:00"},
	} {
		c, ok := ParseTimeOfDay(tc.in, tc.hint)
		if !ok || c.String() != tc.want {
			t.Errorf("ParseTimeOfDay(%q) = %v %v, want %s", tc.in, c, ok, tc.want)
		}
	}
	for _, bad := range []string{"", "banana", "25:00", "13pm"} {
		if c, ok := ParseTimeOfDay(bad, Evening); ok {
			t.Errorf("ParseTimeOfDay(%q) = %v, want refusal", bad, c)
		}
	}
}

func TestParseEveryAndIn(t *testing.T) {
	for in, want := range map[string]int{"90m": 90, "90 minutes": 90, "2h": 120, "1.5 hours": 90, "an hour and a half": 90, "every 45 min": 45, "3": 0} {
		got, ok := ParseEvery(in)
		if want == 0 {
			if ok {
				t.Errorf("ParseEvery(%q) = %d, want refusal", in, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("ParseEvery(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for in, want := range map[string]int{"2h": 120, "in 2 hours": 120, "45m": 45, "half an hour": 30, "in an hour and a half": 90} {
		if got, ok := ParseIn(in); !ok || got != want {
			t.Errorf("ParseIn(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
}

func TestParseDays(t *testing.T) {
	for in, want := range map[string]int{"3": 3, "3 days": 3, "3d": 3, "a week": 7, "two weeks": 14, "1 week": 7, "a fortnight": 14, "ten days": 10, "for 2 days": 2} {
		if got, ok := ParseDays(in); !ok || got != want {
			t.Errorf("ParseDays(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "soon", "3 hours", "-2"} {
		if got, ok := ParseDays(bad); ok {
			t.Errorf("ParseDays(%q) = %d, want refusal", bad, got)
		}
	}
}

// TestParseTimeOfDayIn: a time written in words in any of the bot's
// languages is read at a flow's time step, with the step's hint.
func TestParseTimeOfDayIn(t *testing.T) {
	for s, want := range map[string]string{
		"a las once y media": "23:30",
		"halb elf":           "22:30",
		"às onze e meia":     "23:30",
		"в половине двенадцатого": "23:30",
		"22:45": "22:45",
	} {
		c, ok := ParseTimeOfDayIn(s, Evening)
		if !ok || c.String() != want {
			t.Errorf("%q: %v %v, want %s", s, c, ok, want)
		}
	}
	if _, ok := ParseTimeOfDayIn("hello there", Evening); ok {
		t.Error("words that are no time read as one")
	}
}
