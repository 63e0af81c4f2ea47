package markup

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want []Line
	}{
		{"plain", []Line{{Spans: []Span{{Text: "plain"}}}}},
		{"a **bold** word", []Line{{Spans: []Span{{Text: "a "}, {Text: "bold", Bold: true}, {Text: " word"}}}}},
		{"an _italic_ word", []Line{{Spans: []Span{{Text: "an "}, {Text: "italic", Italic: true}, {Text: " word"}}}}},
		{"snake_case_name stays", []Line{{Spans: []Span{{Text: "snake_case_name stays"}}}}},
		{"**unclosed bold", []Line{{Spans: []Span{{Text: "**unclosed bold"}}}}},
		{"- item", []Line{{Kind: Bullet, Spans: []Span{{Text: "item"}}}}},
		{"12. twelfth", []Line{{Kind: Numbered, Number: 12, Spans: []Span{{Text: "twelfth"}}}}},
		{"see [the docs](https://example.com/a_b) now", []Line{{Spans: []Span{{Text: "see "}, {Text: "the docs", URL: "https://example.com/a_b"}, {Text: " now"}}}}},
		{"[not a link](javascript:alert(1))", []Line{{Spans: []Span{{Text: "[not a link](javascript:alert(1))"}}}}},
		{`\*stars\* and \_under\_`, []Line{{Spans: []Span{{Text: "*stars* and _under_"}}}}},
		{"one\n\ntwo", []Line{{Spans: []Span{{Text: "one"}}}, {}, {Spans: []Span{{Text: "two"}}}}},
		{"**bold _and italic_**", []Line{{Spans: []Span{{Text: "bold ", Bold: true}, {Text: "and italic", Bold: true, Italic: true}}}}},
	}
	for _, tt := range tests {
		got := Parse(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q)\n got %#v\nwant %#v", tt.in, got, tt.want)
		}
	}
}

func TestPlain(t *testing.T) {
	in := "**Title**\n- one\n2. two\n[site](https://example.org)"
	want := "Title\n• one\n2. two\nsite (https://example.org)"
	if got := Plain(in); got != want {
		t.Errorf("Plain = %q, want %q", got, want)
	}
}

// Escaped text must come back unchanged, whatever it contains.
func TestEscapeRoundTrip(t *testing.T) {
	for _, s := range []string{
		"plain", "**not bold**", "_not italic_", "[x](https://e.com)", "- not a list", "3. not numbered",
		`back\slash \*`, "line1\n- two\n10. three", "a_b_c", "", "emoji 🌙 *", "2.5 liters",
	} {
		if got := plainOf(Escape(s)); got != s {
			t.Errorf("round trip of %q: Escape=%q, Plain=%q", s, Escape(s), got)
		}
	}
}

// plainOf returns all text of the parsed markup with no list markers, so a
// round trip can be compared exactly.
func plainOf(s string) string {
	var parts []string
	for _, ln := range Parse(s) {
		if ln.Kind != Text {
			return "<list item>"
		}
		var b strings.Builder
		for _, sp := range ln.Spans {
			if sp.Bold || sp.Italic || sp.URL != "" {
				return "<styled>"
			}
			b.WriteString(sp.Text)
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "\n")
}

func FuzzEscapeRoundTrip(f *testing.F) {
	for _, s := range []string{"**a**", "_a_", "- a", "1. a", "[a](https://b)", `\`, "\x00", "a\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.Contains(s, "\r") {
			return // Parse repairs these on purpose
		}
		if got := plainOf(Escape(s)); got != s {
			t.Fatalf("round trip of %q: got %q", s, got)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add("**b** _i_ [l](https://x) \\* - 1. ")
	f.Fuzz(func(t *testing.T, s string) {
		for _, ln := range Parse(s) {
			for _, sp := range ln.Spans {
				if !utf8.ValidString(sp.Text) {
					t.Fatalf("invalid UTF-8 span %q from %q", sp.Text, s)
				}
				if sp.URL != "" && !strings.HasPrefix(sp.URL, "http") {
					t.Fatalf("link to %q from %q", sp.URL, s)
				}
			}
		}
	})
}

// BenchmarkParse reports parse cost per input byte for a normal reply and
// for inputs built to trigger backtracking; all should stay near-linear.
func BenchmarkParse(b *testing.B) {
	inputs := map[string]string{
		"reply":         strings.Repeat("**Title**\n- a _short_ item with [a link](https://example.org)\n", 40),
		"underscores":   strings.Repeat("_a ", 20000),
		"brackets":      strings.Repeat("[a](", 20000),
		"bold_openers":  strings.Repeat("** ", 20000),
		"escaped_mixed": strings.Repeat(`\*_[`, 20000),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				Parse(in)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(in)), "ns/byte")
		})
	}
}

func TestParagraphs(t *testing.T) {
	got := Paragraphs(Parse("one\ntwo\n\n  \n- item\n\x01\x7f\nthree"))
	if len(got) != 3 {
		t.Fatalf("%d paragraphs, want 3: %+v", len(got), got)
	}
	if len(got[0]) != 2 || got[1][0].Kind != Bullet || PlainText(got[2][0].Spans) != "three" {
		t.Fatalf("paragraphs: %+v", got)
	}
	if (Line{Kind: Bullet}).Blank() {
		t.Error("an empty bullet still shows its bullet, so it is not blank")
	}
	if Paragraphs(Parse("\n \n")) != nil {
		t.Error("only blank lines make no paragraph")
	}
}
