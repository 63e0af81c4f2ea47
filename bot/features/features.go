// Package features assembles the core with every feature package
// registered on its Router, in the order /help and the platforms' command
// menus list them. It is the one place besides cmd/calmnights that knows
// every feature, so that tests of the adapters and of the scheduler run
// the same bot as the binary.
package features

import (
	"context"
	"log/slog"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/assistant"
	"github.com/calmnights/calmnights/bot/checklist"
	"github.com/calmnights/calmnights/bot/help"
	"github.com/calmnights/calmnights/bot/insights"
	"github.com/calmnights/calmnights/bot/language"
	"github.com/calmnights/calmnights/bot/library"
	"github.com/calmnights/calmnights/bot/medicines"
	"github.com/calmnights/calmnights/bot/nightlog"
	"github.com/calmnights/calmnights/bot/onboarding"
	"github.com/calmnights/calmnights/bot/privacy"
	"github.com/calmnights/calmnights/bot/safety"
	"github.com/calmnights/calmnights/bot/settings"
	"github.com/calmnights/calmnights/bot/sqlstore"
	"github.com/calmnights/calmnights/bot/stress"
	"github.com/calmnights/calmnights/content"
	"github.com/calmnights/calmnights/reminders"
)

// Store is what the assembled bot needs of its database: each feature's
// own small store interface (a feature declares the one it needs), in
// one. Both engines' Store implement it (bot/sqlite, bot/postgres).
type Store interface {
	bot.CoreStore
	onboarding.Store
	settings.Store
	checklist.Store
	nightlog.Store
	insights.Store
	medicines.Store
	privacy.Store
	assistant.Store
	reminders.Store
	// Close releases the store.
	Close() error
}

// Options configure the assembled bot.
type Options struct {
	Store Store
	// Content is the article write-up; nil means the embedded one.
	Content *content.Library
	Logger  *slog.Logger     // nil discards logs
	Now     func() time.Time // nil means time.Now
	// Observers hear about changes to a user's time zone, bedtime or wake
	// time (the reminder scheduler moves their reminders).
	Observers []bot.UserObserver
	// Metrics observes every update, and the reminder scheduler's claims
	// and deliveries when it is a reminders.Metrics too; nil observes
	// nothing.
	Metrics bot.Metrics
	// Tick, when set, makes the reminder scheduler tick at this interval
	// instead of each minute (for tests that run the clock fast).
	Tick time.Duration
}

// App is the assembled bot and its reminder scheduler, which the binary
// runs beside the front doors.
type App struct {
	Bot *bot.Bot
	// Reminders schedules and sends reminders and answers the reminder
	// commands; nil when the store keeps no reminders.
	Reminders *reminders.Service
}

// commandOrder is the order of the commands in /help and the menus: first
// steps, settings, answers, the journal, the user's data, then reminders.
var commandOrder = []string{
	"start", "help", "timezone", "bedtime", "waketime",
	"ask", "checklist", "tips", "topics",
	"log", "water", "stress", "med", "meds", "lab", "journal", "week", "chart", "report",
	"export", "forget", "privacy", "language",
	"reminders", "remind", "pause", "resume", "quiet",
}

// New builds the core with every feature registered, reminders included;
// Build also returns the reminder scheduler, for the binary to run.
func New(o Options) *bot.Bot { return Build(o).Bot }

