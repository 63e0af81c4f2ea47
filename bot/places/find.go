package places

import (
	"cmp"
	"slices"
	"strings"
)

// Place is one place a name may mean, with its time zone.
type Place struct {
	// City is the city. For a country or a state with several zones, a
	// choice stands for one zone and is named after its most populous
	// city there ("Chicago" for the US's central time).
	City string
	// Province is the state, province or region as the dataset writes it
	// ("Oregon", "Andalucía"); "" when it has none.
	Province string
	// Country is the country's name as a pick-list shows it, CountryCode
	// its ISO 3166 code.
	Country, CountryCode string
	// Zone is the IANA time zone ("America/Los_Angeles").
	Zone string
	// Population is the city's, 0 when unknown.
	Population int
}

// String names the place for a pick-list: "Portland, Oregon, United
// States", "Bristol, United Kingdom" (a province that repeats the city is
// left out).
func (p Place) String() string {
	parts := []string{p.City}
	if p.Province != "" && Normalize(p.Province) != Normalize(p.City) {
		parts = append(parts, p.Province)
	}
	if p.Country != "" {
		parts = append(parts, p.Country)
	}
	return strings.Join(parts, ", ")
}

// maxChoices is the longest pick-list offered for an ambiguous place.
const maxChoices = 6

// Find returns what a place as people type it may mean, best first: one
// Place when it is clear, a short pick-list (at most six) when it is not,
// nil when it knows no such place.
//
// It reads a city ("Lisbon", "córdoba"), a country ("Germany", "the UK",
// "USA"), a state or province ("Oregon"), or a US time zone name
// ("Eastern"), wrapped in the words people put around a place ("I'm in
// Lisbon", "I live near Bristol, thanks") and narrowed by a state, its
// abbreviation or a country ("Portland, Oregon", "Portland OR", "Cordoba
// Spain", "Bristol, England"). A name several cities share gives each
// that the biggest does not dwarf, most populous first: "Portland" gives
// Oregon's and Maine's, "Barcelona" only Spain's (see worldCity). A country or state with several
// time zones gives one choice per zone, named after its biggest city
// there.
func Find(place string) []Place {
	x := load()
	for _, r := range x.readings(tokens(place)) {
		if ps := x.match(r, false); len(ps) > 0 {
			return ps
		}
	}
	return nil
}

// Zones returns the distinct time zones of places, in their order: one
// zone for each distinct clock (same offsets in January and July), so
// that Kansas City, Missouri and Kansas City, Kansas give one.
func Zones(ps []Place) []string {
	x := load()
	seen := map[[2]int]bool{}
	var out []string
	for _, p := range ps {
		c, ok := x.clock(p.Zone)
		if !ok || seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, p.Zone)
	}
	return out
}

// Choose reads a reply to a pick-list of choices: a number or an ordinal
// ("2", "the second one", "last"), or words that narrow the choices by
// city, state, its abbreviation, country or zone ("Maine", "the one in
// Spain", "Portland, Maine", "Oregon please"). It returns the choices
// that fit, nil when the reply fits none of them or all ("USA" after
// Portland's choices), which is no choice: it may be another place.
func Choose(choices []Place, reply string) []Place {
	if len(choices) == 0 {
		return nil
	}
	x := load()
	readings := x.readings(tokens(reply))
	for _, r := range readings {
		if len(r) != 1 {
			continue
		}
		if n, ok := x.ordinals[strings.Join(r[0], " ")]; ok {
			switch {
			case n == -1:
				return choices[len(choices)-1:]
			case n >= 1 && n <= len(choices):
				return choices[n-1 : n]
			}
		}
	}
	for _, r := range readings {
		match := func(p Place, q string) bool {
			return x.qualifies(p.CountryCode, Normalize(p.Province), q) || q == Normalize(p.City) ||
				q == Normalize(strings.ReplaceAll(p.Zone[strings.LastIndex(p.Zone, "/")+1:], "_", " "))
		}
		var phrases []string
		ok := x.readPhrases(r, func(q string) bool {
			return slices.ContainsFunc(choices, func(p Place) bool { return match(p, q) })
		}, &phrases)
		if !ok || len(phrases) == 0 {
			continue
		}
		var out []Place
		for _, p := range choices {
			if !slices.ContainsFunc(phrases, func(q string) bool { return !match(p, q) }) {
				out = append(out, p)
			}
		}
		if len(out) > 0 && len(out) < len(choices) {
			return out
		}
	}
	return nil
}

