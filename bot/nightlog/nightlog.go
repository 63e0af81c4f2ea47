// Package nightlog records the user's nights in their private journal:
// /log (in one message or a short wizard, with the sleep diary) and
// /water. It also adds to the water and morning reminders (Decorate).
// What the journal shows back (/journal, /week, /chart, /report) is
// bot/insights; medicines and iron tests are bot/medicines.
package nightlog

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// Store is what the journal reads and writes.
type Store interface {
	bot.ConversationStore
	SaveNight(ctx context.Context, n bot.Night) (previous *bot.Night, err error)
	Nights(ctx context.Context, userID, from, to string) ([]bot.Night, error)
	AddWater(ctx context.Context, userID, day string, ml int) (int, error)
	Water(ctx context.Context, userID, from, to string) (map[string]int, error)
	HealthStore
}

// Options configure the journal.
type Options struct {
	Store   Store
	Content *content.Library // nil means the embedded one
	Logger  *slog.Logger     // nil discards logs
	Now     func() time.Time // nil means time.Now
}

// Log is the night-log feature: /log, /water and the sleep diary.
type Log struct {
	store   Store
	content *content.Library
	log     *slog.Logger
	now     func() time.Time
	router  *bot.Router // answers a side question in the middle of /log
}

// New returns the journal.
func New(o Options) *Log {
	j := &Log{store: o.Store, content: o.Content, log: o.Logger, now: o.Now}
	if j.content == nil {
		j.content = content.Default()
	}
	if j.log == nil {
		j.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if j.now == nil {
		j.now = time.Now
	}
	return j
}

// Register adds /log, /water and their buttons and flow to r. Logging
// needs the user's consent to keep health notes.
func (j *Log) Register(r *bot.Router) {
	j.router = r
	consent := []bot.Middleware{bot.RequireConsent}
	j.registerDiary(r)
	r.Command(bot.Command{Name: "log", Description: "Log last night: how your legs were, in a few taps", Args: "[yesterday|N nights ago|YYYY-MM-DD] [0-10] [note]", Handler: j.logCommand, Use: []bot.Middleware{bot.PrivateOnly, bot.RequireConsent}})
	r.Command(bot.Command{Name: "water", Description: "Add water you drank, and see today's total", Args: "[0.5 | 500ml | 2 glasses]", Handler: j.water, Use: consent})
	r.Button(logPrefix+"/q/{severity}", j.quickLogButton, consent...)
	r.Button(logPrefix+"/x", j.cancelButton, consent...)
	r.Button(logPrefix+"/{step}/{answer}", j.logButton, consent...)
	r.Button(waterPrefix+"/{ml}", j.waterButton, consent...)
	r.Flow(logFlow, j.logText, consent...)
}

// The journal: /log writes one night, in one message ("/log 6") or with a
// short button wizard (severity, woke?, late caffeine?, stretched?, note).
// A night is keyed by the local date of the morning it ended.
const (
	logFlow   = "log"
	logPrefix = "lg"

	// maxBackdateDays is how far back a night may be logged.
	maxBackdateDays = 365
	// maxNoteRunes bounds a night's note.
	maxNoteRunes = 500

	stepSeverity  = 0
	stepWoke      = 1
	stepCaffeine  = 2
	stepStretched = 3
	stepNote      = 4
)

// logSteps are the yes/no questions of the wizard, by step: the key of
// the answer in the wizard's data, the payload letter and the question's
// message id.
var logSteps = map[int]struct{ key, letter, question string }{
	stepWoke:      {"woke", "w", "LogAskWoke"},
	stepCaffeine:  {"caf", "c", "LogAskCaffeine"},
	stepStretched: {"str", "t", "LogAskStretched"},
}

// today is the user's local date.
func (j *Log) today(u *bot.User) time.Time { return bot.Today(j.now(), u) }

// nightName names a night for people in lang: "the night to Wed 25
// Nov", "la noche del 25/11" (content/locales/nightlog).
func (j *Log) nightName(lang, date string) string {
	t, err := time.Parse(bot.DateLayout, date)
	if err != nil {
		return date
	}
	return j.content.Text(lang, "LogNightTo", map[string]string{"Date": t.Format(j.content.Text(lang, "LogNightDate", nil))})
}

// nightArg is how to name a night in a command: "" for today.
func nightArg(night string, today time.Time) string {
	switch night {
	case today.Format(bot.DateLayout):
		return ""
	case today.AddDate(0, 0, -1).Format(bot.DateLayout):
		return "yesterday"
	}
	return night
}

// saveNight changes the stored night (or a new one) with edit and saves it.
func (j *Log) saveNight(ctx context.Context, u *bot.User, date string, edit func(*bot.Night)) (*bot.Night, error) {
	existing, err := j.store.Nights(ctx, u.ID, date, date)
	if err != nil {
		return nil, fmt.Errorf("load night: %w", err)
	}
	n := bot.Night{UserID: u.ID, Date: date}
	if len(existing) == 1 {
		n = existing[0]
	}
	edit(&n)
	n.LoggedAt = j.now().UTC()
	prev, err := j.store.SaveNight(ctx, n)
	if err != nil {
		return nil, fmt.Errorf("save night: %w", err)
	}
	return prev, nil
}

// startLog begins the wizard for a night; severity < 0 asks for it first.
func (j *Log) startLog(ctx context.Context, u *bot.User, night string, severity int) ([]bot.Response, error) {
	conv := bot.Conversation{UserID: u.ID, Flow: logFlow, Step: stepSeverity, Data: map[string]string{"night": night}}
	if severity >= 0 {
		conv.Step, conv.Data["sev"] = stepWoke, strconv.Itoa(severity)
	}
	return j.saveStep(ctx, u, conv)
}

// severityButtons are the scores 0 to 10 in two rows, with payloads
// "lg/<step>/<n>": "s" in the wizard, "q" in the morning check-in.
func severityButtons(step string) [][]bot.Button {
	var rows [][]bot.Button
	var row []bot.Button
	for i := 0; i <= 10; i++ {
		row = append(row, bot.Button{Label: strconv.Itoa(i), Payload: fmt.Sprintf("%s/%s/%d", logPrefix, step, i)})
		if i == 5 || i == 10 {
			rows, row = append(rows, row), nil
		}
	}
	return rows
}

// logPrompt asks the wizard's current question.
func (j *Log) logPrompt(u *bot.User, conv bot.Conversation, lead string) []bot.Response {
	if _, ok := diarySteps[conv.Step]; ok {
		return j.diaryPrompt(u, conv, lead)
	}
	lang := u.LanguageOrDefault()
	night := conv.Data["night"]
	tag := nightTag(night) // an earlier log's keyboard, for another night, cannot answer this one
	cancel := j.cancelButtonRow(lang)
	switch conv.Step {
	case stepSeverity:
		rows := severityButtons("s" + tag)
		return []bot.Response{{Text: lead + j.say(lang, "LogAskScore", j.nightData(lang, night)), Buttons: append(rows, cancel), Personal: true}}
	case stepNote:
		return []bot.Response{{Text: lead + j.say(lang, "LogAskNote", nil), Buttons: [][]bot.Button{{{Label: j.say(lang, "LogBtnSkip", nil), Payload: logPrefix + "/n" + tag + "/skip"}}, cancel}, Personal: true}}
	}
	st := logSteps[conv.Step]
	return []bot.Response{{
		Text: lead + j.say(lang, st.question, nil),
		Buttons: [][]bot.Button{
			{{Label: j.say(lang, "LogBtnYes", nil), Payload: logPrefix + "/" + st.letter + tag + "/y"}, {Label: j.say(lang, "LogBtnNo", nil), Payload: logPrefix + "/" + st.letter + tag + "/n"}},
			cancel,
		},
		Personal: true,
	}}
}

// nightTag is what the wizard's buttons carry of the night they log
// (".20261130"), so a keyboard from a log of another night is inert.
func nightTag(night string) string {
	if night == "" {
		return ""
	}
	return "." + strings.ReplaceAll(night, "-", "")
}

// quickLogButton handles "lg/q/<n>", the morning check-in's one-tap
// severity, which starts a log for the night just ended.
func (j *Log) quickLogButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	sev, ok := parseSeverity(req.Param("severity"))
	if !ok {
		return bot.Stale(), nil
	}
	return j.startLog(ctx, req.User, j.today(req.User).Format(bot.DateLayout), sev)
}

