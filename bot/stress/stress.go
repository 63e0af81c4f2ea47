// Package stress is the evening stress rating: stress and anxiety raise
// twitching, the article says, so a rating of each day from 1 (calm) to 5
// (very stressful) lets the journal show whether the nights after
// high-stress days are worse. It is rated with /stress, with a tap on the
// evening wind-down reminder, or in plain words ("stressful day, 4 out of
// 5"), and shown in /journal, /week, the patterns and the report, exported
// and deleted with the rest.
//
// The feature is this one folder: its type, store, schema part, texts and
// handlers. It reaches the rest of the bot as a bot.Facet (the insights,
// /export and the assistant read every facet without knowing this one) and
// as a reminders.Decorator (the evening check-in); bot/features wires it.
package stress

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
	"github.com/calmnights/calmnights/reminders"
)

// scale is the highest rating; high is where "high-stress days" begin.
const (
	scale = 5
	high  = 4
)

// prefix starts the payload of every stress button: "st/<day>/<rating>".
const prefix = "st"

// Options configure the feature.
type Options struct {
	Store Store
	Now   func() time.Time // nil means time.Now
	// Content holds the words in each language; nil is the embedded one.
	Content *content.Library
}

// Stress is the stress-rating feature. It implements bot.Facet and
// reminders.Decorator.
type Stress struct {
	store   Store
	now     func() time.Time
	content *content.Library
}

