//go:build !race

package telegram_test

// raceEnabled is true when the tests run with -race.
const raceEnabled = false
