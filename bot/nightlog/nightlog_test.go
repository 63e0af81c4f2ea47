package nightlog_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/reminders"
)

func TestLogInOneMessage(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/log 6"), "Saved the night to Wed 25 Nov: twitching 6/10", "Add the details with /log,")
	featuretest.MustContain(t, h.Send("/log yesterday 3"), "Saved the night to Tue 24 Nov: twitching 3/10")
	featuretest.MustContain(t, h.Send("/log 2026-11-20 4"), "Saved the night to Fri 20 Nov")
	featuretest.MustContain(t, h.Send("/log 22.11 5"), "Sun 22 Nov")
	featuretest.MustContain(t, h.Send("/log last night 7"), "Updated the night to Wed 25 Nov: twitching 7/10 (it was 6)")
	if n := len(h.Nights()); n != 4 {
		t.Fatalf("%d nights stored, want 4", n)
	}
	for _, bad := range []struct{ in, want string }{
		{"/log 11", "from 0 (none) to 10"},
		{"/log -1", "from 0 (none) to 10"},
		{"/log 2026-12-24 5", "hasn't happened yet"},
		{"/log 2020-01-01 5", "last 365 days only"},
		{"/log someday 5", "“someday” is not a date"},
		{"/log 2026-02-30 5", "is not a date"},
	} {
		featuretest.MustContain(t, h.Send(bad.in), bad.want, "Nothing was saved")
	}
	if n := len(h.Nights()); n != 4 {
		t.Fatalf("bad input stored something: %d nights", n)
	}
}

func TestLogWizard(t *testing.T) {
	h := featuretest.Consented(t)
	out := h.Send("/log")
	featuretest.MustContain(t, out, "How were your legs in the night to Wed 25 Nov?")
	if got := featuretest.Payloads(out); len(got) != 12 || got[0] != "lg/s.20261125/0" || got[10] != "lg/s.20261125/10" || got[11] != "lg/x" {
		t.Fatalf("severity buttons: %v", got)
	}
	featuretest.MustContain(t, h.Press("lg/s/7"), "wake you up")
	featuretest.MustContain(t, h.Press("lg/s/3"), "belongs to another question", "wake you up")
	h.Open() // a restart in the middle
	featuretest.MustContain(t, h.Send("yes"), "caffeine after 2 p.m.")
	featuretest.MustContain(t, h.Send("maybe"), "Please answer yes or no")
	featuretest.MustContain(t, h.Press("lg/c/n"), "stretch before bed")
	featuretest.MustContain(t, h.Press("lg/t/y"), "alcohol")
	if out := h.Press("lg/d/20261125/a/n"); !strings.Contains(featuretest.Text(out), "Sleep diary") || featuretest.Payloads(out)[0] != "lg/d/20261125/u/same" {
		t.Fatalf("diary question: %v", featuretest.Payloads(out))
	}
	featuretest.MustContain(t, h.Press("lg/d/20261125/u/same"), "start bothering you")
	featuretest.MustContain(t, h.Press("lg/d/20261124/r/1260"), "belongs to another question", "start bothering you") // another night's button
	featuretest.MustContain(t, h.Send("21:30"), "moving")
	featuretest.MustContain(t, h.Send("yes"), "beyond your legs")
	featuretest.MustContain(t, h.Send("no"), "Anything else to note")
	out = h.Send("restless after the gym")
	featuretest.MustContain(t, out, "Saved the night to Wed 25 Nov ✓", "7/10 · woke you · stretched · “restless after the gym”",
		"in bed 23:00", "awake at 07:00", "sleep efficiency 100%", "legs from 21:30 · moving eased it")
	ns := h.Nights()
	if len(ns) != 1 || ns[0].Severity != 7 || !*ns[0].Woke || *ns[0].LateCaffeine || !*ns[0].Stretched || ns[0].Note != "restless after the gym" {
		t.Fatalf("stored: %+v", ns)
	}
	featuretest.MustContain(t, h.Press("lg/t/y"), "already been saved or cancelled")

	// Each answer is kept as it is given: stopping after the score keeps
	// the score; stopping before any answer keeps nothing.
	h.Send("/log yesterday")
	h.Press("lg/s/2")
	featuretest.MustContain(t, h.Press("lg/x"), "Stopped here. I kept what you told me", "2/10", "/log yesterday")
	if ns := h.Nights(); len(ns) != 2 {
		t.Fatalf("stopping after the score kept %d nights, want 2", len(ns))
	}
	h.Send("/log 3 days ago")
	featuretest.MustContain(t, h.Press("lg/x"), "Cancelled; nothing was saved")
	if len(h.Nights()) != 2 {
		t.Fatal("a log cancelled before any answer was saved")
	}
	// A question during the wizard is answered, and the log waits.
	h.Send("/log")
	h.Press("lg/s/1")
	featuretest.MustContain(t, h.Send("why do my legs twitch when I fall asleep?"), "hypnic", "Your log is waiting", "wake you up")
	featuretest.MustContain(t, h.Send("no"), "caffeine after 2 p.m.")
}

