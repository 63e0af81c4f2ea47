package safety_test

import (
	"context"
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/safety"
)

func TestCountry(t *testing.T) {
	for _, tt := range []struct {
		zone, locale, want string
	}{
		{"Europe/Lisbon", "", "PT"},
		{"America/Sao_Paulo", "en-US", "BR"}, // the zone wins over the language
		{"", "pt-BR", "BR"},
		{"", "en_GB", "GB"},
		{"", "en", ""},
		{"UTC", "de-DE", "DE"},
		{"", "", ""},
	} {
		req := &bot.Request{Private: true, Locale: tt.locale, User: &bot.User{TimeZone: tt.zone}}
		if got := safety.Country(req); got != tt.want {
			t.Errorf("zone %q locale %q: %q, want %q", tt.zone, tt.locale, got, tt.want)
		}
		// In a group the zone, a setting of the user's, is not shown.
		req.Private = false
		if got, want := safety.Country(req), safety.Country(&bot.Request{Private: true, Locale: tt.locale}); got != want {
			t.Errorf("in a group, zone %q locale %q: %q, want %q (the locale's)", tt.zone, tt.locale, got, want)
		}
	}
}

func TestScreen(t *testing.T) {
	s := safety.New(nil)
	ctx := context.Background()
	user := &bot.User{TimeZone: "Europe/Berlin"}
	for _, tt := range []struct {
		req  bot.Request
		want string // "" for no safety answer
	}{
		{bot.Request{Text: "I don't want to live anymore", User: user}, "0800 111 0 111"},
		{bot.Request{Command: "log", Args: "3 thinking about killing myself", User: user}, "not alone"},
		{bot.Request{Command: "ask", Args: "my left arm and face went numb all of a sudden", User: user}, "urgent medical care"},
		{bot.Request{Text: "my legs are killing me tonight", User: user}, ""},
		{bot.Request{Text: "I'm dying to know if magnesium helps", User: user}, ""},
		{bot.Request{Text: "can restless legs kill you?", User: user}, ""},
		{bot.Request{Command: "log", Args: "6 calves", User: user}, ""},
		{bot.Request{Text: "   ", User: user}, ""},
	} {
		tt.req.Private = true
		out := s.Screen(ctx, &tt.req)
		switch {
		case tt.want == "" && len(out) != 0:
			t.Errorf("%q%q: unexpected safety answer %q", tt.req.Text, tt.req.Args, out[0].Text)
		case tt.want != "" && (len(out) != 1 || !strings.Contains(out[0].Text, tt.want)):
			t.Errorf("%q%q: %+v, want %q", tt.req.Text, tt.req.Args, out, tt.want)
		}
	}
	if s.Check("anyone else twitching at night?") != safety.None || s.Check("i want to end it all") != safety.Crisis ||
		s.Check("my face droops on one side since this morning") != safety.Urgent {
		t.Error("Check tells chatter, a crisis and an emergency apart wrongly")
	}
}

// A crisis or an emergency said in Spanish, Portuguese, German or Russian
// is answered in that language, with the person's country's numbers; an
// idiom in those languages is not taken for one.
func TestScreenInOtherLanguages(t *testing.T) {
	s := safety.New(nil)
	ctx := context.Background()
	for _, tt := range []struct {
		text, zone, want string
	}{
		{"ya no quiero vivir, las piernas no me dejan dormir nunca", "Europe/Madrid", "llama al 024"},
		{"me quiero morir", "America/Mexico_City", "800 911 2000"},
		{"não quero mais viver, minhas pernas não param a noite toda", "America/Sao_Paulo", "ligue 188"},
		{"ich will einfach nicht mehr leben, jede Nacht zucken die Beine", "Europe/Berlin", "116 123 anrufen"},
		{"я больше не хочу жить, ноги дергаются каждую ночь", "Europe/Moscow", "8-800-2000-122 (бесплатно)"},
		{"de repente no puedo mover el brazo derecho y tengo la cara torcida", "Europe/Madrid", "busca atención médica urgente"},
		{"meu pai está com os lábios roxos e falta de ar", "America/Sao_Paulo", "atendimento médico de urgência"},
		{"estos calambres me matan, ¿el magnesio sirve?", "Europe/Madrid", ""},
		{"meine Beine bringen mich noch um, hilft Magnesium?", "Europe/Berlin", ""},
		{"эти судороги меня доконают, помогает ли магний?", "Europe/Moscow", ""},
	} {
		req := &bot.Request{Text: tt.text, Private: true, User: &bot.User{TimeZone: tt.zone}}
		out := s.Screen(ctx, req)
		switch {
		case tt.want == "" && len(out) != 0:
			t.Errorf("%q: unexpected safety answer %q", tt.text, out[0].Text)
		case tt.want != "" && (len(out) != 1 || !strings.Contains(out[0].Text, tt.want)):
			t.Errorf("%q: %+v, want %q", tt.text, out, tt.want)
		}
	}
}
