//go:build !race

package deliverytest

// raceDetector is off.
const raceDetector = false
