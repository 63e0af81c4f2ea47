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
