// Package profile changes a user's own settings (time zone, bedtime, wake
// time) and says so, once for the three features that change them
// (onboarding, the settings commands and the assistant): it tells the
// observers (the reminder scheduler moves their reminders) and holds the
// texts that confirm or refuse a setting.
package profile

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/content"
)

// Settings changes a user's time zone and times of day, and tells the
// observers (the reminder scheduler moves their reminders). Onboarding and
// the settings commands both use it.
type Settings struct {
	Store     bot.UserStore
	Observers []bot.UserObserver
}

// SetZone stores a resolved zone name.
func (s Settings) SetZone(ctx context.Context, userID, name string) (bot.User, error) {
	u, err := s.Store.UpdateUser(ctx, userID, func(u *bot.User) error {
		u.TimeZone = name
		return nil
	})
	if err != nil {
		return bot.User{}, fmt.Errorf("set time zone: %w", err)
	}
	return u, s.changed(ctx, userID)
}

// changed tells the observers that a user's settings changed.
func (s Settings) changed(ctx context.Context, userID string) error {
	for _, o := range s.Observers {
		if err := o.UserChanged(ctx, userID); err != nil {
			return fmt.Errorf("apply changed settings: %w", err)
		}
	}
	return nil
}

// SetClock stores a bedtime (bed=true) or wake time. A time equal to the
// other one is refused with a message and nothing is stored.
func (s Settings) SetClock(ctx context.Context, userID string, c bot.Clock, bed bool) (bot.User, string, error) {
	var refusal string
	u, err := s.Store.UpdateUser(ctx, userID, func(u *bot.User) error {
		if bed && c == u.WakeTimeOrDefault() {
			refusal = fmt.Sprintf("Your bedtime can't be the same as your wake time (%s). Nothing was changed.", c)
			return errRefused
		}
		if !bed && c == u.BedtimeOrDefault() {
			refusal = fmt.Sprintf("Your wake time can't be the same as your bedtime (%s). Nothing was changed.", c)
			return errRefused
		}
		if bed {
			u.Bedtime = &c
		} else {
			u.WakeTime = &c
		}
		return nil
	})
	if refusal != "" {
		return bot.User{}, refusal, nil
	}
	if err != nil {
		return bot.User{}, "", fmt.Errorf("set time of day: %w", err)
	}
	return u, "", s.changed(ctx, userID)
}

// errRefused makes UpdateUser roll back when a value is refused.
var errRefused = errors.New("refused")

// ZoneSetText confirms a new time zone.
func ZoneSetText(u *bot.User, now time.Time) string {
	return say(u, "ZoneSet", map[string]string{"Zone": markup.Escape(u.TimeZone), "Now": now.In(u.Location()).Format("15:04")})
}

// say is a message of the catalog in the user's language.
func say(u *bot.User, id string, data map[string]string) string {
	return content.Default().Text(u.LanguageOrDefault(), id, data)
}

// BedtimeSetText confirms a new bedtime.
func BedtimeSetText(u *bot.User) string {
	return say(u, "BedtimeSet", map[string]string{"Bed": u.BedtimeOrDefault().String(), "Window": SleepWindowText(u)})
}

// UnknownZoneText refuses a time zone name.
func UnknownZoneText(input string) string {
	return fmt.Sprintf("I don't know a time zone called “%s”. Please use the Area/City form, like Europe/Berlin, America/New_York or Asia/Tokyo.", bot.QuoteInput(input))
}

// BadClockText refuses a time of day; what is "bedtime" or "wake time".
func BadClockText(input, what string) string {
	return fmt.Sprintf("“%s” isn't a time I understand for your %s. Please use the 24-hour form HH:MM, like 22:30 (10:30 pm works too).", bot.QuoteInput(input), what)
}

// SleepWindowText describes the time between bedtime and wake time.
func SleepWindowText(u *bot.User) string {
	bed, wake := u.BedtimeOrDefault(), u.WakeTimeOrDefault()
	mins := (int(wake) - int(bed) + 24*60) % (24 * 60)
	return say(u, "SleepWindow", map[string]string{"Hours": strconv.Itoa(mins / 60), "Minutes": strconv.Itoa(mins % 60), "Bed": bed.String(), "Wake": wake.String()})
}

// SettingsSummary lists the user's settings in a few lines.
func SettingsSummary(u *bot.User, now time.Time) string {
	zone := say(u, "SummaryNoZone", nil)
	if u.TimeZone != "" {
		zone = say(u, "SummaryZone", map[string]string{"Zone": markup.Escape(u.TimeZone), "Now": now.In(u.Location()).Format("15:04")})
	}
	bed, wake := u.BedtimeOrDefault().String(), u.WakeTimeOrDefault().String()
	if u.Bedtime == nil {
		bed += " " + say(u, "SummaryAssumed", nil)
	}
	if u.WakeTime == nil {
		wake += " " + say(u, "SummaryAssumed", nil)
	}
	return say(u, "Summary", map[string]string{"Zone": zone, "Bed": bed, "Wake": wake})
}
