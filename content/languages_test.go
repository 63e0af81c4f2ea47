package content

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// Every reply message is in every language's catalog, and every
// language's safety words load.
func TestCatalogComplete(t *testing.T) {
	lib := mustLoad(t)
	c := lib.messages()
	if c == nil || lib.langErr != nil {
		t.Fatalf("catalog: %v", lib.langErr)
	}
	for _, code := range Languages {
		if !slices.Equal(c.ids[code], c.ids["en"]) {
			t.Errorf("locales/%s.yaml has messages %v; English has %v", code, c.ids[code], c.ids["en"])
		}
	}
	var codes []string
	for _, r := range lib.langRules() {
		codes = append(codes, r.code)
	}
	if want := Languages[1:]; !slices.Equal(slices.Sorted(slices.Values(codes)), slices.Sorted(slices.Values(want))) {
		t.Errorf("safety words for %v, want %v", codes, want)
	}
}

// The crisis and urgent replies in each language: in that language, with
// the country's emergency number and crisis line, or the fallback.
func TestRepliesInEachLanguage(t *testing.T) {
	lib := mustLoad(t)
	for _, c := range []struct{ lang, country, word string }{
		{"es", "ES", "024"}, {"es", "MX", "911"}, {"pt", "BR", "188"}, {"pt", "PT", "1411"}, {"de", "DE", "0800 111 0 111"}, {"de", "AT", "142"}, {"ru", "RU", "8-800-2000-122"},
	} {
		reply := lib.CrisisReplyIn(c.lang, c.country)
		cl, _ := lib.CrisisLines.For(c.country)
		if !strings.Contains(reply, c.word) || !strings.Contains(reply, "**"+cl.Emergency+"**") || !strings.Contains(reply, "findahelpline.com") {
			t.Errorf("%s/%s crisis reply lacks %s or %s:\n%s", c.lang, c.country, c.word, cl.Emergency, reply)
		}
		if urgent := lib.UrgentReplyIn(c.lang, c.country); !strings.Contains(urgent, "**"+cl.Emergency+"**") {
			t.Errorf("%s/%s urgent reply lacks %s:\n%s", c.lang, c.country, cl.Emergency, urgent)
		}
	}
	// Each language's own words, and no English sentence left in it.
	for lang, word := range map[string]string{"es": "no estás solo", "pt": "você não está sozinho", "de": "nicht allein", "ru": "вы не одни"} {
		reply := lib.CrisisReplyIn(lang, "")
		if !strings.Contains(reply, word) || strings.Contains(reply, "you're") || strings.Contains(reply, "Please") {
			t.Errorf("%s crisis reply:\n%s", lang, reply)
		}
	}
	if en := lib.CrisisReplyIn("xx", "GB"); !strings.Contains(en, "you're not alone") || !strings.Contains(en, "116 123") {
		t.Errorf("an unknown language gets English:\n%s", en)
	}
}

func TestLanguage(t *testing.T) {
	for text, want := range map[string]string{
		"my legs twitch every night when I try to sleep, is it the coffee?": "en",
		"me tiemblan las piernas todas las noches cuando intento dormir":    "es",
		"minhas pernas tremem toda noite quando eu tento dormir, é o café?": "pt",
		"meine Beine zucken jede Nacht, wenn ich einschlafen will":          "de",
		"у меня дёргаются ноги каждую ночь":                                 "ru",
		"ok": "",
	} {
		if got := Language(text); got != want {
			t.Errorf("Language(%q) = %q, want %q", text, got, want)
		}
	}
}

// blindLangRow is one message of a blind safety set in another language.
type blindLangRow struct{ kind, text string }

