package bot_test

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// The core's own replies speak the user's language: a command it does not
// know, with and without a near one to suggest, and a private command
// asked in a group by someone who has no private chat with the bot yet.
func TestCoreFlowRepliesInTheUsersLanguage(t *testing.T) {
	for _, c := range []struct {
		locale, unknown, suggest, group string
	}{
		{"ru", "Команды /zzzzzz я не знаю, извини. Отправь /help", "Команды /chekclist я не знаю. Может быть, нужна /checklist?",
			"Это личный ответ, поэтому я не буду публиковать его в группе. Открой личный чат со мной (@CalmNightsBot)"},
		{"es-ES", "No conozco /zzzzzz, lo siento. Envía /help", "No conozco /chekclist. ¿Querías decir /checklist?",
			"Esa respuesta es personal, así que no la voy a publicar en un grupo. Abre un chat privado conmigo (@CalmNightsBot)"},
	} {
		h := featuretest.New(t)
		send := func(text string, private bool) []bot.Response {
			req := h.Request()
			req.Locale, req.BotName = c.locale, "CalmNightsBot"
			if !private {
				req.ChatID, req.Private = "-100", false
			}
			req.Command, req.Args = bot.ParseInput(text)
			return h.Bot.Handle(ctx, req)
		}
		group := send("/export", false) // the user's first message: no private chat yet
		unknown, suggest := send("/zzzzzz", true), send("/chekclist", true)
		featuretest.MustContain(t, group, c.group)
		featuretest.MustContain(t, unknown, c.unknown)
		featuretest.MustContain(t, suggest, c.suggest)
		got := featuretest.Text(append(append(group, unknown...), suggest...))
		for _, english := range []string{"I don't know", "Did you mean", "That answer is personal", "sorry", "Send /help"} {
			if strings.Contains(got, english) {
				t.Errorf("%s: English %q left in %q", c.locale, english, got)
			}
		}
	}
}
