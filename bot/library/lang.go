package library

import (
	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// article is the article in one language, as the library shows it: the
// English library, or another language's pack.
type article struct {
	lang     string
	lib      *content.Library // for the words around the article
	sections []content.Section
	tips     string
	topic    func(id string) (*content.Topic, bool)
	topicsIn func(section string) []*content.Topic
}

// articleIn is the article in lang; English for a language without one.
func articleIn(lib *content.Library, lang string) article {
	if p, ok := lib.Pack(lang); ok {
		return article{lang: lang, lib: lib, sections: p.Sections, tips: p.Tips, topic: p.Topic, topicsIn: p.TopicsIn}
	}
	return article{lang: "en", lib: lib, sections: lib.Sections, tips: lib.Tips, topic: lib.Topic, topicsIn: lib.TopicsIn}
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
	for _, s := range a.sections {
		if s.ID == t.Section {
			section = s.Title
		}
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
		if r, ok := a.topic(id); ok {
			ts = append(ts, r)
		}
	}
	return relatedButtons(ts)
}
