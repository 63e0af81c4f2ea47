package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/calmnights/calmnights/bot/markup"
)

// HelpCommand is /help: it lists every command registered on r with its
// description, generated from the Router so it can never fall behind.
func HelpCommand(r *Router) Command {
	return Command{Name: "help", Description: "Everything I can do", Handler: func(ctx context.Context, req *Request) ([]Response, error) {
		return help(r), nil
	}}
}

func help(r *Router) []Response {
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
	return Reply(sb.String())
}

// unknownCommand answers a command nobody registered, suggesting the
// closest real one when the user probably made a typo.
func unknownCommand(r *Router) RouteFunc {
	return func(ctx context.Context, req *Request) ([]Response, error) {
		name := QuoteInput("/" + req.Command)
		if best := closestCommand(r, req.Command); best != "" {
			return Reply(fmt.Sprintf("I don't know %s. Did you mean /%s? Send /help to see everything I can do.", name, best)), nil
		}
		return Reply(fmt.Sprintf("I don't know %s, sorry. Send /help to see everything I can do.", name)), nil
	}
}

// closestCommand returns the registered command within two edits of name.
func closestCommand(r *Router, name string) string {
	if len(name) > 40 {
		return ""
	}
	best, bestDist := "", 3
	for _, c := range r.Commands() {
		if d := editDistance(name, c.Name); d < bestDist {
			best, bestDist = c.Name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
