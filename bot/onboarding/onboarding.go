// Package onboarding greets new users with /start: the consent question
// for health notes, then their time zone and bedtime, one step at a time,
// in a conversation that survives restarts.
package onboarding

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/places/zonepick"
	"github.com/calmnights/calmnights/bot/profile"
	"github.com/calmnights/calmnights/bot/settings"
	"github.com/calmnights/calmnights/bot/understand"
	"github.com/calmnights/calmnights/content"
)

// Store is what onboarding keeps: the user's consent and settings, and
// where they are in the conversation.
type Store interface {
	bot.UserStore
	bot.ConversationStore
}

// Options configure the onboarding feature.
type Options struct {
	Store Store
	Now   func() time.Time // nil means time.Now
	// Observers hear about changed time zones and bedtimes.
	Observers []bot.UserObserver
	// Content holds the words in each language; nil is the embedded one.
	Content *content.Library
}

// Onboarding is the /start conversation.
type Onboarding struct {
	store    Store
	now      func() time.Time
	settings profile.Settings
	router   *bot.Router
	content  *content.Library
}

// New returns the onboarding feature.
func New(o Options) *Onboarding {
	f := &Onboarding{store: o.Store, now: o.Now, settings: profile.Settings{Store: o.Store, Observers: o.Observers}, content: o.Content}
	if f.content == nil {
		f.content = content.Default()
	}
	if f.now == nil {
		f.now = time.Now
	}
	return f
}

// Register adds /start, the onboarding buttons and its flow to r.
func (f *Onboarding) Register(r *bot.Router) {
	f.router = r
	r.Command(bot.Command{Name: "start", Description: "Welcome, consent and first settings", Handler: f.start, Use: []bot.Middleware{bot.PrivateOnly, bot.AllPersonal}})
	r.Button(onboardingPrefix+"/{answer}", f.consentButton, bot.AllPersonal)
	r.Button(onboardingPrefix+"/zone", f.zoneButton, bot.AllPersonal)
	r.Button(onboardingPrefix+"/zone/{zone...}", f.zoneButton, bot.AllPersonal)
	r.Button(onboardingPrefix+"/bed/{time}", f.bedButton, bot.AllPersonal)
	r.Flow(onboardingFlow, f.onboardingText)
}

// The onboarding conversation: consent, then time zone, then bedtime.
const (
	onboardingFlow   = "onboarding"
	onboardingPrefix = "start"

	stepConsent = 0
	stepZone    = 1
	stepBedtime = 2
)

// bedtimeChoices are the bedtimes offered as buttons during onboarding.
var bedtimeChoices = [][]string{{"21:30", "22:00", "22:30"}, {"23:00", "23:30", "00:00"}}

// say is a message of the catalog in the user's language.
func (f *Onboarding) say(u *bot.User, id string, data map[string]string) string {
	return f.content.Text(u.LanguageOrDefault(), id, data)
}

// consentButtons ask whether notes may be kept.
func (f *Onboarding) consentButtons(u *bot.User) [][]bot.Button {
	return [][]bot.Button{{
		{Label: f.say(u, "OnbConsentYes", nil), Payload: bot.ConsentPayload},
		{Label: f.say(u, "OnbConsentNo", nil), Payload: "start/no"},
	}}
}

// skipButton skips the current onboarding step.
func (f *Onboarding) skipButton(u *bot.User) bot.Button {
	return bot.Button{Label: f.say(u, "OnbSkip", nil), Payload: "start/skip"}
}

// start greets the user. New users (and anyone who has not answered the
// consent question) get the welcome and the consent question; returning
// users get a short hello with their settings.
func (f *Onboarding) start(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	if u.Consented() {
		if err := f.store.EndConversation(ctx, u.ID); err != nil {
			return nil, fmt.Errorf("end conversation: %w", err)
		}
		return []bot.Response{{Text: f.say(u, "OnbWelcomeBack", map[string]string{"Summary": profile.SettingsSummary(u, f.now())}), Personal: true}}, nil
	}
	if err := f.store.SaveConversation(ctx, bot.Conversation{UserID: u.ID, Flow: onboardingFlow, Step: stepConsent}); err != nil {
		return nil, fmt.Errorf("begin onboarding: %w", err)
	}
	return []bot.Response{{Text: f.say(u, "OnbWelcome", nil), Buttons: f.consentButtons(u)}}, nil
}

