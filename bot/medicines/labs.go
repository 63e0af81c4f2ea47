package medicines

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// Iron tests: /lab ferritin 45 and /lab tsat 18 keep a blood test result
// with its date; /lab shows them all. The numbers are shown as they were
// given, never against a threshold: what they mean is for a doctor.
const (
	labPrefix   = "lb" // "lb/u/<id>": undo a saved result
	maxFerritin = 5000.0
	maxLabYears = 10
)

// errLabInput is a result this feature cannot keep; its text is for the
// user.
var errLabInput = errors.New("lab input")

// labNames are the ways people name the two tests, in the languages the
// bot speaks.
var labNames = map[string]string{
	"ferritin": bot.LabFerritin, "ferr": bot.LabFerritin, "ferritine": bot.LabFerritin, "ferritina": bot.LabFerritin, "ферритин": bot.LabFerritin,
	"tsat": bot.LabTSAT, "ts": bot.LabTSAT, "transferrin": bot.LabTSAT, "saturation": bot.LabTSAT, "transferrin-saturation": bot.LabTSAT,
	"нтж": bot.LabTSAT,
}

// labUnits are the units a value may be typed with (ferritin's in ng/mL
// or the same number in µg/L, TSAT's in %), as people write them.
var labUnits = []string{"ng/ml", "µg/l", "μg/l", "ug/l", "mcg/l", "нг/мл", "мкг/л", "%"}

// labDays are the words for the day of a test: today and yesterday.
var labDays = map[string]int{
	"today": 0, "hoy": 0, "hoje": 0, "heute": 0, "сегодня": 0,
	"yesterday": -1, "ayer": -1, "ontem": -1, "gestern": -1, "вчера": -1,
}

// labValue is how a test's value is shown in u's language: "45 ng/mL",
// "18%".
func (m *Medicines) labValue(u *bot.User, test string, v float64) string {
	unit := "LabUnitFerritin"
	if test == bot.LabTSAT {
		unit = "LabUnitTSAT"
	}
	return m.say(u, unit, map[string]string{"Value": fmtValue(u.LanguageOrDefault(), v)})
}

// labLabel names a test for people, as a heading ("Ferritin") or, when
// inSentence, within a sentence ("ferritin").
func (m *Medicines) labLabel(u *bot.User, test string, inSentence bool) string {
	id := "LabFerritin"
	if test == bot.LabTSAT {
		id = "LabTSAT"
	}
	if inSentence {
		id += "Name"
	}
	return m.say(u, id, nil)
}

// AddLab saves an iron test result: test is bot.LabFerritin (in ng/mL,
// the same number as µg/L) or bot.LabTSAT (in %), date the day of the
// blood test (YYYY-MM-DD). The plain-words feature calls it for "my
// ferritin was 45". A value out of range is an error wrapping errLabInput
// whose text can be shown to the user.
func (m *Medicines) AddLab(ctx context.Context, u *bot.User, test string, value float64, date string) (bot.Lab, error) {
	switch {
	case test != bot.LabFerritin && test != bot.LabTSAT:
		return bot.Lab{}, m.inputErr(errLabInput, "LabOnlyTwo", nil)
	case test == bot.LabTSAT && (value < 0 || value > 100):
		return bot.Lab{}, m.inputErr(errLabInput, "LabTSATRange", nil)
	case test == bot.LabFerritin && (value < 0 || value > maxFerritin):
		return bot.Lab{}, m.inputErr(errLabInput, "LabFerritinRange", nil)
	}
	if t, err := time.Parse(bot.DateLayout, date); err != nil || t.After(m.today(u)) {
		return bot.Lab{}, m.inputErr(errLabInput, "LabBadDate", nil)
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
// 18%" or "tsat 18 % yesterday" (or the day's word in another language).
// An error is an inputError.
func (m *Medicines) parseLab(args string, today time.Time) (test string, value float64, date string, err error) {
	fields := strings.Fields(strings.ToLower(args))
	if len(fields) < 2 {
		e := m.inputErr(errLabInput, "", nil)
		e.usage = true
		return "", 0, "", e
	}
	test, ok := labNames[fields[0]]
	if !ok {
		e := m.inputErr(errLabInput, "LabUnknownTest", nil)
		e.usage = true
		return "", 0, "", e
	}
	num := fields[1]
	for _, unit := range labUnits {
		num = strings.ReplaceAll(num, unit, "")
	}
	value, perr := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(num), ",", "."), 64)
	if perr != nil {
		e := m.inputErr(errLabInput, "LabNotNumber", map[string]string{"Input": bot.QuoteInput(fields[1])})
		e.usage = true
		return "", 0, "", e
	}
	date = today.Format(bot.DateLayout)
	for _, f := range fields[2:] {
		if slices.Contains(labUnits, f) || f == "percent" {
			continue
		}
		if d, ok := labDays[f]; ok {
			date = today.AddDate(0, 0, d).Format(bot.DateLayout)
			continue
		}
		t, terr := time.Parse(bot.DateLayout, f)
		switch {
		case terr != nil:
			return "", 0, "", m.inputErr(errLabInput, "LabNotUnderstood", map[string]string{"Input": bot.QuoteInput(f), "Today": today.Format(bot.DateLayout)})
		case t.After(today):
			return "", 0, "", m.inputErr(errLabInput, "LabFuture", nil)
		case t.Before(today.AddDate(-maxLabYears, 0, 0)):
			e := m.inputErr(errLabInput, "LabTooOld", nil)
			e.n = maxLabYears
			return "", 0, "", e
		}
		date = f
	}
	return test, value, date, nil
}