// cancelButton handles "lg/x": cancel the running log.
func (j *Log) cancelButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	lang := req.Language()
	conv, in, err := bot.ConversationIn(ctx, j.store, req.User.ID, logFlow)
	if err != nil {
		return nil, err
	}
	if !in {
		return j.alreadyDone(lang), nil
	}
	if err := j.store.EndConversation(ctx, req.User.ID); err != nil {
		return nil, fmt.Errorf("cancel log: %w", err)
	}
	if conv.Data["saved"] == "" {
		return bot.Reply(j.say(lang, "LogCancelled", nil)), nil
	}
	// Every answer was saved as it was given: stopping keeps them.
	night := conv.Data["night"]
	data := with(j.nightData(lang, night), "Line", j.nightLine(lang, nightFromData(conv.Data)),
		"Command", strings.TrimSpace("/log "+nightArg(night, j.today(req.User))))
	return []bot.Response{{Text: j.say(lang, "LogStopped", data), Personal: true}}, nil
}

// alreadyDone answers a wizard button after the wizard ended.
func (j *Log) alreadyDone(lang string) []bot.Response {
	return bot.Reply(j.say(lang, "LogAlreadyDone", nil))
}

// logButton handles the wizard's answers: "lg/s/<n>", "lg/w|c|t/y|n" and
// "lg/n/skip".
func (j *Log) logButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	conv, in, err := bot.ConversationIn(ctx, j.store, req.User.ID, logFlow)
	if err != nil {
		return nil, err
	}
	lang := req.Language()
	if !in {
		return j.alreadyDone(lang), nil
	}
	want := map[int]string{stepSeverity: "s", stepWoke: "w", stepCaffeine: "c", stepStretched: "t", stepNote: "n"}[conv.Step]
	step, tag, tagged := strings.Cut(req.Param("step"), ".")
	if tagged && "."+tag != nightTag(conv.Data["night"]) {
		return j.logPrompt(req.User, conv, j.lead(lang, "LogEarlierNight")), nil
	}
	if step != want {
		return j.logPrompt(req.User, conv, j.lead(lang, "LogOtherQuestion")), nil
	}
	return j.logAnswer(ctx, req.User, conv, req.Param("answer"))
}

