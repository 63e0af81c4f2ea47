package console

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/calmnights/calmnights/bot"
)

// LocalZoneName returns the IANA name of the machine's time zone: from TZ,
// then /etc/timezone, then the /etc/localtime link. It returns "" when none
// of them names a zone that loads.
func LocalZoneName() string {
	candidates := []string{strings.TrimPrefix(os.Getenv("TZ"), ":")}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		candidates = append(candidates, strings.TrimSpace(string(b)))
	}
	for _, resolve := range []func(string) (string, error){os.Readlink, filepath.EvalSymlinks} {
		if target, err := resolve("/etc/localtime"); err == nil {
			if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
				candidates = append(candidates, name)
			}
		}
	}
	for _, c := range candidates {
		if c == "" || strings.HasPrefix(c, "/") {
			continue
		}
		if _, err := bot.LoadZone(c); err == nil {
			return c
		}
	}
	return ""
}
