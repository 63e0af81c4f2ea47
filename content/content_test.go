package content

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/markup"
)

func TestLoadChecksEverything(t *testing.T) {
	lib := mustLoad(t)
	if len(lib.Topics) < 30 {
		t.Fatalf("%d topics", len(lib.Topics))
	}
	for _, s := range lib.Sections {
		if len(lib.TopicsIn(s.ID)) == 0 {
			t.Errorf("section %s has no topics", s.ID)
		}
	}
	for _, tp := range lib.Topics {
		if len(tp.Questions) < 5 {
			t.Errorf("%s: only %d phrasings", tp.ID, len(tp.Questions))
		}
		if n := len(strings.Fields(tp.Body)); n < 40 || n > 250 {
			t.Errorf("%s: body of %d words is not chat-sized", tp.ID, n)
		}
		checkMarkup(t, tp.ID, tp.Body)
		if strings.Contains(tp.Body, "#") || strings.Contains(tp.Body, "`") {
			t.Errorf("%s: uses markup the bot does not have", tp.ID)
		}
	}
	// Topics about warning signs end with a short "not medical advice" line
	// that says when to see a doctor.
	for _, id := range []string{"when-to-worry", "rls", "plmd", "als", "nerve-conditions", "dangerous", "see-a-doctor"} {
		tp, _ := lib.Topic(id)
		if tp == nil || !EndsWithDisclaimer(tp.Body) || !strings.Contains(strings.ToLower(lastLine(tp.Body)), "doctor") {
			t.Errorf("topic %s does not end with a disclaimer that mentions a doctor", id)
		}
	}
	checkMarkup(t, "tips", lib.Tips)
	if n := len([]rune(lib.Tips)); n > 3500 {
		t.Errorf("tips are %d characters: too long for one chat message", n)
	}
}

// checkMarkup fails when parsing leaves markup characters in the text, a
// sign of an unbalanced ** or _ in a content file.
func checkMarkup(t *testing.T, name, text string) {
	t.Helper()
	for _, ln := range markup.Parse(text) {
		for _, sp := range ln.Spans {
			if strings.Contains(sp.Text, "**") {
				t.Errorf("%s: unbalanced bold near %q", name, sp.Text)
			}
		}
	}
}

func TestBrokenContentIsRefused(t *testing.T) {
	base := os.DirFS(".")
	tests := map[string]string{
		"no front matter":  "just text",
		"unknown field":    "---\nid: twitches\ntitle: T\nsection: basics\nquestions: [q]\ncolour: red\n---\nbody",
		"empty body":       "---\nid: twitches\ntitle: T\nsection: basics\nquestions: [q]\n---\n",
		"unclosed":         "---\nid: twitches\ntitle: T\n",
		"no questions":     "---\nid: twitches\ntitle: T\nsection: basics\nsource: S\n---\nbody",
		"no source":        "---\nid: twitches\ntitle: T\nsection: basics\nquestions: [q]\n---\nbody",
		"too many related": "---\nid: twitches\ntitle: T\nsection: basics\nquestions: [q]\nrelated: [a, b, c, d]\n---\nbody",
	}
	for name, file := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := parseTopic([]byte(file)); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	if _, err := LoadFS(base); err != nil {
		t.Fatalf("the real content does not load: %v", err)
	}
}

