package understand

import (
	"os"
	"strings"
	"testing"
)

func TestZZScratch(t *testing.T) {
	c := New(nil)
	for _, s := range strings.Split(os.Getenv("ZZ"), "|") {
		in := c.Classify(s)
		t.Logf("%q -> %s %v", s, in.Action, sortedMap(scored(in)))
	}
}
