package library

import (
	"context"

	"github.com/calmnights/calmnights/bot"
)

// topicsPrefix starts the topic browser's button payloads.
const topicsPrefix = "tp"

// topics lists the sections of what the bot can explain.
func (l *Library) topics(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return l.sectionList(articleIn(l.content, req.Language())), nil
}

func (l *Library) sectionList(a article) []bot.Response {
	var rows [][]bot.Button
	for _, s := range a.Sections {
		rows = append(rows, []bot.Button{{Label: s.Title, Payload: topicsPrefix + "/s/" + s.ID}})
	}
	return []bot.Response{{Text: a.say("TopicsIntro"), Buttons: rows}}
}

// sectionButton lists the topics of one section ("tp/s/<section>").
func (l *Library) sectionButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	a := articleIn(l.content, req.Language())
	s, ok := a.Section(req.Param("section"))
	if !ok {
		return bot.Stale(), nil
	}
	var rows [][]bot.Button
	for _, t := range a.TopicsIn(s.ID) {
		rows = append(rows, []bot.Button{{Label: t.Title, Payload: bot.TopicPayload(t.ID)}})
	}
	rows = append(rows, []bot.Button{{Label: a.say("AllParts"), Payload: topicsPrefix + "/s"}})
	return []bot.Response{{Text: "**" + s.Title + "**", Buttons: rows}}, nil
}

// topicButton shows one topic ("tp/t/<topic>") with its related ones.
func (l *Library) topicButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	a := articleIn(l.content, req.Language())
	t, ok := a.Topic(req.Param("topic"))
	if !ok {
		return bot.Stale(), nil
	}
	return []bot.Response{{Text: a.topicText(t), Buttons: a.related(t)}}, nil
}

// tips sends the six steps and the do's and don'ts.
func (l *Library) tips(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	a := articleIn(l.content, req.Language())
	return []bot.Response{{Text: a.Tips, Buttons: [][]bot.Button{{a.browse()}}}}, nil
}
