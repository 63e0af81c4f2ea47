package content

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync"
)

// The article in the other languages. lang/<code>/ has the layout of this
// folder's English content (topics/*.md, sections.yaml, checklist.yaml,
// tips.md), written by fluent writers, plus topic_model.json: a softmax
// regression over a question's word and letter n-grams that places it
// among the topics or refuses it ("out"), trained on the topics'
// phrasings and on outside.txt (TestTrainLanguageModels). The topic ids,
// sections, checklist questions and rule are the English ones.

// Pack is the article in one language.
type Pack struct {
	// Lang is the language's code.
	Lang string
	Article

	model *topicModel
	// crisis is the language's learned crisis reader (crisis_model.json):
	// classes "calm" and "crisis", trained on the language's rounds
	// (TestTrainLanguageCrisisModels). It adds recall to the crisis words
	// of lang/<code>.yaml, which do not reach every way people say it.
	crisis *topicModel
	// red is the language's learned reader of warning signs
	// (red_model.json): classes "calm" and "red", trained on the
	// language's rounds (TestTrainLanguageRedModels). It adds recall to
	// the urgent and soon words of lang/<code>.yaml.
	red *topicModel
}

// packs are the other languages' articles, each loaded on first use: a
// process that never meets a language pays nothing for it (an article
// and its two models take about 90 ms to read).
type packs struct {
	mu sync.Mutex
	by map[string]*packSlot
}

// packSlot is one language's article, loaded once.
type packSlot struct {
	once sync.Once
	pack *Pack
	err  error
}

// slot is lang's slot, or nil for a language the bot does not speak
// beyond English.
func (ps *packs) slot(lang string) *packSlot {
	if lang == "en" || !slices.Contains(Languages, lang) {
		return nil
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.by == nil {
		ps.by = map[string]*packSlot{}
	}
	if ps.by[lang] == nil {
		ps.by[lang] = &packSlot{}
	}
	return ps.by[lang]
}

// Pack is the article in lang, and false for English or a language the
// bot does not speak.
func (l *Library) Pack(lang string) (*Pack, bool) {
	s := l.packs.slot(lang)
	if s == nil || l.topicFS == nil {
		return nil, false
	}
	s.once.Do(func() {
		if s.pack, s.err = loadPack(l.topicFS, lang); s.err != nil {
			s.err = fmt.Errorf("lang/%s: %w", lang, s.err)
		}
	})
	return s.pack, s.pack != nil
}

// CheckCatalog loads the message catalog and the other languages' safety
// words now and reports what is wrong with them.
func (l *Library) CheckCatalog() error {
	l.messages()
	return l.langErr
}

// CheckPacks loads every language's article, safety words and message
// catalog now and reports what is wrong with them.
func (l *Library) CheckPacks() error {
	errs := []error{}
	for _, code := range Languages[1:] {
		l.Pack(code)
		if s := l.packs.slot(code); s != nil {
			errs = append(errs, s.err)
		}
	}
	l.messages()
	return errors.Join(append(errs, l.langErr)...)
}

// loadPack reads lang/<code>/ and checks it against nothing but itself;
// TestPacksMatchEnglish checks it against the English.
func loadPack(fsys fs.FS, code string) (*Pack, error) {
	sub, err := fs.Sub(fsys, "lang/"+code)
	if err != nil {
		return nil, err
	}
	p := &Pack{Lang: code}
	if p.Article, err = loadArticle(sub); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		dst  **topicModel
	}{{topicModelFile, &p.model}, {langCrisisModelFile, &p.crisis}, {langRedModelFile, &p.red}} {
		b, err := fs.ReadFile(sub, f.name)
		if err != nil {
			continue // a language without the model reads with its rules alone
		}
		var m topicModel
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		*f.dst = &m
	}
	return p, nil
}

// SourceLineIn names the part of the article a topic comes from, in lang.
func (l *Library) SourceLineIn(lang string, t *Topic) string {
	if s := l.Text(lang, "SourceLine", map[string]string{"Source": escapeMarkup(t.Source)}); s != "" {
		return s
	}
	return t.SourceLine()
}

// CommandDescriptions are the menus' command descriptions in every other
// language (commands/<code>.yaml): by language code, then command name.
func (l *Library) CommandDescriptions() (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	if l.topicFS == nil {
		return out, nil
	}
	for _, code := range Languages[1:] {
		var m map[string]string
		if err := readYAML(l.topicFS, "commands/"+code+".yaml", &m); err != nil {
			return nil, err
		}
		out[code] = m
	}
	return out, nil
}

// langCrisisModelFile is each language's learned crisis reader.
const langCrisisModelFile = "crisis_model.json"

// langCrisisThreshold is the probability from which a language's crisis
// model calls a message a crisis. Trained on six rounds and each
// language's blind statements, and scored on four others, it found 28-30
// of their 35 crises at 0.5, with 1, 1, 3 and 0 false alarms among 245
// calm messages in es, pt, de and ru (CALMNIGHTS_CRISIS_FOLDS=1 go test
// ./content -run Folds -v). Before it learned the statements, five of
// 320 everyday ones ("activa otra vez los recordatorios") got the crisis
// answer.
const langCrisisThreshold = 0.5

// modelCrisis reports whether the crisis model of the language text is
// written in (and only that one) calls it a crisis, and which language.
func (l *Library) modelCrisis(text string) (string, bool) {
	code := l.ReplyLanguage(text, "")
	if code == "en" {
		return "", false
	}
	p, ok := l.Pack(code)
	if !ok || p.crisis == nil || len(p.crisis.Classes) != 2 {
		return "", false
	}
	return code, p.crisis.predict(l.featuresIn(code, text))[1] >= langCrisisThreshold
}

// featuresIn are the features a language's models (topics and crisis)
// read of text.
func (l *Library) featuresIn(code, text string) []string {
	return langFeatures(l.rulesFor(code).fold(text))
}
