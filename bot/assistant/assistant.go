// Package assistant answers messages written in plain words. Each one is
// first understood (package understand): a question goes to the library, a
// warning sign gets the "see a doctor" answer, small talk a short reply.
// Anything that would change stored data (a night, water, a reminder, a
// setting) is shown back as understood, with one tap to save and, once
// saved, one tap to undo: nothing is changed on a guess. A message in one
// of the bot's other languages is read through that language's gloss
// (understand.ClassifyIn) and shown back, confirmed and undone in it
// (content/locales/assistant); what is not a statement is answered from
// that language's article.
//
// The pending confirmation and the undo live in the user's conversation
// (flow "confirm"), so they survive a restart; the buttons carry its id, so
// a stale keyboard does nothing. Reminder changes go, typed
// (bot.ReminderChange), to the Reminders the assistant is given: the
// reminder scheduler, which this package does not import.
package assistant

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/library"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/places/zonepick"
	"github.com/calmnights/calmnights/bot/profile"
	"github.com/calmnights/calmnights/bot/understand"
	"github.com/calmnights/calmnights/content"
)

// Store is what the assistant reads and writes.
type Store interface {
	bot.UserStore
	bot.ConversationStore
	SaveNight(ctx context.Context, n bot.Night) (previous *bot.Night, err error)
	Nights(ctx context.Context, userID, from, to string) ([]bot.Night, error)
	AddWater(ctx context.Context, userID, day string, ml int) (int, error)
	// DeleteNight removes one night, for undoing a night that was new.
	DeleteNight(ctx context.Context, userID, date string) error
	// SaveDiary and Diaries keep the sleep diary a night told in words
	// holds ("went to bed at 11:10, took 40 minutes to drop off").
	SaveDiary(ctx context.Context, d bot.Diary) error
	Diaries(ctx context.Context, userID, from, to string) ([]bot.Diary, error)
}

// Options configure the assistant.
type Options struct {
	Store     Store
	Content   *content.Library // nil means the embedded one
	Now       func() time.Time // nil means time.Now
	Observers []bot.UserObserver
	// Reminders carries out reminder changes; nil answers that reminders
	// aren't running here.
	Reminders Reminders
	// Medicines logs a dose told in words; nil answers that medicines
	// aren't kept here.
	Medicines Medicines
	// Facets are the daily ratings other features keep: a rating told in
	// words ("stressful day, 4 out of 5") is confirmed and saved like a
	// night.
	Facets []bot.Facet
}

// Reminders is what the assistant needs of the reminder scheduler: one
// typed change, answered as the matching command would answer it.
type Reminders interface {
	ChangeReminders(ctx context.Context, u *bot.User, c bot.ReminderChange) ([]bot.Response, error)
}

// Assistant is the plain-words feature.
type Assistant struct {
	store     Store
	content   *content.Library
	classify  *understand.Classifier
	now       func() time.Time
	settings  profile.Settings
	router    *bot.Router
	held      heldMessages // messages told before permission, in memory only
	reminders Reminders
	facets    []bot.Facet
	meds      Medicines
}

