package discord_test

import (
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/discord/discordtest"
)

// TestPlainWordsThroughAsk: on Discord a statement in plain words works
// through /ask in a server (ephemeral, confirmed with a button) as in a DM.
func TestPlainWordsThroughAsk(t *testing.T) {
	t.Parallel() // it waits on its own fakes; others overlap it
	e := newEnv(t, 2*time.Second)
	e.run(slash("help", "", "", ""), 2)
	if _, err := e.store.UpdateUser(ctx, "dc:"+alice.ID, func(u *bot.User) error { now := time.Now(); u.ConsentAt = &now; return nil }); err != nil {
		t.Fatal(err)
	}
	got := e.run(slash("ask", "drank 2 glasses of water", discordtest.GuildID, discordtest.GuildChannelID), 2)
	if !got[0].Ephemeral() || !strings.Contains(got[1].Content(), "500 ml of water") {
		t.Fatalf("ask: ephemeral %v, %q", got[0].Ephemeral(), got[1].Content())
	}
	var saveID string
	for _, id := range got[1].CustomIDs() {
		if strings.HasPrefix(id, "nl/ok/") {
			saveID = id
		}
	}
	if saveID == "" {
		t.Fatalf("no Save button: %v", got[1].CustomIDs())
	}
	msg, _ := e.srv.OriginalResponse(got[1].InteractionID)
	e.run(press(saveID, discordtest.GuildID, discordtest.GuildChannelID, msg.ID), 2)
	w, err := e.store.Water(ctx, "dc:"+alice.ID, "2000-01-01", "2100-01-01")
	total := 0
	for _, ml := range w {
		total += ml
	}
	if err != nil || total != 500 {
		t.Fatalf("water after Save = %v (%v)", w, err)
	}
}
