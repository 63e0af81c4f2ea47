// Package words says the journal views' texts in the reader's language:
// the catalog's messages (content/locales/insights), numbers with the
// language's decimal mark, and dates with its own day and month names and
// its own order of day, month and year.
package words

import (
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/content"
)

// Words speaks one language. It keeps the date patterns it has read, so
// one Words serves one request and is not for concurrent use.
type Words struct {
	// Lang is the language's code ("en", "es", "pt", "de", "ru").
	Lang     string
	lib      *content.Library
	patterns map[string]string
	weekdays []string // Sunday first, as time.Weekday counts
	months   []string
}

// In returns the words of lang from lib (nil: the embedded library).
func In(lib *content.Library, lang string) *Words {
	if lib == nil {
		lib = content.Default()
	}
	if lang == "" {
		lang = "en"
	}
	w := &Words{Lang: lang, lib: lib, patterns: map[string]string{}}
	w.weekdays = strings.Fields(lib.Text(lang, "InsWeekdays", nil))
	w.months = strings.Fields(lib.Text(lang, "InsMonths", nil))
	return w
}

// Text is the catalog's message id with data filled in.
func (w *Words) Text(id string, data map[string]string) string {
	return w.lib.Text(w.Lang, id, data)
}

// TextN is the form of message id for the count n (.Count in the
// template), by the language's plural rules.
func (w *Words) TextN(id string, n int, data map[string]string) string {
	return w.lib.TextN(w.Lang, id, n, data)
}

// Count is TextN without other data: "7 nights", "7 ночей".
func (w *Words) Count(id string, n int) string { return w.TextN(id, n, nil) }

// Num writes x with prec decimals and the language's decimal mark: "2.9",
// "2,9".
func (w *Words) Num(x float64, prec int) string { return content.Number(w.Lang, x, prec) }

// Value writes x without needless decimals (at most three), with the
// language's decimal mark: "45", "12.5", "12,5".
func (w *Words) Value(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	_, frac, ok := strings.Cut(s, ".")
	if !ok {
		return w.Num(x, 0)
	}
	return w.Num(x, min(len(frac), 3))
}

// Weekday is the day's short name: "Wed", "ср".
func (w *Words) Weekday(d time.Weekday) string {
	if len(w.weekdays) != 7 || d < 0 || d > 6 {
		return d.String()[:3]
	}
	return w.weekdays[d]
}

// Month is the month's short name as dates write it: "Nov", "нояб.".
func (w *Words) Month(m time.Month) string {
	if len(w.months) != 12 || m < 1 || m > 12 {
		return m.String()[:3]
	}
	return w.months[m-1]
}

// The markers a date pattern is read with, one per template field.
var dateFields = map[string]string{
	"Weekday": "\x00w", "Day": "\x00d", "Day2": "\x00D", "Month": "\x00m",
	"Month2": "\x00M", "Year": "\x00y", "Clock": "\x00c",
}

// Date writes t by the date pattern of message id, whose template may use
// .Weekday and .Month (short names), .Day and .Day2 (two digits),
// .Month2 (the month's number, two digits), .Year and .Clock (15:04):
// "Wed 25 Nov", "ср, 25 нояб.", "25.11.2026".
func (w *Words) Date(id string, t time.Time) string {
	p, ok := w.patterns[id]
	if !ok {
		p = w.Text(id, dateFields)
		w.patterns[id] = p
	}
	return strings.NewReplacer(
		dateFields["Weekday"], w.Weekday(t.Weekday()),
		dateFields["Day"], strconv.Itoa(t.Day()),
		dateFields["Day2"], t.Format("02"),
		dateFields["Month"], w.Month(t.Month()),
		dateFields["Month2"], t.Format("01"),
		dateFields["Year"], strconv.Itoa(t.Year()),
		dateFields["Clock"], t.Format("15:04"),
	).Replace(p)
}