// blindLangRounds are the blind safety sets in Spanish, Portuguese,
// German and Russian (testdata/lang/<prefix><code>.tsv), written by
// native-writing helpers who saw only the article and a brief, each round
// with new voices and frozen before the bot read it, and each set's
// floors (crisis, urgent, idiom kept, calm kept): every row, since each
// set joined the tuning data after its first run.
//
// First runs (crises recognised, emergencies sent to urgent care, idioms
// and calm messages left alone):
//   - round 1 (30/15/15/20), with the words written before any set was
//     read: es 10, 11, 14, 20; pt 10, 9, 15, 20; de 8, 8, 14, 20; ru 5,
//     13, 11, 19;
//   - round 2 (30/10/10/10, eight new voices each), tuned on round 1: es
//     14, 7, 9, 10; pt 15, 7, 10, 10; de 12, 6, 10, 10; ru 8, 8, 10, 10;
//   - round 3 (20/8/6/6, six new voices each), tuned on rounds 1 and 2:
//     es 12, 3, 6, 6; pt 11, 7, 6, 6; de 8, 4, 5, 6; ru 10, 7, 6, 6.
//
// A new blind set per language is the next honest figure.
var blindLangRounds = []struct {
	prefix string
	floors [4]int
}{
	{"blind_", [4]int{30, 15, 15, 20}},
	{"blind2_", [4]int{30, 10, 10, 10}},
	{"blind3_", [4]int{20, 8, 6, 6}},
}

// TestBlindLanguageSets reports each blind safety set's figures apart and
// keeps them at their floors. CALMNIGHTS_LANG_MISSES=blind2_de.tsv shows
// one set's misses.
func TestBlindLanguageSets(t *testing.T) {
	t.Parallel() // reads only; the package's long sweeps share the cores
	lib := mustLoad(t)
	show := os.Getenv("CALMNIGHTS_LANG_MISSES")
	for _, round := range blindLangRounds {
		for _, code := range Languages[1:] {
			tallyBlindLang(t, lib, round.prefix+code+".tsv", round.floors, show)
		}
	}
}

// tallyBlindLang reports one blind safety set's figures and checks them
// against its floors (crisis, urgent, idiom kept, calm kept).
func tallyBlindLang(t *testing.T, lib *Library, file string, f [4]int, show string) {
	t.Helper()
	got, n := map[string]int{}, map[string]int{}
	for _, r := range readBlindLang(t, "testdata/lang/"+file) {
		n[r.kind]++
		crisis := lib.Crisis(r.text)
		urgent := lib.Urgent(r.text).Tier == TierUrgent
		ok := false
		switch r.kind {
		case "crisis":
			ok = crisis
		case "urgent":
			ok = urgent || crisis
		default:
			ok = !crisis && !urgent
		}
		if ok {
			got[r.kind]++
		} else if show == file {
			t.Logf("miss %s: %s (crisis %v, urgent %v)", r.kind, r.text, crisis, urgent)
		}
	}
	t.Logf("%s: crisis %d/%d, urgent %d/%d, idioms kept %d/%d, calm kept %d/%d", file,
		got["crisis"], n["crisis"], got["urgent"], n["urgent"], got["idiom"], n["idiom"], got["calm"], n["calm"])
	for i, kind := range []string{"crisis", "urgent", "idiom", "calm"} {
		if got[kind] < f[i] {
			t.Errorf("%s: %s %d, fewer than the %d before", file, kind, got[kind], f[i])
		}
	}
}

func readBlindLang(t *testing.T, path string) []blindLangRow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows []blindLangRow
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			t.Fatalf("%s:%d: %d fields", path, i+2, len(f))
		}
		rows = append(rows, blindLangRow{f[0], f[1]})
	}
	return rows
}

// BenchmarkOtherLanguages is what reading a message in the other four
// languages (crisis and emergency words both) adds to each message.
func BenchmarkOtherLanguages(b *testing.B) {
	lib := mustLoad(b)
	texts := []string{
		"my legs twitch every night and I can't sleep, is it because of coffee? what should I do about it, my doctor said iron",
		"last night was a 6, woke me twice",
		"me tiemblan las piernas todas las noches, que hago?",
		"meine Beine zucken jede Nacht, hilft Magnesium?",
		"ноги дергаются каждую ночь, что делать?",
	}
	lib.langRules()
	i := 0
	for b.Loop() {
		lib.otherSafety(texts[i%len(texts)])
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/message")
}
