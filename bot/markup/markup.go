// Package markup defines the one neutral text markup that every reply of the
// core is written in, parses it into lines of styled spans, and renders it as
// plain text. Each platform adapter renders the same parsed form for its own
// platform (Telegram HTML, Discord markdown), so handlers never know where a
// reply is going.
//
// The markup is deliberately small:
//
//	**bold**            bold text
//	_italic_            italic text (underscores inside words stay literal)
//	[label](https://…)  a link; only http and https addresses are links
//	- item              a bulleted list item (at the start of a line)
//	3. item             a numbered list item (at the start of a line)
//	\*                  a backslash makes the next punctuation character literal
//
// Text that comes from users or other untrusted places must go through
// Escape before it is put into a reply.
package markup

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what sort of line a Line is.
type Kind int

const (
	// Text is an ordinary line; an empty Text line separates paragraphs.
	Text Kind = iota
	// Bullet is a bulleted list item.
	Bullet
	// Numbered is a numbered list item; Line.Number holds its number.
	Numbered
)

// Span is a run of text with one style.
type Span struct {
	Text   string
	Bold   bool
	Italic bool
	URL    string // set for links; Text is then the link's label
}

// Line is one line of a parsed message.
type Line struct {
	Kind   Kind
	Number int // for Numbered lines
	Spans  []Span
}

// Parse splits text into lines and their styled spans. It never fails:
// anything that is not well-formed markup is kept as literal text.
func Parse(text string) []Line {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	raw := strings.Split(text, "\n")
	lines := make([]Line, 0, len(raw))
	for _, s := range raw {
		var ln Line
		switch {
		case strings.HasPrefix(s, "- "):
			ln.Kind = Bullet
			s = s[2:]
		default:
			if n, rest, ok := numberedPrefix(s); ok {
				ln.Kind, ln.Number, s = Numbered, n, rest
			}
		}
		ln.Spans = parseInline(s)
		lines = append(lines, ln)
	}
	return lines
}

// numberedPrefix recognises "12. rest" at the start of a line.
func numberedPrefix(s string) (int, string, bool) {
	i, n := 0, 0
	for i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || !strings.HasPrefix(s[i:], ". ") {
		return 0, "", false
	}
	return n, s[i+2:], true
}

// Limits that keep link parsing linear on hostile input.
const (
	maxLinkLabel = 256
	maxLinkURL   = 2048
)

// parseInline turns one line into spans. It runs in linear time: where
// markup needs a closing marker, the last possible closer is found once up
// front instead of searching again at every opener.
func parseInline(s string) []Span {
	var (
		out          []Span
		buf          strings.Builder
		bold, italic bool
	)
	lastBold, lastItalic := closers(s)
	flush := func() {
		if buf.Len() > 0 {
			out = append(out, Span{Text: buf.String(), Bold: bold, Italic: italic})
			buf.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			buf.WriteByte(s[i+1])
			i += 2
		case strings.HasPrefix(s[i:], "**") && (bold || lastBold >= i+2):
			flush()
			bold = !bold
			i += 2
		case c == '_' && italic && italicCloses(s, i):
			flush()
			italic = false
			i++
		case c == '_' && !italic && italicOpens(s, i) && lastItalic > i:
			flush()
			italic = true
			i++
		case c == '[':
			label, url, n, ok := parseLink(s[i:])
			if !ok {
				buf.WriteByte(c)
				i++
				continue
			}
			flush()
			out = append(out, Span{Text: unescape(label), URL: url, Bold: bold, Italic: italic})
			i += n
		default:
			buf.WriteByte(c)
			i++
		}
	}
	flush()
	return out
}

// closers returns the position of the last unescaped "**" and of the last
// underscore that could close italics, or -1.
func closers(s string) (lastBold, lastItalic int) {
	lastBold, lastItalic = -1, -1
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			i++
		case strings.HasPrefix(s[i:], "**"):
			lastBold = i
		case s[i] == '_' && italicCloses(s, i):
			lastItalic = i
		}
	}
	return lastBold, lastItalic
}

