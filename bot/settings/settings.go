// Package settings serves /timezone, /bedtime and /waketime: show the
// user's setting, or change it and tell the reminder scheduler.
package settings

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/places/zonepick"
	"github.com/calmnights/calmnights/bot/profile"
	"github.com/calmnights/calmnights/bot/understand"
	"github.com/calmnights/calmnights/content"
)

// Store is what the settings commands change, and where /timezone keeps
// a pick-list it showed while the user answers it.
type Store interface {
	bot.UserStore
	bot.ConversationStore
}

// Onboarding carries a running onboarding on when the user sets their
// time zone or bedtime by command instead of by its buttons. Outside
// onboarding each returns lead alone.
type Onboarding interface {
	AfterZone(ctx context.Context, u *bot.User, lead string) ([]bot.Response, error)
	FinishIfOnboarding(ctx context.Context, u *bot.User, lead string) ([]bot.Response, error)
	// RememberZoneChoices keeps a time zone pick-list /timezone showed
	// (zonepick's pending) in conv when it is onboarding's time zone
	// step, so that a typed reply there picks from it; otherwise it does
	// nothing.
	RememberZoneChoices(ctx context.Context, conv bot.Conversation, pending string) error
}

// Options configure the settings commands.
type Options struct {
	Store Store
	Now   func() time.Time // nil means time.Now
	// Observers hear about changed settings.
	Observers []bot.UserObserver
	// Onboarding, when set, is carried on by the commands.
	Onboarding Onboarding
	// Content holds the words in each language; nil is the embedded one.
	Content *content.Library
}

// Feature is the settings commands.
type Feature struct {
	store      Store
	now        func() time.Time
	settings   profile.Settings
	onboarding Onboarding
	content    *content.Library
}

// New returns the settings commands.
func New(o Options) *Feature {
	f := &Feature{store: o.Store, now: o.Now, settings: profile.Settings{Store: o.Store, Observers: o.Observers}, onboarding: o.Onboarding, content: o.Content}
	if f.content == nil {
		f.content = content.Default()
	}
	if f.now == nil {
		f.now = time.Now
	}
	return f
}

// Register adds /timezone, /bedtime and /waketime to r.
func (f *Feature) Register(r *bot.Router) {
	personal := []bot.Middleware{bot.AllPersonal}
	r.Command(bot.Command{Name: "timezone", Description: "Show or set your time zone, from a city, a country or Area/City", Args: "[city | country | Area/City]", Handler: f.timezone, Use: personal})
	r.Button(zonePrefix+"/{zone...}", f.zoneButton, bot.AllPersonal)
	r.Flow(zoneFlow, f.zoneText, bot.AllPersonal)
	r.Button(bot.ShareLocationPayload, func(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
		return bot.Reply(f.say(req.User, "SettShareTelegramOnly", nil)), nil
	})
	r.Command(bot.Command{Name: "bedtime", Description: "Show or set the time you usually go to bed", Args: "[HH:MM]", Handler: f.bedtime, Use: personal})
	r.Command(bot.Command{Name: "waketime", Description: "Show or set the time you usually get up", Args: "[HH:MM]", Handler: f.waketime, Use: personal})
}

// timezone shows or sets the user's time zone.
func (f *Feature) timezone(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	if req.Args == "" {
		var out []bot.Response
		if u.TimeZone == "" {
			out = bot.Personal(f.say(u, "SettZoneUnset", nil))
		} else {
			out = bot.Personal(f.say(u, "SettZoneShow", map[string]string{"Zone": markup.Escape(u.TimeZone), "Now": f.now().In(u.Location()).Format("15:04")}))
		}
		if req.Platform == bot.PlatformTelegram && req.Private {
			out[0].Text += "\n" + f.say(u, "SettZoneShare", nil)
			out[0].Buttons = [][]bot.Button{{{Label: f.say(u, "SettShareButton", nil), Payload: bot.ShareLocationPayload}}}
		}
		return out, nil
	}
	a, ok := zonepick.Read(req.Args, "")
	switch {
	case !ok:
		return bot.Reply(f.say(u, "SettPlaceNotFound", map[string]string{"Input": bot.QuoteInput(req.Args)})), nil
	case a.Zone != "":
		return f.setZone(ctx, u, a.Zone)
	}
	return f.zoneChoices(ctx, u, req.Args, a)
}

// zoneFlow is the conversation of a /timezone pick-list waiting for a
// typed reply ("Maine", "the second one").
const zoneFlow = "timezone"

