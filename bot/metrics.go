package bot

import (
	"strings"
	"time"
)

// RouteLabel returns route as it is when it names something r routes to: a
// registered command ("/help"), a registered button prefix ("button ck")
// or free text ("text"). Anything else (an unknown command, a stale or
// forged button) becomes RouteUnknown, so no user text reaches a metrics
// label and the number of series stays bounded. A nil r knows only "text".
// r must not be registering routes at the same time.
func RouteLabel(r *Router, route string) string {
	switch {
	case route == "text":
		return route
	case r == nil:
		return RouteUnknown
	case strings.HasPrefix(route, "/"):
		if _, ok := r.Lookup(route[1:]); ok {
			return route
		}
	case strings.HasPrefix(route, "button "):
		if r.HasButton(strings.TrimPrefix(route, "button ")) {
			return route
		}
	}
	return RouteUnknown
}

// Metrics is told what the bot does, for metrics. Its methods must be
// cheap and safe for concurrent use; a nil Metrics observes nothing.
type Metrics interface {
	// Received counts an update from a platform, and who sent it.
	Received(platform, userID string)
	// Handled records how long the core took for one update, by route
	// ("/help", "button ck", "text"), and whether it failed inside. The
	// route is built from what arrived, so an unknown command or a forged
	// button carries user text: pass it through RouteLabel before using it
	// as a metrics label.
	Handled(platform, route string, took time.Duration, failed bool)
	// Sent counts a reply or message sent to a platform, or failed.
	Sent(platform string, err error)
	// Waited records time spent waiting for a platform's rate limits.
	Waited(platform string, d time.Duration)
}

// NopMetrics observes nothing.
type NopMetrics struct{}

// Received does nothing.
func (NopMetrics) Received(string, string) {}

// Handled does nothing.
func (NopMetrics) Handled(string, string, time.Duration, bool) {}

// Sent does nothing.
func (NopMetrics) Sent(string, error) {}

// Waited does nothing.
func (NopMetrics) Waited(string, time.Duration) {}
