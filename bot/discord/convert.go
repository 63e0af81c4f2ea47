package discord

import (
	"strings"

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
		Locale:        string(i.Locale),
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

// convertMessage turns a message into a request: a DM's text, or a server
// message addressed to the bot (one that mentions it, or replies to one of
// its messages: Discord sends the content of those without the privileged
// message-content intent). Other server messages give nil. self is the
// bot's user ID, "" before the gateway said it.
func convertMessage(m *discordgo.Message, self string) *bot.Request {
	if m == nil || m.Author == nil || m.Author.Bot || m.Content == "" || m.ChannelID == "" {
		return nil
	}
	content := m.Content
	if m.GuildID != "" {
		var ok bool
		if content, ok = addressed(m, self); !ok {
			return nil
		}
	}
	req := &bot.Request{
		ID:            "dc-" + m.ID,
		Platform:      bot.PlatformDiscord,
		UserID:        userID(m.Author.ID),
		ChatID:        m.ChannelID,
		Private:       m.GuildID == "",
		PrivateChatID: dmAddress(m.Author.ID),
		Locale:        m.Author.Locale,
	}
	req.Command, req.Args = bot.ParseInput(content)
	if req.Command == "" {
		req.Text = content
	}
	return req
}

// addressed reports whether a server message is for the bot, and its text
// without the mention.
func addressed(m *discordgo.Message, self string) (string, bool) {
	if self == "" {
		return "", false
	}
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && u.ID == self {
			mentioned = true
		}
	}
	if r := m.ReferencedMessage; r != nil && r.Author != nil && r.Author.ID == self {
		mentioned = true
	}
	if !mentioned {
		return "", false
	}
	text := strings.NewReplacer("<@"+self+">", " ", "<@!"+self+">", " ").Replace(m.Content)
	text = strings.Join(strings.Fields(strings.TrimLeft(strings.TrimSpace(text), ",:")), " ")
	return text, text != ""
}
