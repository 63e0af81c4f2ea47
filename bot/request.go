package bot

import (
	"fmt"
	"unicode/utf8"
)

// Platform names used in Request.Platform and in user IDs.
const (
	PlatformTelegram = "telegram"
	PlatformDiscord  = "discord"
	PlatformConsole  = "console"
)

// MaxPayloadBytes is the longest button payload any platform accepts
// (Telegram's callback_data limit; Discord allows 100).
const MaxPayloadBytes = 64

// MaxInputRunes is the longest message the core reads; longer input gets a
// friendly note instead of an answer.
const MaxInputRunes = 4096

// Request is one thing a user did, in platform-neutral form: a command, a
// button press or free text. Adapters build it; the core never sees SDK types
// except through Raw.
type Request struct {
	Platform string // PlatformTelegram, PlatformDiscord or PlatformConsole
	UserID   string // stable identity: "tg:123", "dc:456", "console:local"
	ChatID   string // where replies go
	Private  bool   // a private chat or DM, where personal data may be shown
	// PrivateChatID is the platform's own address for private messages to
	// this user, when it has one that works from any chat (Discord:
	// "dm:<user id>"); it is what reminders use. "" when there is none.
	PrivateChatID string
	Command       string // "checklist" for "/checklist", "" otherwise
	Args          string // the text after the command
	Text          string // free text, when Command and Payload are empty
	Payload       string // button data ("ck/3/yes"), at most MaxPayloadBytes
	// TimeZoneHint is an IANA zone name the adapter believes the user is in
	// (the console uses the machine's); it seeds a new user's time zone.
	TimeZoneHint string
	// ID names this update in the log lines it causes (the adapter's and
	// the core's); Bot.Handle makes one up when the adapter left it empty.
	ID string
	// Ephemeral says the platform can show a reply to this user alone in
	// this chat (a Discord interaction in a server), so personal replies
	// may stay here.
	Ephemeral bool
	// Unaddressed marks group chatter the adapter passed on although it
	// was not addressed to the bot, because it may be a safety matter: the
	// core answers it only with the safety screen's answer.
	Unaddressed bool
	// Locale is the language the platform reports for the user ("en-GB",
	// "pt-br"), "" when unknown; its region helps find their country's
	// crisis line.
	Locale string
	// BotName is the bot's handle on the platform ("CalmNightsBot"), for
	// notes that tell the user where to find it; "" when unknown.
	BotName string
	// Params are the parameters of the button pattern that matched the
	// payload, filled in by the Router.
	Params map[string]string
	// Flow names the conversation flow whose step this request answers,
	// set by the core while the flow runs (middlewares read it); "" for a
	// command, a button or text outside any flow.
	Flow string
	// User is the stored user, filled in by Bot.Handle before routing.
	User *User
	// Raw is the adapter's original update, for the adapter's own use.
	Raw any
}

// Response is one reply message.
type Response struct {
	Text    string     // neutral markup (see package markup)
	Buttons [][]Button // rows of buttons under the message
	Image   *Attachment
	File    *Attachment
	// Personal marks replies holding personal data: adapters show them only
	// in private chats or as ephemeral replies.
	Personal bool
	// To, when set, is the chat the reply goes to instead of the request's
	// (the user's private chat, for a personal answer asked in a group).
	To string

	coreID   string            // one of the core's messages (coreReply)
	coreMore string            // a second one, after a blank line
	coreData map[string]string // their templates' data
}

// Param returns the value of a button pattern's parameter, "" when the
// pattern has none of that name.
func (r *Request) Param(name string) string { return r.Params[name] }

// Button is a button under a message; pressing it sends Payload back.
type Button struct {
	Label   string
	Payload string
}

// Attachment is a file sent with a reply, such as a PNG chart or an export.
type Attachment struct {
	Name    string // file name, e.g. "chart.png"
	MIME    string // e.g. "image/png"
	Data    []byte
	Caption string // plain text
}

// Validate checks what every platform requires of a reply: button payloads
// within MaxPayloadBytes and valid UTF-8, labels not empty.
func (r Response) Validate() error {
	for _, row := range r.Buttons {
		for _, b := range row {
			if err := b.Validate(); err != nil {
				return err
			}
		}
	}
	return nil
}

// Validate checks one button.
func (b Button) Validate() error {
	switch {
	case b.Label == "":
		return fmt.Errorf("button with payload %q: %w", b.Payload, ErrEmptyLabel)
	case len(b.Payload) == 0:
		return fmt.Errorf("button %q: %w", b.Label, ErrEmptyPayload)
	case len(b.Payload) > MaxPayloadBytes:
		return fmt.Errorf("button %q: payload of %d bytes: %w", b.Label, len(b.Payload), ErrPayloadTooLong)
	case !utf8.ValidString(b.Payload):
		return fmt.Errorf("button %q: %w", b.Label, ErrInvalidPayload)
	}
	return nil
}

// Reply is a shorthand for a single text reply.
func Reply(text string) []Response { return []Response{{Text: text}} }

// Personal is a single reply that holds personal data.
func Personal(text string) []Response { return []Response{{Text: text, Personal: true}} }

// Stale is the reply to a button that no longer means anything.
func Stale() []Response { return []Response{coreReply("CoreStale", msgStale, false, nil)} }
