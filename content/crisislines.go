package content

import (
	"fmt"
	"io/fs"
	"strings"
)

// HelpLine is one crisis line of a country, with the public page its
// number was checked against.
type HelpLine struct {
	Name    string `yaml:"name"`
	Contact string `yaml:"contact"` // "call or text 988", as dialled in the country
	// Local is Contact in the country's languages, by code ("es": "llama
	// al 024 (gratis)"), for replies in that language.
	Local   map[string]string `yaml:"local"`
	Hours   string            `yaml:"hours"`
	Source  string            `yaml:"source"`
	Checked bool              `yaml:"checked"`
}

// CountryLines is a country's emergency number and its crisis lines.
type CountryLines struct {
	Country         string     `yaml:"country"` // ISO 3166 alpha-2: "GB"
	Name            string     `yaml:"name"`
	Emergency       string     `yaml:"emergency"`
	EmergencySource string     `yaml:"emergency_source"`
	Lines           []HelpLine `yaml:"lines"`
}

// Fallback is the worldwide directory of crisis lines.
type Fallback struct {
	Name   string `yaml:"name"`
	URL    string `yaml:"url"`
	Source string `yaml:"source"`
}

// CrisisLines is crisislines.yaml: every country's numbers, and the
// worldwide fallback for the others.
type CrisisLines struct {
	Fallback  Fallback       `yaml:"fallback"`
	Countries []CountryLines `yaml:"countries"`
}

func loadCrisisLines(fsys fs.FS) (CrisisLines, error) {
	var cl CrisisLines
	if err := readYAML(fsys, "crisislines.yaml", &cl); err != nil {
		return cl, err
	}
	if cl.Fallback.URL == "" || cl.Fallback.Source == "" {
		return cl, fmt.Errorf("crisislines.yaml: the fallback needs a url and a source")
	}
	seen := map[string]bool{}
	for _, c := range cl.Countries {
		switch {
		case len(c.Country) != 2 || strings.ToUpper(c.Country) != c.Country || seen[c.Country]:
			return cl, fmt.Errorf("crisislines.yaml: bad or repeated country %q", c.Country)
		case c.Emergency == "" || c.EmergencySource == "":
			return cl, fmt.Errorf("crisislines.yaml: %s needs an emergency number and its source", c.Country)
		case len(c.Lines) == 0:
			return cl, fmt.Errorf("crisislines.yaml: %s needs a crisis line", c.Country)
		}
		for _, l := range c.Lines {
			if l.Name == "" || l.Contact == "" || l.Source == "" {
				return cl, fmt.Errorf("crisislines.yaml: %s: every line needs a name, a contact and a source", c.Country)
			}
		}
		seen[c.Country] = true
	}
	return cl, nil
}

// For returns the numbers of a country (ISO 3166 alpha-2, any case).
func (cl CrisisLines) For(country string) (CountryLines, bool) {
	country = strings.ToUpper(country)
	for _, c := range cl.Countries {
		if c.Country == country {
			return c, true
		}
	}
	return CountryLines{}, false
}

// CrisisReply is the answer to a crisis statement: short and warm, that
// they are not alone, the emergency number and a crisis line of their
// country (country is ISO 3166 alpha-2; "" or an unknown one gives the
// common emergency numbers and the worldwide directory), and an
// invitation to reach someone they trust now. Nothing else: no tips, no
// journal.
func (l *Library) CrisisReply(country string) string {
	return l.CrisisReplyIn("en", country)
}
