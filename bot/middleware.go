package bot

import (
	"context"
	"strconv"
)

// Payloads that one feature offers as buttons and another answers. The
// core names them so that no feature has to know another.
const (
	// ConsentPayload gives consent to keep health notes (onboarding).
	ConsentPayload = "start/yes"
	// ChecklistPayload starts the doctor checklist afresh.
	ChecklistPayload = "ck/restart"
	// RemindersPrefix is the reminders feature's button prefix;
	// RemindersSetupPayload turns the habit reminders on and
	// RemindersListPayload lists them (the end of onboarding offers both).
	RemindersPrefix       = "rm"
	RemindersSetupPayload = RemindersPrefix + "/setup"
	RemindersListPayload  = RemindersPrefix + "/list"
	// ShareLocationPayload marks a button that asks the user to share
	// their location, to set the time zone. Telegram shows it as a
	// request_location button in private chats; elsewhere pressing it
	// sends this payload and the settings feature explains the other way.
	ShareLocationPayload = "loc/share"
	// topicPayloadPrefix opens one topic of the library.
	topicPayloadPrefix = "tp/t/"
	// medicineTakenPrefix logs a dose of a medicine on the user's list.
	medicineTakenPrefix = "md/t/"
	// ForgetFlow and PrivacyFlow are the privacy feature's conversations
	// (/forget's question, /privacy's offer): a request about one's data
	// typed in words inside them is their answer, not a new request.
	ForgetFlow  = "forget"
	PrivacyFlow = "privacy"
	// WithdrawPayload takes consent to keep health notes back (privacy).
	WithdrawPayload = "privacy/withdraw"
)

// TopicPayload is the payload of a button that opens the library topic id.
func TopicPayload(id string) string { return topicPayloadPrefix + id }

// MedicineTakenPayload is the payload of a "Took <medicine>" button
// (offered by /meds and the morning check-in, answered by the medicines
// feature): it logs a dose of the medicine id now, if day (the user's
// local date as YYYYMMDD) is still today.
func MedicineTakenPayload(id int64, day string) string {
	return medicineTakenPrefix + strconv.FormatInt(id, 10) + "/" + day
}

// Notes that replace a personal reply asked for in a group chat.
const (
	noteSentPrivately = "I've sent you my answer in our private chat."
)

// The consent messages and their button.
const (
	msgConsentNeeded = "I can only keep a journal with your permission to store health notes. They stay private to you, and you can download or delete them at any time."
	msgConsentHeld   = "If you allow it, I'll show you what you just told me, to save."
	msgConsentAllow  = "Allow health notes"
)

// ConsentNeeded is the reply to a health feature used without consent.
func ConsentNeeded() []Response {
	r := coreReply("CoreConsentNeeded", msgConsentNeeded, true, nil)
	r.Buttons = [][]Button{{{Label: msgConsentAllow, Payload: ConsentPayload}}}
	return []Response{r}
}

// ConsentNeededHeld is ConsentNeeded for a message a feature holds until
// permission is given: it says so, and its button (payload, the
// feature's) both allows health notes and offers the message back.
func ConsentNeededHeld(payload string) []Response {
	r := coreReply("CoreConsentNeeded", msgConsentNeeded, true, nil)
	r.coreMore = "CoreConsentHeld"
	r.Text += "\n\n" + msgConsentHeld
	r.Buttons = [][]Button{{{Label: msgConsentAllow, Payload: payload}}}
	return []Response{r}
}

// msgFlowStopped answers a step of a health flow once consent is gone.
const msgFlowStopped = "You've withdrawn your permission to keep health notes, so I stopped here and kept nothing more. You can allow it again in /privacy."

// RequireConsent answers ConsentNeeded instead of running the route when
// the user has not allowed health notes to be stored. On a step of a
// flow (Request.Flow) it says the flow has stopped, and the core ends it.
func RequireConsent(next RouteFunc) RouteFunc {
	return func(ctx context.Context, req *Request) ([]Response, error) {
		if req.User == nil || !req.User.Consented() {
			if req.Flow != "" {
				return []Response{coreReply("CoreFlowStopped", msgFlowStopped, true, nil)}, nil
			}
			return ConsentNeeded(), nil
		}
		return next(ctx, req)
	}
}

// AllPersonal marks every reply of a route personal: for routes whose
// every answer is about the user (their settings, their onboarding), so
// that no reply of theirs can be forgotten when a new one is added.
func AllPersonal(next RouteFunc) RouteFunc {
	return func(ctx context.Context, req *Request) ([]Response, error) {
		out, err := next(ctx, req)
		for i := range out {
			out[i].Personal = true
		}
		return out, err
	}
}

// PrivateReplies keeps personal replies out of group chats. Where the
// platform can show a reply to the user alone (Request.Ephemeral) they
// stay. Otherwise each goes to the user's private chat (Response.To),
// with one public note in its place; when the user has no private chat,
// the note tells them to open one and the reply is dropped.
func PrivateReplies(next RouteFunc) RouteFunc {
	return func(ctx context.Context, req *Request) ([]Response, error) {
		out, err := next(ctx, req)
		if err != nil || req.Private || req.Ephemeral {
			return out, err
		}
		private := ""
		if req.User != nil {
			private = req.User.ChatID
		}
		var kept []Response
		notified := false
		for _, r := range out {
			if !r.Personal || r.To != "" {
				kept = append(kept, r)
				continue
			}
			if !notified {
				note := coreReply("CoreSentPrivately", noteSentPrivately, false, nil)
				if private == "" {
					note = coreReply("CorePersonalInGroup", fmtNote(req.BotName), false, map[string]string{"Bot": req.BotName})
				}
				kept = append(kept, note)
				notified = true
			}
			if private != "" {
				r.To = private
				kept = append(kept, r)
			}
		}
		return kept, nil
	}
}

func fmtNote(botName string) string {
	return "That answer is personal, so I won't post it in a group. Open a private chat with me (@" + botName + ") and send /start, then ask there."
}

// PrivateOnly runs a route only where the user alone sees its replies: a
// private chat, an ephemeral reply, or, asked in a group, the user's
// private chat (every reply goes there, with one note in the group). For
// a user without a private chat it does not run at all and answers with a
// pointer to one, so a conversation (the checklist, a /log, /forget's
// question) is never left half-done in a group.
func PrivateOnly(next RouteFunc) RouteFunc {
	return func(ctx context.Context, req *Request) ([]Response, error) {
		if req.Private || req.Ephemeral {
			return next(ctx, req)
		}
		if req.User == nil || req.User.ChatID == "" || req.User.ChatID == req.ChatID {
			return []Response{coreReply("CorePersonalInGroup", fmtNote(req.BotName), false, map[string]string{"Bot": req.BotName})}, nil
		}
		out, err := next(ctx, req)
		for i := range out {
			out[i].Personal = true
		}
		return out, err
	}
}
