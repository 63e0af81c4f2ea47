package help_test

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// /help lists every registered command, with its arguments, generated
// from the Router: a new feature's command appears without an edit here.
func TestHelpListsEveryCommand(t *testing.T) {
	h := featuretest.New(t)
	out := featuretest.Text(h.Send("/help"))
	cmds := h.Bot.Router().Commands()
	if len(cmds) < 20 {
		t.Fatalf("%d commands registered", len(cmds))
	}
	for _, c := range cmds {
		if !strings.Contains(out, "/"+c.Name) || !strings.Contains(out, c.Description) {
			t.Errorf("/help lacks /%s: %s", c.Name, c.Description)
		}
	}
	for _, want := range []string{"/stress [1-5]", "/remind <kind>", "Or just write in plain words"} {
		if !strings.Contains(out, want) {
			t.Errorf("/help lacks %q", want)
		}
	}
}
