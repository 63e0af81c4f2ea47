package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot/markup"
)

// The onboarding conversation: consent, then time zone, then bedtime.
const (
	onboardingFlow   = "onboarding"
	onboardingPrefix = "start"

	stepConsent = 0
	stepZone    = 1
	stepBedtime = 2
)

// reminderPrefix is the reminder scheduler's button prefix, offered at the
// end of onboarding when the scheduler is registered.
const reminderPrefix = "rm"

// bedtimeChoices are the bedtimes offered as buttons during onboarding.
var bedtimeChoices = [][]string{{"21:30", "22:00", "22:30"}, {"23:00", "23:30", "00:00"}}

const welcomeText = `**Welcome to Calm Nights** 🌙

I'm here for legs that twitch, jerk or feel restless at night. I can:
- remind you of the small habits that calm them, at the right time in your time zone
- walk you through a short "should I see a doctor about this?" checklist
- answer your questions in plain words, from one carefully rewritten medical article
- keep a private journal of your nights

I'm a bot, not a doctor. I can't diagnose anything, and I don't replace medical care.

**First, one question.** Notes about your sleep and symptoms are health data, so I only keep them with your permission. They are used only to help you, never shared, and you can look at them or delete them whenever you like (/privacy explains how).

May I keep those notes for you?`

// start greets the user. New users (and anyone who has not answered the
// consent question) get the welcome and the consent question; returning
// users get a short hello with their settings.
func (b *Bot) start(ctx context.Context, req *Request) ([]Response, error) {
	u := req.User
	if u.Consented() {
		if err := b.store.EndConversation(ctx, u.ID); err != nil {
			return nil, fmt.Errorf("end conversation: %w", err)
		}
		return []Response{{Text: fmt.Sprintf("**Welcome back** 🌙\n\n%s\n\nSend /help to see everything I can do.", settingsSummary(u, b.now())), Personal: true}}, nil
	}
	if err := b.store.SaveConversation(ctx, Conversation{UserID: u.ID, Flow: onboardingFlow, Step: stepConsent}); err != nil {
		return nil, fmt.Errorf("begin onboarding: %w", err)
	}
	return []Response{{
		Text: welcomeText,
		Buttons: [][]Button{{
			{Label: "Yes, keep my notes", Payload: "start/yes"},
			{Label: "No, thanks", Payload: "start/no"},
		}},
	}}, nil
}

// onboardingButton handles every button of the onboarding conversation.
// Each payload says fully what it means, so a press works even after a
// restart or out of order.
func (b *Bot) onboardingButton(ctx context.Context, req *Request) ([]Response, error) {
	action, arg, _ := strings.Cut(strings.TrimPrefix(req.Payload, onboardingPrefix+"/"), "/")
	switch action {
	case "yes", "no":
		return b.answerConsent(ctx, req.User, action == "yes")
	case "zone":
		if arg != "" {
			name, _, ok := ResolveTimeZone(arg)
			if !ok {
				return b.zonePrompt(req.User, "That time zone button is out of date. "), nil
			}
			u, err := b.setZone(ctx, req.User.ID, name)
			if err != nil {
				return nil, err
			}
			req.User = &u
		}
		return b.afterZone(ctx, req.User, "")
	case "bed":
		c, err := ParseClock(arg)
		if err != nil {
			return Reply(msgStale), nil
		}
		return b.applyBedtime(ctx, req.User, c)
	case "skip":
		return b.skipStep(ctx, req.User)
	}
	return Reply(msgStale), nil
}