// parseLink recognises "[label](http…)" at the start of s and returns the
// label (still escaped), the address and the bytes consumed. The label may
// not hold '[' and both parts are bounded, so scanning stays linear.
func parseLink(s string) (label, url string, n int, ok bool) {
	end := -1
	for i := 1; i < len(s) && i <= maxLinkLabel+1; i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
			continue
		}
		if s[i] == '[' {
			return "", "", 0, false
		}
		if strings.HasPrefix(s[i:], "](") {
			end = i
			break
		}
	}
	if end <= 1 {
		return "", "", 0, false
	}
	label = s[1:end]
	rest := s[end+2:]
	close := strings.IndexByte(rest[:min(len(rest), maxLinkURL+1)], ')')
	if close < 0 {
		return "", "", 0, false
	}
	url = rest[:close]
	if !(strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")) ||
		strings.ContainsAny(url, " \t\"<>") {
		return "", "", 0, false
	}
	return label, url, end + 2 + close + 1, true
}

// italicOpens reports whether the underscore at i may open italics: it must
// not sit inside a word and must be followed by a non-space.
func italicOpens(s string, i int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if isWordRune(r) {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return i+1 < len(s) && !unicode.IsSpace(r) && r != '_'
}

// italicCloses reports whether the underscore at i may close italics.
func italicCloses(s string, i int) bool {
	if i == 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if unicode.IsSpace(prev) {
		return false
	}
	if i+1 < len(s) {
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		return !isWordRune(next)
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isASCIIPunct reports whether c is one of the ASCII punctuation characters,
// the only characters a backslash can escape.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// unescape removes markup escapes from s.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Escape makes s safe to embed in markup: every character that could start
// markup is escaped, so s shows exactly as given.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == '*' || c == '_' || c == '[' || c == ']':
			b.WriteByte('\\')
		case lineStart && c == '-':
			b.WriteByte('\\')
		case lineStart && c >= '0' && c <= '9':
			if _, _, ok := numberedPrefix(s[i:]); ok {
				j := strings.IndexByte(s[i:], '.')
				b.WriteString(s[i : i+j])
				b.WriteString(`\.`)
				i += j
				lineStart = false
				continue
			}
		}
		b.WriteByte(c)
		lineStart = c == '\n'
	}
	return b.String()
}

// Blank reports whether a line shows nothing: plain text made only of
// spaces and control characters.
func (l Line) Blank() bool {
	if l.Kind != Text {
		return false
	}
	for _, sp := range l.Spans {
		if strings.TrimFunc(sp.Text, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) != "" {
			return false
		}
	}
	return true
}

// Paragraphs groups lines into paragraphs, which blank lines separate;
// the blank lines themselves are dropped.
func Paragraphs(lines []Line) [][]Line {
	var out [][]Line
	var cur []Line
	for _, ln := range lines {
		if ln.Blank() {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, ln)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// PlainText returns the text of the spans with all styling removed; links
// show as "label (address)" unless the label already is the address.
func PlainText(spans []Span) string {
	var b strings.Builder
	for _, sp := range spans {
		b.WriteString(sp.Text)
		if sp.URL != "" && sp.URL != sp.Text {
			b.WriteString(" (")
			b.WriteString(sp.URL)
			b.WriteString(")")
		}
	}
	return b.String()
}

// Plain renders markup as plain text: styles dropped, bullets as "•",
// numbered items kept, links as "label (address)".
func Plain(text string) string {
	var b strings.Builder
	for i, ln := range Parse(text) {
		if i > 0 {
			b.WriteByte('\n')
		}
		switch ln.Kind {
		case Bullet:
			b.WriteString("• ")
		case Numbered:
			b.WriteString(strconv.Itoa(ln.Number))
			b.WriteString(". ")
		}
		b.WriteString(PlainText(ln.Spans))
	}
	return b.String()
}
