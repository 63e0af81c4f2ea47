//lint:file-ignore ST1005 the error texts are Telegram's own wording, which the tests compare against

package telegramtest

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ParseHTML parses text the way the Bot API parses parse_mode=HTML and
// returns what the user sees (tags removed, entities decoded) together with
// the formatting entities, whose offsets and lengths are in UTF-16 code units.
//
// The grammar follows Telegram's own parser (tdlib's parse_html): the tags
// b, strong, i, em, u, ins, s, strike, del, code, pre, a, tg-spoiler,
// span class="tg-spoiler" and blockquote, case-insensitive, properly nested;
// attributes quoted or bare; any end tag must match the innermost open tag.
// It is stricter than Telegram in one place: every '&' must start one of the
// entities &lt; &gt; &amp; &quot; &#NNN; &#xHH; (with the ';'), which is what
// the Bot API documentation demands, while the real server quietly keeps a
// stray '&'. A bare '>' is allowed, as it is by Telegram.
//
// The error text is what follows "Bad Request: can't parse entities: ".
func ParseHTML(text string) (plain string, entities []tgbotapi.MessageEntity, err error) {
	type open struct {
		tag, arg string
		offset   int // in UTF-16 code units
		pos      int // byte offset in the output
		bytePos  int // byte offset in the input, for messages
	}
	var (
		out   strings.Builder
		u16   int
		stack []open
	)
	at := func(i int) byte {
		if i < len(text) {
			return text[i]
		}
		return 0
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c == '&' {
			r, n := decodeEntity(text[i:])
			if n == 0 {
				return "", nil, fmt.Errorf("Character '&' at byte offset %d must be escaped as \"&amp;\" (only &lt; &gt; &amp; &quot; and numeric entities are supported)", i)
			}
			out.WriteRune(r)
			u16 += utf16Len(r)
			i += n
			continue
		}
		if c != '<' {
			r, n := utf8.DecodeRuneInString(text[i:])
			out.WriteString(text[i : i+n])
			u16 += utf16Len(r)
			i += n
			continue
		}

		begin := i
		i++
		if at(i) != '/' {
			// A start tag.
			for !isSpace(at(i)) && at(i) != '>' {
				i++
			}
			if at(i) == 0 {
				return "", nil, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
			}
			tag := strings.ToLower(text[begin+1 : i])
			if !supportedTag(tag) {
				return "", nil, fmt.Errorf("Unsupported start tag %q at byte offset %d", tag, begin)
			}
			var arg string
			for at(i) != '>' {
				for at(i) != 0 && isSpace(at(i)) {
					i++
				}
				if at(i) == '>' {
					break
				}
				nameStart := i
				for !isSpace(at(i)) && at(i) != '=' && at(i) != '>' {
					i++
				}
				name := strings.ToLower(text[nameStart:i])
				if name == "" {
					return "", nil, fmt.Errorf("Empty attribute name in the tag %q at byte offset %d", tag, begin)
				}
				for at(i) != 0 && isSpace(at(i)) {
					i++
				}
				if at(i) != '=' {
					return "", nil, fmt.Errorf("Expected equal sign in declaration of an attribute of the tag %q at byte offset %d", tag, begin)
				}
				i++
				for at(i) != 0 && isSpace(at(i)) {
					i++
				}
				if at(i) == 0 {
					return "", nil, fmt.Errorf("Unclosed start tag %q at byte offset %d", tag, begin)
				}
				var value string
				if q := at(i); q != '"' && q != '\'' {
					// A name token: letters, digits, periods and hyphens.
					tokStart := i
					for isAlnum(at(i)) || at(i) == '.' || at(i) == '-' {
						i++
					}
					value = strings.ToLower(text[tokStart:i])
					if !isSpace(at(i)) && at(i) != '>' {
						return "", nil, fmt.Errorf("Unexpected end of name token at byte offset %d", tokStart)
					}
				} else {
					i++
					var v strings.Builder
					for at(i) != q && at(i) != 0 {
						if at(i) == '&' {
							if r, n := decodeEntity(text[i:]); n > 0 {
								v.WriteRune(r)
								i += n
								continue
							}
						}
						v.WriteByte(text[i])
						i++
					}
					if at(i) == q {
						i++
					}
					value = v.String()
				}
				if at(i) == 0 {
					return "", nil, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
				}
				switch {
				case tag == "a" && name == "href":
					arg = value
				case tag == "code" && name == "class" && strings.HasPrefix(value, "language-"):
					arg = strings.TrimPrefix(value, "language-")
				case tag == "span" && name == "class" && strings.HasPrefix(value, "tg-"):
					arg = strings.TrimPrefix(value, "tg-")
				case tag == "blockquote" && name == "expandable":
					arg = "1"
				}
			}
			if tag == "span" && arg != "spoiler" {
				return "", nil, fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
			}
			i++ // '>'
			stack = append(stack, open{tag: tag, arg: arg, offset: u16, pos: out.Len(), bytePos: begin})
			continue
		}

		// An end tag.
		if len(stack) == 0 {
			return "", nil, fmt.Errorf("Unexpected end tag at byte offset %d", begin)
		}
		for !isSpace(at(i)) && at(i) != '>' {
			i++
		}
		endName := strings.ToLower(text[begin+2 : i])
		for at(i) != 0 && isSpace(at(i)) {
			i++
		}
		if at(i) != '>' {
			return "", nil, fmt.Errorf("Unclosed end tag at byte offset %d", begin)
		}
		i++
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if endName != "" && endName != top.tag {
			return "", nil, fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.tag, endName)
		}
		if length := u16 - top.offset; length > 0 {
			e := tgbotapi.MessageEntity{Offset: top.offset, Length: length}
			switch top.tag {
			case "b", "strong":
				e.Type = "bold"
			case "i", "em":
				e.Type = "italic"
			case "u", "ins":
				e.Type = "underline"
			case "s", "strike", "del":
				e.Type = "strikethrough"
			case "tg-spoiler", "span":
				e.Type = "spoiler"
			case "code":
				e.Type = "code"
			case "pre":
				e.Type = "pre"
			case "blockquote":
				e.Type = "blockquote"
				if top.arg != "" {
					e.Type = "expandable_blockquote"
				}
			case "a":
				e.Type = "text_link"
				e.URL = top.arg
				if e.URL == "" {
					e.URL = out.String()[top.pos:]
				}
			}
			entities = append(entities, e)
		}
	}
	if len(stack) > 0 {
		return "", nil, fmt.Errorf("Can't find end tag corresponding to start tag %q", stack[len(stack)-1].tag)
	}
	sort.SliceStable(entities, func(a, b int) bool {
		if entities[a].Offset != entities[b].Offset {
			return entities[a].Offset < entities[b].Offset
		}
		return entities[a].Length > entities[b].Length
	})
	return out.String(), entities, nil
}

