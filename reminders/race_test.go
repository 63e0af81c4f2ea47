//go:build race

package reminders_test

// raceEnabled is true when the tests run with -race.
const raceEnabled = true
