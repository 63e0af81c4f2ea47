package telegram_test

import (
	"testing"

	"github.com/calmnights/calmnights/bot/delivery/deliverytest"
)

// TestMain lets the waiting tests overlap: each starts the real client
// library against its own fake and spends most of its time waiting.
func TestMain(m *testing.M) { deliverytest.RunWaiting(m, 6) }
