package stress_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/postgres/pgtest"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
	"github.com/calmnights/calmnights/bot/sqlstore"
	"github.com/calmnights/calmnights/bot/stress"
	"github.com/calmnights/calmnights/reminders"
)

var ctx = context.Background()

// today is featuretest.FixedNow's date for a user in UTC.
var today = featuretest.FixedNow.Format(bot.DateLayout)

func ratings(t *testing.T, h *featuretest.Harness) map[string]int {
	t.Helper()
	rs, err := (stress.SQLStore{DB: h.Store.SQL()}).StressRatings(ctx, h.UserID, "2000-01-01", "2100-01-01")
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestStressCommandAndButtons(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/stress 4"), "Saved: stress 4/5 for today")
	if rs := ratings(t, h); rs[today] != 4 {
		t.Fatalf("ratings %v", rs)
	}
	out := h.Send("/stress")
	featuretest.MustContain(t, out, "How stressful was today?", "4/5")
	ps := featuretest.Payloads(out)
	if len(ps) != 5 || ps[1] != "st/"+today+"/2" {
		t.Fatalf("buttons %v", ps)
	}
	featuretest.MustContain(t, h.Press(ps[1]), "Saved: stress 2/5 for today")
	if rs := ratings(t, h); rs[today] != 2 {
		t.Fatalf("the button did not replace the rating: %v", rs)
	}
	featuretest.MustContain(t, h.Send("/stress 9"), "from 1 (calm) to 5")
	featuretest.MustContain(t, h.Send("/stress very stressful"), "stress 4/5")
	featuretest.MustContain(t, h.Press("st/yesterday/3"), "doesn't work any more")
	featuretest.MustContain(t, h.Press("st/2026-11-24/6"), "doesn't work any more")
}

func TestStressNeedsConsent(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/help")
	h.Send("/stress 3")
	h.Press("st/" + today + "/3")
	if rs := ratings(t, h); len(rs) != 0 {
		t.Fatalf("kept without permission: %v", rs)
	}
}

func TestStressInPlainWordsWithUndo(t *testing.T) {
	h := featuretest.Consented(t)
	out := h.Send("stressful day, 4 out of 5")
	featuretest.MustContain(t, out, "I understood: stress 4/5 for today. Save it?")
	if rs := ratings(t, h); len(rs) != 0 {
		t.Fatalf("kept before Save: %v", rs)
	}
	out = h.Send("yes")
	featuretest.MustContain(t, out, "Saved: stress 4/5 for today")
	if rs := ratings(t, h); rs[today] != 4 {
		t.Fatalf("ratings %v", rs)
	}
	featuretest.MustContain(t, h.Send("undo"), "Undone")
	if rs := ratings(t, h); len(rs) != 0 {
		t.Fatalf("undo left %v", rs)
	}
	// A question about stress is answered, not rated.
	out = h.Send("can stress make my legs twitch more?")
	if strings.Contains(featuretest.Text(out), "Save it?") {
		t.Fatalf("a question was taken for a rating: %s", featuretest.Text(out))
	}
}

func TestEveningCheckInAsksForStress(t *testing.T) {
	h := featuretest.Consented(t)
	d := features.Decorator(features.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
	r := bot.Response{Text: "Time to wind down"}
	d.Decorate(ctx, reminders.WindDown, h.User(), &r)
	ps := featuretest.Payloads([]bot.Response{r})
	if !strings.Contains(r.Text, "How stressful was today?") || len(ps) < 5 || ps[len(ps)-1] != "st/"+today+"/5" || !r.Personal {
		t.Fatalf("wind-down reminder: %+v", r)
	}
	other := bot.Response{Text: "Stretch"}
	d.Decorate(ctx, reminders.Stretch, h.User(), &other)
	if strings.Contains(other.Text, "stressful") {
		t.Fatalf("the stretch reminder asks for stress: %+v", other)
	}
	stranger := featuretest.New(t)
	stranger.Send("/help")
	plain := bot.Response{Text: "Time to wind down"}
	d.Decorate(ctx, reminders.WindDown, stranger.User(), &plain)
	if len(plain.Buttons) != 0 {
		t.Fatalf("asked for stress without permission: %+v", plain)
	}
}

// Two weeks of nights, worse after the stressful days: /journal shows
// each rating beside the night after it, /week the average, the patterns
// compare, and /export and /forget include the ratings.
func TestStressInJournalWeekPatternsExportAndForget(t *testing.T) {
	h := featuretest.Consented(t)
	for i := 0; i < 14; i++ {
		night := featuretest.FixedNow.AddDate(0, 0, -i)
		day := night.AddDate(0, 0, -1).Format(bot.DateLayout)
		v, sev := 2, 3
		if i%2 == 0 {
			v, sev = 5, 8
		}
		if _, err := h.Store.SaveNight(ctx, bot.Night{UserID: h.UserID, Date: night.Format(bot.DateLayout), Severity: sev, LoggedAt: night}); err != nil {
			t.Fatal(err)
		}
		h.Press("st/" + day + "/" + string(rune('0'+v)))
	}
	featuretest.MustContain(t, h.Send("/journal"), "stress 5/5 the day before", "Stress: 3.", "/5 on average")
	week := h.Send("/week")
	featuretest.MustContain(t, week, "Stress: 3.7/5 on average (7 days rated); 3.3 the week before",
		"Stress: average 8.0 after high-stress days (4–5 of 5) (7 nights) vs 3.0 after the other rated days (7 nights)", "not proof")

	report := h.Send("/report")
	if len(report) == 0 || report[0].File == nil || !strings.Contains(pdfText(t, report[0].File.Data), "Stress, 1 to 5: ") {
		t.Fatalf("the report lacks the weekly stress averages")
	}

	out := h.Send("/export")
	var ex struct {
		Ratings map[string][]struct {
			Day   string `json:"day"`
			Value int    `json:"value"`
			OutOf int    `json:"out_of"`
		} `json:"daily_ratings"`
	}
	if err := json.Unmarshal(out[0].File.Data, &ex); err != nil {
		t.Fatal(err)
	}
	if rs := ex.Ratings["stress"]; len(rs) != 14 || rs[0].OutOf != 5 || rs[0].Day > rs[13].Day {
		t.Fatalf("exported ratings %+v", ex.Ratings)
	}
	featuretest.MustContain(t, h.Send("/forget"), "Delete everything?")
	h.Send("yes")
	counts, err := h.Store.CountUserRows(ctx, h.UserID)
	if err != nil {
		t.Fatal(err)
	}
	if counts["stress"] != 0 {
		t.Fatalf("/forget left %d stress rows", counts["stress"])
	}
}

// engine is what the store test needs of an engine's Store.
type engine interface {
	SQL() *sqlstore.Store
	EnsureUser(context.Context, bot.NewUser) (bot.User, error)
}

// The store on both engines: replace, range, delete, and the check that
// a rating is from 1 to 5.
func TestSQLStoreOnBothEngines(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) engine{
		"sqlite":   func(t *testing.T) engine { return sqlitetest.Open(t) },
		"postgres": func(t *testing.T) engine { return pgtest.Open(t) },
	} {
		t.Run(name, func(t *testing.T) {
			db := open(t)
			for _, id := range []string{"tg:1", "tg:2"} {
				if _, err := db.EnsureUser(ctx, bot.NewUser{ID: id, Platform: bot.PlatformTelegram, ChatID: id[3:]}); err != nil {
					t.Fatal(err)
				}
			}
			s := stress.SQLStore{DB: db.SQL()}
			now := time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC)
			for _, r := range []struct {
				user, day string
				v         int
			}{{"tg:1", "2026-11-30", 3}, {"tg:1", "2026-12-01", 2}, {"tg:1", "2026-12-01", 5}, {"tg:2", "2026-12-01", 1}, {"tg:1", "2026-11-01", 4}} {
				if err := s.RateStress(ctx, r.user, r.day, r.v, now); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.StressRatings(ctx, "tg:1", "2026-11-15", "2026-12-31")
			if err != nil || len(got) != 2 || got["2026-11-30"] != 3 || got["2026-12-01"] != 5 {
				t.Fatalf("ratings %v, %v", got, err)
			}
			if err := s.UnrateStress(ctx, "tg:1", "2026-12-01"); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.StressRatings(ctx, "tg:1", "2026-12-01", "2026-12-01"); len(got) != 0 {
				t.Fatalf("unrated day still there: %v", got)
			}
			if other, _ := s.StressRatings(ctx, "tg:2", "2026-12-01", "2026-12-01"); other["2026-12-01"] != 1 {
				t.Fatalf("another user's rating: %v", other)
			}
			if err := s.RateStress(ctx, "tg:1", "2026-12-02", 6, now); err == nil {
				t.Fatal("a rating of 6 was stored")
			}
		})
	}
}

// pdfText is the text of a PDF's compressed streams, to find a line in it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	var sb strings.Builder
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		end := bytes.Index(rest, []byte("endstream"))
		if end < 0 {
			break
		}
		if zr, err := zlib.NewReader(bytes.NewReader(rest[:end])); err == nil {
			b, _ := io.ReadAll(zr)
			sb.Write(b)
		}
		rest = rest[end:]
	}
	return strings.ReplaceAll(sb.String(), "\x00", "") // the fonts' text is UTF-16
}