// readings returns the ways to read a place as typed: as it is, then
// with the words people put before a place taken off one by one ("I'm
// in", "near"), then with those after it ("please", "now").
func (x *index) readings(parts [][]string) [][][]string {
	if len(parts) == 0 {
		return nil
	}
	out := [][][]string{parts}
	cur := parts
	for len(cur) > 0 {
		n := prefixLen(cur[0], x.leads)
		if n == 0 {
			break
		}
		next := slices.Clone(cur)
		if next[0] = next[0][n:]; len(next[0]) == 0 {
			next = next[1:]
		}
		if len(next) > 0 {
			out = append(out, next)
		}
		cur = next
	}
	for len(cur) > 0 {
		last := cur[len(cur)-1]
		n := suffixLen(last, x.tails)
		if n == 0 {
			break
		}
		next := slices.Clone(cur)
		if next[len(next)-1] = last[:len(last)-n]; len(next[len(next)-1]) == 0 {
			next = next[:len(next)-1]
		}
		if len(next) > 0 {
			out = append(out, next)
		}
		cur = next
	}
	return out
}

// prefixLen is the length of the longest phrase that starts words, 0 for
// none.
func prefixLen(words []string, phrases [][]string) int {
	for _, p := range phrases {
		if len(p) <= len(words) && slices.Equal(words[:len(p)], p) {
			return len(p)
		}
	}
	return 0
}

// suffixLen is the length of the longest phrase that ends words, 0 for
// none.
func suffixLen(words []string, phrases [][]string) int {
	for _, p := range phrases {
		if len(p) <= len(words) && slices.Equal(words[len(words)-len(p):], p) {
			return len(p)
		}
	}
	return 0
}

// The kinds of thing a name may mean.
const (
	isCity = iota
	isProvince
	isCountry
)

// meaning is one thing a name may mean: a city, or a province or a
// country with its zones.
type meaning struct {
	kind    int
	row     int32  // the city, for isCity
	country string // ISO code
	prov    string // normalized province, for isProvince
	weight  int    // population
}

// match reads one reading of a place: a time zone's name, or a name
// (its longest known start) and what narrows it. A city whose name is a
// common word ("Best") is taken only when something narrows it ("Best,
// Netherlands"), or alone when asked for (Suggest).
func (x *index) match(parts [][]string, alone bool) []Place {
	if len(parts) == 1 {
		if z, ok := x.timeWords[strings.Join(parts[0], " ")]; ok {
			return []Place{x.zonePlace(z)}
		}
	}
	first := parts[0]
	for n := min(len(first), x.maxWords+1); n >= 1; n-- {
		name := first[:n]
		if len(name) > 1 && name[0] == "the" {
			name = name[1:]
		}
		ms := x.meanings(strings.Join(name, " "))
		if len(ms) == 0 {
			continue
		}
		rest := append([][]string{first[n:]}, parts[1:]...)
		var phrases []string
		if !x.readPhrases(rest, func(q string) bool {
			return slices.ContainsFunc(ms, func(m meaning) bool { return x.meaningQualifies(m, q) })
		}, &phrases) {
			continue
		}
		ms = slices.DeleteFunc(ms, func(m meaning) bool {
			if len(phrases) == 0 && !alone && m.kind == isCity && x.cities[m.row].narrowed {
				return true
			}
			return slices.ContainsFunc(phrases, func(q string) bool { return !x.meaningQualifies(m, q) })
		})
		if len(ms) > 0 {
			return x.choices(ms)
		}
	}
	return nil
}

// readPhrases reads the words after a name as phrases that narrow it,
// each the longest run that known accepts; "in", "the" and such between
// them are skipped. It reports false when a word is left over.
func (x *index) readPhrases(parts [][]string, known func(string) bool, out *[]string) bool {
	for _, words := range parts {
		for i := 0; i < len(words); {
			if x.fillers[words[i]] {
				i++
				continue
			}
			j := len(words)
			for ; j > i && !known(strings.Join(words[i:j], " ")); j-- {
			}
			if j == i {
				return false
			}
			*out = append(*out, strings.Join(words[i:j], " "))
			i = j
		}
	}
	return true
}

// meanings lists what a normalized name may mean.
func (x *index) meanings(key string) []meaning {
	var ms []meaning
	for _, i := range x.byName[key] {
		ms = append(ms, meaning{kind: isCity, row: i, country: x.cities[i].country, weight: x.cities[i].pop})
	}
	if rows := x.byProvince[key]; rows != nil {
		byCC := map[string]int{}
		var order []string
		for _, i := range rows {
			c := x.cities[i].country
			if _, ok := byCC[c]; !ok {
				order = append(order, c)
			}
			byCC[c] += x.cities[i].pop
		}
		for _, c := range order {
			ms = append(ms, meaning{kind: isProvince, country: c, prov: key, weight: byCC[c]})
		}
	}
	if c := x.byCountry[key]; c != "" && (x.ccZones[c] != nil || x.ccRows[c] != nil) {
		ms = append(ms, meaning{kind: isCountry, country: c, weight: x.ccPop[c]})
	}
	return ms
}