// answerConsent records the consent answer and moves on to the time zone.
func (b *Bot) answerConsent(ctx context.Context, u *User, yes bool) ([]Response, error) {
	var note string
	updated, err := b.store.UpdateUser(ctx, u.ID, func(u *User) error {
		switch {
		case yes && u.ConsentAt == nil:
			now := b.now().UTC().Truncate(time.Second)
			u.ConsentAt = &now
			note = "Thank you. I'll keep your notes private, and you can change your mind at any time in /privacy."
		case yes:
			note = "You already said yes on " + u.ConsentAt.In(u.Location()).Format("2 Jan 2006") + ". Thank you!"
		case u.ConsentAt != nil:
			note = "You gave permission earlier. To take it back, use the button in /privacy."
		default:
			note = "That's fine: I won't keep any notes about your health. You can still ask me questions and go through the checklist; I just won't save anything. If you change your mind, send /start."
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record consent: %w", err)
	}
	if _, in, err := b.conversation(ctx, u.ID, onboardingFlow); err != nil || !in {
		return Reply(note), err
	}
	if err := b.store.SaveConversation(ctx, Conversation{UserID: u.ID, Flow: onboardingFlow, Step: stepZone}); err != nil {
		return nil, fmt.Errorf("advance onboarding: %w", err)
	}
	return b.zonePrompt(&updated, note+"\n\nNow two quick settings, so that reminders reach you at the right moment.\n\n"), nil
}

// zonePrompt asks for the time zone.
func (b *Bot) zonePrompt(u *User, lead string) []Response {
	skip := Button{Label: "Skip for now", Payload: "start/skip"}
	if u.TimeZone != "" {
		now := b.now().In(u.Location()).Format("15:04")
		return []Response{{
			Text:    lead + fmt.Sprintf("**Your time zone.** I have **%s**, where it is %s now. Is that right? If not, type yours, like America/New_York.", markup.Escape(u.TimeZone), now),
			Buttons: [][]Button{{{Label: "Yes, that's right", Payload: "start/zone"}, skip}},
		}}
	}
	return []Response{{
		Text:    lead + "**Your time zone.** Type it as Area/City, like Europe/London or America/Chicago, so reminders follow your local time.",
		Buttons: [][]Button{{{Label: "UTC", Payload: "start/zone/UTC"}, skip}},
	}}
}

// bedtimePrompt asks for the bedtime.
func bedtimePrompt(lead string) []Response {
	rows := make([][]Button, 0, len(bedtimeChoices)+1)
	for _, row := range bedtimeChoices {
		var r []Button
		for _, t := range row {
			r = append(r, Button{Label: t, Payload: "start/bed/" + t})
		}
		rows = append(rows, r)
	}
	rows = append(rows, []Button{{Label: "Skip for now", Payload: "start/skip"}})
	return []Response{{
		Text:    lead + "**Your bedtime.** When do you usually go to bed? Tap a time or type your own, like 22:45.",
		Buttons: rows,
	}}
}

// afterZone moves an onboarding user from the time zone to the bedtime.
func (b *Bot) afterZone(ctx context.Context, u *User, lead string) ([]Response, error) {
	conv, in, err := b.conversation(ctx, u.ID, onboardingFlow)
	if err != nil || !in || conv.Step > stepZone {
		return Reply(strings.TrimSpace(lead)), err
	}
	conv.Step = stepBedtime
	if err := b.store.SaveConversation(ctx, conv); err != nil {
		return nil, fmt.Errorf("advance onboarding: %w", err)
	}
	return bedtimePrompt(lead), nil
}

// applyBedtime sets the bedtime and, during onboarding, finishes it.
func (b *Bot) applyBedtime(ctx context.Context, u *User, c Clock) ([]Response, error) {
	updated, msg, err := b.setClock(ctx, u.ID, c, true)
	if err != nil || msg != "" {
		return Reply(msg), err
	}
	return b.finishIfOnboarding(ctx, &updated, bedtimeSetText(&updated))
}

// skipStep skips the current onboarding step.
func (b *Bot) skipStep(ctx context.Context, u *User) ([]Response, error) {
	conv, in, err := b.conversation(ctx, u.ID, onboardingFlow)
	if err != nil {
		return nil, err
	}
	if in && conv.Step <= stepZone {
		return b.afterZone(ctx, u, "No problem; you can set it later with /timezone.\n\n")
	}
	return b.finishIfOnboarding(ctx, u, "No problem; you can set it later with /bedtime.")
}

// finishIfOnboarding ends onboarding when it is running and adds the
// summary; otherwise it returns lead alone.
func (b *Bot) finishIfOnboarding(ctx context.Context, u *User, lead string) ([]Response, error) {
	_, in, err := b.conversation(ctx, u.ID, onboardingFlow)
	if err != nil || !in {
		return Reply(lead), err
	}
	if err := b.store.EndConversation(ctx, u.ID); err != nil {
		return nil, fmt.Errorf("end onboarding: %w", err)
	}
	r := Response{
		Text:     lead + "\n\n**You're all set** ✅\n" + settingsSummary(u, b.now()) + "\n\nSend /help to see everything I can do.",
		Personal: true,
	}
	if b.router.HasButton(reminderPrefix) {
		r.Text += "\n\nWould you like reminders for the habits that help: a caffeine cutoff, water, an evening stretch, a wind-down and a morning check-in? You can change or turn off each one later in /reminders."
		r.Buttons = [][]Button{{{Label: "Yes, turn on reminders", Payload: reminderPrefix + "/setup"}, {Label: "Not now", Payload: reminderPrefix + "/list"}}}
	}
	return []Response{r}, nil
}

// onboardingText reads typed answers during onboarding: yes/no for
// consent, a zone name, a bedtime. Text that is clearly something else ends
// onboarding and falls through, so nobody gets stuck in it.
func (b *Bot) onboardingText(ctx context.Context, req *Request, conv Conversation) ([]Response, bool, error) {
	text := strings.TrimSpace(req.Text)
	switch conv.Step {
	case stepConsent:
		switch strings.ToLower(strings.Trim(text, ".! ")) {
		case "yes", "y", "ok", "okay", "sure", "i agree", "agree":
			out, err := b.answerConsent(ctx, req.User, true)
			return out, true, err
		case "no", "n", "no thanks", "no, thanks", "nope":
			out, err := b.answerConsent(ctx, req.User, false)
			return out, true, err
		}
	case stepZone:
		if name, _, ok := ResolveTimeZone(text); ok {
			u, err := b.setZone(ctx, req.User.ID, name)
			if err != nil {
				return nil, true, err
			}
			out, err := b.afterZone(ctx, &u, zoneSetText(&u, b.now())+"\n\n")
			return out, true, err
		}
		if looksLikeAnswer(text) {
			return b.zonePrompt(req.User, unknownZoneText(text)+"\n\n"), true, nil
		}
	case stepBedtime:
		if c, err := ParseClock(text); err == nil {
			out, err := b.applyBedtime(ctx, req.User, c)
			return out, true, err
		}
		if looksLikeAnswer(text) && strings.ContainsAny(text, "0123456789") {
			return bedtimePrompt(badClockText(text, "bedtime") + "\n\n"), true, nil
		}
	}
	if looksLikeAnswer(text) && conv.Step == stepConsent {
		return []Response{{Text: "Please tap one of the two buttons above, or type yes or no: may I keep notes about your nights?", Buttons: [][]Button{{
			{Label: "Yes, keep my notes", Payload: "start/yes"},
			{Label: "No, thanks", Payload: "start/no"},
		}}}}, true, nil
	}
	if err := b.store.EndConversation(ctx, req.User.ID); err != nil {
		return nil, true, fmt.Errorf("leave onboarding: %w", err)
	}
	return nil, false, nil
}

// looksLikeAnswer tells a short answer ("Berlin", "22;30") from a sentence
// or question the user typed instead.
func looksLikeAnswer(text string) bool {
	return len(strings.Fields(text)) <= 3 && !strings.Contains(text, "?")
}