// consentButton answers the consent question (bot.ConsentPayload, "start/no"),
// and "start/skip" skips the current step. Each payload says fully what
// it means, so a press works even after a restart or out of order.
func (f *Onboarding) consentButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	switch a := req.Param("answer"); a {
	case "yes", "no":
		return f.answerConsent(ctx, req.User, a == "yes")
	case "skip":
		return f.skipStep(ctx, req.User)
	}
	return bot.Stale(), nil
}

// zoneButton confirms the known time zone ("start/zone") or sets one
// ("start/zone/UTC", a choice of a pick-list).
func (f *Onboarding) zoneButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	lead := ""
	if arg := req.Param("zone"); arg != "" {
		name, _, ok := bot.ResolveTimeZone(arg)
		if !ok {
			return f.zonePrompt(req.User, f.say(req.User, "OnbZoneStale", nil)+" "), nil
		}
		u, err := f.settings.SetZone(ctx, req.User.ID, name)
		if err != nil {
			return nil, err
		}
		req.User = &u
		lead = profile.ZoneSetText(&u, f.now()) + "\n\n"
	}
	return f.AfterZone(ctx, req.User, lead)
}

// bedButton sets the bedtime offered as a button ("start/bed/22:30").
func (f *Onboarding) bedButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	c, err := bot.ParseClock(req.Param("time"))
	if err != nil {
		return bot.Stale(), nil
	}
	return f.applyBedtime(ctx, req.User, c)
}