func TestMorningCheckInLogsInOneTap(t *testing.T) {
	h := featuretest.Consented(t)
	r := bot.Response{Text: "Good morning"}
	u := h.User()
	decorator(h).Decorate(ctx, reminders.Morning, u, &r)
	if len(r.Buttons) != 3 || r.Buttons[0][4].Payload != "lg/q/4" || r.Buttons[2][0].Payload != "sd/usual/20261125" {
		t.Fatalf("morning buttons: %+v", r.Buttons)
	}
	featuretest.MustContain(t, h.Press("lg/q/4"), "wake you up")
	h.Press("lg/w/n")
	h.Press("lg/c/n")
	h.Press("lg/t/n")
	for range 5 { // alcohol, sleep diary, start time, moving, spreading
		h.Send("skip")
	}
	h.Press("lg/n/skip")
	if ns := h.Nights(); len(ns) != 1 || ns[0].Severity != 4 || ns[0].Date != "2026-11-25" {
		t.Fatalf("one-tap log: %+v", ns)
	}
	w := bot.Response{Text: "Water break"}
	h.Send("/water 750ml")
	decorator(h).Decorate(ctx, reminders.Hydration, u, &w)
	if !strings.Contains(markup.Plain(w.Text), "750 ml of the 2–2.5 L goal") || w.Buttons[0][0].Payload != "wt/250" {
		t.Fatalf("water reminder: %q %+v", w.Text, w.Buttons)
	}
}

func TestNothingHealthRelatedWithoutConsent(t *testing.T) {
	h := featuretest.New(t)
	for _, in := range []string{"/log 5", "/log", "/water 1", "/journal", "/chart", "/report"} {
		featuretest.MustContain(t, h.Send(in), "only keep a journal with your permission")
	}
	featuretest.MustContain(t, h.Press("lg/q/3"), "permission")
	featuretest.MustContain(t, h.Press("wt/250"), "permission")
	r := bot.Response{Text: "Water break"}
	decorator(h).Decorate(ctx, reminders.Hydration, h.User(), &r)
	if r.Text != "Water break" {
		t.Fatal("a reminder showed journal data without consent")
	}
	ex, _ := h.Store.Export(ctx, h.UserID)
	if len(ex.Nights) != 0 || len(ex.Water) != 0 {
		t.Fatalf("stored without consent: %+v", ex)
	}
}

func TestWater(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/water 0.5"), "Added 500 ml", "500 ml of the 2–2.5 L goal", "1.5 L to go")
	featuretest.MustContain(t, h.Send("/water 2 glasses"), "Added 500 ml (2 glasses of 250 ml)", "1 L of the")
	featuretest.MustContain(t, h.Press("wt/500"), "1.5 L of the")
	featuretest.MustContain(t, h.Send("/water 600ml"), "2.1 L", "in the goal range")
	featuretest.MustContain(t, h.Send("/water -2l"), "Took off 2 L", "100 ml")
	featuretest.MustContain(t, h.Send("/water -1l"), "Today: 0 ml")
	featuretest.MustContain(t, h.Send("/water lots"), "isn't an amount", "Nothing was saved")
	featuretest.MustContain(t, h.Send("/water 7 l"), "isn't an amount")
	featuretest.MustContain(t, h.Send("/water"), "Today: 0 ml")
}

func TestParseWaterTable(t *testing.T) {
	h := featuretest.Consented(t)
	good := map[string]string{"0.5": "500 ml", "0,5 l": "500 ml", "500ml": "500 ml", "500": "500 ml", "2 glasses": "500 ml",
		"a glass": "250 ml", "1 bottle": "500 ml", "1.5 liters": "1.5 L", "2": "2 L", "half a litre": "500 ml"}
	for in, want := range good {
		featuretest.MustContain(t, h.Send("/water "+in), "Added "+want)
		h.Send("/water -" + in)
	}
	for _, bad := range []string{"abc", "0", "-0", "NaN", "Inf", "1e9", "99999", "0.0001l", "--1", "5.5 l", "½"} {
		featuretest.MustContain(t, h.Send("/water "+bad), "isn't an amount")
	}
}