// logAnswer applies one answer (a severity, "y"/"n", a note or "skip") to
// the wizard and asks the next question, or saves the night.
func (j *Log) logAnswer(ctx context.Context, u *bot.User, conv bot.Conversation, answer string) ([]bot.Response, error) {
	switch conv.Step {
	case stepSeverity:
		sev, ok := parseSeverity(answer)
		if !ok {
			return j.logPrompt(u, conv, j.lead(u.LanguageOrDefault(), "LogPleaseScore")), nil
		}
		conv.Data["sev"] = strconv.Itoa(sev)
	case stepWoke, stepCaffeine, stepStretched:
		if answer != skipAnswer {
			conv.Data[logSteps[conv.Step].key] = answer
		}
	case stepNote:
		if answer != "skip" {
			conv.Data["note"] = answer
		}
		return j.finishLog(ctx, u, conv)
	default:
		return j.diaryAnswer(ctx, u, conv, answer)
	}
	conv.Step = nextStep(conv)
	return j.saveStep(ctx, u, conv)
}

// finishLog saves the night and ends the wizard.
func (j *Log) finishLog(ctx context.Context, u *bot.User, conv bot.Conversation) ([]bot.Response, error) {
	d := conv.Data
	told := nightFromData(d)
	prev, err := j.saveNight(ctx, u, d["night"], func(n *bot.Night) {
		n.Severity, n.Woke, n.LateCaffeine, n.Stretched, n.Note = told.Severity, told.Woke, told.LateCaffeine, told.Stretched, told.Note
	})
	if err != nil {
		return nil, err
	}
	if d["saved"] != "" { // saved step by step: the night existed before the log only if it said so then
		prev = nil
		if d["had"] != "" {
			prev = &bot.Night{}
		}
	}
	diaryText := ""
	var diary bot.Diary
	if diaryFromData(d, &diary) {
		saved, err := j.SaveDiary(ctx, u, d["night"], func(old *bot.Diary) { diaryFromData(d, old) })
		if err != nil {
			return nil, err
		}
		if line, ok := j.diaryLine(u.LanguageOrDefault(), saved); ok { // every diary question skipped: nothing to show
			diaryText = "\n" + line
		}
	}
	if err := j.store.EndConversation(ctx, u.ID); err != nil {
		return nil, fmt.Errorf("end log: %w", err)
	}
	lang := u.LanguageOrDefault()
	title := "LogWizSaved"
	if prev != nil {
		title = "LogWizUpdated"
	}
	text := j.say(lang, title, j.nightData(lang, d["night"])) + "\n" + j.nightLine(lang, told) + diaryText + "\n\n" + j.say(lang, "LogWizFooter", nil)
	return []bot.Response{{Text: text, Personal: true}}, nil
}

