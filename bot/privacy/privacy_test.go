package privacy_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/reminders"
)

var ctx = context.Background()

func TestPrivacyAndWithdraw(t *testing.T) {
	h := featuretest.New(t)
	out := h.Send("/privacy")
	featuretest.MustContain(t, out, "What I store", "not given")
	if got := featuretest.Payloads(out); len(got) != 1 || got[0] != "start/yes" {
		t.Fatalf("buttons = %v", got)
	}
	h.Press("start/yes")
	out = h.Send("/privacy")
	featuretest.MustContain(t, out, "given on 25 Nov 2026")
	if !out[0].Personal {
		t.Error("privacy reply with consent state is not marked personal")
	}
	featuretest.MustContain(t, h.Press("privacy/withdraw"), "withdrawn")
	if h.User().Consented() {
		t.Fatal("consent still recorded after withdrawal")
	}
}

func TestExportMatchesTheDatabase(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.SeedNights(h, 3)
	h.Send("/log 2026-11-01 9")
	h.Store.SaveNight(ctx, bot.Night{UserID: h.UserID, Date: "2026-11-02", Severity: 1, Note: "=HYPERLINK(\"x\"), \"quoted\"", LoggedAt: featuretest.FixedNow})
	h.Store.AddWater(ctx, h.UserID, "2026-11-24", 750)
	h.Store.SaveChecklistResult(ctx, bot.ChecklistResult{UserID: h.UserID, TakenAt: featuretest.FixedNow, Yes: 1, Total: 7, Answers: map[string]bool{"iron": true}})
	h.Store.UpdateReminders(ctx, h.UserID, func(u *bot.User, _ []reminders.Reminder) ([]reminders.Reminder, error) {
		return []reminders.Reminder{{UserID: h.UserID, Kind: reminders.Stretch, Spec: "0 22 * * *", Mode: reminders.ModeCustom, Enabled: true}}, nil
	})
	h.Send("/med iron 65 mg")
	h.Send("/lab ferritin 45 2026-11-20")
	bed := bot.Clock(23 * 60)
	h.Store.SaveDiary(ctx, bot.Diary{UserID: h.UserID, Date: "2026-11-25", InBed: &bed, UpdatedAt: featuretest.FixedNow})
	out := h.Send("/export")
	if len(out) != 2 || out[0].File == nil || out[1].File == nil || !out[0].Personal || !out[1].Personal {
		t.Fatalf("export replies: %+v", out)
	}
	var got struct {
		Profile struct {
			ID        string     `json:"id"`
			ConsentAt *time.Time `json:"health_notes_consent_at"`
		} `json:"profile"`
		Journal []struct {
			Night    string `json:"night"`
			Severity int    `json:"twitching_0_to_10"`
			Note     string `json:"note"`
		} `json:"journal"`
		Water []struct {
			Day string
			ML  int
		} `json:"water"`
		Checklists []struct {
			Yes     int             `json:"yes"`
			Answers map[string]bool `json:"answers"`
		} `json:"checklist_results"`
		Reminders []struct {
			Kind string `json:"kind"`
			Spec string `json:"cron_spec"`
		} `json:"reminders"`
		SleepDiary []struct {
			InBed string `json:"in_bed"`
		} `json:"sleep_diary"`
		Medicines []struct{ Name string } `json:"medicines"`
		Doses     []struct{ Dose string } `json:"doses"`
		IronTests []struct {
			Test  string
			Value float64
			Date  string
		} `json:"iron_tests"`
	}
	if err := json.Unmarshal(out[0].File.Data, &got); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	db := h.Nights()
	if got.Profile.ID != h.UserID || got.Profile.ConsentAt == nil || len(got.Journal) != len(db) {
		t.Fatalf("export profile/journal: %+v vs %d nights", got.Profile, len(db))
	}
	for i, n := range db {
		if got.Journal[i].Night != n.Date || got.Journal[i].Severity != n.Severity || got.Journal[i].Note != n.Note {
			t.Errorf("journal row %d: export %+v, database %+v", i, got.Journal[i], n)
		}
	}
	if len(got.Water) != 1 || got.Water[0].ML != 750 || len(got.Checklists) != 1 || !got.Checklists[0].Answers["iron"] || len(got.Reminders) != 1 || got.Reminders[0].Spec != "0 22 * * *" {
		t.Fatalf("export water/checklists/reminders: %+v %+v %+v", got.Water, got.Checklists, got.Reminders)
	}
	if len(got.SleepDiary) != 1 || got.SleepDiary[0].InBed != "23:00" || len(got.Medicines) != 1 || got.Medicines[0].Name != "iron" ||
		len(got.Doses) != 1 || got.Doses[0].Dose != "65 mg" || len(got.IronTests) != 1 || got.IronTests[0].Value != 45 || got.IronTests[0].Date != "2026-11-20" {
		t.Fatalf("export diary/medicines/doses/iron: %+v %+v %+v %+v", got.SleepDiary, got.Medicines, got.Doses, got.IronTests)
	}
	rows, err := csv.NewReader(bytes.NewReader(out[1].File.Data)).ReadAll()
	if err != nil || len(rows) != len(db)+1 || rows[0][0] != "night" {
		t.Fatalf("csv: %v, %d rows", err, len(rows))
	}
	for i, n := range db {
		if rows[i+1][0] != n.Date || rows[i+1][1] != fmt.Sprint(n.Severity) {
			t.Errorf("csv row %d: %v vs %+v", i+1, rows[i+1], n)
		}
		if strings.HasPrefix(n.Note, "=") && !strings.HasPrefix(rows[i+1][5], "'=") {
			t.Errorf("a note starting with = would run as a spreadsheet formula: %q", rows[i+1][5])
		}
	}
}

