// Package help is /help: every command registered on the Router, with its
// description and arguments, generated from the Router so that it can
// never fall behind, and a few things to say in plain words.
package help

import (
	"context"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/content"
)

// Command is /help: it lists every command registered on r with its
// description, generated from the Router so it can never fall behind, in
// the user's language (lib's catalog and the commands' descriptions).
func Command(r *bot.Router, lib *content.Library) bot.Command {
	if lib == nil {
		lib = content.Default()
	}
	return bot.Command{Name: "help", Description: "Everything I can do", Handler: func(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
		return help(r, lib, req.Language()), nil
	}}
}

func help(r *bot.Router, lib *content.Library, lang string) []bot.Response {
	var sb strings.Builder
	sb.WriteString(lib.Text(lang, "HelpTitle", nil) + "\n\n")
	for _, c := range r.Commands() {
		sb.WriteString("- /")
		sb.WriteString(c.Name)
		if c.Args != "" {
			sb.WriteString(" ")
			sb.WriteString(markup.Escape(c.Args))
		}
		sb.WriteString(": ")
		d := c.Description
		if l := c.Localized[lang]; l != "" {
			d = l
		}
		sb.WriteString(markup.Escape(d))
		sb.WriteString("\n")
	}
	sb.WriteString("\n" + lib.Text(lang, "HelpBrackets", nil))
	sb.WriteString("\n\n" + lib.Text(lang, "HelpPlainWords", nil))
	return bot.Reply(sb.String())
}
