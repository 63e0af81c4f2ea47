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

// undoButton is the "Undo" under a saved dose or test, in u's language:
// "md/u/<id>" or "lb/u/<id>". Pressing it again, or after /forget,
// deletes nothing.
func (m *Medicines) undoButton(u *bot.User, prefix string, id int64) [][]bot.Button {
	return [][]bot.Button{{{Label: m.say(u, "MedUndo", nil), Payload: fmt.Sprintf("%s/u/%d", prefix, id)}}}
}

// undoDoseButton deletes a dose logged by mistake.
func (m *Medicines) undoDoseButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return m.undo(ctx, req, m.store.DeleteDose, m.say(req.User, "MedDoseRemoved", nil), m.say(req.User, "MedDoseGone", nil))
}

// undoLabButton deletes a test result saved by mistake.
func (m *Medicines) undoLabButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return m.undo(ctx, req, m.store.DeleteLab, m.say(req.User, "LabRemoved", nil), m.say(req.User, "LabGone", nil))
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
// errMedInput whose text (in English) can be shown to the user.
func (m *Medicines) LogMedicine(ctx context.Context, u *bot.User, name, dose string, at time.Time) (bot.Dose, error) {
	name, dose = strings.Join(strings.Fields(name), " "), strings.Join(strings.Fields(dose), " ")
	switch {
	case name == "":
		return bot.Dose{}, m.inputErr(errMedInput, "MedNoName", nil)
	case utf8.RuneCountInString(name) > maxMedNameRunes || utf8.RuneCountInString(dose) > maxDoseRunes:
		e := m.inputErr(errMedInput, "MedTooLong", map[string]string{"Dose": strconv.Itoa(maxDoseRunes)})
		e.counts = map[string]count{"Name": {"MedChars", maxMedNameRunes}}
		return bot.Dose{}, e
	case at.After(m.now().Add(5 * time.Minute)):
		return bot.Dose{}, m.inputErr(errMedInput, "MedNotYet", nil)
	case at.Before(m.now().AddDate(0, 0, -maxBackdateDays)):
		e := m.inputErr(errMedInput, "MedTooOld", nil)
		e.n = maxBackdateDays
		return bot.Dose{}, e
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
	u := req.User
	d, err := m.LogMedicine(ctx, u, name, dose, m.now())
	if why, ok := refusal(u, err); ok {
		return bot.Reply(m.say(u, "MedRefused", map[string]string{"Reason": why})), nil
	}
	if err != nil {
		return nil, err
	}
	when := d.TakenAt.In(u.Location()).Format(m.say(u, "MedNotedFormat", nil))
	return []bot.Response{{Text: m.say(u, "MedNoted", map[string]string{"Name": markup.Escape(d.Name), "Dose": doseText(d.Dose), "When": when}),
		Buttons: m.undoButton(u, medPrefix, d.ID), Personal: true}}, nil
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
			return bot.Personal(m.say(u, "MedNotOnList", map[string]string{"Name": bot.QuoteInput(name)})), nil
		}
		return bot.Personal(m.say(u, "MedOffList", map[string]string{"Name": bot.QuoteInput(name)})), nil
	}
	meds, err := m.store.Medicines(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if len(meds) == 0 {
		return bot.Personal(m.say(u, "MedEmpty", nil)), nil
	}
	today := m.today(u)
	doses, err := m.store.Doses(ctx, u.ID, today.AddDate(0, 0, -30).Format(bot.DateLayout), today.Format(bot.DateLayout))
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	sb.WriteString(m.say(u, "MedHeading", nil) + "\n")
	lastTaken := m.say(u, "MedLastFormat", nil)
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
			sb.WriteString(m.sayN(u, "MedLastTaken", n, map[string]string{"When": last.TakenAt.In(u.Location()).Format(lastTaken)}))
		} else {
			sb.WriteString(m.say(u, "MedNoDose", nil))
		}
		sb.WriteString("\n")
	}
	sb.WriteString("\n" + m.say(u, "MedListFooter", nil))
	return []bot.Response{{Text: sb.String(), Buttons: m.takenButtons(u, meds, today, len(meds)), Personal: true}}, nil
}

// takenButtons are "Took <name>" buttons for today in u's language, one
// a row.
func (m *Medicines) takenButtons(u *bot.User, meds []bot.Medicine, today time.Time, limit int) [][]bot.Button {
	var rows [][]bot.Button
	for i, med := range meds {
		if i >= limit || i >= maxMedButtons*2 {
			break
		}
		label := med.Name
		if utf8.RuneCountInString(label) > 30 {
			label = string([]rune(label)[:29]) + "…"
		}
		rows = append(rows, []bot.Button{{Label: m.say(u, "MedTook", map[string]string{"Name": label}), Payload: bot.MedicineTakenPayload(med.ID, today.Format(compactDate))}})
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
		return bot.Reply(m.say(u, "MedGone", nil)), nil
	}
	if req.Param("day") != m.today(u).Format(compactDate) {
		return bot.Personal(m.say(u, "MedOldButton", map[string]string{"Name": markup.Escape(med.Name)})), nil
	}
	d, err := m.LogMedicine(ctx, u, med.Name, med.Dose, m.now())
	if err != nil {
		return nil, err
	}
	return []bot.Response{{Text: m.say(u, "MedNotedNow", map[string]string{"Name": markup.Escape(d.Name), "Dose": doseText(d.Dose), "Time": d.TakenAt.In(u.Location()).Format("15:04")}),
		Buttons: m.undoButton(u, medPrefix, d.ID), Personal: true}}, nil
}
