package bot

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot/markup"
)

// QuoteInput shortens and escapes user input for echoing it back.
func QuoteInput(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	return markup.Escape(s)
}

// LooksLikeAnswer tells a short answer ("Berlin", "22;30") typed inside a
// flow from a sentence or question the user typed instead.
func LooksLikeAnswer(text string) bool {
	return len(strings.Fields(text)) <= 3 && !strings.Contains(text, "?")
}

// Today is the user's local date at now, as midnight UTC of that date.
func Today(now time.Time, u *User) time.Time {
	y, m, d := now.In(u.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
