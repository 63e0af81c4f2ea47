// Command gencities rebuilds bot/places/cities.tsv.gz, the cities that
// package places knows, from the npm package city-timezones (version
// 1.3.4, MIT): its data/cityMap.json lists about 7,300 cities with their
// province, country, IANA zone and population.
//
// From bot/places, with the package's tarball beside it:
//
//	npm pack city-timezones@1.3.4
//	go generate
//
// which runs
//
//	go run ./internal/gencities -tgz city-timezones-1.3.4.tgz
//
// It checks the tarball's SHA-256 (pass -sha256 "" to take another
// version), drops the rows without a zone (Antarctic stations), fills in
// the country codes the dataset lacks (Kosovo, Somaliland), writes each
// zone under the name zone.tab lists (the dataset still uses some old
// names, "Asia/Rangoon"), refuses a zone it cannot place, corrects a few
// rows (the fixes table; a border town given the zone of the country
// next door gets its own country's, when that has one zone), and drops
// repeated rows. The output is a gzipped, sorted TSV:
//
//	city  other name  province  country code  zone  population
//
// where "other name" is the dataset's ASCII spelling when it differs from
// the city's ("Kobenhavn" beside "København", "Dawson" beside "Dawson
// City"), and empty otherwise.
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
	"sort"
	"strings"
	"time"
)

// wantSHA256 is the checksum of city-timezones-1.3.4.tgz as the registry
// serves it.
const wantSHA256 = "4864dc69a73b076983fceff5ad658e4b90b6c4d190f3b1b79992cfeb566daecf"

// links maps the old zone names the dataset uses to the names zone.tab
// lists today (the tz database's "backward" file).
var links = map[string]string{
	"America/Coral_Harbour": "America/Atikokan",
	"America/Godthab":       "America/Nuuk",
	"America/Montreal":      "America/Toronto",
	"America/Nipigon":       "America/Toronto",
	"America/Pangnirtung":   "America/Iqaluit",
	"America/Thunder_Bay":   "America/Toronto",
	"America/Yellowknife":   "America/Edmonton",
	"Asia/Choibalsan":       "Asia/Ulaanbaatar",
	"Asia/Chongqing":        "Asia/Shanghai",
	"Asia/Harbin":           "Asia/Shanghai",
	"Asia/Kashgar":          "Asia/Urumqi",
	"Asia/Rangoon":          "Asia/Yangon",
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
}

func main() {
	tgz := flag.String("tgz", "city-timezones-1.3.4.tgz", "the npm tarball of city-timezones")
	sum := flag.String("sha256", wantSHA256, `the tarball's expected SHA-256; "" skips the check`)
	zoneTab := flag.String("zonetab", "zone.tab", "the tz database's zone.tab")
	out := flag.String("o", "cities.tsv.gz", "the file to write")
	flag.Parse()
	log.SetFlags(0)
	if err := run(*tgz, *sum, *zoneTab, *out); err != nil {
		log.Fatal(err)
	}
}

func run(tgzPath, wantSum, zoneTabPath, outPath string) error {
	raw, err := os.ReadFile(tgzPath)
	if err != nil {
		return fmt.Errorf("%w (fetch it with: npm pack city-timezones@1.3.4)", err)
	}
	if got := sha256.Sum256(raw); wantSum != "" && hex.EncodeToString(got[:]) != wantSum {
		return fmt.Errorf("%s: SHA-256 %x, want %s", tgzPath, got, wantSum)
	}
	js, err := extract(raw, "package/data/cityMap.json")
	if err != nil {
		return err
	}
	var cities []city
	if err := json.Unmarshal(js, &cities); err != nil {
		return fmt.Errorf("cityMap.json: %w", err)
	}
	zones, err := readZoneTab(zoneTabPath)
	if err != nil {
		return err
	}
	rows, err := convert(cities, zones)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "# Cities and their time zones, from the npm package city-timezones 1.3.4 (MIT), made by bot/places/internal/gencities.")
	fmt.Fprintln(w, "# city\tother name\tprovince\tcountry\tzone\tpopulation")
	for _, r := range rows {
		fmt.Fprintln(w, strings.Join(r[:], "\t"))
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
	log.Printf("gencities: %d of %d cities, %d bytes gzipped, to %s", len(rows), len(cities), buf.Len(), outPath)
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

// convert turns the dataset's rows into the output's, sorted.
func convert(cities []city, zones map[string]string) ([][6]string, error) {
	countryZones := map[string][]string{}
	for z, cc := range zones {
		countryZones[cc] = append(countryZones[cc], z)
	}
	seen := map[string]bool{}
	var rows [][6]string
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
		if own := countryZones[cc]; zones[zone] != cc && len(own) == 1 {
			zone = own[0] // a border town given its neighbour's zone
		}
		if _, err := time.LoadLocation(zone); err != nil {
			return nil, fmt.Errorf("%s: %w", c.City, err)
		}
		name, alt := clean(c.City), clean(c.CityASCII)
		if alt == name {
			alt = ""
		}
		if name == "" {
			return nil, fmt.Errorf("a city without a name in %s", c.Country)
		}
		province := clean(c.Province)
		key := strings.Join([]string{strings.ToLower(name), strings.ToLower(province), cc}, "\t")
		if seen[key] {
			continue
		}
		seen[key] = true
		rows = append(rows, [6]string{name, alt, province, cc, zone, fmt.Sprint(int64(math.Round(c.Pop)))})
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		for _, k := range []int{3, 4, 2, 0} {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return a[1] < b[1]
	})
	return rows, nil
}

// clean trims a field and keeps tabs and newlines out of it.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }), " ")
}