func TestUsersNeverSeeEachOthersData(t *testing.T) {
	a := featuretest.Consented(t)
	a.Send("/log 8")
	a.Send("/water 1")
	b := &featuretest.Harness{T: t, Path: a.Path, Store: a.Store, Bot: a.Bot, UserID: "tg:43"}
	b.Press("start/yes")
	featuretest.MustContain(t, b.Send("/journal"), "nothing for the last 7 nights")
	featuretest.MustContain(t, b.Send("/water"), "Today: 0 ml")
	out := b.Send("/export")
	if bytes.Contains(out[0].File.Data, []byte("tg:42")) || bytes.Contains(out[1].File.Data, []byte("2026-11-25")) {
		t.Fatal("another user's data in an export")
	}
	featuretest.MustContain(t, b.Send("/chart"), "nothing in your journal")
}

func FuzzLogAndWaterArgs(f *testing.F) {
	for _, s := range []string{"6", "yesterday 3", "2026-11-20 4", "11", "-1", "99999999999999999999", "2026-02-30 1", "\xff", "yesterday yesterday 5", "0.5", "2 glasses", "-3l", "1e400"} {
		f.Add(s)
	}
	h := featuretest.Consented(f)
	f.Fuzz(func(t *testing.T, arg string) {
		h.T = t
		before := len(h.Nights())
		out := featuretest.Text(h.Send("/log " + arg))
		if strings.Contains(out, "Nothing was saved") && len(h.Nights()) != before {
			t.Fatalf("/log %q refused but stored", arg)
		}
		h.Store.EndConversation(context.Background(), h.UserID)
		w, _ := h.Store.Water(context.Background(), h.UserID, "2000-01-01", "2100-01-01")
		out = featuretest.Text(h.Send("/water " + arg))
		w2, _ := h.Store.Water(context.Background(), h.UserID, "2000-01-01", "2100-01-01")
		if strings.Contains(out, "Nothing was saved") && fmt.Sprint(w) != fmt.Sprint(w2) {
			t.Fatalf("/water %q refused but stored", arg)
		}
		if strings.Contains(out, "something went wrong") {
			t.Fatalf("/water %q: internal error", arg)
		}
	})
}

func TestLogWithNoteAndNightsInWords(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/log 7 woke twice, calves"), "Saved the night to Wed 25 Nov: twitching 7/10", "Note: “woke twice, calves”")
	featuretest.MustContain(t, h.Send("/log the night before last 5"), "Saved the night to Tue 24 Nov: twitching 5/10")
	featuretest.MustContain(t, h.Send("/log 3 nights ago 4 restless, feet"), "Saved the night to Mon 23 Nov: twitching 4/10", "restless, feet")
	featuretest.MustContain(t, h.Send("/log sunday 2"), "Saved the night to Sun 22 Nov")
	featuretest.MustContain(t, h.Send("/log yesterday 3 note with 10 in it"), "Updated the night to Tue 24 Nov: twitching 3/10 (it was 5)", "note with 10 in it")
	ns := h.Nights()
	if len(ns) != 4 || ns[3].Note != "woke twice, calves" || ns[3].Severity != 7 {
		t.Fatalf("nights = %+v", ns)
	}
	// The wizard takes a score typed in words.
	h.Send("/log 2 nights ago")
	featuretest.MustContain(t, h.Send("about six"), "wake you up")
}

// TestLogKeyboardOfAnotherNightIsInert: a score button from a /log of one
// night cannot answer a /log of another that is running now.
func TestLogKeyboardOfAnotherNightIsInert(t *testing.T) {
	h := featuretest.Consented(t)
	old := featuretest.Payloads(h.Send("/log yesterday"))
	featuretest.MustContain(t, h.Send("/log"), "How were your legs in the night to Wed 25 Nov?")
	out := h.Press(old[7])
	featuretest.MustContain(t, out, "from an earlier log, for another night", "How were your legs in the night to Wed 25 Nov?")
	if ns := h.Nights(); len(ns) != 0 {
		t.Fatalf("an old keyboard saved %+v", ns)
	}
}

// The first step of /log takes a score said in a sentence.
func TestLogScoreInASentence(t *testing.T) {
	h := featuretest.Consented(t)
	h.Send("/log")
	featuretest.MustContain(t, h.Send("it was pretty bad, like an 8"), "Did the twitching wake you up?")
	if ns := h.Nights(); len(ns) != 1 || ns[0].Severity != 8 {
		t.Fatalf("nights %+v", ns)
	}
}
