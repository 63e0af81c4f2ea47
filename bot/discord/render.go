package discord

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot/markup"
)

// maxContent is Discord's limit on a message's content, in characters.
const maxContent = 2000

// mdSpecial are the characters Discord markdown gives meaning to; each is
// escaped with a backslash in text.
const mdSpecial = "\\*_~`|>#-[]()<@:"

// escapeMD escapes Discord markdown and drops control characters (other
// than tab), so text shows exactly as written and cannot ping anyone.
func escapeMD(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case (r < 0x20 && r != '\t') || r == 0x7f:
			continue
		case r < utf8.RuneSelf && strings.ContainsRune(mdSpecial, r):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// renderMD turns the core's markup into Discord markdown, split into
// messages of at most limit characters: at paragraph breaks where
// possible, then at line breaks, then inside a line. Every part has
// visible text; text with none gives no parts.
func renderMD(text string, limit int) []string {
	var (
		out    []string
		cur    []string
		curLen int
	)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
		}
		cur, curLen = nil, 0
	}
	add := func(s string, sep int) {
		n := utf8.RuneCountInString(s)
		if len(cur) > 0 && curLen+sep+n > limit {
			flush()
			sep = 0
		}
		if len(cur) == 0 {
			sep = 0
		}
		if sep == 2 {
			cur = append(cur, "")
		}
		cur = append(cur, s)
		curLen += sep + n
	}
	for _, para := range markup.Paragraphs(markup.Parse(text)) {
		sep := 2
		for _, ln := range para {
			for _, piece := range fitLine(ln, limit) {
				add(piece, sep)
				sep = 1
			}
		}
	}
	flush()
	return out
}

func prefix(ln markup.Line) string {
	switch ln.Kind {
	case markup.Bullet:
		return "• "
	case markup.Numbered:
		return strconv.Itoa(ln.Number) + "\\. "
	}
	return ""
}

// spanMD renders one span.
func spanMD(sp markup.Span) string {
	t := escapeMD(sp.Text)
	if strings.TrimSpace(t) == "" {
		return t // markers around blanks would show literally
	}
	if sp.URL != "" {
		t = "[" + t + "](<" + sp.URL + ">)" // <> keeps Discord from embedding a preview
	}
	if sp.Italic {
		t = "*" + t + "*"
	}
	if sp.Bold {
		t = "**" + t + "**"
	}
	return t
}

// overhead is how many characters a span's markup adds around its text.
func overhead(sp markup.Span) int {
	n := 0
	if sp.Bold {
		n += 4
	}
	if sp.Italic {
		n += 2
	}
	if sp.URL != "" {
		n += utf8.RuneCountInString(sp.URL) + 6
	}
	return n
}

// escapedLen is how long a rune is once escaped.
func escapedLen(r rune) int {
	switch {
	case (r < 0x20 && r != '\t') || r == 0x7f:
		return 0
	case r < utf8.RuneSelf && strings.ContainsRune(mdSpecial, r):
		return 2
	}
	return 1
}

// fitLine renders a line, cut into pieces of at most limit characters
// when it is longer; each piece carries its own markup.
func fitLine(ln markup.Line, limit int) []string {
	var out []string
	cur := prefix(ln)
	curLen := utf8.RuneCountInString(cur)
	emit := func() {
		if strings.TrimSpace(cur) != "" && strings.TrimSpace(cur) != strings.TrimSpace(prefix(ln)) {
			out = append(out, cur)
		}
		cur, curLen = "", 0
	}
	for _, sp := range ln.Spans {
		piece := spanMD(sp)
		if n := utf8.RuneCountInString(piece); curLen+n <= limit {
			cur, curLen = cur+piece, curLen+n
			continue
		}
		rest := []rune(sp.Text)
		for len(rest) > 0 {
			avail := limit - curLen - overhead(sp)
			take, used := 0, 0
			for take < len(rest) && used+escapedLen(rest[take]) <= avail {
				used += escapedLen(rest[take])
				take++
			}
			if take == 0 {
				if curLen == 0 { // not even one character fits: the limit is too small for the markup
					take = 1
				} else {
					emit()
					continue
				}
			}
			part := sp
			part.Text = string(rest[:take])
			p := spanMD(part)
			cur, curLen = cur+p, curLen+utf8.RuneCountInString(p)
			rest = rest[take:]
			if len(rest) > 0 {
				emit()
			}
		}
	}
	emit()
	return out
}
