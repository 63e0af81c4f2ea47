package sqlite_test

import (
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

// TestDiaryMedsLabsRoundTripAndDelete stores every new kind of row, reads
// it back, exports it and checks DeleteUser leaves none behind.
func TestDiaryMedsLabsRoundTripAndDelete(t *testing.T) {
	s := sqlitetest.Open(t)
	const id = "tg:42"
	if _, err := s.EnsureUser(ctx, bot.NewUser{ID: id, Platform: bot.PlatformTelegram, ChatID: "42"}); err != nil {
		t.Fatal(err)
	}
	bed, wake := bot.Clock(23*60), bot.Clock(6*60+30)
	lat, awake, q := 20, 2, 3
	yes := true
	d := bot.Diary{UserID: id, Date: "2026-11-25", InBed: &bed, LatencyMin: &lat, Awakenings: &awake, FinalWake: &wake, Quality: &q, Spread: &yes, UpdatedAt: time.Unix(100, 0)}
	if err := s.SaveDiary(ctx, d); err != nil {
		t.Fatal(err)
	}
	q2 := 4
	d.Quality = &q2
	if err := s.SaveDiary(ctx, d); err != nil { // replaces
		t.Fatal(err)
	}
	ds, err := s.Diaries(ctx, id, "2026-11-01", "2026-11-30")
	if err != nil || len(ds) != 1 || *ds[0].Quality != 4 || *ds[0].InBed != bed || ds[0].OutOfBed != nil || !*ds[0].Spread || ds[0].MovingEased != nil {
		t.Fatalf("diaries = %+v, %v", ds, err)
	}
	if latest, err := s.LatestDiary(ctx, id, "2026-11-26"); err != nil || latest == nil || latest.Date != "2026-11-25" {
		t.Fatalf("latest = %+v, %v", latest, err)
	}
	if latest, err := s.LatestDiary(ctx, id, "2026-11-25"); err != nil || latest != nil {
		t.Fatalf("latest before the only one = %+v, %v", latest, err)
	}
	at := time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC)
	if _, err := s.LogDose(ctx, bot.Dose{UserID: id, Name: "Iron", Dose: "65 mg", TakenAt: at, Day: "2026-11-25"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogDose(ctx, bot.Dose{UserID: id, Name: "iron", TakenAt: at.Add(24 * time.Hour), Day: "2026-11-26"}); err != nil {
		t.Fatal(err)
	}
	ms, err := s.Medicines(ctx, id)
	if err != nil || len(ms) != 1 || ms[0].Dose != "65 mg" {
		t.Fatalf("medicines = %+v, %v (one, case-insensitive, keeping the usual dose)", ms, err)
	}
	if m, ok, err := s.Medicine(ctx, id, ms[0].ID); err != nil || !ok || m.Name != "Iron" {
		t.Fatalf("medicine = %+v %v %v", m, ok, err)
	}
	if _, ok, _ := s.Medicine(ctx, "tg:other", ms[0].ID); ok {
		t.Fatal("another user's medicine was found")
	}
	doses, err := s.Doses(ctx, id, "2026-11-25", "2026-11-26")
	if err != nil || len(doses) != 2 || !doses[0].TakenAt.Equal(at) {
		t.Fatalf("doses = %+v, %v", doses, err)
	}
	if _, err := s.AddLab(ctx, bot.Lab{UserID: id, Test: bot.LabFerritin, Value: 45, Date: "2026-11-20", LoggedAt: at}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLab(ctx, bot.Lab{UserID: id, Test: "vitamin", Value: 1, Date: "2026-11-20", LoggedAt: at}); err == nil {
		t.Fatal("an unknown test was stored")
	}
	ex, err := s.Export(ctx, id)
	if err != nil || len(ex.Diary) != 1 || len(ex.Medicines) != 1 || len(ex.Doses) != 2 || len(ex.Labs) != 1 {
		t.Fatalf("export = %+v, %v", ex, err)
	}
	if ok, err := s.RemoveMedicine(ctx, id, "IRON"); err != nil || !ok {
		t.Fatalf("remove = %v, %v", ok, err)
	}
	if err := s.DeleteUser(ctx, id); err != nil {
		t.Fatal(err)
	}
	counts, err := s.CountUserRows(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range counts {
		if n != 0 {
			t.Errorf("%s keeps %d rows after DeleteUser", table, n)
		}
	}
	for _, table := range []string{"sleep_diary", "doses", "medicines", "labs"} {
		if _, ok := counts[table]; !ok {
			t.Errorf("%s is not covered by DeleteUser", table)
		}
	}
}
