// Package medicines keeps the user's medicines, supplements and iron
// tests: /med logs a dose, /meds lists them with a one-tap "taken" (the
// morning check-in offers the same buttons, see bot.MedicineTakenPayload),
// and /lab keeps ferritin and TSAT results. It records what the user says;
// it never suggests what or how much to take, nor judges a result.
package medicines

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// Store is what the medicines feature reads and writes.
type Store interface {
	LogDose(ctx context.Context, d bot.Dose) (int64, error)
	Doses(ctx context.Context, userID, from, to string) ([]bot.Dose, error)
	Medicines(ctx context.Context, userID string) ([]bot.Medicine, error)
	Medicine(ctx context.Context, userID string, id int64) (bot.Medicine, bool, error)
	RemoveMedicine(ctx context.Context, userID, name string) (bool, error)
	DeleteDose(ctx context.Context, userID string, id int64) (bool, error)
	AddLab(ctx context.Context, l bot.Lab) (int64, error)
	Labs(ctx context.Context, userID string) ([]bot.Lab, error)
	DeleteLab(ctx context.Context, userID string, id int64) (bool, error)
}

// Options configure the medicines feature.
type Options struct {
	Store Store
	Now   func() time.Time // nil means time.Now
	// Content holds the words in each language; nil is the embedded one.
	Content *content.Library
}

// Medicines is the medicines and iron tests feature.
type Medicines struct {
	store   Store
	now     func() time.Time
	content *content.Library
}

// New returns the medicines feature.
func New(o Options) *Medicines {
	m := &Medicines{store: o.Store, now: o.Now, content: o.Content}
	if m.content == nil {
		m.content = content.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m
}

// maxBackdateDays is how far back a dose may be logged (as a night in
// the journal).
const maxBackdateDays = 365

// Register adds /med, /meds, /lab and their buttons (taken, undo) to r.
// All of them need the user's consent to keep health notes.
func (m *Medicines) Register(r *bot.Router) {
	consent := []bot.Middleware{bot.RequireConsent}
	r.Command(bot.Command{Name: "med", Description: "Log a medicine or supplement you just took, with the time", Args: "<name and dose>", Handler: m.medCommand, Use: consent})
	r.Command(bot.Command{Name: "meds", Description: "Your medicines and supplements, with a tap to log a dose", Args: "[remove <name>]", Handler: m.medsCommand, Use: consent})
	r.Command(bot.Command{Name: "lab", Description: "Save an iron test result (ferritin, TSAT), or see them all", Args: "[ferritin|tsat VALUE [YYYY-MM-DD]]", Handler: m.labCommand, Use: consent})
	r.Button(medPrefix+"/t/{id}/{day}", m.takenButton, consent...)
	r.Button(medPrefix+"/u/{id}", m.undoDoseButton, consent...)
	r.Button(labPrefix+"/u/{id}", m.undoLabButton, consent...)
}

// today is the user's local date.
func (m *Medicines) today(u *bot.User) time.Time { return bot.Today(m.now(), u) }

// say is the feature's message id (content/locales/medicines) in u's
// language, with data filled in.
func (m *Medicines) say(u *bot.User, id string, data map[string]string) string {
	return m.content.Text(u.LanguageOrDefault(), id, data)
}

// sayN is say for a message with plural forms, for n.
func (m *Medicines) sayN(u *bot.User, id string, n int, data map[string]string) string {
	return m.content.TextN(u.LanguageOrDefault(), id, n, data)
}

// inputError is a medicine, dose or test result the feature cannot keep.
// It wraps errMedInput or errLabInput; why is a message of
// content/locales/medicines (id, with data, or with plural forms for n),
// shown to the user in their language, and its Error is the English one.
// usage adds /lab's usage text after it.
type inputError struct {
	kind error
	lib  *content.Library
	id   string
	n    int // the plural count; -1 when the message has no plural forms
	data map[string]string
	// counts fill in data with plural messages in the language ("60
	// characters").
	counts map[string]count
	usage  bool
}

// count is a plural message id and its number.
type count struct {
	id string
	n  int
}

// inputErr is an inputError of kind with message id and its data.
func (m *Medicines) inputErr(kind error, id string, data map[string]string) *inputError {
	return &inputError{kind: kind, lib: m.content, id: id, n: -1, data: data}
}

// Error is the kind and the reason in English.
func (e *inputError) Error() string { return e.kind.Error() + ": " + e.text("en") }

// Unwrap is errMedInput or errLabInput.
func (e *inputError) Unwrap() error { return e.kind }

// text is the reason in lang, without a capital letter.
func (e *inputError) text(lang string) string {
	data := map[string]string{}
	for k, v := range e.data {
		data[k] = v
	}
	for k, c := range e.counts {
		data[k] = e.lib.TextN(lang, c.id, c.n, nil)
	}
	var parts []string
	switch {
	case e.id == "":
	case e.n >= 0:
		parts = append(parts, e.lib.TextN(lang, e.id, e.n, data))
	default:
		parts = append(parts, e.lib.Text(lang, e.id, data))
	}
	if e.usage {
		parts = append(parts, e.lib.Text(lang, "LabUsage", nil))
	}
	return strings.Join(parts, " ")
}

// refusal is err's reason for u, capitalised, when err is an inputError.
func refusal(u *bot.User, err error) (string, bool) {
	var e *inputError
	if !errors.As(err, &e) {
		return "", false
	}
	return capitalise(e.text(u.LanguageOrDefault())), true
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
