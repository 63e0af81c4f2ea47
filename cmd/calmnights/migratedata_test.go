package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/postgres/pgtest"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/reminders"
)

// fillEveryTable gives a SQLite deployment rows in every table, with
// NULLs, booleans, odd text and bytes, and outbox and inbox rows in
// several states.
func fillEveryTable(t *testing.T, path string) []string {
	t.Helper()
	ctx := context.Background()
	s := sqlitetest.OpenAt(t, path)
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var ids []string
	for i, id := range []string{"tg:1", "dc:2", "console:local", "tg:Ünïcode\t\"q\""} {
		ids = append(ids, id)
		if _, err := s.EnsureUser(ctx, bot.NewUser{ID: id, Platform: bot.PlatformTelegram, ChatID: "c" + id, TimeZone: "Europe/Berlin"}); err != nil {
			t.Fatal(err)
		}
		if i == 3 {
			continue // one user with nothing but the user row
		}
		bed := bot.Clock(22*60 + i)
		if _, err := s.UpdateUser(ctx, id, func(u *bot.User) error { u.ConsentAt, u.Bedtime = &now, &bed; return nil }); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveConversation(ctx, bot.Conversation{UserID: id, Flow: "log", Step: i, Data: map[string]string{"note": "tab\there, \"quoted\", ü"}}); err != nil {
			t.Fatal(err)
		}
		yes, no := true, false
		if _, err := s.SaveNight(ctx, bot.Night{UserID: id, Date: "2026-11-02", Severity: i, Woke: &yes, LateCaffeine: &no, Note: "line1\nline2", LoggedAt: now}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveNight(ctx, bot.Night{UserID: id, Date: "2026-11-01", Severity: 10, LoggedAt: now}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddWater(ctx, id, "2026-11-02", 250*(i+1)); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveChecklistResult(ctx, bot.ChecklistResult{UserID: id, TakenAt: now, Yes: i, Total: 7, Answers: map[string]bool{"a": true, "b": false}, SeeDoctor: i >= 2}); err != nil {
			t.Fatal(err)
		}
		err := s.UpdateReminders(ctx, id, func(u *bot.User, rs []reminders.Reminder) ([]reminders.Reminder, error) {
			return []reminders.Reminder{
				{UserID: id, Kind: reminders.Caffeine, Spec: "0 14 * * *", Mode: reminders.ModeAuto, Enabled: true, NextDue: now.Add(-time.Minute)},
				{UserID: id, Kind: reminders.Hydration, Spec: "0 9-20/3 * * *", Mode: reminders.ModeEvery, EveryHours: 3, Enabled: false},
				{UserID: id, Kind: reminders.Stretch, Mode: reminders.ModeCustom, OneOff: true, Enabled: true, NextDue: now.Add(time.Hour)},
			}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ClaimDue(ctx, now, 100, func(d reminders.Due) reminders.Decision {
		return reminders.Decision{Deliver: d.Reminder.NextDue, Next: d.Reminder.NextDue.Add(24 * time.Hour)}
	}); err != nil {
		t.Fatal(err)
	}
	ds, err := s.OutboxHeads(ctx, bot.PlatformTelegram, now.Add(time.Hour), 10)
	if err != nil || len(ds) != 3 {
		t.Fatalf("pending deliveries: %v, %v", ds, err)
	}
	if err := s.FinishMessage(ctx, ds[0].ID, delivery.StateSent, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.RetryMessage(ctx, ds[1].ID, now.Add(time.Minute), 1, "rate limited"); err != nil {
		t.Fatal(err)
	}
	// A reply waiting in the outbox, with its content and addressing.
	if err := s.Enqueue(ctx, []delivery.Message{{Platform: bot.PlatformDiscord, ChatID: "55", Kind: delivery.KindReply,
		Reply: &bot.Response{Text: "**hi** ü", Buttons: [][]bot.Button{{{Label: "Yes", Payload: "ck/1/yes"}}}}, Meta: []byte{0, 1, 2, 255}, Part: 1}}); err != nil {
		t.Fatal(err)
	}
	us := []delivery.Update{{ID: 101, ChatKey: "tg:1", Payload: []byte{0, 1, 2, 255}}, {ID: 102, ChatKey: "tg:1", Payload: []byte(`{"text":"hi"}`)}, {ID: 103, ChatKey: "dc:2"}}
	if _, _, err := s.AcceptUpdates(ctx, bot.PlatformTelegram, us, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimUpdates(ctx, bot.PlatformTelegram, time.Minute, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishUpdate(ctx, bot.PlatformTelegram, 101); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return ids
}

func TestMigrateData(t *testing.T) {
	ctx := context.Background()
	target := pgtest.NewSchema(t)
	path := filepath.Join(t.TempDir(), "old.db")
	ids := fillEveryTable(t, path)

	// A table a later migration might add is copied too, with no change
	// to migrate-data: it reads tables and columns from SQLite.
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE future_things (k TEXT PRIMARY KEY, n INTEGER, b BLOB, on_off INTEGER) STRICT;
		INSERT INTO future_things VALUES ('b', 2, x'00ff', 1), ('a', NULL, NULL, 0), ('B', -7, x'', NULL)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	pg := pgtest.OpenAt(t, target)
	if _, err := pg.Pool().Exec(ctx, `CREATE TABLE future_things (k text PRIMARY KEY, n bigint, b bytea, on_off boolean)`); err != nil {
		t.Fatal(err)
	}

	migrate := func(extra ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		args := append([]string{"migrate-data", "--from", path, "--to", target}, extra...)
		code := run(ctx, args, stdio{in: strings.NewReader(""), out: &out, err: &errOut}, func(string) string { return "" })
		return out.String(), errOut.String(), code
	}
	out, errOut, code := migrate()
	if code != exitOK {
		t.Fatalf("migrate-data: exit %d\n%s%s", code, out, errOut)
	}
	t.Log("\n" + out)
	for _, table := range []string{"users", "conversations", "checklist_results", "reminders", "outbox", "nights", "water", "inbox", "future_things"} {
		if !strings.Contains(out, table+" ") {
			t.Errorf("%s not reported as copied", table)
		}
	}
	if strings.Contains(out, "schema_migrations") {
		t.Error("schema_migrations was copied; each database keeps its own")
	}

	// What the bot reads back is the same on both engines.
	src := sqlitetest.OpenAt(t, path)
	for _, id := range ids {
		a, err := src.Export(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b, err := pg.Export(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("export of %q differs:\nSQLite:     %+v\nPostgreSQL: %+v", id, a, b)
		}
	}
	// New rows get fresh ids: the identity sequences moved past the copies.
	if err := pg.SaveChecklistResult(ctx, bot.ChecklistResult{UserID: "tg:1", TakenAt: time.Now(), Answers: map[string]bool{}}); err != nil {
		t.Fatalf("insert after copy: %v", err)
	}
	var inboxPayload []byte
	if err := pg.Pool().QueryRow(ctx, `SELECT payload FROM inbox WHERE id = 102`).Scan(&inboxPayload); err != nil || string(inboxPayload) != `{"text":"hi"}` {
		t.Fatalf("inbox payload = %q, %v", inboxPayload, err)
	}

	// A second copy into the now non-empty target is refused...
	if out, errOut, code := migrate(); code == exitOK || !strings.Contains(errOut, "refusing") {
		t.Fatalf("second copy: exit %d\n%s%s", code, out, errOut)
	}
	// ...unless told to overwrite it.
	if out, errOut, code := migrate("--overwrite"); code != exitOK {
		t.Fatalf("--overwrite: exit %d\n%s%s", code, out, errOut)
	}
	if code := run(ctx, []string{"migrate-data", "--from", path}, stdio{in: strings.NewReader(""), out: &bytes.Buffer{}, err: &bytes.Buffer{}}, func(string) string { return "" }); code != exitUsage {
		t.Fatalf("missing --to: exit %d", code)
	}
}
