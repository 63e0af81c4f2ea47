package insights_test

import "os"

// benchNights is how many nights of data each benchmark user has: a year.
const benchNights = 365

// dbSizeMB is the size of a benchmark database with its WAL, in MB.
func dbSizeMB(path string) float64 {
	var total int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			total += fi.Size()
		}
	}
	return float64(total) / (1 << 20)
}
