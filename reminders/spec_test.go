package reminders

import (
	"testing"
	"time"
)

// A local 02:30 reminder fires exactly once on both daylight-saving days:
// on spring-forward day at the first valid time after the gap (03:00),
// on fall-back day at the first 02:30. robfig/cron's own Next skips the
// first and fires twice on the second; the test shows that too.
func TestDSTFiresOncePerDay(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := parseSpec("30 2 * * *")
	if err != nil {
		t.Fatal(err)
	}
	fires := func(next func(time.Time) time.Time, from, to time.Time) []time.Time {
		var out []time.Time
		for at := next(from); !at.IsZero() && at.Before(to); at = next(at) {
			out = append(out, at)
		}
		return out
	}
	ours := func(after time.Time) time.Time { return sc.next(berlin, after) }
	robfig := func(after time.Time) time.Time {
		s := *sc.spec
		s.Location = berlin
		return s.Next(after)
	}
	tests := []struct {
		name      string
		day       time.Time // local midnight of the transition day
		want      []string  // UTC times of our fires that day
		robfigLen int       // fires robfig/cron gives that day
	}{
		{"spring forward", time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), []string{"2026-03-29T01:00:00Z"}, 0},
		{"fall back", time.Date(2026, 10, 25, 0, 0, 0, 0, berlin), []string{"2026-10-25T00:30:00Z"}, 2},
		{"ordinary day", time.Date(2026, 6, 1, 0, 0, 0, 0, berlin), []string{"2026-06-01T00:30:00Z"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := tt.day.Add(-time.Minute), tt.day.AddDate(0, 0, 1)
			got := fires(ours, from, to)
			if len(got) != len(tt.want) {
				t.Fatalf("fires %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i].UTC().Format(time.RFC3339) != tt.want[i] {
					t.Errorf("fire %d at %s, want %s", i, got[i].UTC().Format(time.RFC3339), tt.want[i])
				}
			}
			if n := len(fires(robfig, from, to)); n != tt.robfigLen {
				t.Errorf("robfig/cron fired %d times, want %d: its DST behaviour, the reason for our own next(), changed", n, tt.robfigLen)
			}
		})
	}
}

func TestParseSpecLimits(t *testing.T) {
	for _, ok := range []string{"0 * * * *", "30 21 * * 1-5", "0 8,11,14 * * *", "15 6 1 * *", "0 7,10 * * *|30 8,11 * * *"} {
		if _, err := parseSpec(ok); err != nil {
			t.Errorf("parseSpec(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"*/20 * * * *", "0 */2 * * *|*/30 * * * *", "0 0 30 2 *", "@every 1h", "CRON_TZ=UTC 0 1 * * *", "0 1 * *", "61 1 * * *", ""} {
		if _, err := parseSpec(bad); err == nil {
			t.Errorf("parseSpec(%q) accepted", bad)
		}
	}
	sc, _ := parseSpec("0 8,11,14 * * *")
	if got := sc.describe(func(_ string, d map[string]string) string { return d["List"] + " and " + d["Last"] }); got != "08:00, 11:00 and 14:00" {
		t.Errorf("describe = %q", got)
	}
	if got := dailySpec(14*60, 8*60, 11*60); got != "0 8,11,14 * * *" {
		t.Errorf("dailySpec = %q", got)
	}
}
