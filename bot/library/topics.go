package library

import (
	"context"

	"github.com/calmnights/calmnights/bot"
)

const topicsPrefix = "tp"

// browseButton opens the list of sections.
var browseButton = bot.Button{Label: "Browse topics", Payload: topicsPrefix + "/s"}

// topics lists the sections of what the bot can explain.
func (l *Library) topics(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return l.sectionList(), nil
}

func (l *Library) sectionList() []bot.Response {
	var rows [][]bot.Button
	for _, s := range l.content.Sections {
		rows = append(rows, []bot.Button{{Label: s.Title, Payload: topicsPrefix + "/s/" + s.ID}})
	}
	return []bot.Response{{Text: "**What I can explain**\nPick a part, or just ask me a question in your own words.", Buttons: rows}}
}

// sectionButton lists the topics of one section ("tp/s/<section>").
func (l *Library) sectionButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	s, ok := l.content.Section(req.Param("section"))
	if !ok {
		return bot.Stale(), nil
	}
	var rows [][]bot.Button
	for _, t := range l.content.TopicsIn(s.ID) {
		rows = append(rows, []bot.Button{{Label: t.Title, Payload: bot.TopicPayload(t.ID)}})
	}
	rows = append(rows, []bot.Button{{Label: "« All parts", Payload: topicsPrefix + "/s"}})
	return []bot.Response{{Text: "**" + s.Title + "**", Buttons: rows}}, nil
}

// topicButton shows one topic ("tp/t/<topic>") with its related ones.
func (l *Library) topicButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	t, ok := l.content.Topic(req.Param("topic"))
	if !ok {
		return bot.Stale(), nil
	}
	var related = relatedButtons(nil)
	for _, id := range t.Related {
		if r, ok := l.content.Topic(id); ok {
			related = append(related, []bot.Button{{Label: r.Title, Payload: bot.TopicPayload(r.ID)}})
		}
	}
	return []bot.Response{{Text: topicText(l.content, t), Buttons: related}}, nil
}

// tips sends the six steps and the do's and don'ts.
func (l *Library) tips(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return []bot.Response{{Text: l.content.Tips, Buttons: [][]bot.Button{{browseButton}}}}, nil
}
