package library

import (
	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// article is the article in one language, as the library shows it: the
// English library, or another language's pack.
type article struct {
	*content.Article
	lang string
	lib  *content.Library // for the words around the article
}

// articleIn is the article in lang; English for a language without one.
func articleIn(lib *content.Library, lang string) article {
	if p, ok := lib.Pack(lang); ok {
		return article{Article: &p.Article, lang: lang, lib: lib}
	}
	return article{Article: &lib.Article, lang: "en", lib: lib}
}

// say is a message of the catalog in the article's language.
func (a article) say(id string) string { return a.lib.Text(a.lang, id, nil) }

// browse opens the list of sections.
func (a article) browse() bot.Button {
	return bot.Button{Label: a.say("ButtonBrowse"), Payload: topicsPrefix + "/s"}
}

// checklistButton starts the doctor checklist.
func (a article) checklistButton() bot.Button {
	return bot.Button{Label: a.say("ButtonChecklist"), Payload: bot.ChecklistPayload}
}

// topicText shows a topic with its title and section, ending with the
// part of the article it comes from.
func (a article) topicText(t *content.Topic) string {
	section := t.Section
	if s, ok := a.Section(t.Section); ok {
		section = s.Title
	}
	text := "**" + t.Title + "** · _" + section + "_\n\n" + t.Body
	if t.Source != "" {
		text += "\n\n" + a.lib.SourceLineIn(a.lang, t)
	}
	return text
}

// related offers a topic's related topics, one per row.
func (a article) related(t *content.Topic) [][]bot.Button {
	var ts []*content.Topic
	for _, id := range t.Related {
		if r, ok := a.Topic(id); ok {
			ts = append(ts, r)
		}
	}
	return relatedButtons(ts)
}
