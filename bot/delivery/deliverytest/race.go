//go:build race

package deliverytest

// raceDetector is on: every test runs several times slower, and tests
// that overlap their waits would crowd the machine past their deadlines.
const raceDetector = true
