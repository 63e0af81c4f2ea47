package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot/markup"
)

// timezone shows or sets the user's time zone.
func (b *Bot) timezone(ctx context.Context, req *Request) ([]Response, error) {
	u := req.User
	if req.Args == "" {
		if u.TimeZone == "" {
			return personal("I don't know your time zone yet, so I'm using UTC for now. Set it with /timezone Area/City, for example /timezone Europe/Berlin."), nil
		}
		return personal(fmt.Sprintf("Your time zone is **%s**; it's %s there now.\nTo change it: /timezone Area/City, for example /timezone America/New_York.",
			markup.Escape(u.TimeZone), b.now().In(u.Location()).Format("15:04"))), nil
	}
	name, _, ok := ResolveTimeZone(req.Args)
	if !ok {
		return Reply(unknownZoneText(req.Args) + " Nothing was changed."), nil
	}
	updated, err := b.setZone(ctx, u.ID, name)
	if err != nil {
		return nil, err
	}
	out, err := b.afterZone(ctx, &updated, zoneSetText(&updated, b.now())+"\n\n")
	for i := range out {
		out[i].Personal = true
	}
	return out, err
}

// bedtime shows or sets the user's bedtime.
func (b *Bot) bedtime(ctx context.Context, req *Request) ([]Response, error) {
	u := req.User
	if req.Args == "" {
		if u.Bedtime == nil {
			return personal(fmt.Sprintf("You haven't set a bedtime yet, so I assume %s. Set yours with /bedtime HH:MM, for example /bedtime 22:30.", DefaultBedtime)), nil
		}
		return personal(fmt.Sprintf("Your bedtime is **%s**. %s\nTo change it: /bedtime HH:MM, for example /bedtime 22:30.", *u.Bedtime, sleepWindowText(u))), nil
	}
	c, err := ParseClock(req.Args)
	if err != nil {
		return Reply(badClockText(req.Args, "bedtime") + " Nothing was changed."), nil
	}
	return b.applyBedtime(ctx, u, c)
}

// waketime shows or sets the user's wake time.
func (b *Bot) waketime(ctx context.Context, req *Request) ([]Response, error) {
	u := req.User
	if req.Args == "" {
		if u.WakeTime == nil {
			return personal(fmt.Sprintf("You haven't set a wake time yet, so I assume %s. Set yours with /waketime HH:MM, for example /waketime 06:45.", DefaultWakeTime)), nil
		}
		return personal(fmt.Sprintf("You usually get up at **%s**. %s\nTo change it: /waketime HH:MM, for example /waketime 06:45.", *u.WakeTime, sleepWindowText(u))), nil
	}
	c, err := ParseClock(req.Args)
	if err != nil {
		return Reply(badClockText(req.Args, "wake time") + " Nothing was changed."), nil
	}
	updated, msg, err := b.setClock(ctx, u.ID, c, false)
	if err != nil || msg != "" {
		return Reply(msg), err
	}
	return personal(fmt.Sprintf("Wake time set to **%s**. %s", *updated.WakeTime, sleepWindowText(&updated))), nil
}

// setZone stores a resolved zone name.
func (b *Bot) setZone(ctx context.Context, userID, name string) (User, error) {
	u, err := b.store.UpdateUser(ctx, userID, func(u *User) error {
		u.TimeZone = name
		return nil
	})
	if err != nil {
		return User{}, fmt.Errorf("set time zone: %w", err)
	}
	return u, b.changed(ctx, userID)
}

// changed tells the observers that a user's settings changed.
func (b *Bot) changed(ctx context.Context, userID string) error {
	for _, o := range b.obs {
		if err := o.UserChanged(ctx, userID); err != nil {
			return fmt.Errorf("apply changed settings: %w", err)
		}
	}
	return nil
}

// setClock stores a bedtime (bed=true) or wake time. A time equal to the
// other one is refused with a message and nothing is stored.
func (b *Bot) setClock(ctx context.Context, userID string, c Clock, bed bool) (User, string, error) {
	var refusal string
	u, err := b.store.UpdateUser(ctx, userID, func(u *User) error {
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
		return User{}, refusal, nil
	}
	if err != nil {
		return User{}, "", fmt.Errorf("set time of day: %w", err)
	}
	return u, "", b.changed(ctx, userID)
}

// errRefused makes UpdateUser roll back when a value is refused.
var errRefused = errors.New("refused")

func zoneSetText(u *User, now time.Time) string {
	return fmt.Sprintf("Done: your time zone is now **%s** (it's %s there).", markup.Escape(u.TimeZone), now.In(u.Location()).Format("15:04"))
}

func bedtimeSetText(u *User) string {
	return fmt.Sprintf("Bedtime set to **%s**. %s", u.BedtimeOrDefault(), sleepWindowText(u))
}

func unknownZoneText(input string) string {
	return fmt.Sprintf("I don't know a time zone called “%s”. Please use the Area/City form, like Europe/Berlin, America/New_York or Asia/Tokyo.", quoteInput(input))
}

func badClockText(input, what string) string {
	return fmt.Sprintf("“%s” isn't a time I understand for your %s. Please use the 24-hour form HH:MM, like 22:30 (10:30 pm works too).", quoteInput(input), what)
}

// sleepWindowText describes the time between bedtime and wake time.
func sleepWindowText(u *User) string {
	bed, wake := u.BedtimeOrDefault(), u.WakeTimeOrDefault()
	mins := (int(wake) - int(bed) + 24*60) % (24 * 60)
	return fmt.Sprintf("That gives you %s in bed (%s to %s).", hoursMinutes(mins), bed, wake)
}

func hoursMinutes(mins int) string {
	if mins%60 == 0 {
		return fmt.Sprintf("%d h", mins/60)
	}
	return fmt.Sprintf("%d h %d min", mins/60, mins%60)
}

// settingsSummary lists the user's settings in a few lines.
func settingsSummary(u *User, now time.Time) string {
	zone := "not set (using UTC)"
	if u.TimeZone != "" {
		zone = markup.Escape(u.TimeZone) + ", " + now.In(u.Location()).Format("15:04") + " there now"
	}
	bed, wake := u.BedtimeOrDefault().String(), u.WakeTimeOrDefault().String()
	if u.Bedtime == nil {
		bed += " (assumed)"
	}
	if u.WakeTime == nil {
		wake += " (assumed)"
	}
	return fmt.Sprintf("- Time zone: %s\n- Bedtime: %s\n- Wake time: %s\nChange them with /timezone, /bedtime and /waketime.", zone, bed, wake)
}

// quoteInput shortens and escapes user input for echoing it back.
func quoteInput(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	return markup.Escape(s)
}

// personal is a single reply that holds personal data.
func personal(text string) []Response { return []Response{{Text: text, Personal: true}} }
