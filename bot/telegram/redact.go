package telegram

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// redacted replaces a bot token in text: ".../bot<redacted>/sendMessage".
const redacted = "<redacted>"

// tokenInPath matches a Bot API token where Telegram's URLs carry it, right
// after "bot" in the path ("/bot123456:AAE.../sendMessage"), also with the
// colon percent-encoded. It catches a token even where the exact one is not
// known (mapError, an error from a proxy).
var tokenInPath = regexp.MustCompile(`bot[0-9]+(?::|%3[aA])[A-Za-z0-9_-]+`)

// RedactToken returns s with the bot token replaced by "<redacted>": the
// given token wherever it appears (as is or URL-escaped), and anything
// shaped like a token after "bot" in a Bot API URL. tgbotapi's network
// errors carry the request URL, and the URL carries the token; everything
// the adapter logs or returns goes through here first.
func RedactToken(s, token string) string {
	if token != "" {
		s = strings.ReplaceAll(s, token, redacted)
		if esc := url.PathEscape(token); esc != token {
			s = strings.ReplaceAll(s, esc, redacted)
		}
		if esc := url.QueryEscape(token); esc != token {
			s = strings.ReplaceAll(s, esc, redacted)
		}
	}
	if strings.Contains(s, "bot") {
		s = tokenInPath.ReplaceAllString(s, "bot"+redacted)
	}
	return s
}

// redactedError is an error whose text had the token taken out. It unwraps
// to the redacted form of what it wrapped, so no error in its chain holds
// the token, while sentinels such as context.DeadlineExceeded still match.
type redactedError struct {
	msg     string
	next    error
	timeout bool
}

func (e *redactedError) Error() string   { return e.msg }
func (e *redactedError) Unwrap() error   { return e.next }
func (e *redactedError) Timeout() bool   { return e.timeout }
func (e *redactedError) Temporary() bool { return e.timeout }

// redact returns err with the token removed from its text and from every
// error it wraps. An error without the token comes back as it is.
func redact(err error, token string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := RedactToken(msg, token)
	if clean == msg {
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue == err { // keep the type: callers check Timeout()
		return &url.Error{Op: ue.Op, URL: RedactToken(ue.URL, token), Err: redact(ue.Err, token)}
	}
	var to interface{ Timeout() bool }
	return &redactedError{
		msg:     clean,
		next:    redact(errors.Unwrap(err), token),
		timeout: errors.As(err, &to) && to.Timeout(),
	}
}

// redactingClient is the HTTP client handed to tgbotapi. net/http wraps
// every transport failure in a *url.Error holding the request URL, and a
// Bot API URL holds the token, so a RoundTripper alone cannot keep the
// token out: the client's own error has to be redacted.
type redactingClient struct {
	client *http.Client
	token  string
}

// Do sends the request and returns any error with the token taken out.
func (c redactingClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.client.Do(req)
	if err != nil {
		return resp, redact(err, c.token)
	}
	return resp, nil
}
