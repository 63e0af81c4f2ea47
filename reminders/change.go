package reminders

import (
	"context"
	"fmt"

	"github.com/calmnights/calmnights/bot"
)

// ChangeReminders carries out one change to a user's reminders, typed:
// what the assistant understood from plain words. It answers as the
// matching command would (/remind, /pause, /resume, /quiet), refusals
// included.
func (s *Service) ChangeReminders(ctx context.Context, u *bot.User, c bot.ReminderChange) ([]bot.Response, error) {
	switch c.Op {
	case bot.PauseReminders:
		return s.pauseFor(ctx, u, c.PauseDays)
	case bot.ResumeReminders:
		return s.resumeUser(ctx, u.ID)
	case bot.QuietHours:
		if c.At == c.Until {
			return bot.Reply(s.say(u, "RemQuietBad", nil)), nil
		}
		return s.setQuiet(ctx, u.ID, &c.At, &c.Until)
	case bot.QuietOff:
		zero := bot.Clock(0)
		return s.setQuiet(ctx, u.ID, &zero, &zero)
	case bot.QuietDefault:
		return s.setQuiet(ctx, u.ID, nil, nil)
	}
	kind, ok := ParseKind(c.Kind)
	if !ok {
		return bot.Reply(s.unknownKind(u, c.Kind)), nil
	}
	var ch change
	switch c.Op {
	case bot.RemindIn:
		return s.remindIn(ctx, u, kind, c.Minutes)
	case bot.RemindOn:
		ch = change{op: opOn}
	case bot.RemindOff:
		ch = change{op: opOff}
	case bot.RemindDefault:
		ch = change{op: opDefault}
	case bot.RemindEvery:
		ch = change{op: opEvery, minutes: c.Minutes}
	case bot.RemindAt:
		ch = change{op: opAt, at: int(c.At)}
		if spec, ok := c.CronSpec(); ok {
			ch = change{op: opCron, spec: spec}
		}
	default:
		return nil, fmt.Errorf("reminders: unknown change %d", c.Op)
	}
	return s.change(ctx, u.ID, kind, ch)
}
