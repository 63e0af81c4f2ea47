package discordtest

import (
	"time"

	"github.com/bwmarrin/discordgo"
)

// User is a Discord user taking part in a test.
type User struct {
	// ID is the user's snowflake.
	ID string
	// Username is the user's (unique, lowercase) username.
	Username string
}

func (u User) discord() *discordgo.User {
	return &discordgo.User{ID: u.ID, Username: u.Username, GlobalName: u.Username, Discriminator: "0"}
}

// SlashCommand builds a chat-input command interaction (type 2) for
// Server.Interaction. options are STRING options, sent in name order; if the
// command is registered with the fake, Interaction gives each option its
// registered type (an INTEGER option "5" arrives as the number 5).
//
// With a guildID the interaction is in that guild: Member is set (with User)
// and User is nil, as on Discord. With guildID "" it is in the bot's DM with
// the user: User is set and Member is nil; if channelID is "" too, Interaction
// uses the user's DM channel (the one POST /users/@me/channels returns).
func SlashCommand(name string, options map[string]string, user User, guildID, channelID string) *discordgo.Interaction {
	data := discordgo.ApplicationCommandInteractionData{
		Name:        name,
		CommandType: discordgo.ChatApplicationCommand,
	}
	for _, k := range sortedKeys(options) {
		data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{
			Name:  k,
			Type:  discordgo.ApplicationCommandOptionString,
			Value: options[k],
		})
	}
	i := &discordgo.Interaction{
		Type:      discordgo.InteractionApplicationCommand,
		Data:      data,
		ChannelID: channelID,
	}
	setInvoker(i, user, guildID)
	return i
}

// ButtonPress builds a button press (type 3, MessageComponent) for
// Server.Interaction: the user pressed the button with customID on message
// messageID in channelID. The interaction carries the message the button was
// on: if the fake knows messageID (the bot sent it through the fake),
// Interaction fills in its current content and components; otherwise the
// message is a bot message with just that button. In a guild Member is set,
// in a DM (guildID "") User is set, as for SlashCommand.
func ButtonPress(customID string, user User, guildID, channelID, messageID string) *discordgo.Interaction {
	msg := &discordgo.Message{
		ID:        messageID,
		ChannelID: channelID,
		GuildID:   guildID,
		Author:    &discordgo.User{ID: BotUserID, Username: BotUsername, Bot: true, Discriminator: "0"},
		Timestamp: time.Now().UTC(),
		Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: customID, Style: discordgo.PrimaryButton, CustomID: customID},
			}},
		},
	}
	i := &discordgo.Interaction{
		Type: discordgo.InteractionMessageComponent,
		Data: discordgo.MessageComponentInteractionData{
			CustomID:      customID,
			ComponentType: discordgo.ButtonComponent,
		},
		ChannelID: channelID,
		Message:   msg,
	}
	setInvoker(i, user, guildID)
	return i
}

func setInvoker(i *discordgo.Interaction, user User, guildID string) {
	i.GuildID = guildID
	if guildID != "" {
		i.Member = &discordgo.Member{
			GuildID:  guildID,
			User:     user.discord(),
			Roles:    []string{},
			JoinedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		}
		i.Context = discordgo.InteractionContextGuild
		i.AuthorizingIntegrationOwners = map[discordgo.ApplicationIntegrationType]string{
			discordgo.ApplicationIntegrationGuildInstall: guildID,
		}
		i.AppPermissions = 0x0000_0000_0004_4c00 // view channel, send messages, embed links, attach files, ...
	} else {
		i.User = user.discord()
		i.Context = discordgo.InteractionContextBotDM
		i.AuthorizingIntegrationOwners = map[discordgo.ApplicationIntegrationType]string{
			discordgo.ApplicationIntegrationGuildInstall: "0",
		}
	}
}
