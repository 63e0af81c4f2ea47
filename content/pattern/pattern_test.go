package pattern

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// patterns are shaped like the bot's rules: word boundaries, optional
// parts, alternations the parser factors, classes, gaps and case folding.
var patterns = []string{
	`\b(want|wanna|going) to (die|end it( all)?|kill myself)\b`,
	`\bhurt(ing)? (myself|me)\b`,
	`\b(see|show|view)\b.{0,20}\b(my|the) (week|7 days)\b`,
	`\bsuicid\w*`,
	`\b(bang|banging|bash)\b`,
	`\bdie[ds]?\b`,
	`(?i)\bweak\b`,
	`^\s*withdraw\s*$`,
	`\b(no|not) (point|reason)\b.{0,15}\bliving\b`,
	`не\s+хочу\s+жить`,
	`\b(me )?quiero morir\b|\bno quiero (vivir|seguir)\b`,
	`\d+ nights?`,
	`a|b`,
	`x*`,
}

// words are the pieces texts are made of: the patterns' own words, near
// misses and filler.
var words = []string{"want", "to", "die", "end", "it", "all", "kill", "myself", "hurt", "hurting", "me",
	"see", "show", "my", "the", "week", "7", "days", "suicidal", "suicide", "bang", "banging", "bash",
	"died", "dies", "WEAK", "Weak", "weak", "withdraw", "no", "not", "point", "reason", "living",
	"не", "хочу", "жить", "quiero", "morir", "vivir", "seguir", "3", "nights", "a", "b", "legs", "twitch", ".", ",", "\n",
	"want to die", "going to end it all", "no point in living", "не хочу жить", "не  хочу\tжить"}

// The tests never skip a text the expression matches: for every
// pattern, over random texts of its words, MatchString, MayMatch and
// MayMatchIn agree with the regexp package.
func TestNeverSkipsAMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, p := range patterns {
		r := MustCompile(p)
		re := regexp.MustCompile(p)
		matched := 0
		for range 3000 {
			n := 1 + rng.IntN(8)
			parts := make([]string, n)
			for i := range parts {
				parts[i] = words[rng.IntN(len(words))]
			}
			s := strings.Join(parts, " ")
			want := re.MatchString(s)
			if want {
				matched++
			}
			if got := r.MatchString(s); got != want {
				t.Fatalf("%s on %q: MatchString %v, regexp %v", p, s, got, want)
			}
			if want && (!r.MayMatch(s) || !r.MayMatchIn(ScanOf(s))) {
				t.Fatalf("%s on %q: the tests skip a match (clauses %q)", p, s, r.clauses)
			}
			if got, want := r.FindAllStringIndexIn(ScanOf(s)), re.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s on %q: spans %v, want %v", p, s, got, want)
			}
			if got, want := r.ReplaceAllString(s, "<$0>"), re.ReplaceAllString(s, "<$0>"); got != want {
				t.Fatalf("%s on %q: replaced %q, want %q", p, s, got, want)
			}
			if got, want := r.Split(s, -1), re.Split(s, -1); !slices.Equal(got, want) {
				t.Fatalf("%s on %q: split %q, want %q", p, s, got, want)
			}
			if got, want := r.FindAllStringSubmatch(s, -1), re.FindAllStringSubmatch(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s on %q: submatches %q, want %q", p, s, got, want)
			}
		}
		if matched == 0 {
			t.Errorf("%s matched none of the texts: the test proves nothing for it", p)
		}
	}
}

// Compile finds the strings a match needs, and none where it cannot tell.
func TestRequiredStrings(t *testing.T) {
	for _, tt := range []struct {
		expr string
		want [][]string
	}{
		{`\bhurt(ing)? myself\b`, [][]string{{"hurt myself", "hurting myself"}}},
		{`\b(bang|banging|bash)\b`, [][]string{{"bang", "banging", "bash"}}},
		{`\bsuicid\w*`, [][]string{{"suicid"}}},
		{`(?i)\bweak\b`, nil}, // case folded: any spelling
		{`\b(a|b) week\b`, [][]string{{"a week", "b week"}}},
		{`\b(see|show)\b.{0,20}\bmy week\b`, [][]string{{"my week"}, {"see", "show"}}},
		{`x*`, nil},
	} {
		r := MustCompile(tt.expr)
		got := r.clauses
		for _, c := range got {
			slices.Sort(c)
		}
		for _, c := range tt.want {
			slices.Sort(c)
		}
		if !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: clauses %q, want %q", tt.expr, got, tt.want)
		}
	}
}

// A bad expression is an error from Compile and a panic from MustCompile,
// never a panic at first use.
func TestBadExpression(t *testing.T) {
	if _, err := Compile(`(unclosed`); err == nil {
		t.Fatal("Compile accepted (unclosed")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("MustCompile accepted (unclosed")
		}
	}()
	MustCompile(`(unclosed`)
}

// FuzzNeverSkipsAMatch looks for a text the tests skip though the
// expression matches it.
func FuzzNeverSkipsAMatch(f *testing.F) {
	for _, s := range []string{"i want to die", "hurting myself", "show me my week", "не хочу жить"} {
		f.Add(s)
	}
	rules := make([]*Rule, len(patterns))
	res := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		rules[i], res[i] = MustCompile(p), regexp.MustCompile(p)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc := ScanOf(s)
		for i, r := range rules {
			if res[i].MatchString(s) && (!r.MayMatch(s) || !r.MayMatchIn(sc)) {
				t.Fatalf("%s on %q: the tests skip a match", r, s)
			}
		}
	})
}

// A rule compiled after a text was scanned (a language loaded on first
// use) is not skipped on that scan: its strings count as present.
func TestRuleCompiledAfterTheScan(t *testing.T) {
	sc := ScanOf("i keep thinking about qzxvplunge tonight")
	r := MustCompile(`\bqzxvplunge\b`)
	if !r.MayMatchIn(sc) || len(r.FindAllStringIndexIn(sc)) != 1 {
		t.Fatal("a rule newer than the scan was skipped")
	}
	if other := MustCompile(`\bqzxvabsent\b`); len(other.FindAllStringIndexIn(ScanOf(sc.Text()))) != 0 {
		t.Fatal("a rescan found a string the text does not hold")
	}
}
