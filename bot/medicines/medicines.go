// Package medicines keeps the user's medicines, supplements and iron
// tests: /med logs a dose, /meds lists them with a one-tap "taken" (the
// morning check-in offers the same buttons, see bot.MedicineTakenPayload),
// and /lab keeps ferritin and TSAT results. It records what the user says;
// it never suggests what or how much to take, nor judges a result.
package medicines

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot"
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
}

// Medicines is the medicines and iron tests feature.
type Medicines struct {
	store Store
	now   func() time.Time
}

// New returns the medicines feature.
func New(o Options) *Medicines {
	m := &Medicines{store: o.Store, now: o.Now}
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

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