// zoneChoices shows the pick-list for a place that may mean several
// zones (or, misspelt, be one of several places), and keeps it for a typed reply: in a flow of its own, or in
// onboarding's time zone step when that is running. Any other running
// flow is left alone; the buttons work without it.
func (f *Feature) zoneChoices(ctx context.Context, u *bot.User, typed string, a zonepick.Answer) ([]bot.Response, error) {
	r, pending := ZoneQuestion(f.content, u.LanguageOrDefault(), typed, a, f.now(), func(zone string) string { return zonePrefix + "/" + zone })
	r.Personal = true
	conv, err := f.store.Conversation(ctx, u.ID)
	switch {
	case errors.Is(err, bot.ErrNotFound) || (err == nil && (!bot.Busy(conv) || conv.Flow == zoneFlow)):
		err = f.store.SaveConversation(ctx, bot.Conversation{UserID: u.ID, Flow: zoneFlow, Data: map[string]string{zonepick.DataKey: pending}})
	case err == nil && f.onboarding != nil:
		err = f.onboarding.RememberZoneChoices(ctx, conv, pending)
	}
	if err != nil {
		return nil, fmt.Errorf("keep zone choices: %w", err)
	}
	return []bot.Response{r}, nil
}

// zoneText reads a typed reply to the /timezone pick-list. Anything that
// is no place or zone ends the flow and goes on as usual, as does a reply
// after bot.QuestionTTL.
func (f *Feature) zoneText(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
	var a zonepick.Answer
	ok := !bot.Expired(conv, f.now())
	if ok {
		a, ok = zonepick.Read(req.Text, conv.Data[zonepick.DataKey])
	}
	switch {
	case !ok:
		if err := f.store.EndConversation(ctx, req.User.ID); err != nil {
			return nil, true, fmt.Errorf("leave zone choices: %w", err)
		}
		return nil, false, nil
	case a.Zone != "":
		out, err := f.setZone(ctx, req.User, a.Zone)
		return out, true, err
	}
	out, err := f.zoneChoices(ctx, req.User, req.Text, a)
	return out, true, err
}

// zonePrefix starts the payload of a time zone choice: "tz/America/Denver".
const zonePrefix = "tz"

// zoneButton handles "tz/<zone>", a choice from the pick-list.
func (f *Feature) zoneButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	name, _, ok := bot.ResolveTimeZone(req.Param("zone"))
	if !ok {
		return bot.Stale(), nil
	}
	return f.setZone(ctx, req.User, name)
}

// setZone stores a resolved zone, ends the pick-list's flow if it is
// running, and carries onboarding on.
func (f *Feature) setZone(ctx context.Context, u *bot.User, name string) ([]bot.Response, error) {
	updated, err := f.settings.SetZone(ctx, u.ID, name)
	if err != nil {
		return nil, err
	}
	if _, in, err := bot.ConversationIn(ctx, f.store, u.ID, zoneFlow); err != nil {
		return nil, err
	} else if in {
		if err := f.store.EndConversation(ctx, u.ID); err != nil {
			return nil, fmt.Errorf("end zone choices: %w", err)
		}
	}
	out, err := f.afterZone(ctx, &updated, profile.ZoneSetText(&updated, f.now())+"\n\n")
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
			return bot.Personal(f.say(u, "SettBedUnset", map[string]string{"Time": bot.DefaultBedtime.String()})), nil
		}
		return bot.Personal(f.say(u, "SettBedShow", map[string]string{"Time": u.Bedtime.String(), "Window": profile.SleepWindowText(u)})), nil
	}
	c, ok := understand.ParseTimeOfDayIn(req.Args, understand.Evening)
	if !ok {
		return bot.Reply(BadClock(f.content, u.LanguageOrDefault(), req.Args, true) + " " + f.say(u, "SettNothingChanged", nil)), nil
	}
	updated, msg, err := f.settings.SetClock(ctx, u.ID, c, true)
	if err != nil {
		return nil, err
	}
	if msg != "" {
		return bot.Reply(SameClock(f.content, u.LanguageOrDefault(), c, true)), nil
	}
	lead := profile.BedtimeSetText(&updated)
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
			return bot.Personal(f.say(u, "SettWakeUnset", map[string]string{"Time": bot.DefaultWakeTime.String()})), nil
		}
		return bot.Personal(f.say(u, "SettWakeShow", map[string]string{"Time": u.WakeTime.String(), "Window": profile.SleepWindowText(u)})), nil
	}
	c, ok := understand.ParseTimeOfDayIn(req.Args, understand.Morning)
	if !ok {
		return bot.Reply(BadClock(f.content, u.LanguageOrDefault(), req.Args, false) + " " + f.say(u, "SettNothingChanged", nil)), nil
	}
	updated, msg, err := f.settings.SetClock(ctx, u.ID, c, false)
	if err != nil {
		return nil, err
	}
	if msg != "" {
		return bot.Reply(SameClock(f.content, u.LanguageOrDefault(), c, false)), nil
	}
	return bot.Personal(f.say(&updated, "SettWakeSet", map[string]string{"Time": updated.WakeTime.String(), "Window": profile.SleepWindowText(&updated)})), nil
}
