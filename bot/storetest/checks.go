package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlstore"
	"github.com/calmnights/calmnights/bot/stress"
	"github.com/calmnights/calmnights/reminders"
)

var ctx = context.Background()

// user creates a user with a private chat, failing the test on error.
func user(t testing.TB, s Store, id string) bot.User {
	t.Helper()
	u, err := s.EnsureUser(ctx, bot.NewUser{ID: id, Platform: bot.PlatformTelegram, ChatID: "chat-" + id})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func testForeignKeys(t *testing.T, s Store) {
	if err := s.SaveConversation(ctx, bot.Conversation{UserID: "tg:nobody", Flow: "x"}); err == nil {
		t.Fatal("a conversation for a missing user was stored")
	}
}

func testUsers(t *testing.T, s Store) {
	u, err := s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram, ChatID: "1", TimeZone: "Europe/Berlin"})
	if err != nil {
		t.Fatal(err)
	}
	if u.TimeZone != "Europe/Berlin" || u.ChatID != "1" || u.Bedtime != nil || u.Consented() || u.CreatedAt.IsZero() {
		t.Fatalf("new user = %+v", u)
	}
	// A group message (no chat) keeps the private chat; a new chat replaces it.
	if u, _ = s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram}); u.ChatID != "1" {
		t.Fatalf("chat after group message = %q", u.ChatID)
	}
	if u, _ = s.EnsureUser(ctx, bot.NewUser{ID: "tg:1", Platform: bot.PlatformTelegram, ChatID: "2"}); u.ChatID != "2" {
		t.Fatalf("chat after move = %q", u.ChatID)
	}
	// The platform's language is kept from first contact only.
	if u3, _ := s.EnsureUser(ctx, bot.NewUser{ID: "tg:3", Platform: bot.PlatformTelegram, Language: "ru"}); u3.Language != "ru" {
		t.Fatalf("language on first contact = %q", u3.Language)
	}
	if u3, _ := s.EnsureUser(ctx, bot.NewUser{ID: "tg:3", Platform: bot.PlatformTelegram, ChatID: "3", Language: "de"}); u3.Language != "ru" {
		t.Fatalf("language after a later contact = %q", u3.Language)
	}
	// A bad zone hint is not stored.
	if u2, _ := s.EnsureUser(ctx, bot.NewUser{ID: "tg:2", Platform: bot.PlatformTelegram, TimeZone: "Mars/Olympus"}); u2.TimeZone != "" {
		t.Fatalf("zone from bad hint = %q", u2.TimeZone)
	}

	consent := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
	paused := consent.Add(72 * time.Hour)
	bed, wake, qs, qe := bot.Clock(22*60+30), bot.Clock(6*60+45), bot.Clock(23*60), bot.Clock(7*60)
	_, err = s.UpdateUser(ctx, "tg:1", func(u *bot.User) error {
		u.TimeZone, u.Bedtime, u.WakeTime, u.ConsentAt = "Asia/Tokyo", &bed, &wake, &consent
		u.QuietStart, u.QuietEnd, u.PausedUntil = &qs, &qe, &paused
		u.Language = "pt"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.User(ctx, "tg:1")
	if err != nil || got.TimeZone != "Asia/Tokyo" || *got.Bedtime != bed || *got.WakeTime != wake || !got.ConsentAt.Equal(consent) ||
		*got.QuietStart != qs || *got.QuietEnd != qe || !got.PausedUntil.Equal(paused) || got.Language != "pt" {
		t.Fatalf("after update: %+v, %v", got, err)
	}

	// An update whose function fails changes nothing.
	boom := errors.New("boom")
	if _, err := s.UpdateUser(ctx, "tg:1", func(u *bot.User) error { u.TimeZone = "UTC"; return boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if got, _ := s.User(ctx, "tg:1"); got.TimeZone != "Asia/Tokyo" {
		t.Fatalf("failed update leaked: %q", got.TimeZone)
	}
	if _, err := s.User(ctx, "tg:404"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("missing user: %v", err)
	}
	if _, err := s.UpdateUser(ctx, "tg:404", func(*bot.User) error { return nil }); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("update of missing user: %v", err)
	}
}

func testConversations(t *testing.T, s Store) {
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: "dc:1", Platform: bot.PlatformDiscord}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Conversation(ctx, "dc:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("no conversation yet: %v", err)
	}
	c := bot.Conversation{UserID: "dc:1", Flow: "checklist", Step: 3, Data: map[string]string{"1": "yes", "2": "no"}}
	if err := s.SaveConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Conversation(ctx, "dc:1")
	if err != nil || got.Flow != "checklist" || got.Step != 3 || got.Data["1"] != "yes" || got.Data["2"] != "no" {
		t.Fatalf("got %+v, %v", got, err)
	}
	c.Step, c.Data = 4, nil
	if err := s.SaveConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Conversation(ctx, "dc:1"); got.Step != 4 || len(got.Data) != 0 {
		t.Fatalf("after replace: %+v", got)
	}
	if err := s.EndConversation(ctx, "dc:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Conversation(ctx, "dc:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("after end: %v", err)
	}
}

// incrementConcurrently bumps one user's bedtime with read-then-write
// updates from many goroutines spread over the stores, mixed with plain
// writes and reads; no call may fail and no increment may be lost.
func incrementConcurrently(t *testing.T, stores ...Store) {
	if _, err := stores[0].EnsureUser(ctx, bot.NewUser{ID: "console:local", Platform: bot.PlatformConsole}); err != nil {
		t.Fatal(err)
	}
	const workers, perWorker = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, 3*workers*perWorker)
	for w := range workers {
		s := stores[w%len(stores)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range perWorker {
				_, err := s.UpdateUser(ctx, "console:local", func(u *bot.User) error {
					next := bot.Clock(0)
					if u.Bedtime != nil {
						next = *u.Bedtime + 1
					}
					u.Bedtime = &next
					return nil
				})
				if err != nil {
					errs <- err
				}
				if err := s.SaveConversation(ctx, bot.Conversation{UserID: "console:local", Flow: "f"}); err != nil {
					errs <- err
				}
				if _, err := s.User(ctx, "console:local"); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	u, err := stores[0].User(ctx, "console:local")
	if err != nil {
		t.Fatal(err)
	}
	if want := bot.Clock(workers*perWorker - 1); *u.Bedtime != want {
		t.Fatalf("counter = %d, want %d: increments were lost", *u.Bedtime, want)
	}
}

func testConcurrentUpdates(t *testing.T, s Store) { incrementConcurrently(t, s) }

func testReplicaUpdates(t *testing.T, a, b Store) { incrementConcurrently(t, a, b) }

func testChecklistResults(t *testing.T, s Store) {
	user(t, s, "tg:1")
	user(t, s, "tg:2")
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		r := bot.ChecklistResult{UserID: "tg:1", TakenAt: day.AddDate(0, 0, i), Yes: i, Total: 7, Answers: map[string]bool{"nights": i > 0}, SeeDoctor: i >= 2}
		if err := s.SaveChecklistResult(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.ChecklistResults(ctx, "tg:1", 2)
	if err != nil || len(got) != 2 || got[0].Yes != 2 || !got[0].SeeDoctor || !got[0].Answers["nights"] || got[1].Yes != 1 || !got[0].TakenAt.Equal(day.AddDate(0, 0, 2)) {
		t.Fatalf("newest two: %+v, %v", got, err)
	}
	if other, _ := s.ChecklistResults(ctx, "tg:2", 10); len(other) != 0 {
		t.Fatalf("another user's results leaked: %+v", other)
	}
}

func ptr[T any](v T) *T { return &v }

func testJournal(t *testing.T, s Store) {
	user(t, s, "tg:1")
	user(t, s, "tg:2")
	logged := time.Date(2026, 11, 2, 7, 30, 0, 0, time.UTC)
	n := bot.Night{UserID: "tg:1", Date: "2026-11-02", Severity: 6, Woke: ptr(true), LateCaffeine: ptr(false), Note: "legs", LoggedAt: logged}
	prev, err := s.SaveNight(ctx, n)
	if err != nil || prev != nil {
		t.Fatalf("first save: previous %+v, %v", prev, err)
	}
	n2 := n
	n2.Severity, n2.Woke, n2.Stretched, n2.Note = 3, nil, ptr(true), ""
	prev, err = s.SaveNight(ctx, n2)
	if err != nil || prev == nil || prev.Severity != 6 || prev.Woke == nil || !*prev.Woke || prev.LateCaffeine == nil || *prev.LateCaffeine || prev.Stretched != nil || prev.Note != "legs" || !prev.LoggedAt.Equal(logged) {
		t.Fatalf("replace: previous %+v, %v", prev, err)
	}
	for _, d := range []string{"2026-10-30", "2026-11-01", "2026-11-05"} {
		if _, err := s.SaveNight(ctx, bot.Night{UserID: "tg:1", Date: d, Severity: 1, LoggedAt: logged}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveNight(ctx, bot.Night{UserID: "tg:2", Date: "2026-11-02", Severity: 9, LoggedAt: logged}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Nights(ctx, "tg:1", "2026-11-01", "2026-11-05")
	if err != nil || len(got) != 3 || got[0].Date != "2026-11-01" || got[1].Date != "2026-11-02" || got[2].Date != "2026-11-05" {
		t.Fatalf("nights in range: %+v, %v", got, err)
	}
	if g := got[1]; g.Severity != 3 || g.Woke != nil || g.Stretched == nil || !*g.Stretched || g.UserID != "tg:1" {
		t.Fatalf("replaced night = %+v", g)
	}
	if none, err := s.Nights(ctx, "tg:404", "2000-01-01", "2100-01-01"); err != nil || len(none) != 0 {
		t.Fatalf("nights of nobody: %+v, %v", none, err)
	}
	if err := s.SaveConversation(ctx, bot.Conversation{UserID: "tg:1", Flow: "log"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveNight(ctx, bot.Night{UserID: "tg:1", Date: "2026-11-03", Severity: 11, LoggedAt: logged}); err == nil {
		t.Fatal("a severity of 11 was stored")
	}
}

func testWater(t *testing.T, s Store) {
	user(t, s, "tg:1")
	for _, step := range []struct{ add, want int }{{500, 500}, {250, 750}, {-1000, 0}, {250, 250}} {
		got, err := s.AddWater(ctx, "tg:1", "2026-11-02", step.add)
		if err != nil || got != step.want {
			t.Fatalf("add %d: total %d, %v; want %d", step.add, got, err, step.want)
		}
	}
	if got, err := s.AddWater(ctx, "tg:1", "2026-11-03", -100); err != nil || got != 0 {
		t.Fatalf("negative first add: %d, %v", got, err)
	}
	if _, err := s.AddWater(ctx, "tg:1", "2026-11-04", 2000); err != nil {
		t.Fatal(err)
	}
	got, err := s.Water(ctx, "tg:1", "2026-11-02", "2026-11-03")
	if err != nil || len(got) != 2 || got["2026-11-02"] != 250 || got["2026-11-03"] != 0 {
		t.Fatalf("water in range: %v, %v", got, err)
	}
}

// fill gives the user a row in every table.
func fill(t *testing.T, s Store, id string, due time.Time) {
	t.Helper()
	user(t, s, id)
	now := time.Date(2026, 11, 2, 7, 0, 0, 0, time.UTC)
	if _, err := s.UpdateUser(ctx, id, func(u *bot.User) error { u.ConsentAt = &now; u.TimeZone = "UTC"; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveConversation(ctx, bot.Conversation{UserID: id, Flow: "log", Data: map[string]string{"a": "b"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveChecklistResult(ctx, bot.ChecklistResult{UserID: id, TakenAt: now, Yes: 2, Total: 7, Answers: map[string]bool{"q": true}, SeeDoctor: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveNight(ctx, bot.Night{UserID: id, Date: "2026-11-02", Severity: 4, Woke: ptr(false), Note: "n", LoggedAt: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddWater(ctx, id, "2026-11-02", 500); err != nil {
		t.Fatal(err)
	}
	bed, q := bot.Clock(22*60+50), 4
	if err := s.SaveDiary(ctx, bot.Diary{UserID: id, Date: "2026-11-02", InBed: &bed, Quality: &q, Alcohol: ptr(true), UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogDose(ctx, bot.Dose{UserID: id, Name: "Iron", Dose: "65 mg", TakenAt: now, Day: "2026-11-02"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLab(ctx, bot.Lab{UserID: id, Test: bot.LabFerritin, Value: 38.5, Date: "2026-10-30", LoggedAt: now}); err != nil {
		t.Fatal(err)
	}
	// A feature's own table (bot/stress) is the user's too.
	if db, ok := s.(interface{ SQL() *sqlstore.Store }); ok {
		if err := (stress.SQLStore{DB: db.SQL()}).RateStress(ctx, id, "2026-11-01", 4, now); err != nil {
			t.Fatal(err)
		}
	}
	err := s.UpdateReminders(ctx, id, func(u *bot.User, rs []reminders.Reminder) ([]reminders.Reminder, error) {
		return []reminders.Reminder{
			{UserID: id, Kind: reminders.Stretch, Spec: "45 21 * * *", Mode: reminders.ModeAuto, Enabled: true, NextDue: due},
			{UserID: id, Kind: reminders.Morning, Spec: "0 7 * * *", Mode: reminders.ModeCustom, Enabled: false},
			{UserID: id, Kind: reminders.Hydration, OneOff: true, Enabled: true, Mode: reminders.ModeCustom, NextDue: due.Add(time.Hour)},
		}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Claim the stretch reminder so the user has an outbox row too.
	if _, err := s.ClaimDue(ctx, due, 10, func(d reminders.Due) reminders.Decision {
		return reminders.Decision{Deliver: d.Reminder.NextDue, Next: d.Reminder.NextDue.Add(24 * time.Hour)}
	}); err != nil {
		t.Fatal(err)
	}
}

func testDeleteUserAndExport(t *testing.T, s Store) {
	due := time.Date(2026, 11, 2, 21, 45, 0, 0, time.UTC)
	fill(t, s, "tg:1", due)
	fill(t, s, "tg:2", due)
	counts, err := s.CountUserRows(ctx, "tg:1")
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range counts {
		if n == 0 {
			t.Errorf("fill left %s empty", table)
		}
	}
	ex, err := s.Export(ctx, "tg:1")
	if err != nil {
		t.Fatal(err)
	}
	if ex.User.ID != "tg:1" || len(ex.Nights) != 1 || ex.Water["2026-11-02"] != 500 || len(ex.Checklists) != 1 || len(ex.Reminders) != 3 ||
		len(ex.Diary) != 1 || len(ex.Doses) != 1 || len(ex.Medicines) != 1 || len(ex.Labs) != 1 {
		t.Fatalf("export = %+v", ex)
	}
	if r := ex.Reminders[0]; r.Kind != string(reminders.Stretch) || !r.Enabled || r.Snooze || r.NextDue == nil || !r.NextDue.Equal(due.Add(24*time.Hour)) {
		t.Fatalf("exported reminder = %+v", r)
	}
	if r := ex.Reminders[2]; !r.Snooze {
		t.Fatalf("the snooze comes last: %+v", ex.Reminders)
	}
	if err := s.DeleteUser(ctx, "tg:1"); err != nil {
		t.Fatal(err)
	}
	counts, err = s.CountUserRows(ctx, "tg:1")
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range counts {
		if n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	if _, err := s.Export(ctx, "tg:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("export of a deleted user: %v", err)
	}
	other, _ := s.CountUserRows(ctx, "tg:2")
	for table, n := range other {
		if n == 0 {
			t.Errorf("deleting one user emptied %s of another", table)
		}
	}
}

func testReminders(t *testing.T, s Store) {
	user(t, s, "tg:1")
	user(t, s, "tg:2")
	due := time.Date(2026, 11, 2, 21, 45, 0, 0, time.UTC)
	bed := bot.Clock(22 * 60)
	err := s.UpdateReminders(ctx, "tg:1", func(u *bot.User, rs []reminders.Reminder) ([]reminders.Reminder, error) {
		if len(rs) != 0 {
			return nil, fmt.Errorf("new user has reminders: %+v", rs)
		}
		u.Bedtime = &bed
		return []reminders.Reminder{
			{UserID: "tg:1", Kind: reminders.Stretch, Spec: "45 21 * * *", Mode: reminders.ModeAuto, Enabled: true, NextDue: due},
			{UserID: "tg:1", Kind: reminders.Hydration, Spec: "0 9-20/3 * * *", Mode: reminders.ModeEvery, EveryHours: 3, Enabled: true},
		}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := s.User(ctx, "tg:1"); u.Bedtime == nil || *u.Bedtime != bed {
		t.Fatalf("the user's change was not saved: %+v", u)
	}
	rs, err := s.Reminders(ctx, "tg:1")
	if err != nil || len(rs) != 2 {
		t.Fatalf("reminders = %+v, %v", rs, err)
	}
	st, wa := rs[0], rs[1]
	if st.ID == 0 || st.Kind != reminders.Stretch || st.Mode != reminders.ModeAuto || !st.Enabled || st.OneOff || !st.NextDue.Equal(due) ||
		wa.EveryHours != 3 || wa.Mode != reminders.ModeEvery || !wa.NextDue.IsZero() {
		t.Fatalf("stored = %+v", rs)
	}
	// Update one, add a snooze, leave the other out (it is kept).
	err = s.UpdateReminders(ctx, "tg:1", func(u *bot.User, rs []reminders.Reminder) ([]reminders.Reminder, error) {
		r := rs[0]
		r.Enabled, r.NextDue, r.Spec, r.Mode = false, time.Time{}, "30 21 * * *", reminders.ModeCustom
		return []reminders.Reminder{r, {UserID: "tg:1", Kind: reminders.Stretch, Mode: reminders.ModeCustom, OneOff: true, Enabled: true, NextDue: due.Add(15 * time.Minute)}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rs, _ = s.Reminders(ctx, "tg:1")
	if len(rs) != 3 || rs[0].Enabled || !rs[0].NextDue.IsZero() || rs[0].Spec != "30 21 * * *" || rs[0].Mode != reminders.ModeCustom || !rs[2].OneOff {
		t.Fatalf("after update: %+v", rs)
	}
	// A second recurring reminder of one kind is refused.
	err = s.UpdateReminders(ctx, "tg:1", func(u *bot.User, rs []reminders.Reminder) ([]reminders.Reminder, error) {
		return []reminders.Reminder{{UserID: "tg:1", Kind: reminders.Stretch, Mode: reminders.ModeAuto, Spec: "0 21 * * *"}}, nil
	})
	if err == nil {
		t.Fatal("a second stretch reminder was stored")
	}
	// Rows of another user are refused, and a failing fn saves nothing.
	err = s.UpdateReminders(ctx, "tg:2", func(u *bot.User, rs []reminders.Reminder) ([]reminders.Reminder, error) {
		u.TimeZone = "UTC"
		return []reminders.Reminder{{UserID: "tg:1", Kind: reminders.Morning, Mode: reminders.ModeAuto}}, nil
	})
	if err == nil {
		t.Fatal("saved a reminder for another user")
	}
	if u, _ := s.User(ctx, "tg:2"); u.TimeZone != "" {
		t.Fatal("a failed UpdateReminders saved the user")
	}
	if err := s.UpdateReminders(ctx, "tg:404", func(*bot.User, []reminders.Reminder) ([]reminders.Reminder, error) { return nil, nil }); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("reminders of a missing user: %v", err)
	}
	// DeleteReminder removes only the user's own row.
	if err := s.DeleteReminder(ctx, "tg:2", rs[2].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteReminder(ctx, "tg:1", rs[2].ID); err != nil {
		t.Fatal(err)
	}
	if rs, _ = s.Reminders(ctx, "tg:1"); len(rs) != 2 {
		t.Fatalf("after delete: %+v", rs)
	}
}

// schedule gives user id one enabled recurring reminder of kind due at due.
func schedule(t testing.TB, s Store, id string, kind reminders.Kind, oneOff bool, due time.Time) {
	t.Helper()
	err := s.UpdateReminders(ctx, id, func(u *bot.User, rs []reminders.Reminder) ([]reminders.Reminder, error) {
		spec := "0 9 * * *"
		if oneOff {
			spec = ""
		}
		return []reminders.Reminder{{UserID: id, Kind: kind, Spec: spec, Mode: reminders.ModeAuto, Enabled: true, OneOff: oneOff, NextDue: due}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testClaimDue(t *testing.T, s Store) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	user(t, s, "tg:1")
	bed, qs := bot.Clock(22*60), bot.Clock(23*60)
	if _, err := s.UpdateUser(ctx, "tg:1", func(u *bot.User) error { u.TimeZone, u.Bedtime, u.QuietStart = "Europe/Berlin", &bed, &qs; return nil }); err != nil {
		t.Fatal(err)
	}
	schedule(t, s, "tg:1", reminders.Caffeine, false, now.Add(-time.Minute)) // advance and deliver
	schedule(t, s, "tg:1", reminders.Morning, false, now)                    // unschedule, no delivery
	schedule(t, s, "tg:1", reminders.Stretch, true, now.Add(-time.Hour))     // one-off: removed and delivered
	schedule(t, s, "tg:1", reminders.WindDown, false, now.Add(time.Second))  // not due yet
	seen := map[reminders.Kind]reminders.Due{}
	n, err := s.ClaimDue(ctx, now, 100, func(d reminders.Due) reminders.Decision {
		seen[d.Reminder.Kind] = d
		switch d.Reminder.Kind {
		case reminders.Caffeine:
			return reminders.Decision{Deliver: d.Reminder.NextDue, Next: d.Reminder.NextDue.Add(24 * time.Hour)}
		case reminders.Stretch:
			return reminders.Decision{Deliver: d.Reminder.NextDue}
		}
		return reminders.Decision{}
	})
	if err != nil || n != 3 || len(seen) != 3 {
		t.Fatalf("claimed %d (%v), decided %v", n, err, seen)
	}
	d := seen[reminders.Caffeine]
	if d.User.ID != "tg:1" || d.User.Platform != bot.PlatformTelegram || d.User.ChatID != "chat-tg:1" || d.User.TimeZone != "Europe/Berlin" ||
		d.User.Bedtime == nil || *d.User.Bedtime != bed || d.User.QuietStart == nil || *d.User.QuietStart != qs || d.User.QuietEnd != nil ||
		!d.Reminder.NextDue.Equal(now.Add(-time.Minute)) || !d.Reminder.Enabled || d.Reminder.Spec != "0 9 * * *" {
		t.Fatalf("due = %+v", d)
	}
	if !seen[reminders.Stretch].Reminder.OneOff {
		t.Fatal("the one-off was not marked as one")
	}
	rs, _ := s.Reminders(ctx, "tg:1")
	byKind := map[reminders.Kind]reminders.Reminder{}
	for _, r := range rs {
		byKind[r.Kind] = r
	}
	if len(rs) != 3 || !byKind[reminders.Caffeine].NextDue.Equal(now.Add(-time.Minute).Add(24*time.Hour)) ||
		!byKind[reminders.Morning].NextDue.IsZero() || !byKind[reminders.WindDown].NextDue.Equal(now.Add(time.Second)) {
		t.Fatalf("after claim: %+v", rs)
	}
	if c, _ := s.CountUserRows(ctx, "tg:1"); c["outbox"] != 2 {
		t.Fatalf("outbox rows = %d, want 2", c["outbox"])
	}
	// Claimed rows are not due again.
	if n, err := s.ClaimDue(ctx, now, 100, func(reminders.Due) reminders.Decision { return reminders.Decision{} }); err != nil || n != 0 {
		t.Fatalf("second claim: %d, %v", n, err)
	}
}

func testClaimDueLimitAndOrder(t *testing.T, s Store) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	const users = 30
	for i := range users {
		id := fmt.Sprintf("tg:%d", i)
		user(t, s, id)
		schedule(t, s, id, reminders.Caffeine, false, now.Add(-time.Duration(users-i)*time.Minute))
	}
	var order []time.Time
	decide := func(d reminders.Due) reminders.Decision {
		order = append(order, d.Reminder.NextDue)
		return reminders.Decision{Deliver: d.Reminder.NextDue, Next: now.Add(24 * time.Hour)}
	}
	total := 0
	for range 10 {
		n, err := s.ClaimDue(ctx, now, 7, decide)
		if err != nil || n > 7 {
			t.Fatalf("claim: %d, %v", n, err)
		}
		total += n
		if n == 0 {
			break
		}
	}
	if total != users || len(order) != users {
		t.Fatalf("claimed %d, decided %d, want %d", total, len(order), users)
	}
	for i := 1; i < len(order); i++ {
		if order[i].Before(order[i-1]) {
			t.Fatalf("not oldest first: %v", order)
		}
	}
}

func testClaimDueNothingDue(t *testing.T, s Store) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	user(t, s, "tg:1")
	schedule(t, s, "tg:1", reminders.Caffeine, false, now.Add(time.Hour))
	n, err := s.ClaimDue(ctx, now, 100, func(reminders.Due) reminders.Decision {
		t.Fatal("decide called with nothing due")
		return reminders.Decision{}
	})
	if err != nil || n != 0 {
		t.Fatalf("claim: %d, %v", n, err)
	}
}

func testPauseEnded(t *testing.T, s Store) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for i, until := range []time.Time{now.Add(-time.Hour), now, now.Add(time.Hour), {}} {
		id := fmt.Sprintf("tg:%d", i)
		user(t, s, id)
		if _, err := s.UpdateUser(ctx, id, func(u *bot.User) error {
			if !until.IsZero() {
				u.PausedUntil = &until
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	ids, err := s.PauseEnded(ctx, now, 10)
	if err != nil || len(ids) != 2 {
		t.Fatalf("ended = %v, %v", ids, err)
	}
	if ids, _ := s.PauseEnded(ctx, now, 1); len(ids) != 1 {
		t.Fatalf("limit 1 gave %v", ids)
	}
}

func testStopUser(t *testing.T, s Store) {
	due := time.Date(2026, 11, 2, 21, 45, 0, 0, time.UTC)
	fill(t, s, "tg:1", due)
	fill(t, s, "tg:2", due)
	changed, err := s.StopUser(ctx, "tg:1")
	if err != nil || !changed {
		t.Fatalf("stop: %v, %v", changed, err)
	}
	rs, _ := s.Reminders(ctx, "tg:1")
	for _, r := range rs {
		if r.Enabled || !r.NextDue.IsZero() || r.OneOff {
			t.Fatalf("still on after stop: %+v", r)
		}
	}
	if len(rs) != 2 {
		t.Fatalf("recurring reminders must stay (off), the snooze go: %+v", rs)
	}
	if changed, err := s.StopUser(ctx, "tg:1"); err != nil || changed {
		t.Fatalf("second stop: %v, %v", changed, err)
	}
	if rs, _ := s.Reminders(ctx, "tg:2"); len(rs) != 3 || !rs[0].Enabled {
		t.Fatalf("another user's reminders changed: %+v", rs)
	}
}

func testAtomic(t *testing.T, s Store) {
	a, ok := s.(Atomic)
	if !ok {
		t.Skip("this store has no Atomic yet")
	}
	user(t, s, "tg:1")
	boom := errors.New("boom")
	// A failure rolls back every write made with the transaction's ctx,
	// including those of a nested Atomic.
	err := a.Atomic(ctx, func(ctx context.Context) error {
		if _, err := s.AddWater(ctx, "tg:1", "2026-11-02", 500); err != nil {
			return err
		}
		if err := s.SaveConversation(ctx, bot.Conversation{UserID: "tg:1", Flow: "log"}); err != nil {
			return err
		}
		if err := a.Atomic(ctx, func(ctx context.Context) error {
			_, err := s.UpdateUser(ctx, "tg:1", func(u *bot.User) error { u.TimeZone = "UTC"; return nil })
			return err
		}); err != nil {
			return err
		}
		// Reads inside see the transaction's own writes.
		if w, err := s.Water(ctx, "tg:1", "2026-11-02", "2026-11-02"); err != nil || w["2026-11-02"] != 500 {
			return fmt.Errorf("read inside: %v, %w", w, err)
		}
		if u, err := s.User(ctx, "tg:1"); err != nil || u.TimeZone != "UTC" {
			return fmt.Errorf("nested write not visible: %+v, %w", u, err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Atomic = %v", err)
	}
	if w, _ := s.Water(ctx, "tg:1", "2026-11-02", "2026-11-02"); len(w) != 0 {
		t.Fatalf("water kept after rollback: %v", w)
	}
	if _, err := s.Conversation(ctx, "tg:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("conversation kept after rollback: %v", err)
	}
	if u, _ := s.User(ctx, "tg:1"); u.TimeZone != "" {
		t.Fatal("nested update kept after rollback")
	}
	// Success commits everything.
	err = a.Atomic(ctx, func(ctx context.Context) error {
		if _, err := s.AddWater(ctx, "tg:1", "2026-11-02", 250); err != nil {
			return err
		}
		_, err := s.SaveNight(ctx, bot.Night{UserID: "tg:1", Date: "2026-11-02", Severity: 2, LoggedAt: time.Now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if w, _ := s.Water(ctx, "tg:1", "2026-11-02", "2026-11-02"); w["2026-11-02"] != 250 {
		t.Fatalf("water after commit: %v", w)
	}
	if ns, _ := s.Nights(ctx, "tg:1", "2026-11-02", "2026-11-02"); len(ns) != 1 {
		t.Fatalf("night after commit: %v", ns)
	}
}

// testReplicaClaims has two stores tick at once, repeatedly, over many
// due reminders: every reminder is claimed, and delivered, exactly once.
// (A store may ask decide about a row another process then claims first;
// only the claim and its outbox row must be single.)
func testReplicaClaims(t *testing.T, a, b Store) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	const users = 400
	for i := range users {
		id := fmt.Sprintf("tg:%d", i)
		user(t, a, id)
		schedule(t, a, id, reminders.Caffeine, i%2 == 1, now.Add(-time.Duration(i%50)*time.Second))
	}
	var (
		mu      sync.Mutex
		decided = map[int64]int{}
		claimed [2]int
		wg      sync.WaitGroup
		errs    = make(chan error, 2)
	)
	for i, s := range []Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n, err := s.ClaimDue(ctx, now, 37, func(d reminders.Due) reminders.Decision {
					mu.Lock()
					decided[d.Reminder.ID]++
					mu.Unlock()
					return reminders.Decision{Deliver: d.Reminder.NextDue, Next: now.Add(24 * time.Hour)}
				})
				if err != nil {
					errs <- err
					return
				}
				if n == 0 {
					return
				}
				claimed[i] += n
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if claimed[0]+claimed[1] != users || len(decided) != users {
		t.Fatalf("claimed %v, decided %d distinct, want %d", claimed, len(decided), users)
	}
	outbox := 0
	for i := range users {
		c, _ := a.CountUserRows(ctx, fmt.Sprintf("tg:%d", i))
		outbox += c["outbox"]
	}
	if outbox != users {
		t.Fatalf("outbox rows = %d, want %d", outbox, users)
	}
	t.Logf("claims per replica: %v", claimed)
}