// New returns the assistant.
func New(o Options) *Assistant {
	a := &Assistant{store: o.Store, content: o.Content, now: o.Now, settings: profile.Settings{Store: o.Store, Observers: o.Observers}, reminders: o.Reminders, facets: o.Facets, meds: o.Medicines}
	if a.content == nil {
		a.content = content.Default()
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.classify = understand.New(a.content)
	return a
}

// Prefix starts every payload of the assistant's buttons.
const prefix = "nl"

// flow names the conversation that holds a pending confirmation or undo.
const flow = "confirm"

// Register makes the assistant the answer to free text outside any flow
// (replacing the library's plain answerer) and adds its buttons and flow.
func (a *Assistant) Register(r *bot.Router) {
	a.router = r
	r.Text(a.Text)
	r.Intercept(a.dataRequest)
	r.Flow(flow, a.typed)
	r.Button(prefix+"/ok/{id}", a.confirmButton)
	r.Button(allowPayload, a.allowButton)
	r.Button(prefix+"/no/{id}", a.cancelButton)
	r.Button(prefix+"/undo/{id}", a.undoButton)
	r.Button(prefix+"/s/{id}/{score}", a.scoreButton)
	r.Button(prefix+"/z/{id}/{n}", a.choiceButton)
	r.Button(prefix+"/k/{id}/{kind}", a.kindButton)
}

// Text answers one message in plain words: free text in a private chat,
// a message addressed to the bot in a group (a mention, a reply to it), or
// the question of /ask anywhere. Group chatter not addressed to the bot
// never gets here (the core answers it only when it is a safety matter).
// A change asked for in a group is confirmed in the private chat.
func (a *Assistant) Text(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if req.Unaddressed {
		return nil, nil
	}
	text := req.Text
	if req.Command != "" {
		text = req.Args
	}
	if lang := a.content.ReplyLanguage(text, req.Language()); lang != "en" {
		return a.textIn(ctx, req, lang, text)
	}
	if undoWord(strings.ToLower(strings.Trim(strings.TrimSpace(text), ".!"))) {
		// An undo with nothing to undo (a pending one answers in typed).
		return bot.Reply(a.say("en", "AsstNothingToUndoNow", nil)), nil
	}
	in := a.classify.Classify(text)
	switch in.Action {
	case understand.Warning, understand.Forget, understand.Privacy, understand.Show:
	default:
		if f, v, ok := a.rating(text); ok {
			return bot.PrivateOnly(func(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
				return a.proposeRating(ctx, req, f, v)
			})(ctx, req)
		}
	}
	if (in.Action == understand.Unknown || in.Action == understand.Question && in.Answer.Topic == nil) && !a.content.LooksEnglish(text) {
		// "muéstrame mi semana" is too short for whatlanggo to tell its
		// language: a statement one of the other languages reads is it.
		if l, other, ok := a.classifyOther(text); ok {
			return a.actOnStatement(ctx, req, other, l)
		}
	}
	switch in.Action {
	case understand.Question, understand.Unknown:
		// A question no topic answers may follow the last one ("is it
		// hereditary?" after restless legs), and so does one that points
		// back at it ("how common is that?"); else the library's honest
		// answer, and for a message not asked as a question, what else
		// can be written.
		if in.Answer.Topic == nil || in.Answer.Tier == content.TierNone && a.content.PointsBack(text) {
			if ans, ok := a.followUp(ctx, req, text); ok && !in.Answer.Statement {
				r, _ := library.Compose(a.content, ans)
				return []bot.Response{r}, a.remember(ctx, req, ans.Topic)
			}
		}
		r, _ := library.Compose(a.content, in.Answer)
		if in.Action == understand.Unknown {
			r.Text += "\n\n" + a.say("en", "AsstCanAlso", map[string]string{"Examples": a.say("en", "AsstExamples", nil)})
		}
		return []bot.Response{r}, a.remember(ctx, req, in.Answer.Topic)
	case understand.Warning:
		r, _ := library.Compose(a.content, in.Answer)
		return []bot.Response{r}, nil
	case understand.SmallTalk:
		return bot.Reply(a.smallTalkReply(text)), nil
	case understand.Forget:
		return a.run(ctx, req, "forget", "")
	case understand.Privacy:
		return a.run(ctx, req, "privacy", "")
	case understand.Show:
		return a.run(ctx, req, in.Values["command"], "")
	}
	return bot.PrivateOnly(func(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
		return a.propose(ctx, req, in, "en")
	})(ctx, req)
}

// smallTalkReply answers a greeting, thanks or chit-chat (in English: the
// other languages' small talk is answered by their own path).
func (a *Assistant) smallTalkReply(text string) string {
	t := strings.ToLower(text)
	switch {
	case strings.Contains(t, "thank") || strings.Contains(t, "thx") || strings.HasPrefix(t, "ty") || strings.Contains(t, "cheers"):
		return a.say("en", "AsstSmallThanks", nil)
	case strings.Contains(t, "bye") || strings.Contains(t, "see you") || strings.Contains(t, "night"):
		return a.say("en", "AsstSmallBye", nil)
	case strings.Contains(t, "who") || strings.Contains(t, "bot") || strings.Contains(t, "what are you"):
		return a.say("en", "AsstSmallWho", map[string]string{"Examples": a.say("en", "AsstExamples", nil)})
	case strings.HasPrefix(t, "h") || strings.HasPrefix(t, "yo") || strings.HasPrefix(t, "good"):
		return a.say("en", "AsstSmallHello", nil)
	}
	return a.say("en", "AsstSmallOther", nil)
}

// newID is a short random id for one pending confirmation.
func newID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// pending loads the user's confirmation conversation when its id is id.
func (a *Assistant) pending(ctx context.Context, userID, id string) (bot.Conversation, bool, error) {
	conv, in, err := bot.ConversationIn(ctx, a.store, userID, flow)
	if err != nil || !in || conv.Data["id"] != id {
		return bot.Conversation{}, false, err
	}
	return conv, true, nil
}

// Steps of the confirm flow.
const (
	stepPending = 0 // waiting for Save
	stepUndo    = 1 // saved; Undo is possible
	stepConsent = 2 // a message held; waiting for permission to keep health notes
)

// gone answers, in lang, a button of a confirmation that is no longer
// pending.
func (a *Assistant) gone(lang string) []bot.Response {
	return bot.Reply(a.say(lang, "AsstGone", nil))
}

// propose shows what a message, told in lang, was understood to change,
// with Save and Cancel, and keeps it pending.
func (a *Assistant) propose(ctx context.Context, req *bot.Request, in understand.Intent, lang string) ([]bot.Response, error) {
	u := req.User
	data := map[string]string{"act": string(in.Action), "lang": lang}
	for k, v := range in.Values {
		data[k] = v
	}
	if (in.Action == understand.Log || in.Action == understand.Water || in.Action == understand.Medicine) && !u.Consented() {
		return a.askConsent(ctx, u.ID, in, lang)
	}
	if in.Action == understand.Log && in.Values["when"] == "tonight" {
		return bot.Personal(a.say(lang, "AsstTonight", nil)), nil
	}
	conv, err := a.store.Conversation(ctx, u.ID)
	switch {
	case err == nil && conv.Flow != flow && bot.Busy(conv):
		what := map[string]string{"log": "AsstBusyLog", "checklist": "AsstBusyChecklist", "onboarding": "AsstBusyOnboarding"}[conv.Flow]
		if what == "" {
			what = "AsstBusyOther"
		}
		return bot.Reply(a.say(lang, "AsstBusy", map[string]string{"What": a.say(lang, what, nil)})), nil
	case err != nil && err != bot.ErrNotFound:
		return nil, fmt.Errorf("load conversation: %w", err)
	}
	id := newID()
	data["id"] = id
	summary, buttons, err := a.describe(ctx, u, in, data, id, lang)
	if err != nil || buttons == nil {
		return bot.Reply(summary), err
	}
	if err := a.store.SaveConversation(ctx, bot.Conversation{UserID: u.ID, Flow: flow, Step: stepPending, Data: data}); err != nil {
		return nil, fmt.Errorf("save pending: %w", err)
	}
	return []bot.Response{{Text: summary, Buttons: buttons, Personal: true}}, nil
}

// describe writes, in lang, what was understood and the buttons to
// confirm it; nil buttons means there is nothing to confirm and the text
// says why.
func (a *Assistant) describe(ctx context.Context, u *bot.User, in understand.Intent, data map[string]string, id, lang string) (string, [][]bot.Button, error) {
	v := in.Values
	switch in.Action {
	case understand.Medicine:
		return a.describeDose(u, v, lang), a.saveCancel(lang, id), nil
	case understand.Water:
		ml, _ := strconv.Atoi(v["ml"])
		return a.say(lang, "AsstWater", map[string]string{"Amount": a.litres(lang, ml)}), a.saveCancel(lang, id), nil
	case understand.Log:
		date := a.nightDate(u, v["night"])
		data["date"] = date
		existing, err := a.store.Nights(ctx, u.ID, date, date)
		if err != nil {
			return "", nil, fmt.Errorf("load night: %w", err)
		}
		text := a.say(lang, "AsstNight", map[string]string{"Night": a.nightName(lang, date), "Facts": a.factsText(lang, v)})
		if v["score"] == "" && len(existing) == 0 {
			return text + "\n" + a.say(lang, "AsstAskScore", nil), a.scoreButtons(lang, id), nil
		}
		if len(existing) == 1 {
			text += " " + a.say(lang, "AsstAlreadyLogged", map[string]string{"Score": strconv.Itoa(existing[0].Severity)})
		}
		return text + " " + a.say(lang, "AsstSaveIt", nil), a.saveCancel(lang, id), nil
	case understand.Bedtime:
		return a.say(lang, "AsstSetBedtime", map[string]string{"At": v["at"]}), a.saveCancel(lang, id), nil
	case understand.WakeTime:
		return a.say(lang, "AsstSetWake", map[string]string{"At": v["at"]}), a.saveCancel(lang, id), nil
	case understand.TimeZone:
		if len(in.Choices) > 1 {
			data["choices"] = strings.Join(in.Choices, " ")
			var rows [][]bot.Button
			now := a.now()
			for i, z := range in.Choices {
				loc, err := bot.LoadZone(z)
				if err != nil {
					continue
				}
				label := a.say(lang, "AsstZoneChoice", map[string]string{"Zone": strings.ReplaceAll(z, "_", " "), "Now": now.In(loc).Format("15:04")})
				if i < len(in.Places) { // "Portland, Maine, United States (America/New York, 13:00)"
					label = zonepick.Label(in.Places[i], now.In(loc).Format("15:04"))
				}
				rows = append(rows, []bot.Button{{Label: label, Payload: fmt.Sprintf("%s/z/%s/%d", prefix, id, i)}})
			}
			return a.say(lang, "AsstZoneWhich", nil), append(rows, a.cancelRow(lang, id)), nil
		}
		loc, err := bot.LoadZone(v["zone"])
		if err != nil {
			return profile.UnknownZoneText(v["zone"]), nil, nil
		}
		return a.say(lang, "AsstZone", map[string]string{"Zone": markup.Escape(v["zone"]), "Now": a.now().In(loc).Format("15:04")}), a.saveCancel(lang, id), nil
	case understand.Snooze:
		if v["minutes"] == "" {
			data["minutes"] = "15"
		}
		return a.say(lang, "AsstSnoozeWhich", map[string]string{"Minutes": data["minutes"]}), a.kindButtons(lang, id), nil
	}
	c, ok := reminderChange(data)
	if !ok {
		return a.say(lang, "AsstReminderUnclear", nil), nil, nil
	}
	return a.say(lang, "AsstReminder", map[string]string{"What": a.reminderText(lang, data), "Command": markup.Escape(commandFor(c))}), a.saveCancel(lang, id), nil
}

// kindButtons ask, in lang, which reminder a snooze is for.
func (a *Assistant) kindButtons(lang, id string) [][]bot.Button {
	var rows [][]bot.Button
	for _, k := range kindLabels {
		rows = append(rows, []bot.Button{{Label: a.say(lang, k.button, nil), Payload: prefix + "/k/" + id + "/" + k.kind}})
	}
	return append(rows, a.cancelRow(lang, id))
}

// scoreButtons offer the scores 0 to 10 for a night without one.
func (a *Assistant) scoreButtons(lang, id string) [][]bot.Button {
	var rows [][]bot.Button
	var row []bot.Button
	for i := 0; i <= 10; i++ {
		row = append(row, bot.Button{Label: strconv.Itoa(i), Payload: fmt.Sprintf("%s/s/%s/%d", prefix, id, i)})
		if i == 5 || i == 10 {
			rows, row = append(rows, row), nil
		}
	}
	return append(rows, a.cancelRow(lang, id))
}

// nightDate is the date key of "night" nights before last night.
func (a *Assistant) nightDate(u *bot.User, night string) string {
	n, _ := strconv.Atoi(night)
	return bot.Today(a.now(), u).AddDate(0, 0, -n).Format(bot.DateLayout)
}

// remember keeps the topic just answered as the chat's context, in a
// private chat where no flow is running, so that a follow-up continues it.
func (a *Assistant) remember(ctx context.Context, req *bot.Request, t *content.Topic) error {
	if t == nil || !req.Private {
		return nil
	}
	conv, err := a.store.Conversation(ctx, req.User.ID)
	switch {
	case err == nil && bot.Busy(conv):
		return nil
	case err != nil && err != bot.ErrNotFound:
		return fmt.Errorf("load conversation: %w", err)
	}
	if err := a.store.SaveConversation(ctx, bot.Conversation{UserID: req.User.ID, Flow: bot.ContextFlow, Data: map[string]string{"topic": t.ID}}); err != nil {
		return fmt.Errorf("save context: %w", err)
	}
	return nil
}

// followUp answers a message the classifier could not place as a
// follow-up of the topic the chat was about, if there is one and it was
// recent (bot.QuestionTTL).
func (a *Assistant) followUp(ctx context.Context, req *bot.Request, text string) (content.Answer, bool) {
	if !req.Private {
		return content.Answer{}, false
	}
	conv, err := a.store.Conversation(ctx, req.User.ID)
	if err != nil || conv.Flow != bot.ContextFlow || bot.Expired(conv, a.now()) {
		return content.Answer{}, false
	}
	return a.content.FollowUp(text, conv.Data["topic"])
}

// dataRequest answers "delete my data", "forget me" or "withdraw my
// consent" whatever flow is running (a /log, the time-zone step of
// /start): privacy must never wait for a flow to end. Inside /forget's
// question or /privacy's offer, such words are their answer instead.
func (a *Assistant) dataRequest(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
	if conv.Flow == bot.ForgetFlow || conv.Flow == bot.PrivacyFlow {
		return nil, false, nil
	}
	switch act, ok := understand.DataRequest(req.Text); {
	case ok && act == understand.Forget:
		out, err := a.run(ctx, req, "forget", "")
		return out, true, err
	case ok && act == understand.Privacy && req.User.Consented() && withdrawWords.MatchString(strings.ToLower(req.Text)):
		// "withdraw", "stop storing my health notes": what the button
		// under /privacy does, typed.
		sub := *req
		sub.Text, sub.Payload = "", bot.WithdrawPayload
		out, err := a.router.Dispatch(ctx, &sub)
		return out, true, err
	case ok && act == understand.Privacy:
		out, err := a.run(ctx, req, "privacy", "")
		return out, true, err
	}
	return nil, false, nil
}

// withdrawWords mark a privacy request that takes consent back.
var withdrawWords = regexp.MustCompile(`\b(withdraw|revoke|take back|stop (?:you |u )?(keeping|storing|saving)|do not (?:you )?(keep|store|save)|dont (keep|store|save))\b`)
