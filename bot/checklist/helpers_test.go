package checklist_test

import (
	"context"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

var ctx = context.Background()

// harness is featuretest.Harness under the short name these tests use.
type harness = featuretest.Harness

// Helpers of package featuretest, under the short names these tests use.
var (
	newHarness  = featuretest.New
	text        = featuretest.Text
	payloads    = featuretest.Payloads
	mustContain = featuretest.MustContain
)
