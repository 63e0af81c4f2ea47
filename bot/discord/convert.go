package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot"
)

// optionName is the one string option a command with arguments takes.
const optionName = "input"

// userID is a Discord user's stable identity in the core.
func userID(id string) string { return "dc:" + id }

// dmAddress is where reminders to a user go: their DM channel, opened on
// demand.
func dmAddress(id string) string { return "dm:" + id }

// interactionUser is who acted: the member in a server, the user in a DM
// (where Member is nil).
func interactionUser(i *discordgo.Interaction) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

// convertInteraction turns a slash command or a button press into a
// request. It never panics on odd input; anything else gives nil.
func convertInteraction(i *discordgo.Interaction) *bot.Request {
	if i == nil {
		return nil
	}
	u := interactionUser(i)
	if u == nil || u.ID == "" || u.Bot || i.ChannelID == "" {
		return nil
	}
	req := &bot.Request{
		ID:            "dc-" + i.ID,
		Platform:      bot.PlatformDiscord,
		UserID:        userID(u.ID),
		ChatID:        i.ChannelID,
		Private:       i.GuildID == "",
		Ephemeral:     i.GuildID != "", // personal replies there are shown to the user alone
		PrivateChatID: dmAddress(u.ID),
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok || data.Name == "" {
			return nil
		}
		req.Command = data.Name
		for _, o := range data.Options {
			if o == nil || o.Name != optionName {
				continue
			}
			if s, ok := o.Value.(string); ok {
				req.Args = s
			}
		}
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok || data.CustomID == "" {
			return nil
		}
		req.Payload = data.CustomID
	default:
		return nil
	}
	return req
}

// convertMessage turns a DM's text into a request; server messages are
// not read (the bot has no message-content intent).
func convertMessage(m *discordgo.Message) *bot.Request {
	if m == nil || m.Author == nil || m.Author.Bot || m.GuildID != "" || m.Content == "" || m.ChannelID == "" {
		return nil
	}
	req := &bot.Request{
		ID:            "dc-" + m.ID,
		Platform:      bot.PlatformDiscord,
		UserID:        userID(m.Author.ID),
		ChatID:        m.ChannelID,
		Private:       true,
		PrivateChatID: dmAddress(m.Author.ID),
	}
	req.Command, req.Args = bot.ParseInput(m.Content)
	if req.Command == "" {
		req.Text = m.Content
	}
	return req
}
