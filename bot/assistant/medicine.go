package assistant

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
)

// Medicines is what the assistant needs of the medicines feature: logging
// a dose told in words ("took 2 paracetamol at 9"), as /med does, and
// taking it back for Undo.
type Medicines interface {
	LogMedicine(ctx context.Context, u *bot.User, name, dose string, at time.Time) (bot.Dose, error)
	UnlogDose(ctx context.Context, userID string, id int64) (bool, error)
}

// doseTime is when a dose told in words was taken: the time said, on the
// last day it has already come, or now.
func (a *Assistant) doseTime(u *bot.User, at string) time.Time {
	now := a.now()
	c, err := bot.ParseClock(at)
	if at == "" || err != nil {
		return now
	}
	local := now.In(u.Location())
	t := time.Date(local.Year(), local.Month(), local.Day(), c.Hour(), c.Minute(), 0, 0, u.Location())
	if t.After(now) {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// describeDose says what a dose told in words will log.
func (a *Assistant) describeDose(u *bot.User, v map[string]string) string {
	dose := ""
	if v["dose"] != "" {
		dose = " (" + markup.Escape(v["dose"]) + ")"
	}
	return fmt.Sprintf("I understood: you took **%s**%s at %s. Add it to your medicines log?", markup.Escape(v["name"]), dose,
		a.doseTime(u, v["at"]).In(u.Location()).Format("15:04, Mon 2 Jan"))
}

// confirmDose logs a pending dose and fills undo with its id.
func (a *Assistant) confirmDose(ctx context.Context, u *bot.User, d, undo map[string]string) ([]bot.Response, error) {
	if !u.Consented() {
		return bot.ConsentNeeded(), nil
	}
	if a.meds == nil {
		return bot.Reply("Medicines aren't kept here, so I can't log that. Nothing was saved."), nil
	}
	dose, err := a.meds.LogMedicine(ctx, u, d["name"], d["dose"], a.doseTime(u, d["at"]))
	if err != nil {
		return bot.Reply("I couldn't log that dose: " + err.Error() + ". Try /med, like /med iron 65 mg. Nothing was saved."), nil
	}
	undo["dose"] = strconv.FormatInt(dose.ID, 10)
	return bot.Personal(fmt.Sprintf("Noted: **%s**%s at %s ✓ /meds shows your list.", markup.Escape(dose.Name), doseSuffix(dose.Dose),
		dose.TakenAt.In(u.Location()).Format("15:04, Mon 2 Jan"))), nil
}

// undoDose takes a dose logged in words back.
func (a *Assistant) undoDose(ctx context.Context, u *bot.User, d map[string]string) (string, error) {
	id, err := strconv.ParseInt(d["dose"], 10, 64)
	if err != nil || a.meds == nil {
		return "There's nothing to undo.", nil
	}
	if _, err := a.meds.UnlogDose(ctx, u.ID, id); err != nil {
		return "", fmt.Errorf("undo dose: %w", err)
	}
	return "Undone: that dose is off your log.", nil
}

func doseSuffix(dose string) string {
	if dose == "" {
		return ""
	}
	return " " + markup.Escape(dose)
}
