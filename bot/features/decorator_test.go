package features_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/reminders"
)

// TestDecoratorComposesJournalAndInsights checks the scheduler's
// Decorator: the journal decorates the water and morning reminders, the
// insights the weekly one, and nothing personal is added without consent.
func TestDecoratorComposesJournalAndInsights(t *testing.T) {
	ctx := context.Background()
	decorate := func(h *featuretest.Harness, kind reminders.Kind) bot.Response {
		d := features.Decorator(features.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
		r := bot.Response{Text: "Reminder"}
		d.Decorate(ctx, kind, h.User(), &r)
		return r
	}
	h := featuretest.Consented(t)
	featuretest.SeedNights(h, 7)
	if r := decorate(h, reminders.Hydration); !strings.Contains(r.Text, "Today:") || len(r.Buttons) == 0 {
		t.Errorf("water reminder: %+v", r)
	}
	if r := decorate(h, reminders.Morning); !r.Personal || len(featuretest.Payloads([]bot.Response{r})) < 11 {
		t.Errorf("morning check-in: %+v", r)
	}
	if r := decorate(h, reminders.Weekly); !r.Personal || !strings.Contains(r.Text, "Nights with symptoms") || strings.Count(r.Text, "Your week") != 1 {
		t.Errorf("weekly summary: %+v", r)
	}
	stranger := featuretest.New(t)
	stranger.Send("/help") // known, without consent
	if r := decorate(stranger, reminders.Weekly); r.Personal || !strings.Contains(r.Text, "no journal to sum up yet") {
		t.Errorf("weekly reminder without consent: %+v", r)
	}
	if r := decorate(stranger, reminders.Hydration); r.Text != "Reminder" || len(r.Buttons) != 0 {
		t.Errorf("water reminder without consent: %+v", r)
	}
}