// labCommand handles /lab [ferritin|tsat <value> [date]].
func (m *Medicines) labCommand(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	lead := ""
	var undo [][]bot.Button
	if strings.TrimSpace(req.Args) != "" {
		test, value, date, err := m.parseLab(req.Args, m.today(u))
		if err == nil {
			var l bot.Lab
			if l, err = m.AddLab(ctx, u, test, value, date); err == nil {
				lead = m.say(u, "LabSaved", map[string]string{"Test": m.labLabel(u, l.Test, true), "Value": m.labValue(u, l.Test, l.Value), "Date": m.dateName(u, l.Date)}) + "\n\n"
				undo = m.undoButton(u, labPrefix, l.ID)
			}
		}
		if why, ok := refusal(u, err); ok {
			return bot.Reply(m.say(u, "LabRefused", map[string]string{"Reason": why})), nil
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
		return bot.Personal(m.say(u, "LabNone", nil) + "\n\n" + m.say(u, "LabUsage", nil)), nil
	}
	return []bot.Response{{Text: lead + m.labHistory(u, labs) + "\n\n" + m.say(u, "LabNote", nil),
		Buttons: undo, Personal: true}}, nil
}

// labHistory lists the results per test, oldest first.
func (m *Medicines) labHistory(u *bot.User, labs []bot.Lab) string {
	var sb strings.Builder
	sb.WriteString(m.say(u, "LabHeading", nil))
	for _, test := range []string{bot.LabFerritin, bot.LabTSAT} {
		var parts []string
		for _, l := range labs {
			if l.Test == test {
				parts = append(parts, m.dateName(u, l.Date)+": "+m.labValue(u, test, l.Value))
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(&sb, "\n%s\n- %s", m.labLabel(u, test, false), strings.Join(parts, "\n- "))
		}
	}
	return sb.String()
}

// fmtValue writes a result without needless decimals, the way lang writes
// numbers: "45", "7.5" in English, "7,5" in the others.
func fmtValue(lang string, v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if lang == "en" {
		return s
	}
	prec := 0
	if _, frac, ok := strings.Cut(s, "."); ok {
		prec = len(frac)
	}
	return content.Number(lang, v, prec)
}

// dateName writes a stored date for people in u's language: "2 Nov
// 2026", "02.11.2026".
func (m *Medicines) dateName(u *bot.User, date string) string {
	t, err := time.Parse(bot.DateLayout, date)
	if err != nil {
		return date
	}
	return t.Format(m.say(u, "DateFormat", nil))
}
