package medicines

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
)

// Medicines and supplements: /med logs a dose now, /meds lists the
// user's list with a one-tap "taken". The bot records what the user says
// they took and when; it never suggests what or how much to take.
const (
	medPrefix       = "md" // "md/t/<medicine id>/<YYYYMMDD>" (bot.MedicineTakenPayload), "md/u/<dose id>"
	maxMedNameRunes = 60
	maxDoseRunes    = 40
	// maxMedButtons bounds the "taken" buttons under one message.
	maxMedButtons = 4
	// compactDate is the day a "taken" button carries.
	compactDate = "20060102"
)

// undoButton is the "Undo" under a saved dose or test: "md/u/<id>" or
// "lb/u/<id>". Pressing it again, or after /forget, deletes nothing.
func undoButton(prefix string, id int64) [][]bot.Button {
	return [][]bot.Button{{{Label: "Undo", Payload: fmt.Sprintf("%s/u/%d", prefix, id)}}}
}

// undoDoseButton deletes a dose logged by mistake.
func (m *Medicines) undoDoseButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return m.undo(ctx, req, m.store.DeleteDose, "Removed that dose.", "That dose was already removed.")
}

// undoLabButton deletes a test result saved by mistake.
func (m *Medicines) undoLabButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return m.undo(ctx, req, m.store.DeleteLab, "Removed that test result.", "That result was already removed.")
}

func (m *Medicines) undo(ctx context.Context, req *bot.Request, del func(context.Context, string, int64) (bool, error), done, gone string) ([]bot.Response, error) {
	id, err := strconv.ParseInt(req.Param("id"), 10, 64)
	if err != nil {
		return bot.Stale(), nil
	}
	ok, err := del(ctx, req.User.ID, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return bot.Reply(gone), nil
	}
	return bot.Personal(done), nil
}

// errMedInput is a medicine name or dose this feature cannot keep; its
// text is for the user.
var errMedInput = errors.New("medicine input")

// LogMedicine records that the user took a medicine or supplement (in
// their words, with an optional dose such as "65 mg") at a moment, and
// puts it on their list. The plain-words feature calls it for "took my
// iron". A name that is empty or too long is an error wrapping
// errMedInput whose text can be shown to the user.
func (m *Medicines) LogMedicine(ctx context.Context, u *bot.User, name, dose string, at time.Time) (bot.Dose, error) {
	name, dose = strings.Join(strings.Fields(name), " "), strings.Join(strings.Fields(dose), " ")
	switch {
	case name == "":
		return bot.Dose{}, fmt.Errorf("%w: name what you took, like /med iron 65 mg", errMedInput)
	case utf8.RuneCountInString(name) > maxMedNameRunes || utf8.RuneCountInString(dose) > maxDoseRunes:
		return bot.Dose{}, fmt.Errorf("%w: please keep the name under %d characters and the dose under %d", errMedInput, maxMedNameRunes, maxDoseRunes)
	case at.After(m.now().Add(5 * time.Minute)):
		return bot.Dose{}, fmt.Errorf("%w: that time hasn't come yet", errMedInput)
	case at.Before(m.now().AddDate(0, 0, -maxBackdateDays)):
		return bot.Dose{}, fmt.Errorf("%w: doses can be logged for the last %d days only", errMedInput, maxBackdateDays)
	}
	d := bot.Dose{UserID: u.ID, Name: name, Dose: dose, TakenAt: at.UTC(), Day: at.In(u.Location()).Format(bot.DateLayout)}
	id, err := m.store.LogDose(ctx, d)
	if err != nil {
		return bot.Dose{}, fmt.Errorf("log medicine: %w", err)
	}
	d.ID = id
	return d, nil
}

// UnlogDose takes back a dose logged by mistake (the plain-words Undo);
// it reports whether it was there.
func (m *Medicines) UnlogDose(ctx context.Context, userID string, id int64) (bool, error) {
	return m.store.DeleteDose(ctx, userID, id)
}

// parseMed splits "/med vitamin d 1000 IU" into the name and the dose:
// the dose starts at the first word beginning with a digit.
func parseMed(args string) (name, dose string) {
	fields := strings.Fields(args)
	for i, f := range fields {
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsDigit(r) && i > 0 {
			return strings.Join(fields[:i], " "), strings.Join(fields[i:], " ")
		}
	}
	return strings.Join(fields, " "), ""
}

