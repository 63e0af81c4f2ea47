package bot

import (
	"context"
	"strings"
)

const topicsPrefix = "tp"

// browseButton opens the list of sections.
var browseButton = Button{Label: "Browse topics", Payload: topicsPrefix + "/s"}

// topics lists the sections of what the bot can explain.
func (b *Bot) topics(ctx context.Context, req *Request) ([]Response, error) {
	return b.sectionList(), nil
}

func (b *Bot) sectionList() []Response {
	var rows [][]Button
	for _, s := range b.content.Sections {
		rows = append(rows, []Button{{Label: s.Title, Payload: topicsPrefix + "/s/" + s.ID}})
	}
	return []Response{{Text: "**What I can explain**\nPick a part, or just ask me a question in your own words.", Buttons: rows}}
}

// topicButton handles "tp/s" (sections), "tp/s/<section>" (its topics)
// and "tp/t/<topic>" (one topic).
func (b *Bot) topicButton(ctx context.Context, req *Request) ([]Response, error) {
	parts := strings.Split(req.Payload, "/")
	switch {
	case len(parts) == 2 && parts[1] == "s":
		return b.sectionList(), nil
	case len(parts) == 3 && parts[1] == "s":
		s, ok := b.content.Section(parts[2])
		if !ok {
			return Reply(msgStale), nil
		}
		var rows [][]Button
		for _, t := range b.content.TopicsIn(s.ID) {
			rows = append(rows, []Button{{Label: t.Title, Payload: topicsPrefix + "/t/" + t.ID}})
		}
		rows = append(rows, []Button{{Label: "« All parts", Payload: topicsPrefix + "/s"}})
		return []Response{{Text: "**" + s.Title + "**", Buttons: rows}}, nil
	case len(parts) == 3 && parts[1] == "t":
		t, ok := b.content.Topic(parts[2])
		if !ok {
			return Reply(msgStale), nil
		}
		var related = relatedButtons(nil)
		for _, id := range t.Related {
			if r, ok := b.content.Topic(id); ok {
				related = append(related, []Button{{Label: r.Title, Payload: topicsPrefix + "/t/" + r.ID}})
			}
		}
		return []Response{{Text: topicText(b.content, t), Buttons: related}}, nil
	}
	return Reply(msgStale), nil
}

// tips sends the six steps and the do's and don'ts.
func (b *Bot) tips(ctx context.Context, req *Request) ([]Response, error) {
	return []Response{{Text: b.content.Tips, Buttons: [][]Button{{browseButton}}}}, nil
}