// answerConsent records the consent answer and moves on to the time zone.
func (f *Onboarding) answerConsent(ctx context.Context, u *bot.User, yes bool) ([]bot.Response, error) {
	var note string
	updated, err := f.store.UpdateUser(ctx, u.ID, func(u *bot.User) error {
		switch {
		case yes && u.ConsentAt == nil:
			now := f.now().UTC().Truncate(time.Second)
			u.ConsentAt = &now
			note = f.say(u, "OnbThanks", nil)
		case yes:
			note = f.say(u, "OnbAlready", map[string]string{"Date": u.ConsentAt.In(u.Location()).Format(f.say(u, "DateFormat", nil))})
		case u.ConsentAt != nil:
			note = f.say(u, "OnbEarlier", nil)
		default:
			note = f.say(u, "OnbDeclined", nil)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record consent: %w", err)
	}
	if _, in, err := bot.ConversationIn(ctx, f.store, u.ID, onboardingFlow); err != nil || !in {
		return bot.Reply(note), err
	}
	if err := f.store.SaveConversation(ctx, bot.Conversation{UserID: u.ID, Flow: onboardingFlow, Step: stepZone}); err != nil {
		return nil, fmt.Errorf("advance onboarding: %w", err)
	}
	return f.zonePrompt(&updated, note+"\n\n"+f.say(&updated, "OnbTwoSettings", nil)+"\n\n"), nil
}

// zonePrompt asks for the time zone.
func (f *Onboarding) zonePrompt(u *bot.User, lead string) []bot.Response {
	if u.TimeZone != "" {
		now := f.now().In(u.Location()).Format("15:04")
		return []bot.Response{{
			Text:    lead + f.say(u, "OnbZoneKnown", map[string]string{"Zone": markup.Escape(u.TimeZone), "Now": now}),
			Buttons: [][]bot.Button{{{Label: f.say(u, "OnbZoneRight", nil), Payload: "start/zone"}, f.skipButton(u)}},
		}}
	}
	return []bot.Response{{
		Text:    lead + f.say(u, "OnbZoneAsk", nil),
		Buttons: [][]bot.Button{{{Label: "UTC", Payload: "start/zone/UTC"}, f.skipButton(u)}},
	}}
}

// zoneChoices offers the choices a typed place may mean (or, misspelt,
// may be) and keeps them in the conversation, so that a typed reply
// ("Maine") can pick one.
func (f *Onboarding) zoneChoices(ctx context.Context, u *bot.User, conv bot.Conversation, typed string, a zonepick.Answer) ([]bot.Response, error) {
	r, pending := settings.ZoneQuestion(f.content, u.LanguageOrDefault(), typed, a, f.now(), func(zone string) string { return onboardingPrefix + "/zone/" + zone })
	r.Buttons = append(r.Buttons, []bot.Button{f.skipButton(u)})
	if err := f.RememberZoneChoices(ctx, conv, pending); err != nil {
		return nil, err
	}
	return []bot.Response{r}, nil
}

// RememberZoneChoices keeps a time zone pick-list just shown (zonepick's
// pending) in a running onboarding's conversation, so that its time zone
// step reads a typed reply to it; /timezone calls it when it shows one.
// Outside onboarding's time zone step it does nothing.
func (f *Onboarding) RememberZoneChoices(ctx context.Context, conv bot.Conversation, pending string) error {
	if conv.Flow != onboardingFlow || conv.Step != stepZone {
		return nil
	}
	if conv.Data == nil {
		conv.Data = map[string]string{}
	}
	conv.Data[zonepick.DataKey] = pending
	if err := f.store.SaveConversation(ctx, conv); err != nil {
		return fmt.Errorf("keep zone choices: %w", err)
	}
	return nil
}

// bedtimePrompt asks for the bedtime.
func (f *Onboarding) bedtimePrompt(u *bot.User, lead string) []bot.Response {
	rows := make([][]bot.Button, 0, len(bedtimeChoices)+1)
	for _, row := range bedtimeChoices {
		var r []bot.Button
		for _, t := range row {
			r = append(r, bot.Button{Label: t, Payload: "start/bed/" + t})
		}
		rows = append(rows, r)
	}
	rows = append(rows, []bot.Button{f.skipButton(u)})
	return []bot.Response{{
		Text:    lead + f.say(u, "OnbBedtime", nil),
		Buttons: rows,
	}}
}

// AfterZone moves an onboarding user from the time zone to the bedtime;
// outside onboarding it returns lead alone.
func (f *Onboarding) AfterZone(ctx context.Context, u *bot.User, lead string) ([]bot.Response, error) {
	conv, in, err := bot.ConversationIn(ctx, f.store, u.ID, onboardingFlow)
	if err != nil || !in || conv.Step > stepZone {
		return bot.Reply(strings.TrimSpace(lead)), err
	}
	conv.Step = stepBedtime
	delete(conv.Data, zonepick.DataKey)
	if err := f.store.SaveConversation(ctx, conv); err != nil {
		return nil, fmt.Errorf("advance onboarding: %w", err)
	}
	return f.bedtimePrompt(u, lead), nil
}

// applyBedtime sets the bedtime and, during onboarding, finishes it.
func (f *Onboarding) applyBedtime(ctx context.Context, u *bot.User, c bot.Clock) ([]bot.Response, error) {
	updated, msg, err := f.settings.SetClock(ctx, u.ID, c, true)
	if err != nil {
		return nil, err
	}
	if msg != "" {
		return bot.Reply(settings.SameClock(f.content, u.LanguageOrDefault(), c, true)), nil
	}
	return f.FinishIfOnboarding(ctx, &updated, profile.BedtimeSetText(&updated))
}

// skipStep skips the current onboarding step.
func (f *Onboarding) skipStep(ctx context.Context, u *bot.User) ([]bot.Response, error) {
	conv, in, err := bot.ConversationIn(ctx, f.store, u.ID, onboardingFlow)
	if err != nil {
		return nil, err
	}
	if in && conv.Step <= stepZone {
		return f.AfterZone(ctx, u, f.say(u, "OnbSkipZone", nil)+"\n\n")
	}
	return f.FinishIfOnboarding(ctx, u, f.say(u, "OnbSkipBed", nil))
}

// FinishIfOnboarding ends onboarding when it is running and adds the
// summary; otherwise it returns lead alone.
func (f *Onboarding) FinishIfOnboarding(ctx context.Context, u *bot.User, lead string) ([]bot.Response, error) {
	_, in, err := bot.ConversationIn(ctx, f.store, u.ID, onboardingFlow)
	if err != nil || !in {
		return bot.Reply(lead), err
	}
	if err := f.store.EndConversation(ctx, u.ID); err != nil {
		return nil, fmt.Errorf("end onboarding: %w", err)
	}
	r := bot.Response{
		Text:     lead + "\n\n" + f.say(u, "OnbAllSet", map[string]string{"Summary": profile.SettingsSummary(u, f.now())}),
		Personal: true,
	}
	if f.router != nil && f.router.HasButton(bot.RemindersPrefix) {
		r.Text += "\n\n" + f.say(u, "OnbRemindersOffer", nil)
		r.Buttons = [][]bot.Button{{{Label: f.say(u, "OnbRemindersYes", nil), Payload: bot.RemindersSetupPayload}, {Label: f.say(u, "OnbRemindersNo", nil), Payload: bot.RemindersListPayload}}}
	}
	return []bot.Response{r}, nil
}

// onboardingText reads typed answers during onboarding: yes/no for
// consent, a zone name, a bedtime. Text that is clearly something else ends
// onboarding and falls through, so nobody gets stuck in it.
func (f *Onboarding) onboardingText(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
	text := strings.TrimSpace(req.Text)
	word := strings.ToLower(strings.Trim(text, ".! "))
	switch {
	case f.content.Says(word, content.WordStop):
		word = "stop"
	case f.content.Says(word, content.WordSkip):
		word = "skip"
	case f.content.Says(word, content.WordYes):
		word = "yes"
	case f.content.Says(word, content.WordNo):
		word = "no"
	}
	switch word {
	case "cancel", "stop", "quit", "exit", "stop it":
		if err := f.store.EndConversation(ctx, req.User.ID); err != nil {
			return nil, true, fmt.Errorf("leave onboarding: %w", err)
		}
		return bot.Reply(f.say(req.User, "OnbStopped", nil)), true, nil
	case "skip", "skip it", "skip for now", "skip this", "later", "not now", "pass", "next":
		if conv.Step != stepConsent {
			out, err := f.skipStep(ctx, req.User)
			return out, true, err
		}
	}
	switch conv.Step {
	case stepConsent:
		switch word {
		case "yes", "y", "ok", "okay", "sure", "i agree", "agree":
			out, err := f.answerConsent(ctx, req.User, true)
			return out, true, err
		case "no", "n", "no thanks", "no, thanks", "nope":
			out, err := f.answerConsent(ctx, req.User, false)
			return out, true, err
		}
	case stepZone:
		if req.User.TimeZone != "" && conv.Data[zonepick.DataKey] == "" {
			// "I have Europe/London. Is that right?": yes keeps it, no
			// asks for the city.
			answer := bot.TypedAnswer(strings.ToLower(strings.Trim(text, ".! ")))
			switch word { // "да", "nein": a yes or a no in the user's language
			case "yes":
				answer = bot.AnswerYes
			case "no":
				answer = bot.AnswerNo
			}
			switch answer {
			case bot.AnswerYes:
				out, err := f.AfterZone(ctx, req.User, "")
				return out, true, err
			case bot.AnswerNo:
				return []bot.Response{{Text: f.say(req.User, "OnbZoneAskShort", nil), Buttons: [][]bot.Button{{f.skipButton(req.User)}}}}, true, nil
			}
		}
		a, ok := zonepick.Read(text, conv.Data[zonepick.DataKey])
		switch {
		case ok && a.Zone != "":
			u, err := f.settings.SetZone(ctx, req.User.ID, a.Zone)
			if err != nil {
				return nil, true, err
			}
			out, err := f.AfterZone(ctx, &u, profile.ZoneSetText(&u, f.now())+"\n\n")
			return out, true, err
		case ok:
			out, err := f.zoneChoices(ctx, req.User, conv, text, a)
			return out, true, err
		case bot.LooksLikeAnswer(text):
			return f.zonePrompt(req.User, settings.UnknownZone(f.content, req.User.LanguageOrDefault(), text)+"\n\n"), true, nil
		}
	case stepBedtime:
		if c, ok := understand.ParseTimeOfDayIn(text, understand.Evening); ok {
			out, err := f.applyBedtime(ctx, req.User, c)
			return out, true, err
		}
		if bot.LooksLikeAnswer(text) && strings.ContainsAny(text, "0123456789") {
			return f.bedtimePrompt(req.User, settings.BadClock(f.content, req.User.LanguageOrDefault(), text, true)+"\n\n"), true, nil
		}
	}
	if bot.LooksLikeAnswer(text) && conv.Step == stepConsent {
		return []bot.Response{{Text: f.say(req.User, "OnbPlease", nil), Buttons: f.consentButtons(req.User)}}, true, nil
	}
	if f.router == nil {
		if err := f.store.EndConversation(ctx, req.User.ID); err != nil {
			return nil, true, fmt.Errorf("leave onboarding: %w", err)
		}
		return nil, false, nil
	}
	// A side question ("can coffee make my legs twitch?") is answered,
	// and getting started resumes where it was.
	out, err := f.router.Fallback(ctx, req)
	if err != nil {
		return nil, true, err
	}
	return append(out, f.resumePrompt(req.User, conv)...), true, nil
}

// resumePrompt asks the current step again after a side question.
func (f *Onboarding) resumePrompt(u *bot.User, conv bot.Conversation) []bot.Response {
	back := f.say(u, "OnbBack", nil)
	switch conv.Step {
	case stepZone:
		return f.zonePrompt(u, back)
	case stepBedtime:
		return f.bedtimePrompt(u, back)
	}
	return []bot.Response{{Text: back + f.say(u, "OnbBackConsent", nil), Buttons: f.consentButtons(u)}}
}