// medCommand handles /med <name> [dose].
func (m *Medicines) medCommand(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if strings.TrimSpace(req.Args) == "" {
		return m.medsCommand(ctx, req)
	}
	name, dose := parseMed(req.Args)
	d, err := m.LogMedicine(ctx, req.User, name, dose, m.now())
	if errors.Is(err, errMedInput) {
		return bot.Reply(capitalise(strings.TrimPrefix(err.Error(), errMedInput.Error()+": ")) + ". Nothing was saved."), nil
	}
	if err != nil {
		return nil, err
	}
	return []bot.Response{{Text: fmt.Sprintf("Noted: **%s**%s at %s ✓\nSee your list with /meds.", markup.Escape(d.Name), doseText(d.Dose), d.TakenAt.In(req.User.Location()).Format("15:04, Mon 2 Jan")),
		Buttons: undoButton(medPrefix, d.ID), Personal: true}}, nil
}

func doseText(dose string) string {
	if dose == "" {
		return ""
	}
	return " " + markup.Escape(dose)
}

// medsCommand handles /meds (the list, with a "taken" button each) and
// /meds remove <name>.
func (m *Medicines) medsCommand(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	if rest, ok := strings.CutPrefix(strings.TrimSpace(req.Args), "remove "); ok {
		name := strings.Join(strings.Fields(rest), " ")
		removed, err := m.store.RemoveMedicine(ctx, u.ID, name)
		if err != nil {
			return nil, err
		}
		if !removed {
			return bot.Personal(fmt.Sprintf("“%s” is not on your list. /meds shows it.", bot.QuoteInput(name))), nil
		}
		return bot.Personal(fmt.Sprintf("Took “%s” off your list. The doses you logged stay in your journal.", bot.QuoteInput(name))), nil
	}
	meds, err := m.store.Medicines(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if len(meds) == 0 {
		return bot.Personal("Your list of medicines and supplements is empty. Log a dose when you take one, like /med iron 65 mg or /med magnesium; it then appears here with a one-tap button, and in the morning check-in.\n\nI only keep the record: what to take and how much is for you and your doctor."), nil
	}
	today := m.today(u)
	doses, err := m.store.Doses(ctx, u.ID, today.AddDate(0, 0, -30).Format(bot.DateLayout), today.Format(bot.DateLayout))
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	sb.WriteString("**Your medicines and supplements**\n")
	for _, med := range meds {
		var last *bot.Dose
		n := 0
		for i := range doses {
			if strings.EqualFold(doses[i].Name, med.Name) {
				last, n = &doses[i], n+1
			}
		}
		fmt.Fprintf(&sb, "- %s%s", markup.Escape(med.Name), doseText(med.Dose))
		if last != nil {
			fmt.Fprintf(&sb, ": last taken %s (%d in the last 30 days)", last.TakenAt.In(u.Location()).Format("Mon 2 Jan 15:04"), n)
		} else {
			sb.WriteString(": no dose in the last 30 days")
		}
		sb.WriteString("\n")
	}
	sb.WriteString("\nTap below when you take one, or send /med with a name and dose, like /med iron 65 mg. /meds remove and a name takes one off the list.")
	return []bot.Response{{Text: sb.String(), Buttons: takenButtons(meds, today, len(meds)), Personal: true}}, nil
}

// takenButtons are "Took <name>" buttons for today, one a row.
func takenButtons(meds []bot.Medicine, today time.Time, limit int) [][]bot.Button {
	var rows [][]bot.Button
	for i, med := range meds {
		if i >= limit || i >= maxMedButtons*2 {
			break
		}
		label := med.Name
		if utf8.RuneCountInString(label) > 30 {
			label = string([]rune(label)[:29]) + "…"
		}
		rows = append(rows, []bot.Button{{Label: "Took " + label, Payload: bot.MedicineTakenPayload(med.ID, today.Format(compactDate))}})
	}
	return rows
}

// takenButton handles "md/t/<id>/<YYYYMMDD>": a dose now. A button from
// another day logs nothing, so an old keyboard cannot add a dose.
func (m *Medicines) takenButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	id, err := strconv.ParseInt(req.Param("id"), 10, 64)
	if err != nil {
		return bot.Stale(), nil
	}
	med, ok, err := m.store.Medicine(ctx, u.ID, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return bot.Reply("That medicine is no longer on your list. /meds shows it."), nil
	}
	if req.Param("day") != m.today(u).Format(compactDate) {
		return bot.Personal(fmt.Sprintf("That button is from an earlier day, so I logged nothing. To log a dose now, send /med %s.", markup.Escape(med.Name))), nil
	}
	d, err := m.LogMedicine(ctx, u, med.Name, med.Dose, m.now())
	if err != nil {
		return nil, err
	}
	return []bot.Response{{Text: fmt.Sprintf("Noted: **%s**%s at %s ✓", markup.Escape(d.Name), doseText(d.Dose), d.TakenAt.In(u.Location()).Format("15:04")),
		Buttons: undoButton(medPrefix, d.ID), Personal: true}}, nil
}
