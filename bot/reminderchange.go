package bot

import "fmt"

// ReminderChange is one change to a user's reminders, typed: what the
// assistant understood from plain words ("stop the water ones", "pause
// reminders for a week"), carried out by the reminder scheduler without a
// command line between them. It is a name in the core because features
// never import each other.
type ReminderChange struct {
	Op ReminderOp
	// Kind names the reminder for the Remind… operations: water, stretch,
	// winddown, caffeine, morning or weekly.
	Kind string
	// At is RemindAt's time, and QuietHours' start.
	At Clock
	// Until is QuietHours' end.
	Until Clock
	// Days narrows RemindAt: "" every day, "weekdays" or "weekends".
	Days string
	// Minutes is RemindEvery's interval and RemindIn's delay.
	Minutes int
	// PauseDays is how long PauseReminders pauses; 0 pauses until resumed.
	PauseDays int
}

// CronSpec is RemindAt's time on its days as a cron spec ("30 21 * * 1-5"
// for weekdays); false when it is every day.
func (c ReminderChange) CronSpec() (string, bool) {
	dow, ok := map[string]string{"weekdays": "1-5", "weekends": "0,6"}[c.Days]
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%d %d * * %s", c.At.Minute(), c.At.Hour(), dow), true
}

// ReminderOp is what a ReminderChange does.
type ReminderOp int

// The operations of a ReminderChange.
const (
	RemindOn        ReminderOp = iota + 1 // turn a reminder on
	RemindOff                             // turn a reminder off
	RemindDefault                         // a reminder back to its default times
	RemindAt                              // a reminder at a time of day
	RemindEvery                           // a water reminder every few minutes
	RemindIn                              // one reminder, a few minutes from now
	PauseReminders                        // pause all reminders
	ResumeReminders                       // end a pause
	QuietHours                            // quiet hours from At to Until
	QuietOff                              // no quiet hours
	QuietDefault                          // quiet hours from bedtime to wake time
)
