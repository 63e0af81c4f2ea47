// Package help is /help: every command registered on the Router, with its
// description and arguments, generated from the Router so that it can
// never fall behind, and a few things to say in plain words.
package help

import (
	"context"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
)

// Command is /help: it lists every command registered on r with its
// description, generated from the Router so it can never fall behind.
func Command(r *bot.Router) bot.Command {
	return bot.Command{Name: "help", Description: "Everything I can do", Handler: func(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
		return help(r), nil
	}}
}

func help(r *bot.Router) []bot.Response {
	var sb strings.Builder
	sb.WriteString("**Here's what I can do**\n\n")
	for _, c := range r.Commands() {
		sb.WriteString("- /")
		sb.WriteString(c.Name)
		if c.Args != "" {
			sb.WriteString(" ")
			sb.WriteString(markup.Escape(c.Args))
		}
		sb.WriteString(": ")
		sb.WriteString(markup.Escape(c.Description))
		sb.WriteString("\n")
	}
	sb.WriteString("\nSquare brackets mean the part is optional: /bedtime shows your bedtime, /bedtime 22:30 sets it.")
	sb.WriteString("\n\n**Or just write in plain words**, and I'll show you what I understood before I save anything:\n" +
		"- “had 2 glasses of water”\n- “last night was a 6, woke me up, calves again”\n" +
		"- “remind me to stretch at half past nine”, “water every 90 minutes”\n- “I live in Madrid”\n- “does coffee make it worse?”")
	return bot.Reply(sb.String())
}
