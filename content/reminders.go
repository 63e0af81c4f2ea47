package content

import (
	"fmt"
	"io/fs"
	"sync"
	"time"
)

// ReminderTexts are the messages of each reminder kind (from
// reminders.yaml), several per kind so they vary from day to day, and
// "buttons", the labels under every reminder (see Buttons).
type ReminderTexts map[string][]string

// ReminderLanguages are the reminder texts in each language the bot
// speaks: "en" (reminders.yaml) and every lang/<code>/reminders.yaml.
type ReminderLanguages map[string]ReminderTexts

// In is lang's reminder texts, English for a language without them.
func (rl ReminderLanguages) In(lang string) ReminderTexts {
	if t, ok := rl[lang]; ok {
		return t
	}
	return rl["en"]
}

// buttonLabels is how many labels "buttons" holds: done, snooze 15
// minutes, snooze an hour, skip today, turn off.
const buttonLabels = 5

// Buttons are the labels under every reminder: done, snooze 15 minutes,
// snooze an hour, skip today, turn off.
func (rt ReminderTexts) Buttons() []string { return rt["buttons"] }

func loadReminderLanguages(fsys fs.FS) (ReminderLanguages, error) {
	en, err := loadReminderTexts(fsys)
	if err != nil {
		return nil, err
	}
	out := ReminderLanguages{"en": en}
	for _, code := range Languages[1:] {
		sub, err := fs.Sub(fsys, "lang/"+code)
		if err != nil {
			return nil, err
		}
		if _, err := fs.Stat(sub, "reminders.yaml"); err != nil {
			continue // a language without reminders of its own gets English
		}
		if out[code], err = loadReminderTexts(sub); err != nil {
			return nil, fmt.Errorf("lang/%s: %w", code, err)
		}
	}
	return out, nil
}

func loadReminderTexts(fsys fs.FS) (ReminderTexts, error) {
	var rt ReminderTexts
	if err := readYAML(fsys, "reminders.yaml", &rt); err != nil {
		return nil, err
	}
	for _, kind := range []string{"caffeine", "hydration", "stretch", "winddown", "morning"} {
		if len(rt[kind]) == 0 {
			return nil, fmt.Errorf("reminders.yaml: no text for %s", kind)
		}
	}
	if len(rt.Buttons()) != buttonLabels {
		return nil, fmt.Errorf("reminders.yaml: %d button labels, want %d", len(rt.Buttons()), buttonLabels)
	}
	return rt, nil
}

// Text returns the kind's text for a day: the same all day, another the
// next day.
func (rt ReminderTexts) Text(kind string, day time.Time) string {
	texts := rt[kind]
	if len(texts) == 0 {
		return ""
	}
	y, m, d := day.Date()
	n := int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	return texts[n%len(texts)]
}

// DefaultReminders are the embedded reminder texts alone, in every
// language, without loading and indexing the rest of the content: what a
// process that only sends reminders needs (the scheduler starts in
// milliseconds).
func DefaultReminders() ReminderLanguages {
	reminderOnce.Do(func() {
		rl, err := loadReminderLanguages(files)
		if err != nil {
			panic("content: embedded reminders: " + err.Error())
		}
		defaultReminders = rl
	})
	return defaultReminders
}

var (
	reminderOnce     sync.Once
	defaultReminders ReminderLanguages
)
