package bot

import (
	"context"
	"fmt"
)

// unknownCommand answers a command nobody registered, suggesting the
// closest real one when the user probably made a typo, in the user's
// language (Bot.say).
func unknownCommand(r *Router) RouteFunc {
	return func(ctx context.Context, req *Request) ([]Response, error) {
		name := QuoteInput("/" + req.Command)
		if best := closestCommand(r, req.Command); best != "" {
			english := fmt.Sprintf("I don't know %s. Did you mean /%s? Send /help to see everything I can do.", name, best)
			return []Response{coreReply("CoreUnknownSuggest", english, false, map[string]string{"Name": name, "Best": best})}, nil
		}
		english := fmt.Sprintf("I don't know %s, sorry. Send /help to see everything I can do.", name)
		return []Response{coreReply("CoreUnknown", english, false, map[string]string{"Name": name})}, nil
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
