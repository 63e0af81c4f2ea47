package understand

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/calmnights/calmnights/content/pattern"
	"go.yaml.in/yaml/v3"
)

// Show asks to open one of the bot's screens in words ("show me my
// week", "can I get a report for my doctor"): Values["command"] names
// the command (week, chart, report, journal, reminders, checklist,
// export, help).
const Show Action = "show"

//go:embed navigation.yaml
var navigationYAML []byte

// navEntry is one command of navigation.yaml with its compiled patterns.
type navEntry struct {
	Command  string   `yaml:"command"`
	Patterns []string `yaml:"patterns"`
	res      []*pattern.Rule
}

var (
	navOnce    sync.Once
	navEntries []navEntry
	navErr     error
)

// loadNavigation compiles navigation.yaml once.
func loadNavigation() ([]navEntry, error) {
	navOnce.Do(func() {
		if err := yaml.Unmarshal(navigationYAML, &navEntries); err != nil {
			navErr = fmt.Errorf("navigation.yaml: %w", err)
			return
		}
		for i := range navEntries {
			for _, p := range navEntries[i].Patterns {
				re, err := pattern.Compile(p)
				if err != nil {
					navErr = fmt.Errorf("navigation.yaml: %s: %w", navEntries[i].Command, err)
					return
				}
				navEntries[i].res = append(navEntries[i].res, re)
			}
		}
	})
	return navEntries, navErr
}

// navigation returns the command a normalised message asks to open.
func navigation(t string) (string, bool) {
	entries, err := loadNavigation()
	if err != nil {
		return "", false // TestNavigationLoads reports it
	}
	for _, e := range entries {
		for _, re := range e.res {
			if re.MatchString(t) {
				return e.Command, true
			}
		}
	}
	return "", false
}
