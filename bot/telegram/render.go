package telegram

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/calmnights/calmnights/bot/markup"
)

// Telegram's limits, counted in UTF-16 code units of the visible text.
const (
	maxText    = 4096
	maxCaption = 1024
)

// htmlReplacer escapes what Telegram's HTML parse mode needs escaped.
var htmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// escape makes text safe for Telegram HTML, without control characters.
func escape(s string) string { return htmlReplacer.Replace(stripControls(s)) }

// stripControls drops control characters (other than tab), which have no
// place in a chat message.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t') || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// renderHTML turns the core's markup into Telegram HTML, split into
// messages that each stay within limit: at paragraph breaks where possible,
// then at line breaks, and only inside a line when a single line is longer
// than the limit. Every piece is valid HTML on its own and has visible
// text; text with none gives no pieces (Telegram refuses empty messages).
func renderHTML(text string, limit int) []string {
	lines := markup.Parse(text)
	var (
		out    []string
		cur    []string
		curLen int
	)
	flush := func() {
		for len(cur) > 0 && cur[len(cur)-1] == "" { // no trailing blank lines
			cur = cur[:len(cur)-1]
		}
		for len(cur) > 0 && cur[0] == "" {
			cur = cur[1:]
		}
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
		}
		cur, curLen = nil, 0
	}
	for _, para := range markup.Paragraphs(lines) {
		plen := 0
		for i, ln := range para {
			if i > 0 {
				plen++ // the newline
			}
			plen += visibleLen(ln)
		}
		sep := 0
		if len(cur) > 0 {
			sep = 2 // the blank line between paragraphs
		}
		if curLen+sep+plen <= limit {
			if len(cur) > 0 {
				cur = append(cur, "")
			}
			for _, ln := range para {
				cur = append(cur, lineHTML(ln))
			}
			curLen += sep + plen
			continue
		}
		flush()
		if plen <= limit {
			for _, ln := range para {
				cur = append(cur, lineHTML(ln))
			}
			curLen = plen
			continue
		}
		// A paragraph longer than a message: line by line.
		for _, ln := range para {
			l := visibleLen(ln)
			nl := 0
			if len(cur) > 0 {
				nl = 1
			}
			if curLen+nl+l <= limit {
				cur = append(cur, lineHTML(ln))
				curLen += nl + l
				continue
			}
			flush()
			if l <= limit {
				cur, curLen = []string{lineHTML(ln)}, l
				continue
			}
			for _, piece := range splitLine(ln, limit) {
				if strings.TrimSpace(visibleText(piece)) != "" {
					out = append(out, lineHTML(piece))
				}
			}
		}
	}
	flush()
	return out
}

// prefix is what a line starts with: a bullet or its number.
func prefix(ln markup.Line) string {
	switch ln.Kind {
	case markup.Bullet:
		return "• "
	case markup.Numbered:
		return strconv.Itoa(ln.Number) + ". "
	}
	return ""
}

// visibleText is what Telegram shows of a line: its prefix and the text
// of its spans (for a link, the label only).
func visibleText(ln markup.Line) string {
	var sb strings.Builder
	sb.WriteString(prefix(ln))
	for _, sp := range ln.Spans {
		sb.WriteString(sp.Text)
	}
	return stripControls(sb.String())
}

// visibleLen is the line's length as Telegram counts it.
func visibleLen(ln markup.Line) int { return utf16Len(visibleText(ln)) }

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

// lineHTML renders one line.
func lineHTML(ln markup.Line) string {
	var sb strings.Builder
	sb.WriteString(escape(prefix(ln)))
	for _, sp := range ln.Spans {
		t := escape(sp.Text)
		if sp.URL != "" {
			t = `<a href="` + escape(sp.URL) + `">` + t + `</a>`
		}
		if sp.Italic {
			t = "<i>" + t + "</i>"
		}
		if sp.Bold {
			t = "<b>" + t + "</b>"
		}
		sb.WriteString(t)
	}
	return sb.String()
}

// splitLine cuts one over-long line into lines of at most limit, keeping
// each span's style (a link is cut into two links to the same address).
func splitLine(ln markup.Line, limit int) []markup.Line {
	var (
		out []markup.Line
		cur = markup.Line{Kind: ln.Kind, Number: ln.Number}
		n   = utf16Len(prefix(ln))
	)
	for _, sp := range ln.Spans {
		rest := []rune(sp.Text)
		for len(rest) > 0 {
			room := limit - n
			if room <= 0 {
				out = append(out, cur)
				cur, n = markup.Line{}, 0
				room = limit
			}
			take, units := 0, 0
			for take < len(rest) {
				u := len(utf16.Encode(rest[take : take+1]))
				if units+u > room {
					break
				}
				units += u
				take++
			}
			if take == 0 { // a character wider than the room left
				out = append(out, cur)
				cur, n = markup.Line{}, 0
				continue
			}
			part := sp
			part.Text = string(rest[:take])
			cur.Spans = append(cur.Spans, part)
			n += units
			rest = rest[take:]
		}
	}
	if len(cur.Spans) > 0 {
		out = append(out, cur)
	}
	return out
}

// plainCaption shortens a caption to Telegram's limit, escaped.
func plainCaption(s string) string {
	r := []rune(s)
	for utf16Len(string(r)) > maxCaption {
		r = r[:len(r)-1]
	}
	return escape(string(r))
}