// UTF16Len returns the length of s in UTF-16 code units, the unit Telegram
// uses for message length limits and entity offsets. Characters outside the
// Basic Multilingual Plane (most emoji) count as 2.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

func utf16Len(r rune) int {
	if r > 0xFFFF {
		return 2
	}
	return 1
}

func supportedTag(tag string) bool {
	switch tag {
	case "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
		"code", "pre", "tg-spoiler", "span", "blockquote":
		return true
	}
	return false
}

// decodeEntity decodes the HTML entity at the start of s (which begins with
// '&') and returns the character and the number of bytes it took, or n == 0
// if s does not start with a supported, ';'-terminated entity.
func decodeEntity(s string) (r rune, n int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return 0, 0
	}
	name := s[1:end]
	switch name {
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "amp":
		return '&', end + 1
	case "quot":
		return '"', end + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if digits == "" {
		return 0, 0
	}
	var v rune
	for i := 0; i < len(digits); i++ {
		d := digitVal(digits[i])
		if d < 0 || d >= base {
			return 0, 0
		}
		v = v*rune(base) + rune(d)
	}
	if v == 0 || v >= 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) {
		return 0, 0
	}
	return v, end + 1
}

func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// isSpace matches tdlib's is_space, which also treats NUL (our end of input)
// as a space.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0 || c == '\v'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