// Every fact and number of the article is in our content, in the topic
// where a reader would look for it.
func TestArticleFactsAreCovered(t *testing.T) {
	lib := mustLoad(t)
	facts := []struct{ topic, pattern string }{
		{"twitches", `fasciculation`},
		{"hypnic-jerks", `70 ?%`}, {"hypnic-jerks", `hypnagogic`}, {"hypnic-jerks", `motor neurons?`},
		{"why-legs-at-night", `calves`}, {"why-legs-at-night", `thighs`}, {"why-legs-at-night", `feet`}, {"why-legs-at-night", `heart`}, {"why-legs-at-night", `circulation`},
		{"muscle-fatigue", `exercise`}, {"muscle-fatigue", `standing`}, {"muscle-fatigue", `(physical|manual) (labour|labor|work)`},
		{"electrolytes", `magnesium`}, {"electrolytes", `potassium`}, {"electrolytes", `calcium`}, {"electrolytes", `sodium`},
		{"dehydration", `sodium`}, {"dehydration", `potassium`}, {"dehydration", `hot`}, {"dehydration", `cramps`},
		{"caffeine", `2 ?p\.m\.`}, {"caffeine", `energy drinks?`}, {"caffeine", `medications?|medicines?`},
		{"stress", `cortisol`},
		{"pregnancy", `second and third trimesters?`},
		{"magnesium", `leafy greens`}, {"magnesium", `nuts`}, {"magnesium", `supplements?`}, {"magnesium", `days`},
		{"rls", `5[–-]10 ?%`}, {"rls", `urge`}, {"rls", `crawling`}, {"rls", `tingling`}, {"rls", `itching`}, {"rls", `(neurologist|Linda Chen)`},
		{"rls-causes", `dopamine`}, {"rls-causes", `iron`}, {"rls-causes", `kidney disease`}, {"rls-causes", `Parkinson`}, {"rls-causes", `genetic`}, {"rls-causes", `pregnancy`},
		{"plmd", `20[–-]40 seconds`}, {"plmd", `polysomnography`}, {"plmd", `sleep apnoea|sleep apnea`}, {"plmd", `narcolepsy`}, {"plmd", `partner`}, {"plmd", `fatigue|tiredness`}, {"plmd", `heart|cardiovascular`},
		{"als", `ALS`}, {"als", `amyotrophic lateral sclerosis`}, {"als", `rare`}, {"als", `one limb`}, {"als", `weakness`},
		{"nerve-conditions", `peripheral neuropathy`}, {"nerve-conditions", `multiple sclerosis`}, {"nerve-conditions", `spinal cord`}, {"nerve-conditions", `numbness`}, {"nerve-conditions", `coordination`}, {"nerve-conditions", `reflex`},
		{"dangerous", `daytime|during the day`}, {"dangerous", `heart|cardiovascular`},
		{"diabetes", `neuropathy`}, {"diabetes", `blood sugar`}, {"diabetes", `diuretics?`},
		{"hydration", `2[–-]2\.5 litres`}, {"hydration", `climate|weather`},
		{"electrolyte-foods", `bananas`}, {"electrolyte-foods", `sweet potatoes`}, {"electrolyte-foods", `dairy`}, {"electrolyte-foods", `fortified plant milks?`}, {"electrolyte-foods", `spinach`}, {"electrolyte-foods", `almonds`}, {"electrolyte-foods", `pumpkin seeds`},
		{"alcohol", `sleep cycles?`},
		{"stretching", `hamstrings`}, {"stretching", `calves`}, {"stretching", `quadriceps`}, {"stretching", `downward dog`}, {"stretching", `seated forward bend`},
		{"bedroom", `18 ?°C`}, {"bedroom", `65 ?°F`}, {"bedroom", `dark`},
		{"screens", `blue light`}, {"screens", `melatonin`},
		{"relaxation", `deep breathing`}, {"relaxation", `progressive muscle relaxation`}, {"relaxation", `mindfulness`},
		{"epsom-bath", `Epsom`}, {"epsom-bath", `magnesium sulfate`}, {"epsom-bath", `\bmay\b`},
		{"routine", `schedule`}, {"routine", `journal|/log`},
		{"see-a-doctor", `more than three nights`}, {"see-a-doctor", `two or more`}, {"see-a-doctor", `neurologist`}, {"see-a-doctor", `sleep specialist`}, {"see-a-doctor", `arms`}, {"see-a-doctor", `trunk`}, {"see-a-doctor", `ana?emia`},
		{"sarah", `42`}, {"sarah", `teacher`}, {"sarah", `15 minutes`}, {"sarah", `ferritin`}, {"sarah", `dopamine agonist`}, {"sarah", `six weeks`}, {"sarah", `husband`},
		{"treatment", `dopamine agonist`}, {"treatment", `iron`},
	}
	for _, f := range facts {
		tp, ok := lib.Topic(f.topic)
		if !ok {
			t.Errorf("no topic %q", f.topic)
			continue
		}
		if !regexp.MustCompile(`(?i)` + f.pattern).MatchString(tp.Body) {
			t.Errorf("topic %s lacks %q", f.topic, f.pattern)
		}
	}
	// The checklist carries all seven criteria and the rule.
	cl := lib.Checklist
	if len(cl.Questions) != 7 || cl.Threshold != 2 {
		t.Fatalf("checklist: %d questions, threshold %d", len(cl.Questions), cl.Threshold)
	}
	all := strings.ToLower(cl.Intro + cl.ResultSeeDoctor)
	for _, q := range cl.Questions {
		all += strings.ToLower(q.Text + " " + q.Short)
	}
	for _, p := range []string{"more than three nights", "wake you", "urge to move", "kicking", "arms or your trunk", "weakness, numbness or trouble with coordination", "iron deficiency or anaemia", "two or more", "neurologist", "sleep specialist"} {
		if !strings.Contains(all, p) {
			t.Errorf("checklist lacks %q", p)
		}
	}
}

// No sentence of the article is pasted: no run of seven words of ours
// appears in it. The article is not in the repository; the test reads it
// from the shared folder when it is there.
func TestNoArticleSentencesPasted(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "000_7d1d6a1e1540853a.txt"))
	if err != nil {
		t.Skip("source article not found next to the repository")
	}
	const n = 7
	grams := map[string]bool{}
	words := splitWords(string(article))
	for i := 0; i+n <= len(words); i++ {
		grams[strings.Join(words[i:i+n], " ")] = true
	}
	lib := mustLoad(t)
	texts := map[string]string{"tips": lib.Tips, "checklist": lib.Checklist.Intro + "\n" + lib.Checklist.ResultSeeDoctor + "\n" + lib.Checklist.ResultSelfCare}
	for _, q := range lib.Checklist.Questions {
		texts["checklist"] += "\n" + q.Text
	}
	for _, tp := range lib.Topics {
		texts[tp.ID] = tp.Title + "\n" + strings.Join(tp.Questions, "\n") + "\n" + tp.Body
	}
	for name, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			w := splitWords(line)
			for i := 0; i+n <= len(w); i++ {
				if g := strings.Join(w[i:i+n], " "); grams[g] {
					t.Errorf("%s repeats the article: %q", name, g)
				}
			}
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestDefaultRemindersMatchTheLibrary: the reminder texts loaded alone are
// the library's.
func TestDefaultRemindersMatchTheLibrary(t *testing.T) {
	alone, full := DefaultReminders(), Default().Reminders
	if len(alone) == 0 || len(alone) != len(full) {
		t.Fatalf("%d languages alone, %d in the library", len(alone), len(full))
	}
	for lang, kinds := range full {
		for kind, texts := range kinds {
			if len(alone[lang][kind]) != len(texts) || alone[lang][kind][0] != texts[0] {
				t.Errorf("%s/%s: texts differ", lang, kind)
			}
		}
	}
}
