// Package places turns a place into an IANA time zone, offline: a city or
// country name as people type it ("madrid", "new york", "germany") or a
// point on the map (a shared location). It is built on the time zone
// database's own zone.tab and iso3166.tab, embedded (17 KB), plus a short
// table of big cities that are not the namesake of a zone. Nothing here is
// stored: callers keep only the zone they get back.
//
// A point maps to the zone of the nearest principal city in zone.tab. That
// is right wherever a zone's city is the closest one, which is most of the
// inhabited world, and can be wrong near a zone border; the reply always
// names the zone so the user can correct it. A polygon finder
// (github.com/ringsaturn/tzf) is exact but adds 13.5 MB to the binary and
// takes 1.2 s to load, for a setting made once.
package places

import (
	_ "embed"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed zone.tab
var zoneTab string

//go:embed iso3166.tab
var isoTab string

// zone is one row of zone.tab.
type zone struct {
	country  string // ISO 3166 code
	name     string // IANA name
	lat, lon float64
}

// data is the parsed tables, built on first use.
type data struct {
	zones     []zone
	byCity    map[string]string   // "new york" -> America/New_York
	byCountry map[string][]string // "spain" -> its zones, main first
}

var (
	once   sync.Once
	tables data
)

func load() *data {
	once.Do(func() {
		tables.byCity = map[string]string{}
		tables.byCountry = map[string][]string{}
		codes := map[string][]string{}
		for _, line := range strings.Split(zoneTab, "\n") {
			f := strings.Split(line, "\t")
			if len(f) < 3 {
				continue
			}
			lat, lon, ok := parseISO6709(f[1])
			if !ok {
				continue
			}
			z := zone{country: f[0], name: f[2], lat: lat, lon: lon}
			tables.zones = append(tables.zones, z)
			codes[z.country] = append(codes[z.country], z.name)
			city := z.name[strings.LastIndex(z.name, "/")+1:]
			tables.byCity[Normalize(strings.ReplaceAll(city, "_", " "))] = z.name
		}
		for _, line := range strings.Split(isoTab, "\n") {
			code, name, ok := strings.Cut(line, "\t")
			if !ok || codes[code] == nil {
				continue
			}
			tables.byCountry[Normalize(name)] = codes[code]
		}
		for alias, code := range countryAliases {
			tables.byCountry[alias] = codes[code]
		}
		for city, z := range extraCities {
			tables.byCity[city] = z
		}
	})
	return &tables
}

// countryAliases are country names people type that iso3166.tab spells
// otherwise.
var countryAliases = map[string]string{
	"usa": "US", "us": "US", "america": "US", "united states of america": "US", "the states": "US",
	"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "great britain": "GB", "britain": "GB", "northern ireland": "GB",
	"holland": "NL", "the netherlands": "NL", "russia": "RU", "south korea": "KR", "korea": "KR", "north korea": "KP",
	"czechia": "CZ", "czech republic": "CZ", "vietnam": "VN", "iran": "IR", "syria": "SY", "taiwan": "TW",
	"bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "laos": "LA", "moldova": "MD", "macedonia": "MK",
	"north macedonia": "MK", "ivory coast": "CI", "uae": "AE", "emirates": "AE", "the uae": "AE", "turkiye": "TR",
}

// extraCities are big cities that do not name a zone of their own.
var extraCities = map[string]string{
	"san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles", "san diego": "America/Los_Angeles",
	"las vegas": "America/Los_Angeles", "portland": "America/Los_Angeles", "sacramento": "America/Los_Angeles",
	"boston": "America/New_York", "washington": "America/New_York", "washington dc": "America/New_York", "miami": "America/New_York",
	"atlanta": "America/New_York", "philadelphia": "America/New_York", "nyc": "America/New_York", "orlando": "America/New_York",
	"houston": "America/Chicago", "dallas": "America/Chicago", "austin": "America/Chicago", "minneapolis": "America/Chicago",
	"new orleans": "America/Chicago", "san antonio": "America/Chicago", "salt lake city": "America/Denver",
	"montreal": "America/Toronto", "ottawa": "America/Toronto", "calgary": "America/Edmonton",
	"munich": "Europe/Berlin", "hamburg": "Europe/Berlin", "frankfurt": "Europe/Berlin", "cologne": "Europe/Berlin", "stuttgart": "Europe/Berlin",
	"barcelona": "Europe/Madrid", "valencia": "Europe/Madrid", "seville": "Europe/Madrid", "bilbao": "Europe/Madrid",
	"manchester": "Europe/London", "edinburgh": "Europe/London", "glasgow": "Europe/London", "birmingham": "Europe/London", "cardiff": "Europe/London", "liverpool": "Europe/London",
	"milan": "Europe/Rome", "naples": "Europe/Rome", "florence": "Europe/Rome", "lyon": "Europe/Paris", "marseille": "Europe/Paris",
	"nice": "Europe/Paris", "toulouse": "Europe/Paris", "geneva": "Europe/Zurich", "porto": "Europe/Lisbon", "krakow": "Europe/Warsaw",
	"rotterdam": "Europe/Amsterdam", "antwerp": "Europe/Brussels", "st petersburg": "Europe/Moscow", "saint petersburg": "Europe/Moscow",
	"kiev": "Europe/Kyiv", "osaka": "Asia/Tokyo", "kyoto": "Asia/Tokyo", "beijing": "Asia/Shanghai", "shenzhen": "Asia/Shanghai",
	"mumbai": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata",
	"chennai": "Asia/Kolkata", "calcutta": "Asia/Kolkata", "saigon": "Asia/Ho_Chi_Minh", "hanoi": "Asia/Bangkok",
	"rio": "America/Sao_Paulo", "rio de janeiro": "America/Sao_Paulo", "brasilia": "America/Sao_Paulo", "tel aviv": "Asia/Jerusalem",
	"abu dhabi": "Asia/Dubai", "canberra": "Australia/Sydney", "wellington": "Pacific/Auckland", "cape town": "Africa/Johannesburg",
}

// Normalize lowercases a place name and folds its spacing and punctuation.
func Normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer(".", "", ",", " ", "_", " ", "-", " ", "'", "").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimPrefix(s, "the ")
}

