package discord

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestConvertInteraction(t *testing.T) {
	dm := &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, ChannelID: "5", User: &discordgo.User{ID: "7"},
		Data: discordgo.ApplicationCommandInteractionData{Name: "bedtime", Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "input", Type: discordgo.ApplicationCommandOptionString, Value: "22:30"}}}}
	r := convertInteraction(dm)
	if r == nil || r.Command != "bedtime" || r.Args != "22:30" || !r.Private || r.Ephemeral || r.UserID != "dc:7" || r.PrivateChatID != "dm:7" {
		t.Fatalf("DM command: %+v", r)
	}
	guild := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, ChannelID: "5", GuildID: "9", Member: &discordgo.Member{User: &discordgo.User{ID: "7"}},
		Data: discordgo.MessageComponentInteractionData{CustomID: "ck/1/yes"}}
	if r := convertInteraction(guild); r == nil || r.Payload != "ck/1/yes" || r.Private || !r.Ephemeral {
		t.Fatalf("guild button: %+v", r)
	}
	odd := &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, ChannelID: "5", User: &discordgo.User{ID: "7"},
		Data: discordgo.ApplicationCommandInteractionData{Name: "log", Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "input", Type: discordgo.ApplicationCommandOptionString, Value: 42.0}, nil}}}
	if r := convertInteraction(odd); r == nil || r.Args != "" {
		t.Fatalf("a number where text belongs: %+v", r)
	}
	for _, bad := range []*discordgo.Interaction{nil, {Type: discordgo.InteractionPing}, {Type: discordgo.InteractionApplicationCommand, ChannelID: "5"},
		{Type: discordgo.InteractionApplicationCommand, ChannelID: "5", User: &discordgo.User{ID: "1", Bot: true}, Data: discordgo.ApplicationCommandInteractionData{Name: "x"}}} {
		if r := convertInteraction(bad); r != nil {
			t.Errorf("converted %+v into %+v", bad, r)
		}
	}
	if r := convertMessage(&discordgo.Message{ChannelID: "5", Author: &discordgo.User{ID: "7"}, Content: "why do legs jump?"}, "99"); r == nil || r.Text == "" || !r.Private {
		t.Fatalf("DM text: %+v", r)
	}
	if r := convertMessage(&discordgo.Message{ChannelID: "5", GuildID: "9", Author: &discordgo.User{ID: "7"}, Content: "hi"}, "99"); r != nil {
		t.Fatal("a server message was read")
	}
	// A server message that mentions the bot, or replies to it, is read,
	// without the mention.
	m := &discordgo.Message{ChannelID: "5", GuildID: "9", Author: &discordgo.User{ID: "7", Locale: "pt-BR"}, Content: "<@99> does coffee make it worse?", Mentions: []*discordgo.User{{ID: "99"}}}
	if r := convertMessage(m, "99"); r == nil || r.Text != "does coffee make it worse?" || r.Private || r.Ephemeral || r.Locale != "pt-BR" || r.PrivateChatID != "dm:7" {
		t.Fatalf("a mention: %+v", r)
	}
	reply := &discordgo.Message{ChannelID: "5", GuildID: "9", Author: &discordgo.User{ID: "7"}, Content: "and magnesium?", ReferencedMessage: &discordgo.Message{Author: &discordgo.User{ID: "99"}}}
	if r := convertMessage(reply, "99"); r == nil || r.Text != "and magnesium?" {
		t.Fatalf("a reply to the bot: %+v", r)
	}
	if r := convertMessage(m, ""); r != nil {
		t.Fatal("a mention read before the bot knows who it is")
	}
}

// FuzzConvertInteraction decodes arbitrary JSON as Discord would and
// converts it: no panic, and a request always names a user and a channel.
func FuzzConvertInteraction(f *testing.F) {
	for _, s := range []string{
		`{"type":2,"channel_id":"5","user":{"id":"7"},"data":{"name":"ask","options":[{"name":"input","type":3,"value":"hi"}]}}`,
		`{"type":3,"channel_id":"5","guild_id":"9","member":{"user":{"id":"7"}},"data":{"custom_id":"ck/1/yes","component_type":2}}`,
		`{"type":2,"channel_id":"5","user":{"id":"7"},"data":{"name":"log","options":[{"name":"input","type":4,"value":3}]}}`,
		`{"type":3,"channel_id":"5","member":{"user":null},"data":{}}`,
		`{"type":5}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var i discordgo.Interaction
		if json.Unmarshal(raw, &i) != nil {
			return
		}
		if r := convertInteraction(&i); r != nil && (r.UserID == "dc:" || r.ChatID == "") {
			t.Fatalf("request without user or channel from %s", raw)
		}
	})
}
