package library_test

import (
	"context"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

var ctx = context.Background()

// Helpers of package featuretest, under the short names these tests use.
var (
	newHarness  = featuretest.New
	text        = featuretest.Text
	payloads    = featuretest.Payloads
	mustContain = featuretest.MustContain
)
