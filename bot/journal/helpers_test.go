package journal_test

import (
	"context"
	"time"

	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/journal"
	"github.com/calmnights/calmnights/reminders"
)

var ctx = context.Background()

// harness is featuretest.Harness under the short name these tests use.
type harness = featuretest.Harness

// Helpers of package featuretest, under the short names these tests use.
var (
	newHarness  = featuretest.New
	consented   = featuretest.Consented
	text        = featuretest.Text
	payloads    = featuretest.Payloads
	mustContain = featuretest.MustContain
	fixedNow    = featuretest.FixedNow
)

// decorator is the journal as the reminder scheduler sees it.
func decorator(h *harness) reminders.Decorator {
	return journal.New(journal.Options{Store: h.Store, Now: func() time.Time { return fixedNow }})
}
