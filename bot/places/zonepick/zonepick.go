// Package zonepick is the time zone question that /start and /timezone
// share: it reads a typed answer (a zone's name, a place in the person's
// own words, or a reply to the pick-list shown last) and builds that
// pick-list, one button per choice naming its city, state, country and
// zone. Each button's payload is the caller's and carries the zone, so an
// old list still sets what it says.
package zonepick

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/places"
	"github.com/calmnights/calmnights/bot/profile"
)

// DataKey is the key under which a flow keeps the choices it showed, in
// its Conversation.Data, for Read to take back.
const DataKey = "zone_choices"

// Answer is what a typed answer to the time zone question means: a zone
// to set, or choices to offer.
type Answer struct {
	Zone    string         // the zone, when the answer is clear
	Choices []places.Place // a pick-list, when it is not
	// Guess marks Choices that are what a misspelt name may be ("Lisbn"):
	// even one is asked about, never set.
	Guess bool
}

// Read reads text typed as a time zone. pending is what Ask returned for
// the pick-list shown last ("" when none): a reply naming one of its
// choices ("Maine", "the second one") picks it. Otherwise text is an
// Area/City name, a place as people say it ("I'm in Lisbon", "Portland,
// OR", "the US") or another zone name ("UTC"), and failing those a
// misspelt place ("Lisbn": a Guess). ok is false when it is none of
// these.
func Read(text, pending string) (a Answer, ok bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Answer{}, false
	}
	if pending != "" {
		if ps := places.Choose(decode(pending), text); len(ps) > 0 {
			return answer(ps), true
		}
	}
	if strings.Contains(text, "/") {
		if name, _, ok := bot.ResolveTimeZone(text); ok {
			return Answer{Zone: name}, true
		}
	}
	if ps := places.Find(text); len(ps) > 0 {
		return answer(ps), true
	}
	if name, _, ok := bot.ResolveTimeZone(text); ok { // "UTC", "GMT"
		return Answer{Zone: name}, true
	}
	if ps := places.Suggest(text); len(ps) > 0 {
		return Answer{Choices: ps, Guess: true}, true
	}
	return Answer{}, false
}

// answer is a clear zone when every choice keeps the same time.
func answer(ps []places.Place) Answer {
	if zs := places.Zones(ps); len(zs) == 1 {
		return Answer{Zone: zs[0]}
	}
	return Answer{Choices: ps}
}

// maxLabel is the longest button label every platform shows (Discord's
// limit is 80 characters).
const maxLabel = 80

// Ask is the pick-list of an Answer's choices for what the user typed:
// the question with the choices listed, numbered, and a button for each
// whose payload is payload(zone). pending is what to keep (under DataKey)
// for Read to understand a typed reply. Choices whose payload would be
// too long are left out.
func Ask(typed string, a Answer, now time.Time, payload func(zone string) string) (r bot.Response, pending string) {
	var (
		kept  []places.Place
		lines []string
	)
	for _, p := range a.Choices {
		loc, err := bot.LoadZone(p.Zone)
		if err != nil || len(payload(p.Zone)) > bot.MaxPayloadBytes {
			continue
		}
		at := now.In(loc).Format("15:04")
		kept = append(kept, p)
		lines = append(lines, fmt.Sprintf("%d) %s: %s, %s now", len(kept), markup.Escape(p.String()), markup.Escape(p.Zone), at))
		r.Buttons = append(r.Buttons, []bot.Button{{Label: Label(p, at), Payload: payload(p.Zone)}})
	}
	question := fmt.Sprintf("“%s” could be in more than one time zone. **Which one is yours?**", bot.QuoteInput(typed))
	if a.Guess {
		question = fmt.Sprintf("I don't know a place called “%s”. **Did you mean one of these?**", bot.QuoteInput(typed))
	}
	r.Text = question + "\n\n" + strings.Join(lines, "\n") + "\n\nTap yours, or type its number, state or country. Not in the list? Type your city or a bigger one near you, or the zone itself, like America/Chicago."
	return r, encode(kept)
}

// Label names a choice on its button: "Portland, Oregon, United States
// (America/Los Angeles, 10:00)", shortened to fit; at is the time there.
func Label(p places.Place, at string) string {
	zone := strings.ReplaceAll(p.Zone, "_", " ")
	for _, name := range []string{p.String(), places.Place{City: p.City, Country: p.Country}.String(), p.City} {
		if l := fmt.Sprintf("%s (%s, %s)", name, zone, at); utf8.RuneCountInString(l) <= maxLabel {
			return l
		}
	}
	return fmt.Sprintf("%s (%s)", zone, at)
}

// Unknown answers a typed time zone that is no place or zone known.
func Unknown(typed string) string {
	if strings.Contains(typed, "/") {
		return profile.UnknownZoneText(typed)
	}
	return fmt.Sprintf("I don't know a place or time zone called “%s”. Try your city, or a bigger one near you (like Lisbon, or Portland, Oregon), or the zone itself, like Europe/Lisbon.", bot.QuoteInput(typed))
}

// encode keeps choices as text, one a line, their fields separated by
// tabs; decode reads them back.
func encode(ps []places.Place) string {
	lines := make([]string, 0, len(ps))
	for _, p := range ps {
		lines = append(lines, strings.Join([]string{p.City, p.Province, p.Country, p.CountryCode, p.Zone}, "\t"))
	}
	return strings.Join(lines, "\n")
}

func decode(s string) []places.Place {
	var ps []places.Place
	for _, line := range strings.Split(s, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 5 || f[4] == "" {
			continue
		}
		ps = append(ps, places.Place{City: f[0], Province: f[1], Country: f[2], CountryCode: f[3], Zone: f[4]})
	}
	return ps
}