// maxChoices is the longest pick-list offered for an ambiguous place.
const maxChoices = 6

// Lookup returns the zones a place name may mean: one when it is clear, a
// short pick-list (main zone first) for a country with several, nil when
// it knows no such place.
func Lookup(place string) []string {
	d := load()
	p := Normalize(place)
	if p == "" {
		return nil
	}
	if z, ok := d.byCity[p]; ok {
		return []string{z}
	}
	if zs, ok := d.byCountry[p]; ok {
		return distinctZones(zs)
	}
	return nil
}

// distinctZones keeps one zone per distinct clock (same offsets in
// January and July), in zone.tab's order, at most maxChoices.
func distinctZones(zs []string) []string {
	seen := map[[2]int]bool{}
	var out []string
	jan, jul := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)
	for _, name := range zs {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue
		}
		_, a := jan.In(loc).Zone()
		_, b := jul.In(loc).Zone()
		if seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		out = append(out, name)
		if len(out) == maxChoices {
			break
		}
	}
	return out
}

// Nearest returns the zone of the principal city closest to a point, or
// "" for coordinates off the globe.
func Nearest(lat, lon float64) string {
	if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return ""
	}
	d := load()
	best, bestDist := "", math.Inf(1)
	for _, z := range d.zones {
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

// Names returns every place name Lookup knows, sorted; for tests.
func Names() []string {
	d := load()
	out := make([]string, 0, len(d.byCity)+len(d.byCountry))
	for k := range d.byCity {
		out = append(out, k)
	}
	for k := range d.byCountry {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Country returns the ISO 3166 code of the country an IANA zone belongs
// to ("Europe/Lisbon" gives "PT"), "" for a zone zone.tab does not list
// (UTC, a link such as "US/Eastern").
func Country(zoneName string) string {
	for _, z := range load().zones {
		if z.name == zoneName {
			return z.country
		}
	}
	return ""
}
