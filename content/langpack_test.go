package content

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// commandWord finds the /commands an answer names.
var commandWord = regexp.MustCompile(`/[a-z]+\b`)

// number finds the numbers an answer gives, a decimal comma read as a
// point ("2,5" is "2.5").
var number = regexp.MustCompile(`\d+(?:[.,]\d+)?`)

// numbersOf are the numbers of s, without those of a 12-hour clock
// ("2 p.m.", which the other languages write "14:00"), of °F, or of
// "step 3" (which a language may write "the third step").
func numbersOf(s string) []string {
	s = regexp.MustCompile(`\d+ ?(?:a\.m\.|p\.m\.)|\d+ ?°F|\b[Ss]teps? \d\b`).ReplaceAllString(s, "")
	var out []string
	for _, n := range number.FindAllString(s, -1) {
		out = append(out, strings.ReplaceAll(n, ",", "."))
	}
	return out
}

// Every language's article is the English one: the same topics, sections,
// related links and warning marks, the same checklist rule and questions,
// and in each answer the same /commands and every number.
func TestPacksMatchEnglish(t *testing.T) {
	en := Default()
	if err := en.CheckPacks(); err != nil {
		t.Fatal(err)
	}
	for _, code := range Languages[1:] {
		p, ok := en.Pack(code)
		if !ok {
			t.Fatalf("%s: no article", code)
		}
		if len(p.Topics) != len(en.Topics) {
			t.Errorf("%s: %d topics, English has %d", code, len(p.Topics), len(en.Topics))
		}
		for _, et := range en.Topics {
			pt, ok := p.Topic(et.ID)
			if !ok {
				t.Errorf("%s: no topic %s", code, et.ID)
				continue
			}
			if pt.Section != et.Section || !slices.Equal(pt.Related, et.Related) || pt.Warning != et.Warning {
				t.Errorf("%s/%s: section, related or warning differ from the English", code, et.ID)
			}
			if got, want := slices.Sorted(slices.Values(commandWord.FindAllString(pt.Body, -1))), slices.Sorted(slices.Values(commandWord.FindAllString(et.Body, -1))); !slices.Equal(slices.Compact(got), slices.Compact(want)) {
				t.Errorf("%s/%s: commands %v, English %v", code, et.ID, got, want)
			}
			have := numbersOf(pt.Body)
			for _, n := range numbersOf(et.Body) {
				if !slices.Contains(have, n) {
					t.Errorf("%s/%s: the number %s of the English answer is missing", code, et.ID, n)
				}
			}
			if len(pt.Questions) < 20 {
				t.Errorf("%s/%s: %d phrasings, want at least 20", code, et.ID, len(pt.Questions))
			}
		}
		if p.Checklist.Threshold != en.Checklist.Threshold || len(p.Checklist.Questions) != len(en.Checklist.Questions) {
			t.Errorf("%s: checklist rule %d of %d, English %d of %d", code, p.Checklist.Threshold, len(p.Checklist.Questions), en.Checklist.Threshold, len(en.Checklist.Questions))
		}
		for i, q := range en.Checklist.Questions {
			if i < len(p.Checklist.Questions) && (p.Checklist.Questions[i].ID != q.ID || p.Checklist.Questions[i].RedFlag != q.RedFlag) {
				t.Errorf("%s: checklist question %d is %s, English %s", code, i+1, p.Checklist.Questions[i].ID, q.ID)
			}
		}
		for _, n := range numbersOf(en.Tips) {
			if !slices.Contains(numbersOf(p.Tips), n) {
				t.Errorf("%s: tips lack the number %s", code, n)
			}
		}
		if strings.Contains(p.Tips+p.Checklist.Intro, "p.m.") {
			t.Errorf("%s: a 12-hour clock is left", code)
		}
	}
}
