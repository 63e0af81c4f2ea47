package settings

import (
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/places/zonepick"
	"github.com/calmnights/calmnights/content"
)

// The texts of the settings commands are in content/locales/settings.
// Those below are also said by onboarding's time zone and bedtime steps,
// which ask the same questions: zonepick and profile write them in
// English only, so both features say them through these.

// say is the message id of the catalog in u's language, with data filled
// in.
func (f *Feature) say(u *bot.User, id string, data map[string]string) string {
	return f.content.Text(u.LanguageOrDefault(), id, data)
}

// ZoneQuestion is zonepick.Ask in lang: the pick-list of a's choices for
// what the user typed, with a button for each whose payload is
// payload(zone), and what to keep (under zonepick.DataKey) for
// zonepick.Read to understand a typed reply. Its buttons and choices are
// zonepick.Ask's; only the words around them are lang's.
func ZoneQuestion(lib *content.Library, lang, typed string, a zonepick.Answer, now time.Time, payload func(zone string) string) (bot.Response, string) {
	r, pending := zonepick.Ask(typed, a, now, payload)
	var lines []string
	for _, p := range a.Choices {
		// The choices zonepick.Ask kept are those of its buttons, in
		// their order.
		loc, err := bot.LoadZone(p.Zone)
		if err != nil || len(lines) == len(r.Buttons) {
			continue
		}
		at := now.In(loc).Format("15:04")
		if b := r.Buttons[len(lines)]; len(b) != 1 || b[0].Payload != payload(p.Zone) || b[0].Label != zonepick.Label(p, at) {
			continue
		}
		lines = append(lines, lib.Text(lang, "SettZoneChoice", map[string]string{
			"N": strconv.Itoa(len(lines) + 1), "Place": markup.Escape(p.String()), "Zone": markup.Escape(p.Zone), "Now": at,
		}))
	}
	question := "SettZoneWhich"
	if a.Guess {
		question = "SettZoneGuess"
	}
	r.Text = lib.Text(lang, question, map[string]string{"Input": bot.QuoteInput(typed)}) + "\n\n" +
		strings.Join(lines, "\n") + "\n\n" + lib.Text(lang, "SettZoneChoose", nil)
	return r, pending
}

// UnknownZone is zonepick.Unknown in lang: the answer to a typed time
// zone that is no place or zone known.
func UnknownZone(lib *content.Library, lang, typed string) string {
	id := "SettPlaceUnknown"
	if strings.Contains(typed, "/") {
		id = "SettZoneUnknown"
	}
	return lib.Text(lang, id, map[string]string{"Input": bot.QuoteInput(typed)})
}

// BadClock is profile.BadClockText in lang: input is no time of day
// understood for the bedtime (bed) or the wake time.
func BadClock(lib *content.Library, lang, input string, bed bool) string {
	id := "SettBadWakeTime"
	if bed {
		id = "SettBadBedtime"
	}
	return lib.Text(lang, id, map[string]string{"Input": bot.QuoteInput(input)})
}

// SameClock is the refusal of profile.Settings.SetClock in lang: the
// bedtime (bed) or wake time c would be the same as the other one, so
// nothing was changed.
func SameClock(lib *content.Library, lang string, c bot.Clock, bed bool) string {
	id := "SettWakeIsBed"
	if bed {
		id = "SettBedIsWake"
	}
	return lib.Text(lang, id, map[string]string{"Time": c.String()})
}
