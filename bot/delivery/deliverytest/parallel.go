package deliverytest

import (
	"flag"
	"os"
	"strconv"
	"testing"
)

// WaitingTests raises how many parallel tests run at once to n, unless
// -test.parallel was given. It is for a TestMain whose package's tests
// mostly wait rather than compute: on a fake API's quiet window, or on a
// client library's close handshake (discordgo waits a second for the
// server to close its gateway). By default only GOMAXPROCS run at once,
// so on a two-core machine those waits run two by two. Under the race
// detector, whose tests compute several times longer, it changes nothing.
func WaitingTests(n int) {
	if raceDetector {
		return
	}
	if f := flag.Lookup("test.parallel"); f != nil {
		_ = f.Value.Set(strconv.Itoa(n)) // an int flag takes any decimal; the command line still wins
	}
}

// RunWaiting is the TestMain of such a package: WaitingTests(n), then
// its tests.
func RunWaiting(m *testing.M, n int) {
	WaitingTests(n)
	os.Exit(m.Run())
}
