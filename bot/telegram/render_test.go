package telegram

import (
	"encoding/xml"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRenderHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"**bold** and _it_", "<b>bold</b> and <i>it</i>"},
		{"a < b & c > d \"q\"", "a &lt; b &amp; c &gt; d &quot;q&quot;"},
		{"- one\n2. two", "• one\n2. two"},
		{"[site](https://e.org/?a=1&b=2)", `<a href="https://e.org/?a=1&amp;b=2">site</a>`},
		{"[site](https://e.org/\"x)", `[site](https://e.org/&quot;x)`}, // not a link: shown as typed
		{"**<script>alert(1)</script>**", "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>"},
	}
	for _, blank := range []string{"", "   ", "\n\n", "\x06"} {
		if got := renderHTML(blank, maxText); len(got) != 0 {
			t.Errorf("renderHTML(%q) = %q, want no messages", blank, got)
		}
	}
	for _, tt := range tests {
		got := renderHTML(tt.in, maxText)
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("renderHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// visible is what Telegram counts: the text with tags removed and
// entities decoded.
func visible(s string) string {
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, ""))
}

// wellFormed checks the HTML nests properly, like Telegram's parser does.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<r>" + s + "</r>"))
	d.Strict, d.Entity = true, map[string]string{"quot": `"`}
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v in %q", err, s)
			}
			return
		}
	}
}

func TestSplitLongReplies(t *testing.T) {
	para := strings.Repeat("word ", 199) + "**end**" // ~1000 characters
	text := strings.Join([]string{para, para, para, para, para}, "\n\n")
	parts := renderHTML(text, maxText)
	if len(parts) != 2 {
		t.Fatalf("5,000 characters in %d parts, want 2", len(parts))
	}
	for _, p := range parts {
		if n := utf16Len(visible(p)); n > maxText {
			t.Errorf("part of %d characters", n)
		}
		if strings.HasPrefix(p, "\n") || strings.HasSuffix(p, "\n") {
			t.Errorf("part starts or ends with a blank line")
		}
		wellFormed(t, p)
	}
	if !strings.HasSuffix(parts[0], "<b>end</b>") {
		t.Error("the split is not at a paragraph boundary")
	}
	// One enormous line with emoji (two UTF-16 units each) and bold.
	long := "**" + strings.Repeat("🌙", 5000) + "**"
	parts = renderHTML(long, maxText)
	if len(parts) != 3 {
		t.Fatalf("10,000 units in %d parts", len(parts))
	}
	for _, p := range parts {
		if n := utf16Len(visible(p)); n > maxText || !strings.HasPrefix(p, "<b>") {
			t.Errorf("part: %d units, %q...", n, p[:20])
		}
		wellFormed(t, p)
	}
}

func FuzzRenderHTML(f *testing.F) {
	for _, s := range []string{"**b** _i_ [l](https://x.y) <>&\"", "- a\n\n1. b", strings.Repeat("x ", 3000), "\xff<b>", "🌙**🌙**"} {
		f.Add(s, 100)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 16 || limit > maxText { // real limits are 1024 and 4096; 16 is above any list prefix
			limit = 64
		}
		for _, p := range renderHTML(s, limit) {
			if !utf8.ValidString(p) {
				t.Fatalf("invalid UTF-8 in %q", p)
			}
			if n := utf16Len(visible(p)); n > limit {
				t.Fatalf("part of %d units, limit %d: %q", n, limit, p)
			}
			if strings.TrimSpace(visible(p)) == "" {
				t.Fatalf("empty part %q", p)
			}
			wellFormed(t, p)
		}
	})
}