func TestForgetDeletesEverything(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.SeedNights(h, 5)
	h.Store.AddWater(ctx, h.UserID, "2026-11-24", 750)
	h.Store.SaveChecklistResult(ctx, bot.ChecklistResult{UserID: h.UserID, TakenAt: featuretest.FixedNow, Total: 7, Answers: map[string]bool{}})
	h.Store.UpdateReminders(ctx, h.UserID, func(u *bot.User, _ []reminders.Reminder) ([]reminders.Reminder, error) {
		return []reminders.Reminder{{UserID: h.UserID, Kind: reminders.Stretch, Spec: "0 22 * * *", Mode: reminders.ModeCustom, Enabled: true, NextDue: featuretest.FixedNow.Add(-time.Minute)}}, nil
	})
	h.Store.ClaimDue(ctx, featuretest.FixedNow, 10, func(d reminders.Due) reminders.Decision { return reminders.Decision{Deliver: d.Reminder.NextDue} })
	h.Send("/med iron 65 mg")
	h.Send("/lab tsat 18%")
	bed := bot.Clock(23 * 60)
	h.Store.SaveDiary(ctx, bot.Diary{UserID: h.UserID, Date: "2026-11-25", InBed: &bed, UpdatedAt: featuretest.FixedNow})
	h.Send("/log") // a conversation in progress
	before, _ := h.Store.CountUserRows(ctx, h.UserID)
	for _, table := range []string{"users", "nights", "water", "checklist_results", "reminders", "outbox", "conversations", "sleep_diary", "medicines", "doses", "labs"} {
		if before[table] == 0 {
			t.Fatalf("setup: nothing in %s to delete", table)
		}
	}
	featuretest.MustContain(t, h.Send("/forget"), "Delete everything?")
	featuretest.MustContain(t, h.Press("fg/no"), "nothing was deleted")
	featuretest.MustContain(t, h.Press("fg/yes"), "deleted everything")
	after, err := h.Store.CountUserRows(ctx, h.UserID)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range after {
		if n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	featuretest.MustContain(t, h.Send("/journal"), "only keep a journal with your permission")
	h.Press("start/yes")
	featuretest.MustContain(t, h.Send("/journal"), "nothing for the last 7 nights")
}
