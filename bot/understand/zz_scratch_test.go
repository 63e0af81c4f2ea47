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

func TestZZNorm(t *testing.T) {
	for _, s := range strings.Split(os.Getenv("ZZ"), "|") {
		t.Logf("%q -> %q", s, normalize(s))
	}
}

func TestZZRem(t *testing.T) {
	for _, s := range strings.Split(os.Getenv("ZZ"), "|") {
		v := map[string]string{}
		n := normalize(s)
		a, ok := reminderRequest(n, v)
		t.Logf("%q -> %v %v %v kind=%q q=%v req=%v", s, a, ok, v, kindIn(n), isQuestion(n), isRequestForm(n))
	}
}

func TestZZPlace(t *testing.T) {
	for _, s := range strings.Split(os.Getenv("ZZ"), "|") {
		n := normalize(s)
		for _, p := range placeLeads {
			if i := strings.Index(n, p); i >= 0 {
				c := cleanPlace(n[i+len(p):])
				t.Logf("%q lead %q clean %q resolving %q", s, p, c, resolvingPlace(c, n[i+len(p):]))
			}
		}
	}
}
