package pattern

import (
	"strings"
	"sync"
)

// The index holds every required string of every compiled rule, once,
// numbered, and listed by its first three bytes, so that Scan finds all
// of them in a text in one pass: a text is read once however many rules
// then ask about it. Rules compiled later (a language's rules, loaded on
// first use) join it; a scan made before them counts their strings as
// present, which costs a search and never skips a match.
var index = stringIndex{ids: map[string]int32{}, byPrefix: map[string][]int32{}}

type stringIndex struct {
	mu       sync.RWMutex
	ids      map[string]int32
	strs     []string
	byPrefix map[string][]int32 // strings of three bytes or more
	short    []int32            // the rest
}

// prefixLen is how many leading bytes the index lists strings by.
const prefixLen = 3

// add numbers the strings of clauses and returns each clause's numbers.
func (x *stringIndex) add(clauses [][]string) [][]int32 {
	if len(clauses) == 0 {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	out := make([][]int32, len(clauses))
	for i, c := range clauses {
		for _, s := range c {
			id, ok := x.ids[s]
			if !ok {
				id = int32(len(x.strs))
				x.ids[s] = id
				x.strs = append(x.strs, s)
				if len(s) >= prefixLen {
					x.byPrefix[s[:prefixLen]] = append(x.byPrefix[s[:prefixLen]], id)
				} else {
					x.short = append(x.short, id)
				}
			}
			out[i] = append(out[i], id)
		}
	}
	return out
}

// Scan is one text and the indexed strings found in it, for many rules
// to ask about (Rule.MayMatchIn, Rule.FindAllStringIndexIn).
type Scan struct {
	text  string
	n     int32    // how many strings the index held when scanned
	found []uint64 // a bit per one of them, set when the text holds it
}

// ScanOf reads text once for every string the rules compiled so far
// require.
func ScanOf(text string) *Scan {
	x := &index
	x.mu.RLock()
	defer x.mu.RUnlock()
	sc := &Scan{text: text, n: int32(len(x.strs)), found: make([]uint64, (len(x.strs)+63)/64)}
	for i := 0; i+prefixLen <= len(text); i++ {
		for _, id := range x.byPrefix[text[i:i+prefixLen]] {
			if strings.HasPrefix(text[i:], x.strs[id]) {
				sc.found[id/64] |= 1 << (id % 64)
			}
		}
	}
	for _, id := range x.short {
		if strings.Contains(text, x.strs[id]) {
			sc.found[id/64] |= 1 << (id % 64)
		}
	}
	return sc
}

// Text is the scanned text.
func (sc *Scan) Text() string { return sc.text }

// hasAny reports whether the text holds one of the strings numbered ids;
// a string indexed after the scan counts as held.
func (sc *Scan) hasAny(ids []int32) bool {
	for _, id := range ids {
		if id >= sc.n || sc.found[id/64]&(1<<(id%64)) != 0 {
			return true
		}
	}
	return false
}
