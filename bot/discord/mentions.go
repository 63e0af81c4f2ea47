package discord

import "github.com/bwmarrin/discordgo"

// noMentions is set on every message the bot sends or edits: it parses no
// mentions at all, so text that came from a user (a note, a question
// echoed back) can never ping @everyone, a role or another member.
// Discord parses all mentions when allowed_mentions is absent.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}