// Build builds the core and registers every feature on its Router: the
// reminder scheduler's commands with the others, and the scheduler told
// of changes to a user's day and given to the assistant for reminder
// changes in plain words.
func Build(o Options) App {
	if o.Content == nil {
		o.Content = content.Default()
	}
	sched := scheduler(&o)
	core := bot.New(bot.Options{Store: o.Store, Logger: o.Logger, Now: o.Now, Metrics: o.Metrics, Languages: content.Languages, Texts: o.Content.Text})
	core.SetScreen(safety.New(o.Content).Screen)
	r := core.Router()
	j := NightLog(o)
	in := Insights(o)
	ob := onboarding.New(onboarding.Options{Store: o.Store, Now: o.Now, Observers: o.Observers, Content: o.Content})
	ob.Register(r)
	r.Command(help.Command(r, o.Content))
	settings.New(settings.Options{Store: o.Store, Now: o.Now, Observers: o.Observers, Onboarding: ob, Content: o.Content}).Register(r)
	lib := library.New(o.Content)
	lib.Register(r)
	meds := medicines.New(medicines.Options{Store: o.Store, Now: o.Now, Content: o.Content})
	if st, ok := o.Store.(assistant.Store); ok { // replaces the library's answer to free text
		opts := assistant.Options{Store: st, Content: o.Content, Now: o.Now, Observers: o.Observers, Facets: facets(o), Medicines: meds}
		if sched != nil {
			opts.Reminders = sched
		}
		a := assistant.New(opts)
		a.Register(r)
		lib.Understand(a.Text)
	}
	checklist.New(checklist.Options{Store: o.Store, Content: o.Content, Now: o.Now, Hint: in.Week}).Register(r)
	j.Register(r)
	in.Register(r)
	meds.Register(r)
	if s := stressRating(o); s != nil {
		s.Register(r)
	}
	language.New(o.Store, o.Content).Register(r)
	privacy.New(privacy.Options{Store: o.Store, Logger: o.Logger, Now: o.Now, Facets: facets(o), Content: o.Content}).Register(r)
	if sched != nil {
		sched.Register(r)
	}
	r.Order(commandOrder...)
	// The menus' descriptions in the other languages (the embedded files
	// are tested to load and to cover every command).
	if descs, err := o.Content.CommandDescriptions(); err == nil {
		r.Localize(descs)
	}
	return App{Bot: core, Reminders: sched}
}

// scheduler returns the reminder scheduler on o's store, and adds it to
// o's Observers; nil when the store keeps no reminders.
func scheduler(o *Options) *reminders.Service {
	rs, ok := o.Store.(reminders.Store)
	if !ok {
		return nil
	}
	metrics, _ := o.Metrics.(reminders.Metrics)
	sched := reminders.New(reminders.Options{Store: rs, Content: o.Content, Logger: o.Logger, Now: o.Now,
		Metrics: metrics, Every: o.Tick, Decorator: Decorator(*o)})
	o.Observers = append(append([]bot.UserObserver(nil), o.Observers...), sched)
	return sched
}

// NightLog returns the night log (/log, /water, the sleep diary) on the
// same store and clock.
func NightLog(o Options) *nightlog.Log {
	return nightlog.New(nightlog.Options{Store: o.Store, Content: o.Content, Logger: o.Logger, Now: o.Now})
}

// Insights returns the insights (/journal, /week, /chart, /report) on the
// same store and clock.
func Insights(o Options) *insights.Insights {
	return insights.New(insights.Options{Store: o.Store, Content: o.Content, Logger: o.Logger, Now: o.Now, Facets: facets(o)})
}

// Decorator returns what the reminder scheduler uses as its Decorator:
// the journal (the water and morning reminders), then the insights (the
// weekly summary).
func Decorator(o Options) reminders.Decorator {
	ds := decorators{NightLog(o), Insights(o)}
	if s := stressRating(o); s != nil {
		ds = append(ds, s) // the evening check-in's stress rating
	}
	return ds
}

// stressRating is the evening stress rating on o's store, when the store
// is one of the SQL engines; nil otherwise.
func stressRating(o Options) *stress.Stress {
	db, ok := o.Store.(interface{ SQL() *sqlstore.Store })
	if !ok {
		return nil
	}
	return stress.New(stress.Options{Store: stress.SQLStore{DB: db.SQL()}, Now: o.Now, Content: o.Content})
}

// facets are the daily ratings the features keep (bot.Facet), for the
// insights, /export and the assistant.
func facets(o Options) []bot.Facet {
	if s := stressRating(o); s != nil {
		return []bot.Facet{s}
	}
	return nil
}

// decorators decorate a reminder one after the other.
type decorators []reminders.Decorator

// Decorate implements reminders.Decorator.
func (ds decorators) Decorate(ctx context.Context, kind reminders.Kind, u bot.User, r *bot.Response) {
	for _, d := range ds {
		d.Decorate(ctx, kind, u, r)
	}
}
