package console

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
)

// render turns neutral markup into terminal text, with ANSI bold and
// italic when color is on.
func render(text string, color bool) string {
	if !color {
		return markup.Plain(text)
	}
	var sb strings.Builder
	for i, ln := range markup.Parse(text) {
		if i > 0 {
			sb.WriteByte('\n')
		}
		switch ln.Kind {
		case markup.Bullet:
			sb.WriteString("• ")
		case markup.Numbered:
			sb.WriteString(strconv.Itoa(ln.Number) + ". ")
		}
		for _, sp := range ln.Spans {
			style := ""
			if sp.Bold {
				style += "\x1b[1m"
			}
			if sp.Italic {
				style += "\x1b[3m"
			}
			if sp.URL != "" {
				style += "\x1b[4m"
			}
			sb.WriteString(style)
			sb.WriteString(markup.PlainText([]markup.Span{sp}))
			if style != "" {
				sb.WriteString("\x1b[0m")
			}
		}
	}
	return sb.String()
}

// saveAttachment writes an attachment into dir under a name that does not
// overwrite an earlier file, and returns its path.
func saveAttachment(dir string, a *bot.Attachment) (string, error) {
	name := filepath.Base(a.Name)
	if name == "." || name == "/" || name == "" {
		name = "calmnights-file"
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	for i := 0; i < 100; i++ {
		candidate := name
		if i > 0 {
			candidate = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		path := filepath.Join(dir, candidate)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("create %s: %w", path, err)
		}
		if _, err := f.Write(a.Data); err != nil {
			f.Close()
			return "", fmt.Errorf("write %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return "", fmt.Errorf("close %s: %w", path, err)
		}
		return path, nil
	}
	return "", fmt.Errorf("no free file name for %s in %s", name, dir)
}
