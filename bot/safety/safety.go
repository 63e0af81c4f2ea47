// Package safety is the first reader of every message (bot.Screen):
// thoughts of suicide or self-harm get the crisis answer, with the
// emergency number and a crisis line of the person's country; signs of an
// emergency get "seek urgent care now". Either comes alone, before any
// feature sees the message, and nothing of the message is kept.
package safety

import (
	"context"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/places"
	"github.com/calmnights/calmnights/content"
)

// Safety screens messages against the content's crisis and urgent rules.
type Safety struct {
	lib *content.Library
}

// New returns the screen on lib; nil means the embedded content.
func New(lib *content.Library) *Safety {
	if lib == nil {
		lib = content.Default()
	}
	return &Safety{lib: lib}
}

// Tier is what a message calls for.
type Tier int

// The tiers, from none to the most pressing.
const (
	None Tier = iota
	Urgent
	Crisis
)

// Check says whether text is a crisis, an emergency, or neither.
func (s *Safety) Check(text string) Tier {
	t, _ := s.read(text)
	return t
}

// Answer is the safety answer to text for someone in country (ISO 3166,
// "" when unknown), and false when text needs none.
func (s *Safety) Answer(text, country string) (string, bool) {
	switch t, a := s.read(text); t {
	case Crisis:
		// In the language the person wrote in, when the bot speaks it.
		return s.lib.CrisisReplyIn(s.lib.CrisisLanguage(text), country), true
	case Urgent:
		if a.Lang != "" {
			return s.lib.UrgentReplyIn(a.Lang, country), true
		}
		return s.lib.WarningReply(a), true
	}
	return "", false
}

// read is the one reading of a message both Check and Answer give: the
// crisis tier first, then emergencies, with the warning signs found.
func (s *Safety) read(text string) (Tier, content.Answer) {
	if strings.TrimSpace(text) == "" {
		return None, content.Answer{}
	}
	if s.lib.Crisis(text) {
		return Crisis, content.Answer{}
	}
	if a := s.lib.Urgent(text); a.Tier == content.TierUrgent {
		return Urgent, a
	}
	return None, content.Answer{}
}

// Screen implements bot.Screen: a typed message, or a command's words.
func (s *Safety) Screen(ctx context.Context, req *bot.Request) []bot.Response {
	text := req.Text
	if req.Command != "" {
		text = req.Args
	}
	reply, ok := s.Answer(text, Country(req))
	if !ok {
		return nil
	}
	return []bot.Response{{Text: reply}}
}

// Country is the person's country, for their crisis line: their time
// zone's, or the region of the language the platform reports ("pt-BR");
// "" when neither tells. Where others can read the answer (a group, not an
// ephemeral reply), only the platform's language counts: the time zone is
// the user's own setting.
func Country(req *bot.Request) string {
	if req.User != nil && req.User.TimeZone != "" && (req.Private || req.Ephemeral) {
		if c := places.Country(req.User.TimeZone); c != "" {
			return c
		}
	}
	if _, region, ok := strings.Cut(strings.ReplaceAll(req.Locale, "_", "-"), "-"); ok && len(region) == 2 {
		return strings.ToUpper(region)
	}
	return ""
}
