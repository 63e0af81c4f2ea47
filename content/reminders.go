package content

import (
	"fmt"
	"io/fs"
	"sync"
	"time"
)

// ReminderTexts are the messages of each reminder kind (from
// reminders.yaml), several per kind so they vary from day to day.
type ReminderTexts map[string][]string

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

// DefaultReminders are the embedded reminder texts alone, without loading
// and indexing the rest of the content: what a process that only sends
// reminders needs (the scheduler starts in milliseconds).
func DefaultReminders() ReminderTexts {
	reminderOnce.Do(func() {
		rt, err := loadReminderTexts(files)
		if err != nil {
			panic("content: embedded reminders.yaml: " + err.Error())
		}
		defaultReminders = rt
	})
	return defaultReminders
}

var (
	reminderOnce     sync.Once
	defaultReminders ReminderTexts
)
