package checklist_test

import (
	"context"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

var ctx = context.Background()

// The harness of package featuretest, under the short names these tests use.
type harness = featuretest.Harness

var (
	newHarness  = featuretest.New
	consented   = featuretest.Consented
	text        = featuretest.Text
	payloads    = featuretest.Payloads
	mustContain = featuretest.MustContain
	fixedNow    = featuretest.FixedNow
)
