package discord_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/discord/discordtest"
)

// nightTagRE is the night a /log keyboard carries ("lg/s.20261130/4").
var nightTagRE = regexp.MustCompile(`^(lg/[a-z])\.\d{8}/`)

// withPrefix returns the first custom id starting with prefix (a /log
// button's night tag left out).
func withPrefix(t *testing.T, ids []string, prefix string) string {
	t.Helper()
	for _, id := range ids {
		if strings.HasPrefix(nightTagRE.ReplaceAllString(id, "$1/"), prefix) {
			return id
		}
	}
	t.Fatalf("no button %s* among %v", prefix, ids)
	return ""
}

// TestSleepDoctorJournalOnDiscord: medicines, iron tests, the diary in
// the wizard and the week, as slash commands and button presses in a DM.
func TestSleepDoctorJournalOnDiscord(t *testing.T) {
	t.Parallel() // it waits on its own fakes; others overlap it
	e := newEnv(t, 2*time.Second)
	dm := e.srv.DMChannel(alice.ID)
	e.run(slash("start", "", "", ""), 2)
	e.run(press("start/yes", "", dm, ""), 2)
	if got := e.run(slash("med", "iron 65 mg", "", ""), 2)[1]; !strings.Contains(got.Content(), "**iron** 65 mg") {
		t.Fatalf("/med: %q", got.Content())
	}
	meds := e.run(slash("meds", "", "", ""), 2)[1]
	msg, _ := e.srv.Message(messageIDOf(t, meds))
	took := e.run(press(withPrefix(t, meds.CustomIDs(), "md/t/"), "", dm, msg.ID), 2)[1]
	if !strings.Contains(took.Content(), "iron") {
		t.Fatalf("taken: %q", took.Content())
	}
	if got := e.run(slash("lab", "tsat 18%", "", ""), 2)[1]; !strings.Contains(got.Content(), "18%") {
		t.Fatalf("/lab: %q", got.Content())
	}

	step := e.run(slash("log", "", "", ""), 2)[1]
	for _, prefix := range []string{"lg/s/4", "lg/w/n", "lg/c/y", "lg/t/n", "lg/d/", "lg/d/", "lg/d/", "lg/d/", "lg/d/"} {
		id := withPrefix(t, step.CustomIDs(), prefix)
		if prefix == "lg/d/" { // skip, except "Same as usual" for the diary
			id = step.CustomIDs()[len(step.CustomIDs())-2]
			if same := step.CustomIDs()[0]; strings.HasSuffix(same, "/u/same") {
				id = same
			}
		}
		m, _ := e.srv.Message(messageIDOf(t, step))
		step = e.run(press(id, "", dm, m.ID), 2)[1]
	}
	if !strings.Contains(step.Content(), "Anything else to note") {
		t.Fatalf("after the diary: %q", step.Content())
	}
	m, _ := e.srv.Message(messageIDOf(t, step))
	saved := e.run(press(withPrefix(t, step.CustomIDs(), "lg/n/skip"), "", dm, m.ID), 2)[1]
	if !strings.Contains(saved.Content(), "4/10") || !strings.Contains(saved.Content(), `in bed 23\:00`) {
		t.Fatalf("saved: %q", saved.Content())
	}
	week := e.run(slash("week", "", discordtest.GuildID, discordtest.GuildChannelID), 2)
	if !week[0].Ephemeral() || !strings.Contains(week[1].Content(), `Nights logged\: 1 of 7`) {
		t.Fatalf("/week in a server: ephemeral %v, %q", week[0].Ephemeral(), week[1].Content())
	}
}
