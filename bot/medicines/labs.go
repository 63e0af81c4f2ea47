package medicines

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// Iron tests: /lab ferritin 45 and /lab tsat 18 keep a blood test result
// with its date; /lab shows them all. The numbers are shown as they were
// given, never against a threshold: what they mean is for a doctor.
const (
	labPrefix    = "lb" // "lb/u/<id>": undo a saved result
	maxFerritin  = 5000.0
	maxLabYears  = 10
	labUsageText = "Save an iron test result like this:\n- /lab ferritin 45 (ng/mL, which is the same number as µg/L)\n- /lab tsat 18 (transferrin saturation, in %)\n- add the test's date if it wasn't today: /lab ferritin 45 2026-11-02"
)

// errLabInput is a result this feature cannot keep; its text is for the
// user.
var errLabInput = errors.New("lab input")

// labNames are the ways people name the two tests.
var labNames = map[string]string{
	"ferritin": bot.LabFerritin, "ferr": bot.LabFerritin, "ferritine": bot.LabFerritin,
	"tsat": bot.LabTSAT, "ts": bot.LabTSAT, "transferrin": bot.LabTSAT, "saturation": bot.LabTSAT, "transferrin-saturation": bot.LabTSAT,
}

// labUnit is how a test's value is shown.
func labUnit(test string) string {
	if test == bot.LabTSAT {
		return "%"
	}
	return " ng/mL"
}

// labLabel names a test for people.
func labLabel(test string) string {
	if test == bot.LabTSAT {
		return "Transferrin saturation (TSAT)"
	}
	return "Ferritin"
}

// AddLab saves an iron test result: test is bot.LabFerritin (in ng/mL,
// the same number as µg/L) or bot.LabTSAT (in %), date the day of the
// blood test (YYYY-MM-DD). The plain-words feature calls it for "my
// ferritin was 45". A value out of range is an error wrapping errLabInput
// whose text can be shown to the user.
func (m *Medicines) AddLab(ctx context.Context, u *bot.User, test string, value float64, date string) (bot.Lab, error) {
	switch {
	case test != bot.LabFerritin && test != bot.LabTSAT:
		return bot.Lab{}, fmt.Errorf("%w: I keep ferritin and TSAT results", errLabInput)
	case test == bot.LabTSAT && (value < 0 || value > 100):
		return bot.Lab{}, fmt.Errorf("%w: TSAT is a percentage, from 0 to 100", errLabInput)
	case test == bot.LabFerritin && (value < 0 || value > maxFerritin):
		return bot.Lab{}, fmt.Errorf("%w: that ferritin value looks mistyped: give it in ng/mL (or µg/L, the same number)", errLabInput)
	}
	if t, err := time.Parse(bot.DateLayout, date); err != nil || t.After(m.today(u)) {
		return bot.Lab{}, fmt.Errorf("%w: give the test's date as YYYY-MM-DD, not in the future", errLabInput)
	}
	l := bot.Lab{UserID: u.ID, Test: test, Value: value, Date: date, LoggedAt: m.now().UTC()}
	id, err := m.store.AddLab(ctx, l)
	if err != nil {
		return bot.Lab{}, fmt.Errorf("add lab: %w", err)
	}
	l.ID = id
	return l, nil
}

// parseLab reads "ferritin 45", "ferritin 45 ng/ml 2026-11-02", "tsat
// 18%" or "tsat 18 % yesterday".
func parseLab(args string, today time.Time) (test string, value float64, date string, err error) {
	fields := strings.Fields(strings.ToLower(args))
	if len(fields) < 2 {
		return "", 0, "", fmt.Errorf("%w: %s", errLabInput, labUsageText)
	}
	test, ok := labNames[fields[0]]
	if !ok {
		return "", 0, "", fmt.Errorf("%w: I keep two iron tests, ferritin and tsat. %s", errLabInput, labUsageText)
	}
	num := strings.TrimSpace(strings.NewReplacer("ng/ml", "", "µg/l", "", "μg/l", "", "ug/l", "", "mcg/l", "", "%", "").Replace(fields[1]))
	value, perr := strconv.ParseFloat(strings.ReplaceAll(num, ",", "."), 64)
	if perr != nil {
		return "", 0, "", fmt.Errorf("%w: “%s” is not a number. %s", errLabInput, bot.QuoteInput(fields[1]), labUsageText)
	}
	date = today.Format(bot.DateLayout)
	for _, f := range fields[2:] {
		switch f {
		case "ng/ml", "µg/l", "μg/l", "ug/l", "mcg/l", "%", "percent":
			continue
		case "today":
		case "yesterday":
			date = today.AddDate(0, 0, -1).Format(bot.DateLayout)
		default:
			t, terr := time.Parse(bot.DateLayout, f)
			switch {
			case terr != nil:
				return "", 0, "", fmt.Errorf("%w: I don't understand “%s”: give the unit (ng/mL, µg/L or %%) and the test's date like %s", errLabInput, bot.QuoteInput(f), today.Format(bot.DateLayout))
			case t.After(today):
				return "", 0, "", fmt.Errorf("%w: that date is in the future", errLabInput)
			case t.Before(today.AddDate(-maxLabYears, 0, 0)):
				return "", 0, "", fmt.Errorf("%w: results from the last %d years only", errLabInput, maxLabYears)
			}
			date = f
		}
	}
	return test, value, date, nil
}

// labCommand handles /lab [ferritin|tsat <value> [date]].
func (m *Medicines) labCommand(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	lead := ""
	var undo [][]bot.Button
	if strings.TrimSpace(req.Args) != "" {
		test, value, date, err := parseLab(req.Args, m.today(u))
		if err == nil {
			var l bot.Lab
			if l, err = m.AddLab(ctx, u, test, value, date); err == nil {
				lead = fmt.Sprintf("Saved: %s %s%s, test of %s ✓\n\n", strings.ToLower(labLabel(l.Test)), fmtValue(l.Value), labUnit(l.Test), dateName(l.Date))
				undo = undoButton(labPrefix, l.ID)
			}
		}
		if errors.Is(err, errLabInput) {
			return bot.Reply(capitalise(strings.TrimPrefix(err.Error(), errLabInput.Error()+": ")) + "\nNothing was saved."), nil
		}
		if err != nil {
			return nil, err
		}
	}
	labs, err := m.store.Labs(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if len(labs) == 0 {
		return bot.Personal("You have no iron test results saved yet.\n\n" + labUsageText), nil
	}
	return []bot.Response{{Text: lead + labHistory(labs) + "\n\nThese are the numbers as you gave them, with their dates, for your doctor: what they mean for you is a question for them. /report includes them.",
		Buttons: undo, Personal: true}}, nil
}

// labHistory lists the results per test, oldest first.
func labHistory(labs []bot.Lab) string {
	var sb strings.Builder
	sb.WriteString("**Your iron tests**")
	for _, test := range []string{bot.LabFerritin, bot.LabTSAT} {
		var parts []string
		for _, l := range labs {
			if l.Test == test {
				parts = append(parts, fmt.Sprintf("%s: %s%s", dateName(l.Date), fmtValue(l.Value), labUnit(test)))
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(&sb, "\n%s\n- %s", labLabel(test), strings.Join(parts, "\n- "))
		}
	}
	return sb.String()
}

// fmtValue writes a result without needless decimals.
func fmtValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// dateName writes a stored date for people: "2 Nov 2026".
func dateName(date string) string {
	t, err := time.Parse(bot.DateLayout, date)
	if err != nil {
		return date
	}
	return t.Format("2 Jan 2006")
}
