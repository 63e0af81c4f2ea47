package places

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		place string
		want  []string
	}{
		{"madrid", []string{"Europe/Madrid"}},
		{"Madrid ", []string{"Europe/Madrid"}},
		{"new york", []string{"America/New_York"}},
		{"Germany", []string{"Europe/Berlin"}},
		{"barcelona", []string{"Europe/Madrid"}},
		{"spain", []string{"Europe/Madrid", "Atlantic/Canary"}},
		{"narnia", nil},
		{"", nil},
	} {
		if got := Lookup(tc.place); !slices.Equal(got, tc.want) {
			t.Errorf("Lookup(%q) = %v, want %v", tc.place, got, tc.want)
		}
	}
	us := Lookup("usa")
	if len(us) < 4 || len(us) > maxChoices || us[0] != "America/New_York" {
		t.Errorf("Lookup(usa) = %v, want a short pick-list starting with New York", us)
	}
}

func TestNearest(t *testing.T) {
	for _, tc := range []struct {
		lat, lon float64
		want     string
	}{
		{52.52, 13.40, "Europe/Berlin"}, // Berlin
		{40.42, -3.70, "Europe/Madrid"}, // Madrid
		{35.68, 139.69, "Asia/Tokyo"},   // Tokyo
		{-33.87, 151.21, "Australia/Sydney"},
		{91, 0, ""},
	} {
		if got := Nearest(tc.lat, tc.lon); got != tc.want {
			t.Errorf("Nearest(%v, %v) = %q, want %q", tc.lat, tc.lon, got, tc.want)
		}
	}
}

// TestNearestNearBorder: near a border the nearest principal city may be
// across it (Munich is closer to Vaduz than to Berlin); the clock must
// still be the same.
func TestNearestNearBorder(t *testing.T) {
	got := Nearest(48.14, 11.58) // Munich
	a, _ := time.LoadLocation(got)
	b, _ := time.LoadLocation("Europe/Berlin")
	for _, at := range []time.Time{time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)} {
		_, x := at.In(a).Zone()
		_, y := at.In(b).Zone()
		if x != y {
			t.Errorf("Munich -> %s, whose offset %d differs from Berlin's %d", got, x, y)
		}
	}
}

// zonesOf lists the zones of places.
func zonesOf(ps []Place) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Zone)
	}
	return out
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		place string
		want  []string // the zones of the choices, in order
	}{
		{"Lisbon", []string{"Europe/Lisbon"}},
		{"Bristol", []string{"Europe/London", "America/New_York"}}, // and Connecticut's, of 60,000
		{"I'm in Lisbon", []string{"Europe/Lisbon"}},
		{"I’m in Lisbon!", []string{"Europe/Lisbon"}},
		{"I live in Bristol", []string{"Europe/London", "America/New_York"}},
		{"I live near Bristol, England, thanks", []string{"Europe/London"}},
		{"i'm based in lisbon now", []string{"Europe/Lisbon"}},
		{"from Lisbon", []string{"Europe/Lisbon"}},
		{"Portland", []string{"America/Los_Angeles", "America/New_York"}},
		{"Portland, Oregon", []string{"America/Los_Angeles"}},
		{"Portland OR", []string{"America/Los_Angeles"}},
		{"Portland, Ore.", []string{"America/Los_Angeles"}},
		{"portland maine", []string{"America/New_York"}},
		{"Portland in Maine", []string{"America/New_York"}},
		{"Portland, Victoria", []string{"Australia/Melbourne"}},
		{"Córdoba", []string{"America/Argentina/Cordoba", "Europe/Madrid", "America/Mexico_City"}},
		{"cordoba", []string{"America/Argentina/Cordoba", "Europe/Madrid", "America/Mexico_City"}},
		{"Cordoba Spain", []string{"Europe/Madrid"}},
		{"Córdoba, Argentina", []string{"America/Argentina/Cordoba"}},
		{"Bristol UK", []string{"Europe/London"}},
		{"Bristol, England", []string{"Europe/London"}},
		{"Bristol, VA", []string{"America/New_York"}},
		{"London, Ontario", []string{"America/Toronto"}},
		{"the UK", []string{"Europe/London"}},
		{"Scotland", []string{"Europe/London"}},
		{"Oregon", []string{"America/Los_Angeles"}},
		{"Eastern", []string{"America/New_York"}},
		{"west coast", []string{"America/Los_Angeles"}},
		{"England, UK", []string{"Europe/London"}},
		{"same as London", []string{"Europe/London"}},
		{"São Paulo", []string{"America/Sao_Paulo"}},
		{"Zurich", []string{"Europe/Zurich"}},
		{"kiev", []string{"Europe/Kyiv"}},
		{"I live in the city of Mexico City", []string{"America/Mexico_City"}},
		{"Barcelona", []string{"Europe/Madrid"}}, // Venezuela's is dwarfed
		{"narnia", nil},
		{"skip", nil},
		{"later", nil},
		{"why do my legs jump at night?", nil},
		{"", nil},
	} {
		if got := zonesOf(Find(tc.place)); !slices.Equal(got, tc.want) {
			t.Errorf("Find(%q) = %v, want %v", tc.place, got, tc.want)
		}
	}
}

