package assistant_test

import (
	"os"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// BenchmarkClassifyAndAnswer is one message in plain words through the
// whole core on a real SQLite file: load the user and conversation,
// classify, answer or propose (writing the pending confirmation).
func BenchmarkClassifyAndAnswer(b *testing.B) {
	h := featuretest.Consented(b)
	var items []evalItem
	for _, f := range []string{"../understand/testdata/tuning.yaml", "../understand/testdata/heldout.yaml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var part []evalItem
		if err := yaml.Unmarshal(data, &part); err != nil {
			b.Fatal(err)
		}
		items = append(items, part...)
	}
	h.Send("hello")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		h.Send(items[i%len(items)].Text)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/message")
}
