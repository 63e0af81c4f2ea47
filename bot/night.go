package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot/markup"
)

// WaterGoalML is the article's daily water goal, the low end of its 2–2.5
// litres: the journal's water progress and the summaries' "days at the
// water goal" count against it.
const WaterGoalML = 2000

// Line writes the night compactly, as /log confirms it and /journal lists
// it: "▰▰▱▱▱ 4/10 · woke you · “note”"; withDate puts the date first.
func (n Night) Line(withDate bool) string {
	var parts []string
	if withDate {
		t, _ := time.Parse(DateLayout, n.Date)
		parts = append(parts, t.Format("Mon 2 Jan"))
	}
	parts = append(parts, fmt.Sprintf("%s %d/10", severityBar(n.Severity), n.Severity))
	flag := func(v *bool, yes, no string) {
		switch {
		case v == nil:
		case *v && yes != "":
			parts = append(parts, yes)
		case !*v && no != "":
			parts = append(parts, no)
		}
	}
	flag(n.Woke, "woke you", "")
	flag(n.LateCaffeine, "late caffeine", "")
	flag(n.Stretched, "stretched", "")
	line := strings.Join(parts, " · ")
	if n.Note != "" {
		line += " · “" + markup.Escape(n.Note) + "”"
	}
	return line
}

// severityBar draws a severity as five blocks.
func severityBar(sev int) string {
	full := (sev + 1) / 2
	return strings.Repeat("▰", full) + strings.Repeat("▱", 5-full)
}