// TestGeoNamesCities: the GeoNames cities city-timezones lacks are found
// (Garden Grove, towns of Bavaria, parts of Berlin), in the zones of
// today, and under their local and other languages' names.
func TestGeoNamesCities(t *testing.T) {
	la, berlin := []string{"America/Los_Angeles"}, []string{"Europe/Berlin"}
	for _, tc := range []struct {
		place string
		want  []string
	}{
		{"I live in Garden Grove California", la}, // 170,000 people
		{"Garden Grove", la},
		{"Garden Grove, CA", la},
		{"Sonthofen", berlin}, // 21,000 people in the Allgäu
		{"I live in Kaufbeuren", berlin},
		{"Kempten", berlin},   // "Kempten (Allgäu)"
		{"Kreuzberg", berlin}, // a part of Berlin
		{"Halle", berlin},     // Halle (Saale), not Belgium's smaller Halle
		{"Múnich", berlin},
		{"Munique", berlin},
		{"Мюнхен", berlin},
		{"vivo en Múnich", berlin},
		{"Lisboa", []string{"Europe/Lisbon"}},
		{"Moro em Lisboa", []string{"Europe/Lisbon"}},
		{"Privolzhskiy", []string{"Europe/Saratov"}}, // GeoNames' zone of 2013 was Volgograd's
		{"Znamensk, Astrakhan'", []string{"Europe/Astrakhan"}},
		{"Lhasa", []string{"Asia/Shanghai"}}, // not Xinjiang time
		{"Zhanjiang", []string{"Asia/Shanghai"}},
	} {
		if got := zonesOf(Find(tc.place)); !slices.Equal(got, tc.want) {
			t.Errorf("Find(%q) = %v, want %v", tc.place, got, tc.want)
		}
	}
	for _, q := range []string{"Portland", "Córdoba", "Bristol"} {
		if ps := Find(q); len(Zones(ps)) < 2 {
			t.Errorf("Find(%q) = %v, want a pick-list", q, ps)
		}
	}
}

// TestCommonWordsAreNoPlace: a word that is also a town's name or another
// language's name of a city is no place alone ("Best", "Normal", "Graça"
// for Graz), though the town is, narrowed ("Best, Netherlands"), and
// Suggest offers it.
func TestCommonWordsAreNoPlace(t *testing.T) {
	for _, q := range []string{"Best", "normal", "Spring", "Mission", "Union", "Mitte", "Graça", "gracas", "dort",
		"gerne", "Tiro", "lama", "praga", "ровно", "таракан", "bed", "sleep", "I'm in bed", "I'm in pain", "in the city"} {
		if ps := Find(q); ps != nil {
			t.Errorf("Find(%q) = %v, want no place", q, ps)
		}
	}
	for _, tc := range []struct{ place, want string }{
		{"Best, Netherlands", "Europe/Amsterdam"},
		{"Best in Noord-Brabant", "Europe/Amsterdam"},
		{"Normal, Illinois", "America/Chicago"},
		{"Spring TX", "America/Chicago"},
	} {
		if got := zonesOf(Find(tc.place)); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("Find(%q) = %v, want %s", tc.place, got, tc.want)
		}
	}
	for _, tc := range []struct{ place, want string }{{"Normal", "America/Chicago"}, {"Best", "Europe/Amsterdam"}} {
		if got := zonesOf(Suggest(tc.place)); len(got) == 0 || got[0] != tc.want {
			t.Errorf("Suggest(%q) = %v, want %s first", tc.place, got, tc.want)
		}
	}
}

