package features

import (
	"testing"

	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// TestCommandOrderNamesEveryCommand keeps commandOrder complete, so that
// a new command gets a chosen place in /help and the menus.
func TestCommandOrderNamesEveryCommand(t *testing.T) {
	cmds := New(Options{Store: sqlitetest.Open(t)}).Router().Commands()
	if len(cmds) != len(commandOrder) {
		t.Fatalf("%d commands registered, %d in commandOrder", len(cmds), len(commandOrder))
	}
	for i, c := range cmds {
		if c.Name != commandOrder[i] {
			t.Fatalf("command %d is /%s, want /%s", i, c.Name, commandOrder[i])
		}
	}
}
