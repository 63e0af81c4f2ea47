package reminders

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// Tuning of the tick.
const (
	// claimBatch is how many due reminders one transaction claims: large
	// enough that 100,000 due at once take two transactions, small enough
	// to stay near 50 MB of memory.
	claimBatch = 100000
	// keepDeliveries is how long finished outbox rows are kept.
	keepDeliveries = 7 * 24 * time.Hour
	// pruneEvery is how often old outbox rows are deleted.
	pruneEvery = time.Hour
)

// Options configure a Service.
type Options struct {
	Store   Store
	Content *content.Library // nil means the embedded one
	Logger  *slog.Logger
	Now     func() time.Time
	// Decorator adds to a reminder message before it is sent, such as the
	// day's water so far; nil adds nothing.
	Decorator Decorator
	// Metrics observes claims and deliveries; nil observes nothing.
	Metrics Metrics
	// Every, when set, ticks at this interval instead of each minute (for
	// tests that run the clock fast).
	Every time.Duration
}

// Decorator adds to a reminder before it is sent (the journal adds the
// day's water to a water reminder). It must not fail: on an error it
// leaves the reminder as it is.
type Decorator interface {
	Decorate(ctx context.Context, kind Kind, u bot.User, r *bot.Response)
}

// Metrics is told what the scheduler does.
type Metrics interface {
	// Claimed reports one tick: reminders queued, and skipped as too late,
	// in quiet hours or with nowhere to send them.
	Claimed(queued, late, quiet, noChat int)
	// Delivered reports the end of one delivery: its state (sent, failed,
	// skipped, cancelled) and, when sent, how late after its due time.
	Delivered(platform string, kind Kind, state State, late time.Duration)
}

type nopMetrics struct{}

func (nopMetrics) Claimed(int, int, int, int)                   {}
func (nopMetrics) Delivered(string, Kind, State, time.Duration) {}

// Service schedules, claims and sends reminders, and serves the reminder
// commands.
type Service struct {
	store   Store
	texts   content.ReminderLanguages
	lib     func() *content.Library // the replies' catalog (content/locales/reminders), loaded on first use
	log     *slog.Logger
	now     func() time.Time
	extras  Decorator
	metrics Metrics
	every   time.Duration

	mu        sync.Mutex
	specs     map[string]schedule // parsed specs, by text
	wakers    []func()            // the senders' Wake
	lastPrune time.Time
}

