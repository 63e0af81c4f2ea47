package bot

import (
	"context"
	"time"
)

// Store keeps everything the bot remembers. The SQLite implementation lives
// in bot/sqlite; the core only knows this interface.
type Store interface {
	UserStore
	ConversationStore
	ChecklistStore
	JournalStore
	// Close releases the store.
	Close() error
}

// UserStore keeps users and their settings.
type UserStore interface {
	// EnsureUser returns the user, creating them on first contact and
	// updating their chat if it changed.
	EnsureUser(ctx context.Context, nu NewUser) (User, error)
	// User returns one user, or ErrNotFound.
	User(ctx context.Context, id string) (User, error)
	// UpdateUser loads the user, lets fn change it, and saves the result in
	// one write transaction; when fn returns an error nothing is saved.
	UpdateUser(ctx context.Context, id string, fn func(*User) error) (User, error)
}

// ConversationStore keeps the state of multi-step conversations, so that a
// conversation survives a restart.
type ConversationStore interface {
	// Conversation returns the user's running conversation, or ErrNotFound.
	Conversation(ctx context.Context, userID string) (Conversation, error)
	// SaveConversation creates or replaces the user's conversation.
	SaveConversation(ctx context.Context, c Conversation) error
	// EndConversation removes the user's conversation, if any.
	EndConversation(ctx context.Context, userID string) error
}

// Conversation is where a user is in a multi-step flow.
type Conversation struct {
	UserID    string
	Flow      string            // "onboarding", "checklist", ...
	Step      int               // the flow's own step number
	Data      map[string]string // the flow's answers so far
	UpdatedAt time.Time
}

// ChecklistStore keeps finished doctor checklists.
type ChecklistStore interface {
	// SaveChecklistResult stores one finished checklist.
	SaveChecklistResult(ctx context.Context, r ChecklistResult) error
	// ChecklistResults returns the user's latest results, newest first.
	ChecklistResults(ctx context.Context, userID string, limit int) ([]ChecklistResult, error)
}

// ChecklistResult is one finished checklist.
type ChecklistResult struct {
	UserID    string
	TakenAt   time.Time
	Yes       int
	Total     int
	Answers   map[string]bool // question id -> yes
	SeeDoctor bool            // Yes reached the threshold
}

// DateLayout is how calendar dates are written and stored.
const DateLayout = "2006-01-02"

// Night is one night of a user's journal, keyed by the local date of the
// morning it ended.
type Night struct {
	UserID       string
	Date         string // DateLayout
	Severity     int    // 0 (none) to 10 (worst)
	Woke         *bool  // did it wake them; nil: not answered
	LateCaffeine *bool  // caffeine after 2 p.m. the day before
	Stretched    *bool  // stretched before bed
	Note         string
	LoggedAt     time.Time
}

// JournalStore keeps the journal and water log.
type JournalStore interface {
	// SaveNight creates or replaces a night; it returns the night it
	// replaced, if any.
	SaveNight(ctx context.Context, n Night) (previous *Night, err error)
	// Nights returns the user's nights with dates in [from, to], oldest first.
	Nights(ctx context.Context, userID, from, to string) ([]Night, error)
	// AddWater adds ml (which may be negative) to a day's water, never
	// below zero, and returns the new total.
	AddWater(ctx context.Context, userID, day string, ml int) (int, error)
	// Water returns the user's water per day for days in [from, to].
	Water(ctx context.Context, userID, from, to string) (map[string]int, error)
	// SaveDiary creates or replaces a night's sleep diary.
	SaveDiary(ctx context.Context, d Diary) error
	// Diaries returns the user's diary for nights in [from, to], oldest first.
	Diaries(ctx context.Context, userID, from, to string) ([]Diary, error)
	// LatestDiary returns the user's last diary before a night, or nil.
	LatestDiary(ctx context.Context, userID, before string) (*Diary, error)
	// LogDose records a dose and puts the medicine on the user's list.
	LogDose(ctx context.Context, d Dose) (int64, error)
	// Doses returns the doses taken on local days in [from, to].
	Doses(ctx context.Context, userID, from, to string) ([]Dose, error)
	// Medicines returns the user's list of medicines.
	Medicines(ctx context.Context, userID string) ([]Medicine, error)
	// Medicine returns one medicine of the user's list by id.
	Medicine(ctx context.Context, userID string, id int64) (Medicine, bool, error)
	// RemoveMedicine takes a medicine off the user's list.
	RemoveMedicine(ctx context.Context, userID, name string) (bool, error)
	// AddLab records an iron test result.
	AddLab(ctx context.Context, l Lab) (int64, error)
	// Labs returns the user's iron test results, oldest first.
	Labs(ctx context.Context, userID string) ([]Lab, error)
	// DeleteDose and DeleteLab delete one row of the user's, reporting
	// whether it was there (the undo of a mistaken entry).
	DeleteDose(ctx context.Context, userID string, id int64) (bool, error)
	DeleteLab(ctx context.Context, userID string, id int64) (bool, error)
	// DeleteUser deletes every row about the user, in every table.
	DeleteUser(ctx context.Context, userID string) error
	// Export returns everything stored about the user.
	Export(ctx context.Context, userID string) (Export, error)
}

// Export is everything stored about one user.
type Export struct {
	User       User
	Nights     []Night
	Water      map[string]int
	Checklists []ChecklistResult
	// Reminders are the user's reminder settings, as stored.
	Reminders []ExportedReminder
	// Diary is the sleep diary and symptom timing, oldest first.
	Diary []Diary
	// Medicines are the user's list; Doses every logged dose, oldest first.
	Medicines []Medicine
	Doses     []Dose
	// Labs are the iron test results, oldest first.
	Labs []Lab
}

// ExportedReminder is one reminder row in an export.
type ExportedReminder struct {
	Kind    string
	Spec    string // cron spec in the user's zone; "" for a snooze
	Mode    string
	Enabled bool
	Snooze  bool
	NextDue *time.Time
}
