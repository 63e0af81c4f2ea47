// Package content holds Calm Nights' own write-up of the source article,
// embedded in the binary: the topics that answer questions, the doctor
// checklist, the tips, the red-flag rules and the search vocabulary. All of
// it lives in plain files (topics/*.md, *.yaml, tips.md) that can be edited
// without touching Go code; Load checks them and builds the search index.
package content

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed topics/*.md tips.md checklist.yaml lexicon.yaml redflags.yaml sections.yaml reminders.yaml scope.yaml crisis.yaml crisislines.yaml crisis_model.json topic_model.json lang locales commands/*.yaml langnames.yaml
var files embed.FS

// Article is the article in one language, as a folder of this layout
// holds it: topics/*.md, sections.yaml, checklist.yaml and tips.md. The
// English one is the Library's; each other language's is its Pack's.
type Article struct {
	Topics    []*Topic
	Sections  []Section
	Checklist Checklist
	// Tips is the reply to /tips, in the bot's markup.
	Tips string

	byID map[string]*Topic
}

// Library is all content, loaded and indexed: the English article and
// what reads messages.
type Library struct {
	Article
	// Reminders are the texts of the reminders, in every language.
	Reminders ReminderLanguages
	// CrisisLines are the emergency numbers and crisis lines by country.
	CrisisLines CrisisLines

	lex      *lexicon
	index    *index
	redFlags *redFlagRules
	scope    *scope
	// The crisis tier (crisis.yaml and crisis_model.json) is compiled on
	// first use: a thousand expressions take a tenth of a second, which a
	// process that only composes reminders should not pay at start.
	crisisFS    fs.FS
	crisisOnce  sync.Once
	crisis      *crisisRules
	crisisModel *crisisModel
	crisisErr   error
	// The other languages' safety words (lang/*.yaml), compiled on first
	// use, and the replies' message catalog (locales/*.yaml).
	langOnce sync.Once
	langs    []*langRules
	langErr  error
	catalog  *catalog
	// The last message read in the other languages, and what was found:
	// Crisis and Urgent read the same message one after the other.
	foldMu                           sync.Mutex
	foldText, foldCrisis, foldUrgent string
	foldDone                         bool

	topicState
	// The article in the other languages (lang/<code>/), on first use.
	packs packs
	// Short answers typed in the other languages (lang/<code>/words.yaml).
	words words
}

// Section groups topics for browsing.
type Section struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
}

// Load reads the embedded content.
func Load() (*Library, error) { return LoadFS(files) }

// LoadFS reads content from fsys, which has the layout of this folder.
func LoadFS(fsys fs.FS) (*Library, error) {
	lib := &Library{}
	var err error
	if lib.lex, err = loadLexicon(fsys); err != nil {
		return nil, err
	}
	if lib.Article, err = loadArticle(fsys); err != nil {
		return nil, err
	}
	if lib.Reminders, err = loadReminderLanguages(fsys); err != nil {
		return nil, err
	}
	if lib.redFlags, err = loadRedFlags(fsys, lib.Checklist); err != nil {
		return nil, err
	}
	lib.crisisFS, lib.topicFS = fsys, fsys
	if lib.CrisisLines, err = loadCrisisLines(fsys); err != nil {
		return nil, err
	}
	if lib.scope, err = loadScope(fsys, lib.lex); err != nil {
		return nil, err
	}
	lib.index = newIndex(lib.Topics, lib.lex)
	return lib, nil
}

// loadArticle reads an article from fsys.
func loadArticle(fsys fs.FS) (Article, error) {
	a := Article{byID: map[string]*Topic{}}
	if err := readYAML(fsys, "sections.yaml", &a.Sections); err != nil {
		return Article{}, err
	}
	if err := a.loadTopics(fsys); err != nil {
		return Article{}, err
	}
	tips, err := fs.ReadFile(fsys, "tips.md")
	if err != nil {
		return Article{}, fmt.Errorf("read tips: %w", err)
	}
	a.Tips = strings.TrimSpace(string(tips))
	if a.Checklist, err = loadChecklist(fsys); err != nil {
		return Article{}, err
	}
	return a, nil
}

// loadTopics reads topics/*.md and checks that ids, sections and related
// links agree.
func (lib *Article) loadTopics(fsys fs.FS) error {
	names, err := fs.Glob(fsys, "topics/*.md")
	if err != nil {
		return fmt.Errorf("list topics: %w", err)
	}
	sort.Strings(names)
	sections := map[string]bool{}
	for _, s := range lib.Sections {
		sections[s.ID] = true
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		t, err := parseTopic(data)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".md"); t.ID != want {
			return fmt.Errorf("%s: id %q does not match the file name", name, t.ID)
		}
		if !sections[t.Section] {
			return fmt.Errorf("%s: unknown section %q", name, t.Section)
		}
		if lib.byID[t.ID] != nil {
			return fmt.Errorf("%s: duplicate id %q", name, t.ID)
		}
		lib.byID[t.ID] = t
		lib.Topics = append(lib.Topics, t)
	}
	if len(lib.Topics) == 0 {
		return fmt.Errorf("no topics found")
	}
	for _, t := range lib.Topics {
		for _, r := range t.Related {
			if lib.byID[r] == nil || r == t.ID {
				return fmt.Errorf("topic %s: related topic %q does not exist", t.ID, r)
			}
		}
	}
	return nil
}

// Topic returns a topic by id.
func (lib *Article) Topic(id string) (*Topic, bool) {
	t, ok := lib.byID[id]
	return t, ok
}

// Section returns a section by id.
func (lib *Article) Section(id string) (Section, bool) {
	for _, s := range lib.Sections {
		if s.ID == id {
			return s, true
		}
	}
	return Section{}, false
}

// TopicsIn returns the topics of a section in file order.
func (lib *Article) TopicsIn(section string) []*Topic {
	var out []*Topic
	for _, t := range lib.Topics {
		if t.Section == section {
			out = append(out, t)
		}
	}
	return out
}
