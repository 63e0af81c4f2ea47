package telegram_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/telegram"
	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// button finds the callback data of the button labelled label, or else
// of the first whose label starts with it.
func button(t *testing.T, s telegramtest.Sent, label string) string {
	t.Helper()
	for _, row := range s.Keyboard {
		for _, b := range row {
			if b.Text == label {
				return b.CallbackData
			}
		}
	}
	for _, row := range s.Keyboard {
		for _, b := range row {
			if strings.HasPrefix(b.Text, label) {
				return b.CallbackData
			}
		}
	}
	t.Fatalf("no %q button in %+v", label, s.Keyboard)
	return ""
}

// TestSleepDoctorJournalOnTelegram: medicines, iron tests, the sleep diary
// in the wizard, the week and the report, through the fake Bot API.
func TestSleepDoctorJournalOnTelegram(t *testing.T) {
	t.Parallel() // it waits on its own fakes; others overlap it
	e := newEnv(t)
	e.limits = unpaced // a long conversation: pacing is tested elsewhere
	e.start(telegram.WebhookOptions{})
	e.press(e.say("/start", 1)[0], "start/yes", 1)
	contains(t, e.say("/med iron 65 mg", 1)[0], "Noted: iron 65 mg at")
	meds := e.say("/meds", 1)[0]
	contains(t, meds, "iron 65 mg: last taken")
	contains(t, e.press(meds, button(t, meds, "Took iron"), 1)[0], "Noted: iron 65 mg")
	contains(t, e.say("/lab ferritin 45", 1)[0], "Saved: ferritin 45 ng/mL", "question for them")

	msg := e.say("/log", 1)[0]
	msg = e.press(msg, "lg/s/5", 1)[0]
	msg = e.press(msg, "lg/w/n", 1)[0]
	msg = e.press(msg, "lg/c/n", 1)[0]
	msg = e.press(msg, "lg/t/y", 1)[0]
	contains(t, msg, "alcohol")
	msg = e.press(msg, button(t, msg, "No"), 1)[0]
	contains(t, msg, "Sleep diary")
	msg = e.press(msg, button(t, msg, "Fill in"), 1)[0]
	contains(t, msg, "get into bed")
	msg = e.press(msg, button(t, msg, "23:00"), 1)[0]
	msg = e.press(msg, button(t, msg, "15–30 min"), 1)[0]
	msg = e.press(msg, button(t, msg, "2"), 1)[0]
	contains(t, msg, "finally wake up")
	msg = e.say("6:30", 1)[0]
	msg = e.press(msg, button(t, msg, "06:45"), 1)[0]
	msg = e.press(msg, button(t, msg, "3"), 1)[0]
	contains(t, msg, "start bothering you")
	msg = e.press(msg, button(t, msg, "21:00"), 1)[0]
	msg = e.press(msg, button(t, msg, "Yes"), 1)[0]
	msg = e.press(msg, button(t, msg, "No"), 1)[0]
	contains(t, msg, "Anything else to note")
	contains(t, e.press(msg, "lg/n/skip", 1)[0], "5/10", "in bed 23:00 · asleep in ~20 min · woke 2× · awake at 06:30 · up at 06:45 · quality 3/5 · sleep efficiency 92% · legs from 21:00 · moving eased it")

	contains(t, e.say("/week", 1)[0], "Nights logged: 1 of 7", "Sleep efficiency: 92%", "not a diagnosis")
	var doc *telegramtest.Sent
	for _, s := range e.say("/report", 2) {
		if s.Method == "sendDocument" {
			doc = &s
		}
	}
	if doc == nil || doc.File == nil || !bytes.HasPrefix(doc.File.Data, []byte("%PDF-")) {
		t.Fatal("no PDF report")
	}
}
