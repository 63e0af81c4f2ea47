package discord

import (
	"errors"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/calmnights/calmnights/bot"
)

// A follow-up to an interaction Discord has not yet taken the
// acknowledgement of (10015 Unknown Webhook) is retried, not dropped:
// under load the reply can reach Discord before the deferral does.
func TestUnknownWebhookIsTemporary(t *testing.T) {
	rest := func(status, code int) error {
		return &discordgo.RESTError{Response: &http.Response{StatusCode: status}, Message: &discordgo.APIErrorMessage{Code: code, Message: "x"}}
	}
	var temp *bot.TemporaryError
	if err := mapError(rest(404, codeUnknownWebhook)); !errors.As(err, &temp) {
		t.Errorf("10015: %v, want a temporary error", err)
	}
	if err := mapError(rest(403, codeCannotDM)); !errors.Is(err, bot.ErrBlocked) {
		t.Errorf("50007: %v, want blocked", err)
	}
	if err := mapError(rest(404, codeUnknownChannel)); errors.As(err, &temp) {
		t.Errorf("10003: %v, want no retry", err)
	}
}
