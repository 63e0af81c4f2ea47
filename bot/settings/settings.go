// Package settings serves /timezone, /bedtime and /waketime: show the
// user's setting, or change it and tell the reminder scheduler.
package settings

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
)

// Store is what the settings commands change.
type Store interface {
	bot.UserStore
}

// Onboarding carries a running onboarding on when the user sets their
// time zone or bedtime by command instead of by its buttons. Outside
// onboarding each returns lead alone.
type Onboarding interface {
	AfterZone(ctx context.Context, u *bot.User, lead string) ([]bot.Response, error)
	FinishIfOnboarding(ctx context.Context, u *bot.User, lead string) ([]bot.Response, error)
}

// Options configure the settings commands.
type Options struct {
	Store Store
	Now   func() time.Time // nil means time.Now
	// Observers hear about changed settings.
	Observers []bot.UserObserver
	// Onboarding, when set, is carried on by the commands.
	Onboarding Onboarding
}

// Feature is the settings commands.
type Feature struct {
	now        func() time.Time
	settings   bot.Settings
	onboarding Onboarding
}

// New returns the settings commands.
func New(o Options) *Feature {
	f := &Feature{now: o.Now, settings: bot.Settings{Store: o.Store, Observers: o.Observers}, onboarding: o.Onboarding}
	if f.now == nil {
		f.now = time.Now
	}
	return f
}

// Register adds /timezone, /bedtime and /waketime to r.
func (f *Feature) Register(r *bot.Router) {
	r.Command(bot.Command{Name: "timezone", Description: "Show or set your time zone", Args: "[Area/City]", Handler: f.timezone, Use: []bot.Middleware{bot.AllPersonal}})
	r.Command(bot.Command{Name: "bedtime", Description: "Show or set the time you usually go to bed", Args: "[HH:MM]", Handler: f.bedtime, Use: []bot.Middleware{bot.AllPersonal}})
	r.Command(bot.Command{Name: "waketime", Description: "Show or set the time you usually get up", Args: "[HH:MM]", Handler: f.waketime, Use: []bot.Middleware{bot.AllPersonal}})
}

// timezone shows or sets the user's time zone.
func (f *Feature) timezone(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	if req.Args == "" {
		if u.TimeZone == "" {
			return bot.Personal("I don't know your time zone yet, so I'm using UTC for now. Set it with /timezone Area/City, for example /timezone Europe/Berlin."), nil
		}
		return bot.Personal(fmt.Sprintf("Your time zone is **%s**; it's %s there now.\nTo change it: /timezone Area/City, for example /timezone America/New_York.",
			markup.Escape(u.TimeZone), f.now().In(u.Location()).Format("15:04"))), nil
	}
	name, _, ok := bot.ResolveTimeZone(req.Args)
	if !ok {
		return bot.Reply(bot.UnknownZoneText(req.Args) + " Nothing was changed."), nil
	}
	updated, err := f.settings.SetZone(ctx, u.ID, name)
	if err != nil {
		return nil, err
	}
	out, err := f.afterZone(ctx, &updated, bot.ZoneSetText(&updated, f.now())+"\n\n")
	for i := range out {
		out[i].Personal = true
	}
	return out, err
}

// bedtime shows or sets the user's bedtime.
func (f *Feature) bedtime(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	if req.Args == "" {
		if u.Bedtime == nil {
			return bot.Personal(fmt.Sprintf("You haven't set a bedtime yet, so I assume %s. Set yours with /bedtime HH:MM, for example /bedtime 22:30.", bot.DefaultBedtime)), nil
		}
		return bot.Personal(fmt.Sprintf("Your bedtime is **%s**. %s\nTo change it: /bedtime HH:MM, for example /bedtime 22:30.", *u.Bedtime, bot.SleepWindowText(u))), nil
	}
	c, err := bot.ParseClock(req.Args)
	if err != nil {
		return bot.Reply(bot.BadClockText(req.Args, "bedtime") + " Nothing was changed."), nil
	}
	updated, msg, err := f.settings.SetClock(ctx, u.ID, c, true)
	if err != nil || msg != "" {
		return bot.Reply(msg), err
	}
	lead := bot.BedtimeSetText(&updated)
	if f.onboarding == nil {
		return bot.Reply(lead), nil
	}
	return f.onboarding.FinishIfOnboarding(ctx, &updated, lead)
}

// afterZone carries onboarding on after a new time zone.
func (f *Feature) afterZone(ctx context.Context, u *bot.User, lead string) ([]bot.Response, error) {
	if f.onboarding == nil {
		return bot.Reply(strings.TrimSpace(lead)), nil
	}
	return f.onboarding.AfterZone(ctx, u, lead)
}

// waketime shows or sets the user's wake time.
func (f *Feature) waketime(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	if req.Args == "" {
		if u.WakeTime == nil {
			return bot.Personal(fmt.Sprintf("You haven't set a wake time yet, so I assume %s. Set yours with /waketime HH:MM, for example /waketime 06:45.", bot.DefaultWakeTime)), nil
		}
		return bot.Personal(fmt.Sprintf("You usually get up at **%s**. %s\nTo change it: /waketime HH:MM, for example /waketime 06:45.", *u.WakeTime, bot.SleepWindowText(u))), nil
	}
	c, err := bot.ParseClock(req.Args)
	if err != nil {
		return bot.Reply(bot.BadClockText(req.Args, "wake time") + " Nothing was changed."), nil
	}
	updated, msg, err := f.settings.SetClock(ctx, u.ID, c, false)
	if err != nil || msg != "" {
		return bot.Reply(msg), err
	}
	return bot.Personal(fmt.Sprintf("Wake time set to **%s**. %s", *updated.WakeTime, bot.SleepWindowText(&updated))), nil
}
