package content

import (
	"regexp"
	"strings"
	"testing"
)

// TestCrisisLinesTable: the countries are in the table, every
// number has the public page it was checked against, and every crisis
// reply (each country's, an unknown country's, none) holds an emergency
// number and a crisis line or the worldwide fallback, and nothing else
// the bot says (no tips, no journal).
func TestCrisisLinesTable(t *testing.T) {
	lib := Default()
	cl := lib.CrisisLines
	url := regexp.MustCompile(`^https?://[^\s/]+\.[a-z]{2,}(/\S*)?$`)
	for _, want := range []string{"US", "CA", "GB", "IE", "AU", "DE", "ES", "PT", "BR", "RU"} {
		if _, ok := cl.For(want); !ok {
			t.Errorf("no crisis lines for %s", want)
		}
	}
	if !url.MatchString(cl.Fallback.URL) || !url.MatchString(cl.Fallback.Source) {
		t.Errorf("fallback %+v", cl.Fallback)
	}
	var countries []string
	for _, c := range cl.Countries {
		countries = append(countries, c.Country)
		if !url.MatchString(c.EmergencySource) {
			t.Errorf("%s: emergency number %s has no source page (%q)", c.Country, c.Emergency, c.EmergencySource)
		}
		for _, l := range c.Lines {
			if !url.MatchString(l.Source) {
				t.Errorf("%s: %s has no source page (%q)", c.Country, l.Name, l.Source)
			}
			if !regexp.MustCompile(`\d`).MatchString(l.Contact) {
				t.Errorf("%s: %s has no number: %q", c.Country, l.Name, l.Contact)
			}
		}
	}
	for _, country := range append(countries, "", "ZZ", "jp") {
		reply := lib.CrisisReply(country)
		c, known := cl.For(country)
		switch {
		case known && !strings.Contains(reply, "**"+c.Emergency+"**"):
			t.Errorf("%q: reply lacks the emergency number %s", country, c.Emergency)
		case known && !strings.Contains(reply, c.Lines[0].Contact):
			t.Errorf("%q: reply lacks the crisis line %s", country, c.Lines[0].Contact)
		case !known && (!strings.Contains(reply, "**112**") || !strings.Contains(reply, cl.Fallback.URL)):
			t.Errorf("%q: reply lacks the common emergency numbers or the fallback:\n%s", country, reply)
		}
		for _, want := range []string{"not alone", "someone you trust"} {
			if !strings.Contains(reply, want) {
				t.Errorf("%q: reply lacks %q", country, want)
			}
		}
		for _, not := range []string{"/log", "/tips", "stretch", "magnesium", "journal"} {
			if strings.Contains(reply, not) {
				t.Errorf("%q: the crisis reply carries %q", country, not)
			}
		}
	}
}
