// Package language is /language: which of the bot's five languages it
// speaks to a user. The platform's language picks it on first contact
// (the core does that); /language, its buttons, or "/language es" change
// it, and the answer to a message written in another language offers the
// switch with the same button.
package language

import (
	"context"
	"fmt"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// Store is what /language keeps: the user's language.
type Store interface {
	UpdateUser(ctx context.Context, id string, fn func(*bot.User) error) (bot.User, error)
}

// Language is the /language command and its buttons.
type Language struct {
	store   Store
	content *content.Library
}

// New returns /language on store; a nil lib means the embedded content.
func New(store Store, lib *content.Library) *Language {
	if lib == nil {
		lib = content.Default()
	}
	return &Language{store: store, content: lib}
}

// prefix starts the buttons' payloads: "ln/es".
const prefix = "ln"

// Register adds /language and its buttons to r.
func (l *Language) Register(r *bot.Router) {
	r.Command(bot.Command{Name: "language", Description: "Change the language I speak (English, Español, Português, Deutsch, Русский)", Args: "[en|es|pt|de|ru]", Handler: l.command})
	r.Button(prefix+"/{code}", l.button)
}

// SwitchButton is the button that makes lang the user's language.
func SwitchButton(lib *content.Library, lang string) bot.Button {
	return bot.Button{Label: lib.Text(lang, "LanguageSwitch", nil), Payload: prefix + "/" + lang}
}

// command answers "/language" with the five buttons, and "/language es"
// (or "español", "Russian", "ру") by switching.
func (l *Language) command(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	lang := req.Language()
	arg := strings.TrimSpace(req.Args)
	if arg == "" {
		return []bot.Response{{Text: l.content.Text(lang, "LanguagePrompt", nil), Buttons: l.buttons()}}, nil
	}
	code, ok := Code(arg)
	if !ok {
		return []bot.Response{{Text: l.content.Text(lang, "LanguageUnknown", nil), Buttons: l.buttons()}}, nil
	}
	return l.set(ctx, req, code)
}

// button switches to the language its payload names.
func (l *Language) button(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	code, ok := Code(req.Param("code"))
	if !ok {
		return bot.Stale(), nil
	}
	return l.set(ctx, req, code)
}

// set makes code the user's language and says so in it.
func (l *Language) set(ctx context.Context, req *bot.Request, code string) ([]bot.Response, error) {
	u, err := l.store.UpdateUser(ctx, req.UserID, func(u *bot.User) error {
		u.Language = code
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("set language: %w", err)
	}
	req.User = &u
	return bot.Reply(l.content.Text(code, "LanguageSet", nil)), nil
}

// buttons are the five languages, each named in itself.
func (l *Language) buttons() [][]bot.Button {
	var row []bot.Button
	for _, code := range content.Languages {
		row = append(row, bot.Button{Label: l.content.LanguageName(code), Payload: prefix + "/" + code})
	}
	return [][]bot.Button{row}
}

// Code is the language code a word names ("es", "Español", "German"),
// and false when it names none the bot speaks.
func Code(word string) (string, bool) {
	w := strings.ToLower(strings.TrimSpace(word))
	if code := content.LanguageCode(w); code != "" {
		return code, true
	}
	// A platform locale: "pt-BR", "es_419", "en-GB".
	code := bot.PlatformLanguage(w, content.Languages)
	return code, code != ""
}