// New returns the feature.
func New(o Options) *Stress {
	s := &Stress{store: o.Store, now: o.Now, content: o.Content}
	if s.content == nil {
		s.content = content.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

var _ bot.Facet = (*Stress)(nil)

// Name implements bot.Facet.
func (s *Stress) Name() string { return "stress" }

// Label implements bot.Facet: the English name. LabelIn is the name in
// the user's language.
func (s *Stress) Label() string { return "Stress" }

// LabelIn is Label in lang ("Стресс"), for the features that show the
// rating in the user's language.
func (s *Stress) LabelIn(lang string) string { return s.content.Text(lang, "StressLabel", nil) }

// Scale implements bot.Facet.
func (s *Stress) Scale() int { return scale }

// High implements bot.Facet: 4 and 5 are high-stress days.
func (s *Stress) High(v int) bool { return v >= high }

// HighDays implements bot.Facet: the English words. HighDaysIn is them in
// the user's language.
func (s *Stress) HighDays() string { return "high-stress days (4–5 of 5)" }

// HighDaysIn is HighDays in lang ("días de mucho estrés (4–5 de 5)").
func (s *Stress) HighDaysIn(lang string) string { return s.content.Text(lang, "StressHighDays", nil) }

// RatingIn shows a rating in lang, as bot.FacetText does in English:
// "stress 4/5", "estrés 4/5".
func (s *Stress) RatingIn(lang string, v int) string {
	return s.content.Text(lang, "StressRating", map[string]string{"Value": strconv.Itoa(v), "Scale": strconv.Itoa(scale)})
}

// say is the stress rating's message id (content/locales/stress) in u's
// language, with data filled in.
func (s *Stress) say(u *bot.User, id string, data map[string]string) string {
	return s.content.Text(u.LanguageOrDefault(), id, data)
}

// Ratings implements bot.Facet.
func (s *Stress) Ratings(ctx context.Context, userID, from, to string) (map[string]int, error) {
	return s.store.StressRatings(ctx, userID, from, to)
}

// Rate implements bot.Facet.
func (s *Stress) Rate(ctx context.Context, userID, day string, v int) error {
	if v < 1 || v > scale {
		return fmt.Errorf("stress: rating %d is not from 1 to %d", v, scale)
	}
	return s.store.RateStress(ctx, userID, day, v, s.now())
}

// Unrate implements bot.Facet.
func (s *Stress) Unrate(ctx context.Context, userID, day string) error {
	return s.store.UnrateStress(ctx, userID, day)
}

// Read implements bot.Facet.
func (s *Stress) Read(text string) (int, bool) { return readRating(text) }

// Register adds /stress and its buttons. Both keep a health note, so both
// need the user's permission.
func (s *Stress) Register(r *bot.Router) {
	consent := []bot.Middleware{bot.RequireConsent}
	r.Command(bot.Command{Name: "stress", Description: "Rate today's stress, from 1 (calm) to 5 (very stressful)", Args: "[1-5]", Handler: s.command, Use: consent})
	r.Button(prefix+"/{day}/{rating}", s.button, consent...)
}

// command handles /stress: with a rating (or words) it keeps today's,
// without it shows the last week and buttons to rate today.
func (s *Stress) command(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	today := bot.Today(s.now(), u).Format(bot.DateLayout)
	arg := strings.TrimSpace(req.Args)
	if arg == "" {
		return s.overview(ctx, u, today)
	}
	v, err := strconv.Atoi(strings.TrimSuffix(strings.ReplaceAll(arg, " ", ""), "/5"))
	if err != nil {
		var ok bool
		if v, ok = readRating(arg); !ok {
			v = 0
		}
	}
	if v < 1 || v > scale {
		return bot.Reply(s.say(u, "StressUsage", map[string]string{"Scale": strconv.Itoa(scale)})), nil
	}
	return s.save(ctx, u, today, v)
}

// button handles "st/<day>/<rating>" from /stress or the evening check-in.
func (s *Stress) button(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	day := req.Param("day")
	v, err := strconv.Atoi(req.Param("rating"))
	if _, derr := time.Parse(bot.DateLayout, day); derr != nil || err != nil || v < 1 || v > scale {
		return bot.Reply(s.say(req.User, "StressStale", nil)), nil
	}
	return s.save(ctx, req.User, day, v)
}

// save keeps a day's rating and says so.
func (s *Stress) save(ctx context.Context, u *bot.User, day string, v int) ([]bot.Response, error) {
	if err := s.Rate(ctx, u.ID, day, v); err != nil {
		return nil, err
	}
	when := s.say(u, "StressToday", nil)
	if day != bot.Today(s.now(), u).Format(bot.DateLayout) {
		t, _ := time.Parse(bot.DateLayout, day)
		when = s.say(u, "StressOnDay", map[string]string{"Date": t.Format(s.say(u, "StressDateFormat", nil))})
	}
	return bot.Personal(s.say(u, "StressSaved", map[string]string{"Rating": s.RatingIn(u.LanguageOrDefault(), v), "When": when})), nil
}

// overview shows the last seven days' ratings and buttons to rate today.
func (s *Stress) overview(ctx context.Context, u *bot.User, today string) ([]bot.Response, error) {
	t, _ := time.Parse(bot.DateLayout, today)
	from := t.AddDate(0, 0, -6).Format(bot.DateLayout)
	rs, err := s.Ratings(ctx, u.ID, from, today)
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	sb.WriteString(s.say(u, "StressAsk", nil))
	if len(rs) > 0 {
		sb.WriteString("\n\n" + s.say(u, "StressLastWeek", nil))
		dates := s.say(u, "StressDateFormat", nil)
		for d := t.AddDate(0, 0, -6); !d.After(t); d = d.AddDate(0, 0, 1) {
			if v, ok := rs[d.Format(bot.DateLayout)]; ok {
				sb.WriteString("\n" + s.say(u, "StressDay", map[string]string{"Date": d.Format(dates), "Value": strconv.Itoa(v), "Scale": strconv.Itoa(scale)}))
			}
		}
	}
	return []bot.Response{{Text: sb.String(), Buttons: ratingButtons(today), Personal: true}}, nil
}

// ratingButtons rate a day with one tap.
func ratingButtons(day string) [][]bot.Button {
	row := make([]bot.Button, 0, scale)
	for v := 1; v <= scale; v++ {
		row = append(row, bot.Button{Label: strconv.Itoa(v), Payload: prefix + "/" + day + "/" + strconv.Itoa(v)})
	}
	return [][]bot.Button{row}
}

// Decorate adds the stress rating to the evening wind-down reminder, for
// users who allowed health notes. It implements reminders.Decorator.
func (s *Stress) Decorate(ctx context.Context, kind reminders.Kind, u bot.User, r *bot.Response) {
	if kind != reminders.WindDown || !u.Consented() {
		return
	}
	r.Text += "\n\n" + s.say(&u, "StressCheckIn", nil)
	r.Buttons = append(r.Buttons, ratingButtons(bot.Today(s.now(), &u).Format(bot.DateLayout))...)
	r.Personal = true
}
