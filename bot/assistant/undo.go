package assistant

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/understand"
)

// undo restores exactly what a confirmed change replaced: the water total,
// the night as it was (or no night), the previous setting.
func (a *Assistant) undo(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, error) {
	u := req.User
	d := conv.Data
	var text string
	switch understand.Action(d["act"]) {
	case understand.Water:
		ml, _ := strconv.Atoi(d["ml"])
		total, err := a.store.AddWater(ctx, u.ID, d["day"], -ml)
		if err != nil {
			return nil, fmt.Errorf("undo water: %w", err)
		}
		text = fmt.Sprintf("Undone: took %s off. Today so far: **%s**.", litres(ml), litres(total))
	case understand.Log:
		if d["sev"] == "" {
			if err := a.store.DeleteNight(ctx, u.ID, d["date"]); err != nil {
				return nil, fmt.Errorf("undo night: %w", err)
			}
			text = "Undone: " + nightName(d["date"]) + " is not logged any more."
			break
		}
		sev, _ := strconv.Atoi(d["sev"])
		logged, _ := strconv.ParseInt(d["logged"], 10, 64)
		n := bot.Night{UserID: u.ID, Date: d["date"], Severity: sev, Woke: boolPtr(d["woke"]), LateCaffeine: boolPtr(d["caffeine"]),
			Stretched: boolPtr(d["stretched"]), Note: d["note"], LoggedAt: time.Unix(logged, 0).UTC()}
		if _, err := a.store.SaveNight(ctx, n); err != nil {
			return nil, fmt.Errorf("undo night: %w", err)
		}
		text = fmt.Sprintf("Undone: %s is back to %d/10.", nightName(d["date"]), sev)
	case understand.Bedtime, understand.WakeTime:
		bed := d["act"] == string(understand.Bedtime)
		if _, err := a.store.UpdateUser(ctx, u.ID, func(u *bot.User) error {
			var prev *bot.Clock
			if c, err := bot.ParseClock(d["prev"]); err == nil && d["prev"] != "" {
				prev = &c
			}
			if bed {
				u.Bedtime = prev
			} else {
				u.WakeTime = prev
			}
			return nil
		}); err != nil {
			return nil, fmt.Errorf("undo time of day: %w", err)
		}
		if err := a.changed(ctx, u.ID); err != nil {
			return nil, err
		}
		text = "Undone: back to how it was."
	case understand.TimeZone:
		prev := d["prev"]
		if prev == "-" {
			prev = ""
		}
		if _, err := a.store.UpdateUser(ctx, u.ID, func(u *bot.User) error { u.TimeZone = prev; return nil }); err != nil {
			return nil, fmt.Errorf("undo time zone: %w", err)
		}
		if err := a.changed(ctx, u.ID); err != nil {
			return nil, err
		}
		text = "Undone: your time zone is back to how it was."
	default:
		return bot.Reply("There's nothing to undo."), nil
	}
	if err := a.store.EndConversation(ctx, u.ID); err != nil {
		return nil, fmt.Errorf("end undo: %w", err)
	}
	return bot.Personal(text), nil
}

// changed tells the observers (the reminder scheduler) about a setting
// put back by undo.
func (a *Assistant) changed(ctx context.Context, userID string) error {
	for _, o := range a.settings.Observers {
		if err := o.UserChanged(ctx, userID); err != nil {
			return fmt.Errorf("apply undone settings: %w", err)
		}
	}
	return nil
}

func boolPtr(s string) *bool {
	if s == "" {
		return nil
	}
	b := s == "true"
	return &b
}
