package content

import (
	"hash/fnv"
	"strings"
)

// SourceHalf says which half of a set of real messages a source address
// belongs to, "tuning" or "test": the split is by site (a hash of the
// host), never by row, so that one site's way of asking never sits in
// both halves. The question evals and the crisis model's training use it.
func SourceHalf(source string) string {
	site := source
	if i := strings.Index(site, "://"); i >= 0 {
		site = site[i+3:]
	}
	site, _, _ = strings.Cut(site, "/")
	h := fnv.New32a()
	h.Write([]byte(strings.TrimPrefix(site, "www.")))
	if h.Sum32()%2 == 0 {
		return "tuning"
	}
	return "test"
}
