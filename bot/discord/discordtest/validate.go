package discordtest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Limits Discord enforces on messages and commands, as checked by the fake.
const (
	MaxContentLength       = 2000 // message content, in characters (code points)
	MaxActionRows          = 5    // top-level action rows per message
	MaxRowComponents       = 5    // buttons per action row
	MaxCustomIDLength      = 100  // component custom_id
	MaxButtonLabelLength   = 80   // button label
	MaxEmbeds              = 10   // embeds per message
	MaxAttachments         = 10   // files per message
	MaxCommands            = 100  // chat-input commands per scope
	MaxCommandOptions      = 25   // options per command (or subcommand)
	MaxCommandNameLength   = 32
	MaxDescriptionLength   = 100 // command and option descriptions
	MaxSelectOptions       = 25
	MaxSelectPlaceholder   = 150
	MaxModalTitleLength    = 45
	MaxEmbedTitleLength    = 256
	MaxEmbedDescLength     = 4096
	MaxEmbedFields         = 25
	MaxEmbedFieldNameLen   = 256
	MaxEmbedFieldValueLen  = 1024
	MaxEmbedFooterLength   = 2048
	MaxEmbedAuthorNameLen  = 256
	MaxEmbedTotalCharacter = 6000
)

// formErrors collects field errors in Discord's "Invalid Form Body" shape:
// {"code":50035,"message":"Invalid Form Body","errors":{"field":{"_errors":[{"code":..,"message":..}]}}}.
type formErrors struct {
	root  map[string]any
	count int
	first string
}

func (f *formErrors) add(path []string, code, msg string) {
	if f.root == nil {
		f.root = map[string]any{}
	}
	node := f.root
	for _, p := range path {
		next, ok := node[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			node[p] = next
		}
		node = next
	}
	list, _ := node["_errors"].([]any)
	node["_errors"] = append(list, map[string]any{"code": code, "message": msg})
	if f.count == 0 {
		f.first = strings.Join(path, ".") + ": " + msg
	}
	f.count++
}

func (f *formErrors) empty() bool { return f.count == 0 }

func (f *formErrors) reply() *reply {
	r := apiError(400, 50035, "Invalid Form Body")
	r.body.(map[string]any)["errors"] = f.root
	r.note = f.first
	return r
}

func join(prefix []string, more ...string) []string {
	out := make([]string, 0, len(prefix)+len(more))
	out = append(append(out, prefix...), more...)
	return out
}

func maxLen(fe *formErrors, path []string, v any, limit int) int {
	s, _ := v.(string)
	n := utf8.RuneCountInString(s)
	if n > limit {
		fe.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", limit))
	}
	return n
}

func isEmptyJSON(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	case []any:
		return len(t) == 0
	case map[string]any:
		return len(t) == 0
	}
	return false
}

// validateMessage checks a message payload (create or edit). prefix is the
// path of the message object in the body (["data"] for callbacks). If
// needBody, the message must not be empty (50006), as for a new message.
// It returns a non-nil reply if the payload is invalid.
func validateMessage(prefix []string, m map[string]any, files []File, needBody bool) *reply {
	fe := &formErrors{}
	maxLen(fe, join(prefix, "content"), m["content"], MaxContentLength)

	if embeds, ok := m["embeds"].([]any); ok {
		if len(embeds) > MaxEmbeds {
			fe.add(join(prefix, "embeds"), "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", MaxEmbeds))
		}
		total := 0
		for i, e := range embeds {
			em, _ := e.(map[string]any)
			p := join(prefix, "embeds", strconv.Itoa(i))
			total += maxLen(fe, join(p, "title"), em["title"], MaxEmbedTitleLength)
			total += maxLen(fe, join(p, "description"), em["description"], MaxEmbedDescLength)
			if footer, ok := em["footer"].(map[string]any); ok {
				total += maxLen(fe, join(p, "footer", "text"), footer["text"], MaxEmbedFooterLength)
			}
			if author, ok := em["author"].(map[string]any); ok {
				total += maxLen(fe, join(p, "author", "name"), author["name"], MaxEmbedAuthorNameLen)
			}
			fields, _ := em["fields"].([]any)
			if len(fields) > MaxEmbedFields {
				fe.add(join(p, "fields"), "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", MaxEmbedFields))
			}
			for j, f := range fields {
				fm, _ := f.(map[string]any)
				fp := join(p, "fields", strconv.Itoa(j))
				total += maxLen(fe, join(fp, "name"), fm["name"], MaxEmbedFieldNameLen)
				total += maxLen(fe, join(fp, "value"), fm["value"], MaxEmbedFieldValueLen)
				if isEmptyJSON(fm["name"]) || isEmptyJSON(fm["value"]) {
					fe.add(fp, "BASE_TYPE_REQUIRED", "This field is required")
				}
			}
		}
		if total > MaxEmbedTotalCharacter {
			fe.add(join(prefix, "embeds"), "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
		}
	}

	flags := asInt(m["flags"])
	if comps, ok := m["components"].([]any); ok && flags&(1<<15) == 0 {
		validateComponents(fe, join(prefix, "components"), comps)
	}

	if len(files) > MaxAttachments {
		fe.add(join(prefix, "attachments"), "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", MaxAttachments))
	}
	if !fe.empty() {
		return fe.reply()
	}
	if needBody && isEmptyJSON(m["content"]) && isEmptyJSON(m["embeds"]) && isEmptyJSON(m["components"]) &&
		len(files) == 0 && isEmptyJSON(m["sticker_ids"]) && isEmptyJSON(m["poll"]) {
		return apiError(400, 50006, "Cannot send an empty message")
	}
	return nil
}

