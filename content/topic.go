package content

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Topic is one short answer about one part of the article.
type Topic struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	Section string `yaml:"section"`
	// Source names the part of the article the answer comes from (one of
	// its headings), for the reply to name it.
	Source    string   `yaml:"source"`
	Questions []string `yaml:"questions"` // how people ask for it
	Related   []string `yaml:"related"`   // ids of up to three related topics
	Keywords  []string `yaml:"keywords"`  // extra search words, optional
	// Warning marks a topic about warning signs: the only kind of topic
	// that may follow a warning.
	Warning bool   `yaml:"warning"`
	Body    string `yaml:"-"` // the answer, in the bot's markup
}

// parseTopic reads a topic file: YAML front matter between "---" lines,
// then the answer.
func parseTopic(data []byte) (*Topic, error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, errors.New("missing front matter (the file must start with ---)")
	}
	front, body, ok := bytes.Cut(data[4:], []byte("\n---\n"))
	if !ok {
		return nil, errors.New("front matter is not closed with ---")
	}
	var t Topic
	dec := yaml.NewDecoder(bytes.NewReader(front))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	t.Body = strings.TrimSpace(string(body))
	switch {
	case t.ID == "" || t.Title == "" || t.Section == "" || t.Source == "":
		return nil, errors.New("front matter needs id, title, section and source")
	case len(t.Questions) == 0:
		return nil, errors.New("front matter needs at least one question")
	case t.Body == "":
		return nil, errors.New("the answer is empty")
	case len(t.Related) > 3:
		return nil, errors.New("at most three related topics")
	}
	return &t, nil
}

// SourceLine names the part of the article the answer comes from, as a
// short line in the bot's markup: "_From the article: Common Causes of
// Nocturnal Leg Twitching._"
func (t *Topic) SourceLine() string {
	return "_From the article: " + escapeMarkup(t.Source) + "._"
}

// escapeMarkup escapes the bot's markup characters in plain text.
func escapeMarkup(s string) string {
	return strings.NewReplacer(`*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`).Replace(s)
}