// nightFromData is the night the wizard's answers so far describe.
func nightFromData(d map[string]string) bot.Night {
	sev, _ := strconv.Atoi(d["sev"])
	n := bot.Night{Severity: sev, Note: d["note"], Date: d["night"]}
	yes := func(key string) *bool {
		v, ok := d[key]
		if !ok {
			return nil
		}
		b := v == "y"
		return &b
	}
	n.Woke, n.LateCaffeine, n.Stretched = yes("woke"), yes("caf"), yes("str")
	return n
}

// keepSoFar saves what the wizard has been told so far, once it has a
// score: a person who stops after the score, or whose chat ends, keeps
// what they gave. Only the answered fields change a night logged before.
func (j *Log) keepSoFar(ctx context.Context, u *bot.User, conv *bot.Conversation) error {
	d := conv.Data
	if d["sev"] == "" {
		return nil
	}
	so := nightFromData(d)
	prev, err := j.saveNight(ctx, u, d["night"], func(n *bot.Night) {
		n.Severity = so.Severity
		if so.Woke != nil {
			n.Woke = so.Woke
		}
		if so.LateCaffeine != nil {
			n.LateCaffeine = so.LateCaffeine
		}
		if so.Stretched != nil {
			n.Stretched = so.Stretched
		}
		if so.Note != "" {
			n.Note = so.Note
		}
	})
	if err != nil {
		return err
	}
	if d["saved"] == "" {
		d["saved"] = "1"
		if prev != nil {
			d["had"] = "1"
		}
	}
	var diary bot.Diary
	if diaryFromData(d, &diary) {
		if _, err := j.SaveDiary(ctx, u, d["night"], func(old *bot.Diary) { diaryFromData(d, old) }); err != nil {
			return err
		}
	}
	return nil
}

// logText reads typed answers during the wizard: a number, yes or no, or
// the note. Anything typed at the note step is the note.
func (j *Log) logText(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
	lang := req.Language()
	text := strings.TrimSpace(req.Text)
	word := strings.ToLower(strings.Trim(text, ".!¡ "))
	if stopWords[word] {
		out, err := j.cancelButton(ctx, req)
		return out, true, err
	}
	if _, ok := diarySteps[conv.Step]; ok {
		return j.diaryText(ctx, req, conv, text)
	}
	switch conv.Step {
	case stepNote:
		if noteSkipWords[word] {
			text = "skip"
		} else if utf8.RuneCountInString(text) > maxNoteRunes {
			return j.logPrompt(req.User, conv, j.content.TextN(lang, "LogNoteTooLong", maxNoteRunes, nil)+"\n\n"), true, nil
		}
		out, err := j.logAnswer(ctx, req.User, conv, text)
		return out, true, err
	case stepSeverity:
		if _, ok := parseSeverity(word); ok || bot.LooksLikeAnswer(text) {
			out, err := j.logAnswer(ctx, req.User, conv, word)
			return out, true, err
		}
		if n, ok := scoreInWords(word); ok { // "it was pretty bad, like an 8"
			out, err := j.logAnswer(ctx, req.User, conv, strconv.Itoa(n))
			return out, true, err
		}
	default:
		if answer := readYesNo(text); answer != "" {
			out, err := j.logAnswer(ctx, req.User, conv, answer)
			return out, true, err
		}
		if bot.LooksLikeAnswer(text) {
			return j.logPrompt(req.User, conv, j.lead(lang, "LogYesOrNo")), true, nil
		}
	}
	return j.sideQuestion(ctx, req, conv)
}

// sideQuestion answers a question asked in the middle of the wizard ("is
// coffee bad for it?") as it would be outside it, and asks the wizard's
// question again: the log waits where it was.
func (j *Log) sideQuestion(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
	if j.router == nil {
		return nil, false, nil
	}
	out, err := j.router.Fallback(ctx, req)
	if err != nil {
		return nil, true, err
	}
	return append(out, j.logPrompt(req.User, conv, j.say(req.Language(), "LogWaiting", nil)+" ")...), true, nil
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
