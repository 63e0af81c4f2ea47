package storetest

import (
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// testDiary stores a sleep diary with every kind of field, replaces it and
// reads it back by range and as the latest before a night.
func testDiary(t *testing.T, s Store) {
	const id = "tg:42"
	user(t, s, id)
	if latest, err := s.LatestDiary(ctx, id, "2026-11-26"); err != nil || latest != nil {
		t.Fatalf("latest with none = %+v, %v", latest, err)
	}
	bed, wake, start := bot.Clock(23*60), bot.Clock(6*60+30), bot.Clock(21*60+15)
	lat, awake, q := 20, 0, 3
	d := bot.Diary{UserID: id, Date: "2026-11-25", InBed: &bed, LatencyMin: &lat, Awakenings: &awake, FinalWake: &wake,
		Quality: &q, SymptomStart: &start, MovingEased: ptr(false), Spread: ptr(true), UpdatedAt: time.Unix(100, 0)}
	if err := s.SaveDiary(ctx, d); err != nil {
		t.Fatal(err)
	}
	q2 := 4
	d.Quality, d.UpdatedAt = &q2, time.Unix(200, 0)
	if err := s.SaveDiary(ctx, d); err != nil { // replaces
		t.Fatal(err)
	}
	if err := s.SaveDiary(ctx, bot.Diary{UserID: id, Date: "2026-11-20", UpdatedAt: time.Unix(50, 0)}); err != nil { // all unanswered
		t.Fatal(err)
	}
	ds, err := s.Diaries(ctx, id, "2026-11-21", "2026-11-30")
	if err != nil || len(ds) != 1 {
		t.Fatalf("diaries = %+v, %v", ds, err)
	}
	g := ds[0]
	if g.UserID != id || g.Date != "2026-11-25" || *g.InBed != bed || *g.LatencyMin != 20 || *g.Awakenings != 0 || *g.FinalWake != wake ||
		g.OutOfBed != nil || *g.Quality != 4 || *g.SymptomStart != start || *g.MovingEased || !*g.Spread || g.Alcohol != nil ||
		!g.UpdatedAt.Equal(time.Unix(200, 0)) {
		t.Fatalf("diary = %+v", g)
	}
	ds, err = s.Diaries(ctx, id, "2026-11-01", "2026-11-30")
	if err != nil || len(ds) != 2 || ds[0].Date != "2026-11-20" || ds[0].InBed != nil || ds[0].Quality != nil || ds[0].Spread != nil {
		t.Fatalf("diaries, oldest first = %+v, %v", ds, err)
	}
	if latest, err := s.LatestDiary(ctx, id, "2026-11-26"); err != nil || latest == nil || latest.Date != "2026-11-25" {
		t.Fatalf("latest = %+v, %v", latest, err)
	}
	if latest, err := s.LatestDiary(ctx, id, "2026-11-25"); err != nil || latest == nil || latest.Date != "2026-11-20" {
		t.Fatalf("latest before 25 = %+v, %v", latest, err)
	}
	if ds, err := s.Diaries(ctx, "tg:other", "2026-11-01", "2026-11-30"); err != nil || len(ds) != 0 {
		t.Fatalf("another user's diaries = %+v, %v", ds, err)
	}
}

// testMedicines logs doses, which keep one list entry per name whatever
// its case, and removes and deletes them.
func testMedicines(t *testing.T, s Store) {
	const id = "tg:42"
	user(t, s, id)
	user(t, s, "tg:other")
	if ms, err := s.Medicines(ctx, id); err != nil || len(ms) != 0 {
		t.Fatalf("medicines at first = %+v, %v", ms, err)
	}
	at := time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC)
	first, err := s.LogDose(ctx, bot.Dose{UserID: id, Name: "Iron", Dose: "65 mg", TakenAt: at, Day: "2026-11-25"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.LogDose(ctx, bot.Dose{UserID: id, Name: "iron", TakenAt: at.Add(24 * time.Hour), Day: "2026-11-26"})
	if err != nil || second == first {
		t.Fatalf("second dose id %d (first %d), %v", second, first, err)
	}
	if _, err := s.LogDose(ctx, bot.Dose{UserID: id, Name: "Magnesium", Dose: "200 mg", TakenAt: at, Day: "2026-11-25"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogDose(ctx, bot.Dose{UserID: "tg:other", Name: "Aspirin", TakenAt: at, Day: "2026-11-25"}); err != nil {
		t.Fatal(err)
	}
	ms, err := s.Medicines(ctx, id)
	if err != nil || len(ms) != 2 || ms[0].Name != "Iron" || ms[0].Dose != "65 mg" || ms[1].Name != "Magnesium" || !ms[0].AddedAt.Equal(at) {
		t.Fatalf("medicines = %+v, %v (one per name whatever its case, keeping the usual dose, by name)", ms, err)
	}
	if _, err := s.LogDose(ctx, bot.Dose{UserID: id, Name: "IRON", Dose: "100 mg", TakenAt: at.Add(48 * time.Hour), Day: "2026-11-27"}); err != nil {
		t.Fatal(err)
	}
	if m, ok, err := s.Medicine(ctx, id, ms[0].ID); err != nil || !ok || m.Name != "Iron" || m.Dose != "100 mg" || m.UserID != id {
		t.Fatalf("medicine = %+v %v %v (a dose given becomes the usual one)", m, ok, err)
	}
	if _, ok, err := s.Medicine(ctx, "tg:other", ms[0].ID); ok || err != nil {
		t.Fatalf("another user's medicine was found: %v", err)
	}
	doses, err := s.Doses(ctx, id, "2026-11-25", "2026-11-26")
	if err != nil || len(doses) != 3 || doses[0].ID != first || doses[0].Dose != "65 mg" || !doses[0].TakenAt.Equal(at) ||
		doses[0].Day != "2026-11-25" || doses[2].ID != second || doses[2].Name != "iron" {
		t.Fatalf("doses = %+v, %v", doses, err)
	}
	if ok, err := s.RemoveMedicine(ctx, id, "IRON"); err != nil || !ok {
		t.Fatalf("remove = %v, %v", ok, err)
	}
	if ok, err := s.RemoveMedicine(ctx, id, "iron"); err != nil || ok {
		t.Fatalf("remove again = %v, %v", ok, err)
	}
	if _, ok, _ := s.Medicine(ctx, id, ms[0].ID); ok {
		t.Fatal("a removed medicine was found")
	}
	if doses, _ := s.Doses(ctx, id, "2026-11-01", "2026-11-30"); len(doses) != 4 {
		t.Fatalf("doses after removing the medicine = %d, want 4 (they stay)", len(doses))
	}
	if ok, err := s.DeleteDose(ctx, "tg:other", first); err != nil || ok {
		t.Fatalf("another user deleted a dose: %v, %v", ok, err)
	}
	if ok, err := s.DeleteDose(ctx, id, first); err != nil || !ok {
		t.Fatalf("delete dose = %v, %v", ok, err)
	}
	if ok, err := s.DeleteDose(ctx, id, first); err != nil || ok {
		t.Fatalf("delete dose again = %v, %v", ok, err)
	}
	if doses, _ := s.Doses(ctx, id, "2026-11-01", "2026-11-30"); len(doses) != 3 || doses[0].ID == first {
		t.Fatalf("doses after delete = %+v", doses)
	}
}

// testLabs adds iron tests, refuses a bad one, lists them by test date and
// deletes one.
func testLabs(t *testing.T, s Store) {
	const id = "tg:42"
	user(t, s, id)
	at := time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC)
	later, err := s.AddLab(ctx, bot.Lab{UserID: id, Test: bot.LabFerritin, Value: 45.5, Date: "2026-11-20", LoggedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	earlier, err := s.AddLab(ctx, bot.Lab{UserID: id, Test: bot.LabTSAT, Value: 18, Date: "2026-10-01", LoggedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLab(ctx, bot.Lab{UserID: id, Test: "vitamin", Value: 1, Date: "2026-11-20", LoggedAt: at}); err == nil {
		t.Fatal("an unknown test was stored")
	}
	if _, err := s.AddLab(ctx, bot.Lab{UserID: id, Test: bot.LabFerritin, Value: -1, Date: "2026-11-20", LoggedAt: at}); err == nil {
		t.Fatal("a negative value was stored")
	}
	ls, err := s.Labs(ctx, id)
	if err != nil || len(ls) != 2 || ls[0].ID != earlier || ls[0].Test != bot.LabTSAT || ls[1].Value != 45.5 ||
		ls[1].Date != "2026-11-20" || !ls[1].LoggedAt.Equal(at) || ls[1].UserID != id {
		t.Fatalf("labs = %+v, %v", ls, err)
	}
	if ok, err := s.DeleteLab(ctx, "tg:other", later); err != nil || ok {
		t.Fatalf("another user deleted a lab: %v, %v", ok, err)
	}
	if ok, err := s.DeleteLab(ctx, id, later); err != nil || !ok {
		t.Fatalf("delete lab = %v, %v", ok, err)
	}
	if ls, _ := s.Labs(ctx, id); len(ls) != 1 || ls[0].ID != earlier {
		t.Fatalf("labs after delete = %+v", ls)
	}
}

// testDeleteNight removes one night and leaves the others.
func testDeleteNight(t *testing.T, s Store) {
	user(t, s, "tg:1")
	for _, d := range []string{"2026-11-01", "2026-11-02"} {
		if _, err := s.SaveNight(ctx, bot.Night{UserID: "tg:1", Date: d, Severity: 3, LoggedAt: time.Unix(1, 0)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteNight(ctx, "tg:1", "2026-11-01"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteNight(ctx, "tg:1", "2026-11-09"); err != nil { // not there: no error
		t.Fatal(err)
	}
	if ns, err := s.Nights(ctx, "tg:1", "2026-11-01", "2026-11-30"); err != nil || len(ns) != 1 || ns[0].Date != "2026-11-02" {
		t.Fatalf("nights = %+v, %v", ns, err)
	}
}

// testSecret creates a secret once and returns the same bytes after.
func testSecret(t *testing.T, s Store) {
	a, err := s.Secret(ctx, "log_key", 32)
	if err != nil || len(a) != 32 {
		t.Fatalf("secret = %x, %v", a, err)
	}
	again, err := s.Secret(ctx, "log_key", 32)
	if err != nil || string(again) != string(a) {
		t.Fatalf("secret again = %x, %v; want %x", again, err, a)
	}
	if other, err := s.Secret(ctx, "other", 16); err != nil || len(other) != 16 || string(other) == string(a[:16]) {
		t.Fatalf("another secret = %x, %v", other, err)
	}
	if _, err := s.Secret(ctx, "none", 0); err == nil {
		t.Fatal("a secret of no bytes was made")
	}
}

// testHealth checks the operators' view: Ping, SchemaVersion and Stats.
func testHealth(t *testing.T, s Store) {
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil || v < 9 {
		t.Fatalf("schema version = %d, %v", v, err)
	}
	fill(t, s, "tg:1", time.Date(2026, 11, 2, 21, 45, 0, 0, time.UTC))
	user(t, s, "tg:2")
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Users != 2 || st.Consented != 1 || st.Nights != 1 || st.WaterDays != 1 || st.Checklists != 1 ||
		st.RemindersOn != 1 || st.DeliveriesPending != 1 || st.InboxPending != 0 || st.SchemaVersion != v || st.SizeBytes <= 0 {
		t.Fatalf("stats = %+v", st)
	}
}

// testDeliveries lists reminder deliveries by state and prunes finished ones.
func testDeliveries(t *testing.T, s Store) {
	due := time.Date(2026, 11, 2, 21, 45, 0, 0, time.UTC)
	fill(t, s, "tg:1", due)
	ds, err := s.DeliveriesInState(ctx, "pending")
	if err != nil || len(ds) != 1 || ds[0].UserID != "tg:1" || ds[0].ReminderID == 0 || !ds[0].DueAt.Equal(due) || ds[0].ChatID != "chat-tg:1" {
		t.Fatalf("pending deliveries = %+v, %v", ds, err)
	}
	if err := s.FinishMessage(ctx, ds[0].ID, "sent", ""); err != nil {
		t.Fatal(err)
	}
	if sent, err := s.DeliveriesInState(ctx, "sent"); err != nil || len(sent) != 1 || sent[0].ID != ds[0].ID || sent[0].Attempts != 1 {
		t.Fatalf("sent deliveries = %+v, %v", sent, err)
	}
	if n, err := s.PruneDeliveries(ctx, time.Now().Add(-time.Hour)); err != nil || n != 0 {
		t.Fatalf("pruned a recent delivery: %d, %v", n, err)
	}
	if n, err := s.PruneDeliveries(ctx, time.Now().Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("pruned = %d, %v", n, err)
	}
	if sent, _ := s.DeliveriesInState(ctx, "sent"); len(sent) != 0 {
		t.Fatalf("after prune: %+v", sent)
	}
}
