package bot

import "time"

// Observer is told what the bot does, for metrics. Its methods must be
// cheap and safe for concurrent use; a nil Observer observes nothing.
type Observer interface {
	// Received counts an update from a platform, and who sent it.
	Received(platform, userID string)
	// Handled records how long the core took for one update, by route
	// ("/help", "button ck", "text"), and whether it failed inside.
	Handled(platform, route string, took time.Duration, failed bool)
	// Sent counts a reply or message sent to a platform, or failed.
	Sent(platform string, err error)
	// Waited records time spent waiting for a platform's rate limits.
	Waited(platform string, d time.Duration)
}

// NopObserver observes nothing.
type NopObserver struct{}

// Received does nothing.
func (NopObserver) Received(string, string) {}

// Handled does nothing.
func (NopObserver) Handled(string, string, time.Duration, bool) {}

// Sent does nothing.
func (NopObserver) Sent(string, error) {}

// Waited does nothing.
func (NopObserver) Waited(string, time.Duration) {}