// TestCitiesFile checks cities.tsv.gz's other names as readCities takes
// them: folded as Normalize writes them, none a city's own name twice.
func TestCitiesFile(t *testing.T) {
	x := load()
	n := 0
	for key, rows := range x.byName {
		if Normalize(key) != key {
			t.Errorf("name %q is not folded (%q)", key, Normalize(key))
		}
		for i, r := range rows {
			if slices.Contains(rows[:i], r) {
				t.Errorf("%q lists %s twice", key, x.cities[r].name)
			}
		}
		n++
	}
	if len(x.cities) < 20000 || n < 40000 {
		t.Errorf("%d cities, %d names: GeoNames' are missing", len(x.cities), n)
	}
}

func TestFindNamesEachChoice(t *testing.T) {
	ps := Find("Portland")
	if len(ps) != 2 || ps[0].String() != "Portland, Oregon, United States" || ps[1].String() != "Portland, Maine, United States" {
		t.Fatalf("Find(Portland) = %v", ps)
	}
	if ps[0].CountryCode != "US" || ps[0].Province != "Oregon" || ps[0].Population < ps[1].Population {
		t.Errorf("Portland, Oregon = %+v", ps[0])
	}
	cs := Find("Córdoba")
	if len(cs) < 2 || cs[0].Country != "Argentina" || cs[1].Country != "Spain" {
		t.Errorf("Find(Córdoba) = %v, want Argentina's then Spain's first", cs)
	}
	if got := Find("Bristol")[0].String(); got != "Bristol, United Kingdom" {
		t.Errorf("Bristol is named %q", got)
	}
}

func TestFindCountryWithSeveralZones(t *testing.T) {
	for _, q := range []string{"the US", "USA", "I live in the US", "United States"} {
		ps := Find(q)
		zs := Zones(ps)
		if len(ps) < 4 || len(ps) > maxChoices || len(zs) != len(ps) || ps[0].Zone != "America/New_York" {
			t.Errorf("Find(%q) = %v, want a pick-list of distinct zones starting with New York", q, ps)
		}
		if !slices.Contains(zs, "America/Denver") || !slices.Contains(zs, "America/Los_Angeles") {
			t.Errorf("Find(%q) lacks Denver or Los Angeles: %v", q, zs)
		}
	}
	au := Zones(Find("Australia"))
	if len(au) < 3 || au[0] != "Australia/Sydney" || !slices.Contains(au, "Australia/Perth") {
		t.Errorf("Find(Australia) = %v", au)
	}
}

func TestChoose(t *testing.T) {
	portland, cordoba := Find("Portland"), Find("Córdoba")
	for _, tc := range []struct {
		choices []Place
		reply   string
		want    []string
	}{
		{portland, "Maine", []string{"America/New_York"}},
		{portland, "Oregon please", []string{"America/Los_Angeles"}},
		{portland, "OR", []string{"America/Los_Angeles"}},
		{portland, "2", []string{"America/New_York"}},
		{portland, "the first one", []string{"America/Los_Angeles"}},
		{portland, "last", []string{"America/New_York"}},
		{portland, "Portland, Maine", []string{"America/New_York"}},
		{portland, "the one in Maine", []string{"America/New_York"}},
		{portland, "New York", []string{"America/New_York"}}, // the zone's city
		{portland, "USA", nil},                               // fits both: no choice
		{Find("Springfield"), "Illinois", []string{"America/Chicago"}},
		{Find("Springfield"), "central", nil},
		{portland, "Lisbon", nil},
		{portland, "7", nil},
		{cordoba, "Spain", []string{"Europe/Madrid"}},
		{cordoba, "in Argentina", []string{"America/Argentina/Cordoba"}},
		{nil, "1", nil},
	} {
		if got := zonesOf(Choose(tc.choices, tc.reply)); !slices.Equal(got, tc.want) {
			t.Errorf("Choose(%v, %q) = %v, want %v", tc.choices, tc.reply, got, tc.want)
		}
	}
}

