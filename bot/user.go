package bot

import (
	"strings"
	"time"
)

// Defaults used until a user sets their own times.
var (
	DefaultBedtime  = Clock(23 * 60)
	DefaultWakeTime = Clock(7 * 60)
)

// User is one person on one platform. The same person on Telegram and on
// Discord is two users; nothing links them.
type User struct {
	ID        string     // "tg:123", "dc:456", "console:local"
	Platform  string     // PlatformTelegram, ...
	ChatID    string     // their private chat, where reminders go
	TimeZone  string     // IANA name such as "Europe/Berlin"; "" until known
	Bedtime   *Clock     // nil until set
	WakeTime  *Clock     // nil until set
	ConsentAt *time.Time // when they agreed to health notes being stored; nil if not
	CreatedAt time.Time

	// QuietStart and QuietEnd bound the hours no reminder is sent in; nil
	// means bedtime to wake time. Equal values mean no quiet hours.
	QuietStart, QuietEnd *Clock
	// PausedUntil pauses all reminders until then; nil means not paused.
	PausedUntil *time.Time
	// Language is the language the bot speaks to them ("en", "es", "pt",
	// "de", "ru"): the platform's on first contact, or their /language
	// choice; "" until either tells, which is English.
	Language string
}

// Location returns the user's time zone, UTC when none is set or the stored
// name no longer loads.
func (u User) Location() *time.Location {
	if u.TimeZone == "" {
		return time.UTC
	}
	loc, err := LoadZone(u.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// BedtimeOrDefault returns the user's bedtime, or DefaultBedtime.
func (u User) BedtimeOrDefault() Clock {
	if u.Bedtime != nil {
		return *u.Bedtime
	}
	return DefaultBedtime
}

// WakeTimeOrDefault returns the user's wake time, or DefaultWakeTime.
func (u User) WakeTimeOrDefault() Clock {
	if u.WakeTime != nil {
		return *u.WakeTime
	}
	return DefaultWakeTime
}

// Consented reports whether the user agreed to health notes being stored.
func (u User) Consented() bool { return u.ConsentAt != nil }

// NewUser is what an adapter knows about a user on first contact.
type NewUser struct {
	ID       string
	Platform string
	ChatID   string
	TimeZone string // a hint; may be ""
	Language string // the platform's language, a code the bot speaks; may be ""
}

// Language is the language the bot speaks to the request's user: their
// choice or their platform's, else English.
func (r *Request) Language() string { return r.User.LanguageOrDefault() }

// LanguageOrDefault is the language the bot speaks to u: their choice or
// their platform's, else English (also for no user).
func (u *User) LanguageOrDefault() string {
	if u != nil && u.Language != "" {
		return u.Language
	}
	return "en"
}

// PlatformLanguage is the code among supported of a platform's locale
// ("pt-BR", "es_419", "de", "ru"), or "".
func PlatformLanguage(locale string, supported []string) string {
	base, _, _ := strings.Cut(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(locale)), "_", "-"), "-")
	for _, code := range supported {
		if base == code {
			return code
		}
	}
	return ""
}
