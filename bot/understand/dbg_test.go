package understand

import (
	"os"
	"strings"
	"testing"
)

func TestDbgClassify(t *testing.T) {
	c := New(nil)
	for _, s := range strings.Split(os.Getenv("MSGS"), "|") {
		in := c.Classify(s)
		t.Logf("%q -> %s %v   norm=%q", s, in.Action, in.Values, normalize(s))
	}
}
