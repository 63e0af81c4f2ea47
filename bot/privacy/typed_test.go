package privacy_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// TestForgetInWords: "delete my data" and its kin open /forget's
// question; a typed yes deletes, a typed no keeps everything, and a yes
// after another message or after ten minutes answers nothing.
func TestForgetInWords(t *testing.T) {
	for _, words := range []string{"delete my data", "forget me", "erase everything about me", "please wipe all my data"} {
		h := featuretest.Consented(t)
		featuretest.SeedNights(h, 3)
		featuretest.MustContain(t, h.Send(words), "Delete everything?")
		featuretest.MustContain(t, h.Send("nope"), "nothing was deleted")
		if len(h.Nights()) != 3 {
			t.Fatalf("%q then no: nights gone", words)
		}
		featuretest.MustContain(t, h.Send(words), "Delete everything?")
		featuretest.MustContain(t, h.Send("Yes."), "deleted everything")
		if n := len(h.Nights()); n != 0 {
			t.Fatalf("%q then yes: %d nights left", words, n)
		}
	}
	// A yes after an unrelated message deletes nothing.
	h := featuretest.Consented(t)
	featuretest.SeedNights(h, 2)
	h.Send("/forget")
	h.Send("does coffee make it worse?")
	if out := featuretest.Text(h.Send("yes")); len(h.Nights()) != 2 {
		t.Fatalf("a late yes deleted the journal: %s", out)
	}
	// Buttons still work, and "delete my last night" is not a /forget.
	featuretest.MustContain(t, h.Send("/forget"), "Delete everything?")
	featuretest.MustContain(t, h.Press("fg/no"), "nothing was deleted")
	if out := featuretest.Text(h.Send("I forgot to log last night, it was a 5")); len(h.Nights()) != 2 || contains(out, "Delete everything") {
		t.Fatalf("a night report read as /forget: %s", out)
	}
}

// TestForgetQuestionExpires: after ten minutes a typed yes answers
// nothing.
func TestForgetQuestionExpires(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.SeedNights(h, 2)
	now := time.Now()
	h.Bot = features.New(features.Options{Store: h.Store, Now: func() time.Time { return now }})
	h.Send("/forget")
	now = now.Add(bot.QuestionTTL + time.Minute)
	h.Send("yes")
	if n := len(h.Nights()); n != 2 {
		t.Fatalf("a yes eleven minutes later deleted the journal (%d nights left)", n)
	}
	if _, err := h.Store.Conversation(context.Background(), h.UserID); err != bot.ErrNotFound {
		t.Fatalf("the expired question is still pending: %v", err)
	}
}

// TestWithdrawInWords: after /privacy a typed "withdraw" takes consent
// back, as "stop storing my health notes" does anywhere; "what do you
// store about me" opens /privacy.
func TestWithdrawInWords(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/privacy"), "Your privacy")
	featuretest.MustContain(t, h.Send("withdraw"), "withdrawn your permission")
	if h.User().Consented() {
		t.Fatal("still consented after a typed withdraw")
	}
	h = featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("stop storing my health notes"), "withdrawn your permission")
	if h.User().Consented() {
		t.Fatal("still consented after 'stop storing my health notes'")
	}
	featuretest.MustContain(t, h.Send("what do you store about me"), "Your privacy")
	featuretest.MustContain(t, h.Send("/privacy"), "not given")
	featuretest.MustContain(t, h.Send("allow"), "keep your health notes")
	if !h.User().Consented() {
		t.Fatal("a typed allow did not give consent")
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// TestDataRequestsInTheMiddleOfAFlow: "delete my data" and "withdraw my
// consent" are heard in the middle of /start's time-zone step or a /log,
// not read as a time zone or a night.
func TestDataRequestsInTheMiddleOfAFlow(t *testing.T) {
	h := featuretest.New(t)
	h.Send("/start")
	h.Press("start/yes")
	featuretest.MustContain(t, h.Send("delete my data"), "Delete everything?")
	featuretest.MustContain(t, h.Send("no"), "nothing was deleted")
	h2 := featuretest.Consented(t)
	h2.Send("/log")
	featuretest.MustContain(t, h2.Send("withdraw my consent"), "withdrawn your permission", "stopped what we were in the middle of")
	if h2.User().Consented() {
		t.Fatal("still consented after withdrawing in the middle of a /log")
	}
	h3 := featuretest.Consented(t)
	featuretest.SeedNights(h3, 2)
	h3.Send("/log")
	featuretest.MustContain(t, h3.Send("forget me"), "Delete everything?")
	featuretest.MustContain(t, h3.Send("yes"), "deleted everything")
	if n := len(h3.Nights()); n != 0 {
		t.Fatalf("%d nights left", n)
	}
}

// /forget asks in the user's language and takes a yes or a no typed in
// it: "sí" deletes everything, "нет" keeps it all.
func TestForgetInOtherLanguages(t *testing.T) {
	for _, c := range []struct{ lang, ask, answer, reply string }{
		{"es", "¿Borrar todo?", "Sí.", "He borrado todo"},
		{"ru", "Удалить всё?", "нет", "ничего не удалено"},
		{"de", "Alles löschen?", "ja", "Ich habe alles gelöscht"},
		{"pt", "Apagar tudo?", "não", "nada foi apagado"},
	} {
		h := featuretest.Consented(t)
		featuretest.SeedNights(h, 2)
		featuretest.MustContain(t, h.Send("/language "+c.lang), "")
		featuretest.MustContain(t, h.Send("/forget"), c.ask)
		featuretest.MustContain(t, h.Send(c.answer), c.reply)
		deleted := len(h.Nights()) == 0
		if want := c.reply == "He borrado todo" || c.reply == "Ich habe alles gelöscht"; deleted != want {
			t.Fatalf("%s: %q deleted %v", c.lang, c.answer, deleted)
		}
	}
}

// Asking in words to delete, or about, one's data works in the other
// languages too: /forget's question, or /privacy, in that language.
func TestDataRequestsInOtherLanguages(t *testing.T) {
	for _, c := range []struct{ lang, words, want string }{
		{"es", "por favor borra todos mis datos", "¿Borrar todo?"},
		{"pt", "quero que você apague meus dados", "Apagar tudo?"},
		{"de", "bitte lösche alle meine Daten", "Alles löschen?"},
		{"ru", "удали все мои данные пожалуйста", "Удалить всё?"},
		{"es", "¿qué datos guardas sobre mí?", "/forget"},
		{"en", "borra todos mis datos", "Delete everything?"},
	} {
		h := featuretest.Consented(t)
		featuretest.SeedNights(h, 2)
		h.Send("/language " + c.lang)
		featuretest.MustContain(t, h.Send(c.words), c.want)
		if len(h.Nights()) != 2 {
			t.Fatalf("%s: %q deleted before the yes", c.lang, c.words)
		}
	}
}
