package discord_test

import (
	"encoding/json"

	"github.com/bwmarrin/discordgo"
)

type discordgoInteraction = discordgo.Interaction

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
