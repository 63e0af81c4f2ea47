package bot

import (
	"context"
	"time"
)

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