// meaningQualifies reports whether q (a state, its abbreviation or a
// country) fits a meaning; a country fits its own names.
func (x *index) meaningQualifies(m meaning, q string) bool {
	switch m.kind {
	case isCity:
		c := x.cities[m.row]
		return x.qualifies(c.country, c.provKey, q)
	case isProvince:
		return x.qualifies(m.country, "", q)
	}
	return slices.Contains(x.ccKeys[m.country], q) // "England, UK"
}

// qualifies reports whether q names the province prov (normalized) of
// country cc, one of its short names, or the country.
func (x *index) qualifies(cc, prov, q string) bool {
	if prov != "" && (q == prov || slices.Contains(x.abbr[cc+"\t"+prov], q)) {
		return true
	}
	return slices.Contains(x.ccKeys[cc], q)
}

// Namesakes of a city of worldCity people or more are dropped unless
// they have bigNamesake: "Barcelona" is Spain's, not also Venezuela's
// (361,000), while "Portland" (1.2 million) keeps Maine's (99,000).
const (
	worldCity   = 2_000_000
	bigNamesake = 500_000
)

// choices turns meanings into a pick-list: the namesakes dwarfed by the
// biggest are dropped (under a twentieth of its population, under 50,000
// people unless it is small itself, or under bigNamesake beside a
// worldCity), and so is a province smaller than a city of its name
// (Colombia's Córdoba beside Argentina's city) or holding one (Argentina's
// Córdoba: its city is the choice); the rest are listed most
// populous first, a country or a province as one choice per zone (a
// province's zones that hold a twentieth of its biggest's people).
func (x *index) choices(ms []meaning) []Place {
	// A province with a city of its name stands for that city (Córdoba,
	// Canelones, Faro): the city is the one choice, and weighs as much.
	drop := make([]bool, len(ms))
	for i, m := range ms {
		for j, c := range ms {
			if m.kind == isProvince && c.kind == isCity && c.country == m.country && x.cities[c.row].provKey == m.prov {
				drop[i] = true
				ms[j].weight = max(ms[j].weight, m.weight)
			}
		}
	}
	kept := make([]meaning, 0, len(ms))
	for i, m := range ms {
		if !drop[i] {
			kept = append(kept, m)
		}
	}
	ms = kept
	slices.SortStableFunc(ms, func(a, b meaning) int { return cmp.Compare(b.weight, a.weight) })
	top, topCity := ms[0].weight, 0
	for _, m := range ms {
		if m.kind == isCity {
			topCity = max(topCity, x.cities[m.row].pop)
		}
	}
	floor := min(50000, top/2)
	var out []Place
	seen := map[Place]bool{}
	for _, m := range ms {
		if m.weight*20 < top || m.weight < floor || (topCity >= worldCity && m.weight < bigNamesake) ||
			(m.kind == isProvince && m.weight < topCity) {
			continue
		}
		var ps []Place
		switch m.kind {
		case isCity:
			ps = []Place{x.place(m.row)}
		case isProvince:
			ps = x.groups(x.byProvinceIn(m.prov, m.country), nil)
			ps = slices.DeleteFunc(ps, func(p Place) bool { return p.Population*20 < ps[0].Population })
		case isCountry:
			ps = x.groups(x.ccRows[m.country], x.ccZones[m.country])
		}
		for _, p := range ps {
			if !seen[p] && len(out) < maxChoices {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// byProvinceIn returns the cities of a province of one country.
func (x *index) byProvinceIn(prov, cc string) []int32 {
	var out []int32
	for _, i := range x.byProvince[prov] {
		if x.cities[i].country == cc {
			out = append(out, i)
		}
	}
	return out
}

// groups makes one choice per clock among cities and zones: the most
// populous city keeping that clock, or the zone itself where no city
// does; groups holding more people first.
func (x *index) groups(rows []int32, zones []string) []Place {
	type group struct {
		clock  [2]int
		best   int32
		zone   string
		weight int
	}
	var gs []*group
	find := func(c [2]int) *group {
		for _, g := range gs {
			if g.clock == c {
				return g
			}
		}
		g := &group{clock: c, best: -1}
		gs = append(gs, g)
		return g
	}
	// The cities by zone first (a country has thousands, and few zones:
	// cities.tsv.gz lists a country's by zone, so each zone's come
	// together), then the zones by clock.
	type zoneRows struct {
		zone   string
		best   int32
		weight int
	}
	var byZone []zoneRows
	for _, i := range rows {
		c := &x.cities[i]
		if n := len(byZone); n == 0 || byZone[n-1].zone != c.zone {
			byZone = append(byZone, zoneRows{zone: c.zone, best: i})
		}
		zr := &byZone[len(byZone)-1]
		zr.weight += c.pop
		if c.pop > x.cities[zr.best].pop {
			zr.best = i
		}
	}
	for _, zr := range byZone {
		c, ok := x.clock(zr.zone)
		if !ok {
			continue
		}
		g := find(c)
		g.weight += zr.weight
		if b := zr.best; g.best < 0 || x.cities[b].pop > x.cities[g.best].pop || x.cities[b].pop == x.cities[g.best].pop && b < g.best {
			g.best = b
		}
	}
	for _, z := range zones {
		if c, ok := x.clock(z); ok {
			if g := find(c); g.best < 0 && g.zone == "" {
				g.zone = z
			}
		}
	}
	slices.SortStableFunc(gs, func(a, b *group) int { return cmp.Compare(b.weight, a.weight) })
	out := make([]Place, 0, len(gs))
	for _, g := range gs {
		if g.best >= 0 {
			out = append(out, x.place(g.best))
		} else {
			out = append(out, x.zonePlace(g.zone))
		}
	}
	return out
}

// place makes the Place of a city row.
func (x *index) place(i int32) Place {
	c := x.cities[i]
	return Place{City: c.name, Province: c.province, Country: x.countryName[c.country], CountryCode: c.country, Zone: c.zone, Population: c.pop}
}

// zonePlace makes a Place of a zone alone, named after its city.
func (x *index) zonePlace(z string) Place {
	cc := x.zoneCountry[z]
	return Place{City: strings.ReplaceAll(z[strings.LastIndex(z, "/")+1:], "_", " "), Country: x.countryName[cc], CountryCode: cc, Zone: z}
}

// Suggest returns the places a misspelt name may be, for a "did you
// mean" pick-list: names a letter off, or two in names of nine letters
// or more ("Lisbn", "Portlnad, Oregon", "Philadelpia"), of a country or a city of 50,000 people or more, closest
// first. It reads only names of up to three words and five letters or
// more (not names.txt's [no suggestion]), and returns nil when Find knows
// the place. A city whose name is a common word, which Find takes only
// narrowed ("Normal, Illinois"), it offers for its name alone ("Normal").
func Suggest(place string) []Place {
	if Find(place) != nil {
		return nil
	}
	x := load()
	type hit struct {
		parts [][]string
		dist  int
	}
	var (
		hits []hit
		dist distancer
	)
	for _, r := range x.readings(tokens(place)) {
		name := strings.Join(r[0], " ")
		if len(r[0]) > 3 || x.noSuggestion[name] {
			continue
		}
		if len(name) >= 4 && slices.ContainsFunc(x.byName[name], func(i int32) bool { return x.cities[i].narrowed }) {
			hits = append(hits, hit{r, 0})
		}
		if len(name) < 5 {
			continue
		}
		limit := 1
		if len(name) >= 9 {
			limit = 2
		}
		byLen := x.suggestible()
		for n := max(0, len(name)-limit); n <= len(name)+limit && n < len(byLen); n++ {
			for _, k := range byLen[n] {
				if d := dist.between(name, k, limit); d <= limit {
					hits = append(hits, hit{append([][]string{strings.Fields(k)}, r[1:]...), d})
				}
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), strings.Compare(strings.Join(a.parts[0], " "), strings.Join(b.parts[0], " ")))
	})
	var out []Place
	for _, h := range hits {
		for _, p := range x.match(h.parts, true) {
			if !slices.Contains(out, p) && len(out) < maxChoices {
				out = append(out, p)
			}
		}
	}
	return out
}

// suggestible returns the names Suggest compares a misspelt name with,
// by their length in bytes, each length's sorted: every country's, and
// every city's of 50,000 people or more but those found only narrowed.
// It lists them on first use.
func (x *index) suggestible() [][]string {
	x.suggestOnce.Do(func() {
		seen := map[string]bool{}
		for k := range x.byCountry {
			seen[k] = true
		}
		for k, rows := range x.byName {
			if slices.ContainsFunc(rows, func(i int32) bool { return x.cities[i].pop >= 50000 && !x.cities[i].narrowed }) {
				seen[k] = true
			}
		}
		for k := range seen {
			for len(x.suggestKeys) <= len(k) {
				x.suggestKeys = append(x.suggestKeys, nil)
			}
			x.suggestKeys[len(k)] = append(x.suggestKeys[len(k)], k)
		}
		for _, ks := range x.suggestKeys {
			slices.Sort(ks)
		}
	})
	return x.suggestKeys
}

// distancer measures Damerau-Levenshtein (optimal string alignment)
// distances, reusing its rows.
type distancer struct{ prev2, prev, cur []int }

// between is the distance between a and b, in bytes, or limit+1 when it
// is over limit.
func (m *distancer) between(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if n := len(b) + 1; cap(m.cur) < n {
		m.prev2, m.prev, m.cur = make([]int, n), make([]int, n), make([]int, n)
	}
	prev2, prev, cur := m.prev2[:len(b)+1], m.prev[:len(b)+1], m.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
