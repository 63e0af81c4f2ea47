package nightlog

import (
	"context"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/reminders"
)

// Decorate adds the journal to a reminder before it is sent: the
// water nudge shows today's progress with +250 ml / +500 ml buttons, and
// the morning check-in offers the night's score as one-tap buttons that
// start the log. Users who have not allowed health notes get the plain
// reminder. The morning check-in also offers the sleep diary "same as
// usual" and a "taken" button for each medicine on the user's list. (The
// weekly reminder is bot/insights'.) It implements reminders.Decorator.
func (j *Log) Decorate(ctx context.Context, kind reminders.Kind, u bot.User, r *bot.Response) {
	if !u.Consented() {
		return
	}
	switch kind {
	case reminders.Hydration:
		day := j.today(&u).Format(bot.DateLayout)
		water, err := j.store.Water(ctx, u.ID, day, day)
		if err != nil {
			if ctx.Err() == nil { // a shutdown cancels it: no error
				j.log.Error("water for reminder", "user", bot.LogID(u.ID), "err", err)
			}
			return
		}
		r.Text += "\n\n" + j.waterProgress(u.LanguageOrDefault(), water[day])
		r.Buttons = append(waterButtons(u.LanguageOrDefault()), r.Buttons...)
	case reminders.Morning:
		r.Text += "\n\n" + j.content.Text(u.LanguageOrDefault(), "NightScorePrompt", nil)
		r.Buttons = append(severityButtons("q"), r.Buttons...)
		r.Personal = true
		j.decorateMorning(ctx, u, r)
	}
}
