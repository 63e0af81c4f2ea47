package migration_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/calmnights/calmnights/bot/migration"
)

func TestLoad(t *testing.T) {
	ok := fstest.MapFS{
		"m/0002_b.sql": {Data: []byte("B")},
		"m/0001_a.sql": {Data: []byte("A")},
	}
	ms, err := migration.Load(ok, "m")
	if err != nil || len(ms) != 2 || ms[0].Name != "a" || ms[1].SQL != "B" || ms[1].Version != 2 {
		t.Fatalf("%+v, %v", ms, err)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"gap":      {"m/0001_a.sql": {}, "m/0003_c.sql": {}},
		"bad name": {"m/first.sql": {}},
		"zero":     {"m/0000_a.sql": {}},
	} {
		if _, err := migration.Load(fsys, "m"); err == nil || !strings.Contains(err.Error(), "migration") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestMerge(t *testing.T) {
	own := []migration.Migration{{Version: 1, Name: "a"}, {Version: 3, Name: "c"}}
	ms, err := migration.Merge(own, []migration.Migration{{Version: 2, Name: "b"}})
	if err != nil || len(ms) != 3 || ms[1].Name != "b" {
		t.Fatalf("%+v, %v", ms, err)
	}
	if _, err := migration.Merge(own, []migration.Migration{{Version: 3, Name: "again"}}); err == nil {
		t.Fatal("a version taken twice was accepted")
	}
	if _, err := migration.Merge(own); err == nil {
		t.Fatal("a gap was accepted")
	}
}
