package understand

import "testing"

// BenchmarkClassify is the cost of reading one message of the eval (the
// library's matcher and warning signs included), averaged over all of them.
func BenchmarkClassify(b *testing.B) {
	c := New(nil)
	items := append(loadEval(b, "testdata/tuning.yaml"), loadEval(b, "testdata/heldout.yaml")...)
	c.Classify("warm up") // load the tables outside the timer
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c.Classify(items[i%len(items)].Text)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/message")
}
