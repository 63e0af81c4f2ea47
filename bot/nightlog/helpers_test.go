package nightlog_test

import (
	"context"
	"time"

	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/nightlog"
	"github.com/calmnights/calmnights/reminders"
)

var ctx = context.Background()

// decorator is the journal as a reminders.Decorator (the water and
// morning reminders; features.Decorator adds the weekly one).
func decorator(h *featuretest.Harness) reminders.Decorator {
	return nightlog.New(nightlog.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
}
