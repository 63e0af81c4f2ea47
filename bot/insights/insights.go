// Package insights is what the journal shows back to the user: /journal
// (the last nights, a summary and observations), /week (the weekly
// summary, also the text of the weekly reminder), /chart, and /report,
// the PDF summary for a doctor. It only reads: the nights and water come
// from bot/nightlog, the doses and iron tests from bot/medicines, all
// through the store.
package insights

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
	"github.com/calmnights/calmnights/reminders"
)

// Store is what the insights read.
type Store interface {
	Nights(ctx context.Context, userID, from, to string) ([]bot.Night, error)
	Water(ctx context.Context, userID, from, to string) (map[string]int, error)
	Diaries(ctx context.Context, userID, from, to string) ([]bot.Diary, error)
	Doses(ctx context.Context, userID, from, to string) ([]bot.Dose, error)
	Medicines(ctx context.Context, userID string) ([]bot.Medicine, error)
	Labs(ctx context.Context, userID string) ([]bot.Lab, error)
	ChecklistResults(ctx context.Context, userID string, limit int) ([]bot.ChecklistResult, error)
}

// Options configure the insights.
type Options struct {
	Store   Store
	Content *content.Library // nil means the embedded one
	Logger  *slog.Logger     // nil discards logs
	Now     func() time.Time // nil means time.Now
	// Facets are the daily ratings other features keep (bot.Facet), shown
	// beside the nights.
	Facets []bot.Facet
}

// Insights is the insights feature.
type Insights struct {
	store   Store
	content *content.Library
	log     *slog.Logger
	now     func() time.Time
	facets  []bot.Facet
}

// New returns the insights.
func New(o Options) *Insights {
	in := &Insights{store: o.Store, content: o.Content, log: o.Logger, now: o.Now, facets: o.Facets}
	if in.content == nil {
		in.content = content.Default()
	}
	if in.log == nil {
		in.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if in.now == nil {
		in.now = time.Now
	}
	return in
}

// Register adds /journal, /week, /chart and /report to r. /week needs the
// user's consent to keep health notes; the others answer without it that
// there is nothing to show.
func (in *Insights) Register(r *bot.Router) {
	consent := []bot.Middleware{bot.RequireConsent}
	r.Command(bot.Command{Name: "journal", Description: "Your last nights, a summary and patterns", Args: "[nights]", Handler: in.journal})
	r.Command(bot.Command{Name: "week", Description: "Your week: nights with symptoms, sleep, habits, streaks", Handler: in.weekCommand, Use: consent})
	r.Command(bot.Command{Name: "chart", Description: "A chart of your last 30 nights", Handler: in.chart})
	r.Command(bot.Command{Name: "report", Description: "A summary to show your doctor (PDF), week by week", Handler: in.report})
}

// Decorate fills the weekly reminder with the weekly summary, or says
// there is nothing to sum up for users who have not allowed health notes.
// Other reminders are left alone. It implements reminders.Decorator.
func (in *Insights) Decorate(ctx context.Context, kind reminders.Kind, u bot.User, r *bot.Response) {
	if kind != reminders.Weekly {
		return
	}
	if !u.Consented() {
		r.Text += "\n\n" + in.words(&u).Text("InsWeekNoConsent", nil)
		return
	}
	in.decorateWeekly(ctx, u, r)
}

// today is the user's local date.
func (in *Insights) today(u *bot.User) time.Time { return bot.Today(in.now(), u) }
