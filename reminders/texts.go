package reminders

import (
	"time"

	"github.com/calmnights/calmnights/bot"
)

// say is the reminders' message id (content/locales/reminders) in u's
// language, with data filled in.
func (s *Service) say(u *bot.User, id string, data map[string]string) string {
	return s.lib().Text(u.LanguageOrDefault(), id, data)
}

// label is the kind's name in u's language.
func (s *Service) label(u *bot.User, k Kind) string {
	if l := s.say(u, "RemKind_"+string(k), nil); l != "" {
		return l
	}
	return k.Label()
}

// describeFor says when a spec fires, in u's language.
func (s *Service) describeFor(u *bot.User, spec string) string {
	sc, err := s.parse(spec)
	if err != nil {
		return s.say(u, "RemUnreadable", nil)
	}
	return sc.describe(func(id string, data map[string]string) string { return s.say(u, id, data) })
}

// when says "today at 21:45", "tomorrow at 07:00" or "27.11.2026 at
// 14:00" in u's language and time zone.
func (s *Service) when(u *bot.User, t, now time.Time) string {
	loc := u.Location()
	lt, ln := t.In(loc), now.In(loc)
	clock := map[string]string{"Time": lt.Format("15:04")}
	tomorrow := ln.AddDate(0, 0, 1)
	switch {
	case lt.Year() == ln.Year() && lt.YearDay() == ln.YearDay():
		return s.say(u, "RemToday", clock)
	case lt.Year() == tomorrow.Year() && lt.YearDay() == tomorrow.YearDay():
		return s.say(u, "RemTomorrow", clock)
	}
	clock["Date"] = lt.Format(s.say(u, "DateFormat", nil))
	return s.say(u, "RemOnDay", clock)
}

// doneText thanks the user for doing what a reminder of kind k asked.
func (s *Service) doneText(u *bot.User, k Kind) string {
	switch k {
	case Stretch:
		return s.say(u, "RemDoneStretch", nil)
	case Hydration:
		return s.say(u, "RemDoneWater", nil)
	case Caffeine:
		return s.say(u, "RemDoneCaffeine", nil)
	case WindDown:
		return s.say(u, "RemDoneWindDown", nil)
	}
	return s.say(u, "RemDone", nil)
}

// daily reports whether a spec fires every day at its times (not weekly,
// not a cron spec of its own), what "every day" may be said of.
func (s *Service) daily(spec string) bool {
	sc, err := s.parse(spec)
	return err == nil && sc.daily()
}
