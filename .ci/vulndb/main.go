// Command vulndb builds a Go vulnerability database in govulncheck's v1
// layout (index/db.json, index/modules.json, index/vulns.json, ID/*.json)
// from the OSV files of the golang.org/x/vulndb module (data/osv), so CI
// can run govulncheck -db file://... with what the module proxy serves and
// no access to vuln.go.dev.
//
//	go run ./.ci/vulndb -src "$(go mod download -json golang.org/x/vulndb@latest | jq -r .Dir)" -out /tmp/vulndb
//
// The index leaves out each module's "fixed" version: it is an optional
// shortcut for the client, which then reads every entry of a module it
// uses and decides from the entry's own ranges.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// entry is the part of an OSV entry the index needs.
type entry struct {
	ID        string    `json:"id"`
	Modified  time.Time `json:"modified"`
	Published time.Time `json:"published"`
	Withdrawn time.Time `json:"withdrawn"`
	Aliases   []string  `json:"aliases"`
	Affected  []struct {
		Package struct {
			Name      string `json:"name"`
			Ecosystem string `json:"ecosystem"`
		} `json:"package"`
	} `json:"affected"`
}

type moduleVuln struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
}

type module struct {
	Path  string       `json:"path"`
	Vulns []moduleVuln `json:"vulns"`
}

type vuln struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
	Aliases  []string  `json:"aliases,omitempty"`
}

func main() {
	src := flag.String("src", "", "the golang.org/x/vulndb module's directory (go mod download -json)")
	out := flag.String("out", "", "directory to write the database to")
	flag.Parse()
	if *src == "" || *out == "" {
		log.Fatal("usage: vulndb -src DIR -out DIR")
	}
	n, err := build(filepath.Join(*src, "data", "osv"), *out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("vulndb: %d entries written to %s\n", n, *out)
}

// build reads every OSV file in osvDir and writes the database to out.
func build(osvDir, out string) (int, error) {
	files, err := filepath.Glob(filepath.Join(osvDir, "GO-*.json"))
	if err != nil || len(files) == 0 {
		return 0, fmt.Errorf("no OSV files in %s (%v)", osvDir, err)
	}
	for _, d := range []string{"index", "ID"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return 0, fmt.Errorf("make %s: %w", d, err)
		}
	}
	var (
		latest  time.Time
		modules = map[string]*module{}
		vulns   []vuln
	)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return 0, fmt.Errorf("read %s: %w", f, err)
		}
		var e entry
		if err := json.Unmarshal(raw, &e); err != nil {
			return 0, fmt.Errorf("parse %s: %w", f, err)
		}
		if e.ID == "" || e.ID+".json" != filepath.Base(f) {
			return 0, fmt.Errorf("%s: id %q does not match the file name", f, e.ID)
		}
		// The repository's files carry a zero "modified" (it is filled in
		// when vuln.go.dev publishes); use the latest date the entry has.
		mod := e.Modified
		for _, t := range []time.Time{e.Published, e.Withdrawn} {
			if t.After(mod) {
				mod = t
			}
		}
		if mod.After(latest) {
			latest = mod
		}
		seen := map[string]bool{}
		for _, a := range e.Affected {
			p := a.Package.Name
			if p == "" || seen[p] || (a.Package.Ecosystem != "" && a.Package.Ecosystem != "Go") {
				continue
			}
			seen[p] = true
			m := modules[p]
			if m == nil {
				m = &module{Path: p}
				modules[p] = m
			}
			m.Vulns = append(m.Vulns, moduleVuln{ID: e.ID, Modified: mod})
		}
		vulns = append(vulns, vuln{ID: e.ID, Modified: mod, Aliases: e.Aliases})
		if err := os.WriteFile(filepath.Join(out, "ID", e.ID+".json"), raw, 0o644); err != nil {
			return 0, fmt.Errorf("write %s: %w", e.ID, err)
		}
	}
	var mods []*module
	for _, m := range modules {
		sort.Slice(m.Vulns, func(i, j int) bool { return m.Vulns[i].ID < m.Vulns[j].ID })
		mods = append(mods, m)
	}
	sort.Slice(mods, func(i, j int) bool { return strings.Compare(mods[i].Path, mods[j].Path) < 0 })
	sort.Slice(vulns, func(i, j int) bool { return vulns[i].ID < vulns[j].ID })
	for name, v := range map[string]any{
		"db.json": struct {
			Modified time.Time `json:"modified"`
		}{latest},
		"modules.json": mods,
		"vulns.json":   vulns,
	} {
		b, err := json.Marshal(v)
		if err != nil {
			return 0, fmt.Errorf("encode %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(out, "index", name), b, 0o644); err != nil {
			return 0, fmt.Errorf("write %s: %w", name, err)
		}
	}
	return len(files), nil
}
