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

// describeDose says, in lang, what a dose told in words will log.
func (a *Assistant) describeDose(u *bot.User, v map[string]string, lang string) string {
	dose := ""
	if v["dose"] != "" {
		dose = " (" + markup.Escape(v["dose"]) + ")"
	}
	return a.say(lang, "AsstDose", map[string]string{"Name": markup.Escape(v["name"]), "Dose": dose,
		"When": a.dateTime(lang, a.doseTime(u, v["at"]).In(u.Location()))})
}

// confirmDose logs a pending dose, says so in lang and fills undo with
// its id.
func (a *Assistant) confirmDose(ctx context.Context, u *bot.User, d, undo map[string]string, lang string) ([]bot.Response, error) {
	if !u.Consented() {
		return bot.ConsentNeeded(), nil
	}
	if a.meds == nil {
		return bot.Reply(a.say(lang, "AsstMedsOff", nil)), nil
	}
	dose, err := a.meds.LogMedicine(ctx, u, d["name"], d["dose"], a.doseTime(u, d["at"]))
	if err != nil {
		return bot.Reply(a.say(lang, "AsstDoseFailed", map[string]string{"Error": err.Error()})), nil
	}
	undo["dose"] = strconv.FormatInt(dose.ID, 10)
	return bot.Personal(a.say(lang, "AsstDoseNoted", map[string]string{"Name": markup.Escape(dose.Name), "Dose": doseSuffix(dose.Dose),
		"When": a.dateTime(lang, dose.TakenAt.In(u.Location()))})), nil
}

// undoDose takes a dose logged in words back and says so in lang.
func (a *Assistant) undoDose(ctx context.Context, u *bot.User, d map[string]string, lang string) (string, error) {
	id, err := strconv.ParseInt(d["dose"], 10, 64)
	if err != nil || a.meds == nil {
		return a.say(lang, "AsstNothingToUndo", nil), nil
	}
	if _, err := a.meds.UnlogDose(ctx, u.ID, id); err != nil {
		return "", fmt.Errorf("undo dose: %w", err)
	}
	return a.say(lang, "AsstDoseUndone", nil), nil
}

func doseSuffix(dose string) string {
	if dose == "" {
		return ""
	}
	return " " + markup.Escape(dose)
}