// validateComponents checks legacy (non components-v2) message components:
// at most 5 action rows, each with 1-5 buttons or a single select menu.
func validateComponents(fe *formErrors, path []string, comps []any) {
	if len(comps) > MaxActionRows {
		fe.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", MaxActionRows))
	}
	seen := map[string]bool{}
	for i, c := range comps {
		row, _ := c.(map[string]any)
		rp := join(path, strconv.Itoa(i))
		if asInt(row["type"]) != int(discordgo.ActionsRowComponent) {
			fe.add(join(rp, "type"), "UNION_TYPE_CHOICES", `Value of field "type" must be one of (1,).`)
			continue
		}
		children, _ := row["components"].([]any)
		if len(children) < 1 || len(children) > MaxRowComponents {
			fe.add(join(rp, "components"), "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", MaxRowComponents))
		}
		for j, ch := range children {
			cm, _ := ch.(map[string]any)
			cp := join(rp, "components", strconv.Itoa(j))
			typ := discordgo.ComponentType(asInt(cm["type"]))
			id, hasID := cm["custom_id"].(string)
			if hasID && id != "" {
				maxLen(fe, join(cp, "custom_id"), id, MaxCustomIDLength)
				if seen[id] {
					fe.add(join(cp, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
				}
				seen[id] = true
			}
			switch typ {
			case discordgo.ButtonComponent:
				maxLen(fe, join(cp, "label"), cm["label"], MaxButtonLabelLength)
				style := asInt(cm["style"])
				switch {
				case style < 1 || style > 6:
					fe.add(join(cp, "style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.")
				case style == int(discordgo.LinkButton):
					if isEmptyJSON(cm["url"]) {
						fe.add(join(cp, "url"), "BUTTON_COMPONENT_URL_REQUIRED", "A url is required")
					}
					if hasID && id != "" {
						fe.add(join(cp, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED", "A custom id cannot be specified")
					}
				case style == int(discordgo.PremiumButton):
				default:
					if !hasID || id == "" {
						fe.add(join(cp, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required")
					}
					if !isEmptyJSON(cm["url"]) {
						fe.add(join(cp, "url"), "BUTTON_COMPONENT_URL_NOT_ALLOWED", "A url cannot be specified")
					}
				}
				if style != int(discordgo.PremiumButton) && isEmptyJSON(cm["label"]) && isEmptyJSON(cm["emoji"]) {
					fe.add(cp, "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A label or emoji is required")
				}
			case discordgo.SelectMenuComponent, discordgo.UserSelectMenuComponent, discordgo.RoleSelectMenuComponent,
				discordgo.MentionableSelectMenuComponent, discordgo.ChannelSelectMenuComponent:
				if len(children) > 1 {
					fe.add(join(rp, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width")
				}
				if !hasID || id == "" {
					fe.add(join(cp, "custom_id"), "BASE_TYPE_REQUIRED", "This field is required")
				}
				maxLen(fe, join(cp, "placeholder"), cm["placeholder"], MaxSelectPlaceholder)
				opts, _ := cm["options"].([]any)
				if typ == discordgo.SelectMenuComponent && (len(opts) < 1 || len(opts) > MaxSelectOptions) {
					fe.add(join(cp, "options"), "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", MaxSelectOptions))
				}
			case discordgo.TextInputComponent:
				fe.add(join(cp, "type"), "COMPONENT_TYPE_INVALID", "Text inputs are only allowed in modals")
			default:
				fe.add(join(cp, "type"), "UNION_TYPE_CHOICES", `Value of field "type" must be one of (2, 3, 5, 6, 7, 8).`)
			}
		}
	}
}

// validateModal checks a type 9 callback's data.
func validateModal(m map[string]any) *reply {
	fe := &formErrors{}
	p := []string{"data"}
	if isEmptyJSON(m["custom_id"]) {
		fe.add(join(p, "custom_id"), "BASE_TYPE_REQUIRED", "This field is required")
	}
	maxLen(fe, join(p, "custom_id"), m["custom_id"], MaxCustomIDLength)
	if isEmptyJSON(m["title"]) {
		fe.add(join(p, "title"), "BASE_TYPE_REQUIRED", "This field is required")
	}
	maxLen(fe, join(p, "title"), m["title"], MaxModalTitleLength)
	comps, _ := m["components"].([]any)
	if len(comps) < 1 || len(comps) > MaxActionRows {
		fe.add(join(p, "components"), "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", MaxActionRows))
	}
	if !fe.empty() {
		return fe.reply()
	}
	return nil
}

// Chat-input command and option names: 1-32 characters, lowercase letters,
// digits, '-', '_' (any script).
var commandNameRE = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{M}]{1,32}$`)

func validateName(fe *formErrors, path []string, name string, chat bool) {
	n := utf8.RuneCountInString(name)
	switch {
	case n < 1 || n > MaxCommandNameLength:
		fe.add(path, "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", MaxCommandNameLength))
	case chat && !commandNameRE.MatchString(name):
		fe.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
	case chat && strings.ToLower(name) != name:
		fe.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
	}
}

func validateDescription(fe *formErrors, path []string, desc string) {
	n := utf8.RuneCountInString(desc)
	if n < 1 || n > MaxDescriptionLength {
		fe.add(path, "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", MaxDescriptionLength))
	}
}

// validateCommands checks a bulk overwrite of application commands.
func validateCommands(cmds []*discordgo.ApplicationCommand) *reply {
	fe := &formErrors{}
	counts := map[discordgo.ApplicationCommandType]int{}
	seen := map[string]bool{}
	for i, c := range cmds {
		p := []string{strconv.Itoa(i)}
		if c == nil {
			fe.add(p, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
			continue
		}
		typ := c.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand
		}
		if typ < 1 || typ > 4 {
			fe.add(join(p, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4}.")
			continue
		}
		counts[typ]++
		chat := typ == discordgo.ChatApplicationCommand
		validateName(fe, join(p, "name"), c.Name, chat)
		key := fmt.Sprintf("%d/%s", typ, c.Name)
		if seen[key] {
			fe.add(join(p, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		seen[key] = true
		if chat {
			validateDescription(fe, join(p, "description"), c.Description)
			validateOptions(fe, join(p, "options"), c.Options, 0)
		} else {
			if c.Description != "" {
				fe.add(join(p, "description"), "APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED", "Description must be empty for this command type")
			}
			if len(c.Options) > 0 {
				fe.add(join(p, "options"), "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED", "Options are not allowed for this command type")
			}
		}
	}
	if counts[discordgo.ChatApplicationCommand] > MaxCommands {
		fe.add(nil, "APPLICATION_COMMANDS_TOO_MANY_CHAT_INPUT", fmt.Sprintf("Maximum number of chat input commands reached (%d)", MaxCommands))
	}
	if counts[discordgo.UserApplicationCommand] > 5 || counts[discordgo.MessageApplicationCommand] > 5 {
		fe.add(nil, "APPLICATION_COMMANDS_TOO_MANY_CONTEXT_MENU", "Maximum number of context menu commands reached (5)")
	}
	if !fe.empty() {
		return fe.reply()
	}
	return nil
}

func validateOptions(fe *formErrors, path []string, opts []*discordgo.ApplicationCommandOption, depth int) {
	if len(opts) > MaxCommandOptions {
		fe.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", MaxCommandOptions))
	}
	optional := false
	seen := map[string]bool{}
	for i, o := range opts {
		p := join(path, strconv.Itoa(i))
		if o == nil {
			fe.add(p, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
			continue
		}
		validateName(fe, join(p, "name"), o.Name, true)
		validateDescription(fe, join(p, "description"), o.Description)
		if seen[o.Name] {
			fe.add(join(p, "name"), "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique")
		}
		seen[o.Name] = true
		if o.Type < 1 || o.Type > 11 {
			fe.add(join(p, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.")
		}
		if o.Required {
			if optional {
				fe.add(p, "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options")
			}
		} else {
			optional = true
		}
		if len(o.Choices) > MaxCommandOptions {
			fe.add(join(p, "choices"), "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", MaxCommandOptions))
		}
		for j, ch := range o.Choices {
			if ch == nil {
				continue
			}
			n := utf8.RuneCountInString(ch.Name)
			if n < 1 || n > 100 {
				fe.add(join(p, "choices", strconv.Itoa(j), "name"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
			}
		}
		sub := o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup
		if sub {
			if depth >= 2 || (depth == 1 && o.Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
				fe.add(join(p, "type"), "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Subcommands cannot be nested this deep")
			}
			validateOptions(fe, join(p, "options"), o.Options, depth+1)
		} else if len(o.Options) > 0 {
			fe.add(join(p, "options"), "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED", "Only subcommands may have options")
		}
	}
}
