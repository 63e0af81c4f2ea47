package discord

import (
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot"
)

// Discord's limits on buttons.
const (
	maxRowButtons = 5
	maxRows       = 5
	maxLabel      = 80
)

// components lays button rows out within Discord's limits: rows longer
// than five are wrapped, and when that makes more than five rows, all
// buttons are packed five to a row (at most 25).
func components(rows [][]bot.Button) []discordgo.MessageComponent {
	var laid [][]bot.Button
	for _, row := range rows {
		for len(row) > maxRowButtons {
			laid = append(laid, row[:maxRowButtons])
			row = row[maxRowButtons:]
		}
		if len(row) > 0 {
			laid = append(laid, row)
		}
	}
	if len(laid) > maxRows {
		var all []bot.Button
		for _, r := range laid {
			all = append(all, r...)
		}
		laid = nil
		for len(all) > 0 && len(laid) < maxRows {
			n := min(maxRowButtons, len(all))
			laid = append(laid, all[:n])
			all = all[n:]
		}
	}
	var out []discordgo.MessageComponent
	for _, row := range laid {
		var bs []discordgo.MessageComponent
		for _, b := range row {
			bs = append(bs, discordgo.Button{Label: shorten(b.Label, maxLabel), CustomID: b.Payload, Style: discordgo.SecondaryButton})
		}
		out = append(out, discordgo.ActionsRow{Components: bs})
	}
	return out
}

// chosen returns a message's components with every button disabled and
// the pressed one marked, to show the choice.
func chosen(comps []discordgo.MessageComponent, pressed string) []discordgo.MessageComponent {
	out := make([]discordgo.MessageComponent, 0, len(comps))
	for _, c := range comps {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			if r, ok2 := c.(discordgo.ActionsRow); ok2 {
				row, ok = &r, true
			}
		}
		if !ok {
			continue
		}
		var bs []discordgo.MessageComponent
		for _, bc := range row.Components {
			b, ok := bc.(*discordgo.Button)
			if !ok {
				if v, ok2 := bc.(discordgo.Button); ok2 {
					b, ok = &v, true
				}
			}
			if !ok {
				continue
			}
			nb := *b
			nb.Disabled = true
			if nb.CustomID == pressed {
				nb.Label, nb.Style = shorten("✓ "+nb.Label, maxLabel), discordgo.SuccessButton
			}
			bs = append(bs, nb)
		}
		if len(bs) > 0 {
			out = append(out, discordgo.ActionsRow{Components: bs})
		}
	}
	return out
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
