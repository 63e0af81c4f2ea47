package assistant

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/understand"
)

// undo restores exactly what a confirmed change replaced: the water total,
// the night as it was (or no night), the previous setting.
func (a *Assistant) undo(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, error) {
	u := req.User
	d := conv.Data
	lang := langOf(d)
	var text string
	switch understand.Action(d["act"]) {
	case actRate:
		var err error
		if text, err = a.undoRating(ctx, u, d, lang); err != nil {
			return nil, err
		}
	case understand.Medicine:
		var err error
		if text, err = a.undoDose(ctx, u, d, lang); err != nil {
			return nil, err
		}
	case understand.Water:
		ml, _ := strconv.Atoi(d["ml"])
		total, err := a.store.AddWater(ctx, u.ID, d["day"], -ml)
		if err != nil {
			return nil, fmt.Errorf("undo water: %w", err)
		}
		text = a.say(lang, "AsstWaterUndone", map[string]string{"Amount": a.litres(lang, ml), "Total": a.litres(lang, total)})
	case understand.Log:
		if err := a.undoExtras(ctx, u, d); err != nil {
			return nil, err
		}
		if d["sev"] == "" {
			if err := a.store.DeleteNight(ctx, u.ID, d["date"]); err != nil {
				return nil, fmt.Errorf("undo night: %w", err)
			}
			text = a.say(lang, "AsstNightDeleted", map[string]string{"Night": a.nightName(lang, d["date"])})
			break
		}
		sev, _ := strconv.Atoi(d["sev"])
		logged, _ := strconv.ParseInt(d["logged"], 10, 64)
		n := bot.Night{UserID: u.ID, Date: d["date"], Severity: sev, Woke: boolPtr(d["woke"]), LateCaffeine: boolPtr(d["caffeine"]),
			Stretched: boolPtr(d["stretched"]), Note: d["note"], LoggedAt: time.Unix(logged, 0).UTC()}
		if _, err := a.store.SaveNight(ctx, n); err != nil {
			return nil, fmt.Errorf("undo night: %w", err)
		}
		text = a.say(lang, "AsstNightRestored", map[string]string{"Night": a.nightName(lang, d["date"]), "Score": strconv.Itoa(sev)})
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
		text = a.say(lang, "AsstSettingUndone", nil)
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
		text = a.say(lang, "AsstZoneUndone", nil)
	default:
		return bot.Reply(a.say(lang, "AsstNothingToUndo", nil)), nil
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

// undoExtras restores what a night told in words changed beside the
// night itself: its sleep diary, and the night before when the message
// gave that one a score too.
func (a *Assistant) undoExtras(ctx context.Context, u *bot.User, d map[string]string) error {
	if d["diary"] != "" {
		old, err := a.store.Diaries(ctx, u.ID, d["date"], d["date"])
		if err != nil {
			return fmt.Errorf("undo diary: %w", err)
		}
		dy := bot.Diary{UserID: u.ID, Date: d["date"]}
		if len(old) == 1 {
			dy = old[0]
		}
		was := map[string]int{}
		for _, kv := range strings.Fields(d["diary"]) {
			if k, v, ok := strings.Cut(kv, "="); ok {
				if n, err := strconv.Atoi(v); err == nil {
					was[k] = n
				}
			}
		}
		for _, f := range diaryClocks {
			*f.field(&dy) = nil
			if n, ok := was[f.key]; ok {
				c := bot.Clock(n)
				*f.field(&dy) = &c
			}
		}
		for _, f := range diaryCounts {
			*f.field(&dy) = nil
			if n, ok := was[f.key]; ok {
				*f.field(&dy) = &n
			}
		}
		dy.UpdatedAt = a.now().UTC()
		if err := a.store.SaveDiary(ctx, dy); err != nil {
			return fmt.Errorf("undo diary: %w", err)
		}
	}
	if date := d["before.date"]; date != "" {
		if d["before.sev"] == "" {
			if err := a.store.DeleteNight(ctx, u.ID, date); err != nil {
				return fmt.Errorf("undo night before: %w", err)
			}
			return nil
		}
		old, err := a.store.Nights(ctx, u.ID, date, date)
		if err != nil || len(old) != 1 {
			return fmt.Errorf("undo night before: %w", err)
		}
		old[0].Severity, _ = strconv.Atoi(d["before.sev"])
		if _, err := a.store.SaveNight(ctx, old[0]); err != nil {
			return fmt.Errorf("undo night before: %w", err)
		}
	}
	return nil
}
