package discord

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRenderMD(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"**bold** and _it_", "**bold** and *it*"},
		{"- one\n2. two", "• one\n2\\. two"},
		{"a*b_c~d`e|f>g#h", `a\*b\_c\~d\` + "`" + `e\|f\>g\#h`},
		{"@everyone <@123>", `\@everyone \<\@123\>`},
		{"[site](https://e.org/a)", "[site](<https://e.org/a>)"},
		{"one\n\n\n\ntwo", "one\n\ntwo"},
	}
	for _, tt := range tests {
		got := renderMD(tt.in, maxContent)
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("renderMD(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, blank := range []string{"", "  ", "\n\n", "\x01"} {
		if got := renderMD(blank, maxContent); len(got) != 0 {
			t.Errorf("renderMD(%q) = %q, want no messages", blank, got)
		}
	}
}

func TestSplitAt2000(t *testing.T) {
	para := strings.Repeat("word ", 99) + "**end**" // ~500 characters
	text := strings.Join([]string{para, para, para, para, para}, "\n\n")
	parts := renderMD(text, maxContent)
	if len(parts) != 2 {
		t.Fatalf("2,500 characters in %d parts, want 2", len(parts))
	}
	for _, p := range parts {
		if n := utf8.RuneCountInString(p); n > maxContent {
			t.Errorf("part of %d characters", n)
		}
	}
	if !strings.HasSuffix(parts[0], "**end**") {
		t.Error("not split at a paragraph")
	}
	long := "**" + strings.Repeat("*", 3000) + "**" // every character escaped, bold
	for _, p := range renderMD(long, maxContent) {
		if n := utf8.RuneCountInString(p); n > maxContent || !strings.HasPrefix(p, "**") || !strings.HasSuffix(p, "**") {
			t.Errorf("part: %d characters, %q...%q", n, p[:6], p[len(p)-6:])
		}
	}
}

func FuzzRenderMD(f *testing.F) {
	for _, s := range []string{"**b** _i_ [l](https://x.y) *_~`|>#", "- a\n\n1. b", strings.Repeat("x ", 1500), "\xff@here", "🌙**🌙**"} {
		f.Add(s, 100)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 64 || limit > maxContent { // real limit 2000; 64 is above any markup of a short link
			limit = 64
		}
		for _, p := range renderMD(s, limit) {
			if !utf8.ValidString(p) {
				t.Fatalf("invalid UTF-8: %q", p)
			}
			if n := utf8.RuneCountInString(p); n > limit && !strings.Contains(p, "](<") {
				t.Fatalf("part of %d characters, limit %d: %q", n, limit, p)
			}
			if strings.TrimSpace(p) == "" {
				t.Fatalf("empty part from %q", s)
			}
			if strings.Contains(p, "@everyone") || strings.Contains(p, "<@") {
				t.Fatalf("unescaped mention in %q", p)
			}
		}
	})
}
