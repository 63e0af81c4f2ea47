package privacy_test

import (
	"context"
	"testing"

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

func TestPrivacyAndWithdraw(t *testing.T) {
	h := newHarness(t)
	out := h.Send("/privacy")
	mustContain(t, out, "What I store", "not given")
	if got := payloads(out); len(got) != 1 || got[0] != "start/yes" {
		t.Fatalf("buttons = %v", got)
	}
	h.Press("start/yes")
	out = h.Send("/privacy")
	mustContain(t, out, "given on 25 Nov 2026")
	if !out[0].Personal {
		t.Error("privacy reply with consent state is not marked personal")
	}
	mustContain(t, h.Press("privacy/withdraw"), "withdrawn")
	if h.User().Consented() {
		t.Fatal("consent still recorded after withdrawal")
	}
}