// TestFindSurvivesTypos: misspelt and odd input never panics, and a
// word that is no place finds nothing.
func TestFindSurvivesTypos(t *testing.T) {
	odd := []string{"lisbn", "Bristl", "Portlnad", "cordobaa", ",,,", "(((", "the", "the the", "in in in", "I live in", "I'm in",
		"Portland,", ", Oregon", "Portland, , Oregon", "Portland Oregon Maine", "🙂", "İİİ", "\u0301", "a/b/c", "the one in", "1",
		strings.Repeat("x ", 500), strings.Repeat("new york ", 50), "Portland, " + strings.Repeat("Oregon ", 30)}
	for _, name := range Names()[:300] {
		if len(name) > 3 {
			odd = append(odd, name[1:], name[:len(name)-1], name[1:]+name[:1])
		}
	}
	for _, s := range odd {
		ps := Find(s)
		if len(ps) > maxChoices {
			t.Errorf("Find(%q) gave %d choices", s, len(ps))
		}
		Choose(Find("Portland"), s)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"I'm in Lisbon", "Portland, OR", "Córdoba Spain", "the US", "🙂", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ps := Find(s); len(ps) > maxChoices {
			t.Errorf("Find(%q) gave %d choices", s, len(ps))
		}
		Choose(Find("Portland"), s)
	})
}

// TestNamesFile checks names.txt against the data: every other name of a
// city finds it, every time zone loads, every state named has cities.
func TestNamesFile(t *testing.T) {
	x := load()
	sections, err := readSections(namesTxt)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range sections["city"] {
		f := strings.Split(l, "\t")
		if ps := Find(f[0]); len(ps) == 0 || ps[0].CountryCode != f[2] {
			t.Errorf("[city] %q finds %v", l, ps)
		}
	}
	for _, l := range sections["time"] {
		_, z, _ := strings.Cut(l, "\t")
		if _, err := time.LoadLocation(z); err != nil || Country(z) == "" {
			t.Errorf("[time] %q: %v", l, err)
		}
	}
	for _, l := range sections["province abbreviation"] {
		f := strings.Split(l, "\t")
		if len(x.byProvinceIn(Normalize(f[1]), f[0])) == 0 {
			t.Errorf("[province abbreviation] %q: no city in that province", l)
		}
	}
	for _, l := range sections["country"] {
		_, code, _ := strings.Cut(l, "\t")
		if x.countryName[code] == "" || len(x.ccRows[code]) == 0 {
			t.Errorf("[country] %q: no such country or no city in it", l)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Córdoba": "cordoba", "São Paulo": "sao paulo", "Kraków": "krakow", "The Hague": "hague", "St. John's": "st johns",
		"Saint-Étienne": "st etienne", "Washington, D.C.": "washington dc", "İstanbul": "istanbul", "  New   York ": "new york",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkLoad measures building the index from the embedded files, as
// the first Find does.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := build(parseZoneTab(zoneTab), isoTab, citiesGz, namesTxt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/load")
	b.ReportMetric(float64(len(citiesGz))/1024, "KB-embedded")
}

// BenchmarkFind measures one look-up, over a mix of what people type.
func BenchmarkFind(b *testing.B) {
	qs := []string{"I'm in Lisbon", "I live in Bristol", "Portland", "Portland, Oregon", "the US", "Córdoba Spain", "narnia", "why do my legs jump at night?"}
	load()
	n := 0
	for b.Loop() {
		Find(qs[n%len(qs)])
		n++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1000/float64(b.N), "µs/find")
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		place string
		want  []string
	}{
		{"Lisbn", []string{"Europe/Lisbon"}},
		{"I live in Bristl, UK", []string{"Europe/London"}},
		{"Portlnad, Oregon", []string{"America/Los_Angeles"}},
		{"Philadelpia", []string{"America/New_York"}},
		{"Germny", []string{"Europe/Berlin"}},
		{"Lisbon", nil}, // Find knows it
		{"later", nil},  // not Latur
		{"hello", nil},
		{"xanadu", nil},
		{"South America", nil},
		{"why do my legs jump at night", nil},
	} {
		if got := zonesOf(Suggest(tc.place)); !slices.Equal(got, tc.want) {
			t.Errorf("Suggest(%q) = %v, want %v", tc.place, got, tc.want)
		}
	}
}

// BenchmarkSuggest measures a misspelt name, the slowest path: every
// known name is compared with it.
func BenchmarkSuggest(b *testing.B) {
	load()
	for b.Loop() {
		Suggest("Portlnad, Oregon")
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/suggest")
}