// New returns a Service.
func New(o Options) *Service {
	s := &Service{store: o.Store, log: o.Logger, now: o.Now, extras: o.Decorator, metrics: o.Metrics, every: o.Every, specs: map[string]schedule{}}
	if s.metrics == nil {
		s.metrics = nopMetrics{}
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.now == nil {
		s.now = time.Now
	}
	if o.Content != nil {
		s.texts = o.Content.Reminders
		s.lib = func() *content.Library { return o.Content }
	} else {
		// The scheduler alone starts without loading the whole library.
		s.texts = content.DefaultReminders()
		s.lib = content.Default
	}
	return s
}

// parse returns the parsed spec, cached: parsing is done once per distinct
// spec, not once per reminder per tick.
func (s *Service) parse(spec string) (schedule, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sc, ok := s.specs[spec]; ok {
		return sc, nil
	}
	sc, err := parseSpec(spec)
	if err != nil {
		return schedule{}, err
	}
	if len(s.specs) > 50000 {
		clear(s.specs) // bounded: distinct specs are few in practice
	}
	s.specs[spec] = sc
	return sc, nil
}

// nextDue is when a reminder should next fire after now: zero when it is
// off or its user has paused reminders.
func (s *Service) nextDue(u bot.User, r Reminder, now time.Time) time.Time {
	if !r.Enabled || paused(u, now) {
		return time.Time{}
	}
	sc, err := s.parse(r.Spec)
	if err != nil {
		s.log.Error("unreadable reminder spec", "reminder", r.ID, "err", err)
		return time.Time{}
	}
	return sc.next(u.Location(), now)
}

func paused(u bot.User, now time.Time) bool {
	return u.PausedUntil != nil && u.PausedUntil.After(now)
}

// UserChanged reschedules a user's reminders after their time zone,
// bedtime, wake time or quiet hours changed: times derived from their day
// move, and every next due time is computed again in the new zone.
func (s *Service) UserChanged(ctx context.Context, userID string) error {
	return s.reschedule(ctx, userID, nil)
}

// reschedule recomputes a user's reminders inside one transaction, after
// letting change (if not nil) edit the user and the rows.
func (s *Service) reschedule(ctx context.Context, userID string, change func(u *bot.User, rs []Reminder) ([]Reminder, error)) error {
	now := s.now()
	err := s.store.UpdateReminders(ctx, userID, func(u *bot.User, rs []Reminder) ([]Reminder, error) {
		if change != nil {
			var err error
			if rs, err = change(u, rs); err != nil {
				return nil, err
			}
		}
		for i := range rs {
			r := &rs[i]
			if r.OneOff {
				continue
			}
			if r.Mode != ModeCustom {
				r.Spec = derivedSpec(r.Kind, *u, r.EveryHours)
			}
			r.NextDue = s.nextDue(*u, *r, now)
		}
		return rs, nil
	})
	if err != nil {
		return fmt.Errorf("reschedule reminders: %w", err)
	}
	return nil
}

// Tick does one minute's work: it ends pauses that are over, claims every
// due reminder, queues the deliveries and wakes the dispatchers.
func (s *Service) Tick(ctx context.Context) error {
	now := s.now()
	if err := s.endPauses(ctx, now); err != nil {
		return err
	}
	var st tickStats
	for {
		n, err := s.store.ClaimDue(ctx, now, claimBatch, func(d Due) Decision { return s.decide(d, now, &st) })
		if err != nil {
			return fmt.Errorf("claim due reminders: %w", err)
		}
		st.claimed += n
		if n < claimBatch {
			break
		}
	}
	s.metrics.Claimed(st.queued, st.late, st.quiet, st.noChat)
	if st.claimed > 0 {
		s.log.Info("reminders due", "claimed", st.claimed, "queued", st.queued, "late", st.late, "quiet", st.quiet, "no_chat", st.noChat)
		s.wakeDispatchers()
	}
	if now.Sub(s.lastPrune) > pruneEvery {
		if n, err := s.store.PruneDeliveries(ctx, now.Add(-keepDeliveries)); err != nil {
			s.log.Error("prune deliveries", "err", err)
		} else if n > 0 {
			s.log.Debug("pruned deliveries", "rows", n)
		}
		s.lastPrune = now
	}
	return nil
}

type tickStats struct{ claimed, queued, late, quiet, noChat int }

// decide picks what to send for a due reminder and when it is next due.
// After downtime, the occurrences still within the kind's grace window
// coalesce into one (the latest); older ones are skipped as too late. A
// delivery that would fall in quiet hours is skipped, never delayed.
func (s *Service) decide(d Due, now time.Time, st *tickStats) Decision {
	r, u := d.Reminder, d.User
	var deliver time.Time
	var next time.Time
	if r.OneOff {
		if now.Sub(r.NextDue) <= snoozeGrace {
			deliver = r.NextDue
		}
	} else {
		sc, err := s.parse(r.Spec)
		if err != nil {
			s.log.Error("unreadable reminder spec: unscheduled", "reminder", r.ID, "err", err)
			return Decision{}
		}
		loc := u.Location()
		from := r.NextDue.Add(-time.Second)
		if cutoff := now.Add(-r.Kind.Grace()); from.Before(cutoff) {
			from = cutoff.Add(-time.Second)
		}
		for t := sc.next(loc, from); !t.IsZero() && !t.After(now); t = sc.next(loc, t) {
			deliver = t
		}
		next = sc.next(loc, now)
	}
	switch {
	case deliver.IsZero():
		st.late++
		s.log.Debug("reminder too late to send", "kind", r.Kind, "user", bot.LogID(u.ID), "due", r.NextDue, "late_by", now.Sub(r.NextDue))
	case inQuiet(u, deliver):
		st.quiet++
		deliver = time.Time{}
	case u.ChatID == "":
		st.noChat++
		deliver = time.Time{}
	default:
		st.queued++
	}
	return Decision{Deliver: deliver, Next: next}
}

// endPauses resumes users whose pause is over.
func (s *Service) endPauses(ctx context.Context, now time.Time) error {
	ids, err := s.store.PauseEnded(ctx, now, 1000)
	if err != nil {
		return err
	}
	for _, id := range ids {
		err := s.reschedule(ctx, id, func(u *bot.User, rs []Reminder) ([]Reminder, error) {
			u.PausedUntil = nil
			return rs, nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// wakeDispatchers tells every dispatcher there is work.
func (s *Service) wakeDispatchers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range s.wakers {
		w()
	}
}

// compose writes the message of a delivery.
func (s *Service) compose(ctx context.Context, d Delivery, u bot.User) bot.Response {
	day := d.DueAt.In(u.Location())
	texts := s.texts.In(u.Language)
	r := bot.Response{Text: texts.Text(string(d.Kind), day), Buttons: reminderButtons(d.Kind, texts.Buttons())}
	if s.extras != nil {
		s.extras.Decorate(ctx, d.Kind, u, &r)
	}
	return r
}

// reminderButtons are the buttons under every reminder, with labels
// (done, snooze 15 minutes, snooze an hour, skip today, turn off) in the
// user's language.
func reminderButtons(k Kind, labels []string) [][]bot.Button {
	b := func(i int, action string) bot.Button {
		return bot.Button{Label: labels[i], Payload: ButtonPrefix + "/" + action + "/" + string(k)}
	}
	return [][]bot.Button{
		{b(0, "done"), b(1, "s15"), b(2, "s60")},
		{b(3, "skip"), b(4, "off")},
	}
}
