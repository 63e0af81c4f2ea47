// Package storetest is the contract every Store engine must meet: the same
// test functions run against SQLite and PostgreSQL.
//
// An engine's own test file calls Run with a function that opens a new,
// empty store for one test (and closes it when the test ends):
//
//	func TestContract(t *testing.T) { storetest.Run(t, openForTest) }
//
// To add a check, write a func(t *testing.T, s Store) here and list it in
// tests; every engine then runs it.
package storetest

import (
	"context"
	"github.com/calmnights/calmnights/bot/features"
	"testing"

	"github.com/calmnights/calmnights/bot/sqlstore"
	"github.com/calmnights/calmnights/reminders"
)

// Store is what the contract tests use of a store: the bot's and the
// reminders' interfaces, and every other method the engines share, so
// that each is checked on both.
type Store interface {
	features.Store
	// WaitingUpdates and WaitingMessages count the pipeline's work left.
	WaitingUpdates(ctx context.Context) (int, error)
	WaitingMessages(ctx context.Context) (int, error)
	// CountUserRows returns, per table, how many rows are about the user.
	CountUserRows(ctx context.Context, userID string) (map[string]int, error)
	// DeleteNight removes one night (the assistant's undo).
	DeleteNight(ctx context.Context, userID, date string) error
	// DeliveriesInState lists reminder deliveries in a state.
	DeliveriesInState(ctx context.Context, st reminders.State) ([]reminders.Delivery, error)
	// Secret returns a deployment secret, made the first time.
	Secret(ctx context.Context, name string, size int) ([]byte, error)
	// Ping, SchemaVersion and Stats are the operators' view.
	Ping(ctx context.Context) error
	SchemaVersion(ctx context.Context) (int, error)
	Stats(ctx context.Context) (sqlstore.Stats, error)
}

// Atomic is a store that runs a function in one transaction; the
// contract checks it on the engines that have it.
type Atomic interface {
	Atomic(ctx context.Context, fn func(ctx context.Context) error) error
}

// Opener returns a new, empty store for one test, closed when it ends.
type Opener func(t testing.TB) Store

// PairOpener returns two stores on one new database, standing in for two
// processes (replicas).
type PairOpener func(t testing.TB) (Store, Store)

// tests are the contract's checks, by name.
var tests = []struct {
	name string
	fn   func(t *testing.T, s Store)
}{
	{"ForeignKeys", testForeignKeys},
	{"Users", testUsers},
	{"Conversations", testConversations},
	{"ConcurrentUpdates", testConcurrentUpdates},
	{"ChecklistResults", testChecklistResults},
	{"Journal", testJournal},
	{"Water", testWater},
	{"DeleteNight", testDeleteNight},
	{"Diary", testDiary},
	{"Medicines", testMedicines},
	{"Labs", testLabs},
	{"Secret", testSecret},
	{"Health", testHealth},
	{"Deliveries", testDeliveries},
	{"DeleteUserAndExport", testDeleteUserAndExport},
	{"Reminders", testReminders},
	{"ClaimDue", testClaimDue},
	{"ClaimDueLimitAndOrder", testClaimDueLimitAndOrder},
	{"ClaimDueNothingDue", testClaimDueNothingDue},
	{"PauseEnded", testPauseEnded},
	{"StopUser", testStopUser},
	{"Atomic", testAtomic},
	{"InboxClaims", testInboxClaims},
	{"InboxFlood", testInboxFlood},
	{"Outbox", testOutbox},
	{"OutboxAtomicWithHandling", testOutboxAtomicWithHandling},
}

// Run runs every contract check as a subtest, each on its own new store.
func Run(t *testing.T, open Opener) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

// replicaTests are checks on two stores sharing one database.
var replicaTests = []struct {
	name string
	fn   func(t *testing.T, a, b Store)
}{
	{"ConcurrentUpdates", testReplicaUpdates},
	{"ClaimDueNeverTwice", testReplicaClaims},
	{"UpdatesClaimedOnceInOrder", testReplicaUpdateClaims},
	{"OneLeader", testLeader},
}

// RunReplicas runs the checks that need two processes on one database.
func RunReplicas(t *testing.T, open PairOpener) {
	for _, tc := range replicaTests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := open(t)
			tc.fn(t, a, b)
		})
	}
}
