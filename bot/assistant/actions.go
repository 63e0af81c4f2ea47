package assistant

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/profile"
	"github.com/calmnights/calmnights/bot/understand"
	"github.com/calmnights/calmnights/content"
)

// reminderKinds maps the classifier's kinds to /remind's.
var reminderKinds = map[string]string{"water": "water", "stretch": "stretch", "winddown": "winddown", "caffeine": "caffeine", "morning": "morning"}

// reminderChange is the typed change a reminder request asks for, and
// false when the request lacks what the change needs (which reminder, a
// time).
func reminderChange(d map[string]string) (bot.ReminderChange, bool) {
	num := func(k string) int { n, _ := strconv.Atoi(d[k]); return n }
	switch understand.Action(d["act"]) {
	case understand.Pause:
		c := bot.ReminderChange{Op: bot.PauseReminders, PauseDays: num("days")}
		if d["days"] == "" && d["hours"] != "" {
			c.PauseDays = max(1, (num("hours")+23)/24)
		}
		return c, true
	case understand.Resume:
		return bot.ReminderChange{Op: bot.ResumeReminders}, true
	case understand.Quiet:
		switch d["state"] {
		case "off":
			return bot.ReminderChange{Op: bot.QuietOff}, true
		case "default":
			return bot.ReminderChange{Op: bot.QuietDefault}, true
		}
		from, err1 := bot.ParseClock(d["from"])
		to, err2 := bot.ParseClock(d["to"])
		return bot.ReminderChange{Op: bot.QuietHours, At: from, Until: to}, err1 == nil && err2 == nil
	case understand.Snooze:
		return bot.ReminderChange{Op: bot.RemindIn, Kind: reminderKinds[d["kind"]], Minutes: num("minutes")}, reminderKinds[d["kind"]] != ""
	case understand.Remind:
		c := bot.ReminderChange{Kind: reminderKinds[d["kind"]]}
		switch {
		case c.Kind == "":
			return c, false
		case d["state"] != "":
			c.Op = map[string]bot.ReminderOp{"on": bot.RemindOn, "off": bot.RemindOff, "default": bot.RemindDefault}[d["state"]]
			return c, c.Op != 0
		case d["every"] != "":
			c.Op, c.Minutes = bot.RemindEvery, num("every")
			return c, true
		case d["in"] != "":
			c.Op, c.Minutes = bot.RemindIn, num("in")
			return c, true
		case d["at"] != "":
			at, err := bot.ParseClock(d["at"])
			c.Op, c.At, c.Days = bot.RemindAt, at, d["days"]
			return c, err == nil
		}
	}
	return bot.ReminderChange{}, false
}

// commandFor is the command that makes the same change, shown under a
// proposal so that people learn it: "/remind stretch 22:00".
func commandFor(c bot.ReminderChange) string {
	switch c.Op {
	case bot.PauseReminders:
		if c.PauseDays > 0 {
			return fmt.Sprintf("/pause %d", c.PauseDays)
		}
		return "/pause"
	case bot.ResumeReminders:
		return "/resume"
	case bot.QuietHours:
		return "/quiet " + c.At.String() + "-" + c.Until.String()
	case bot.QuietOff:
		return "/quiet off"
	case bot.QuietDefault:
		return "/quiet default"
	case bot.RemindOn:
		return "/remind " + c.Kind + " on"
	case bot.RemindOff:
		return "/remind " + c.Kind + " off"
	case bot.RemindDefault:
		return "/remind " + c.Kind + " default"
	case bot.RemindEvery:
		return fmt.Sprintf("/remind %s every %dm", c.Kind, c.Minutes)
	case bot.RemindIn:
		return fmt.Sprintf("/remind %s in %dm", c.Kind, c.Minutes)
	case bot.RemindAt:
		if spec, ok := c.CronSpec(); ok {
			return "/remind " + c.Kind + " cron " + spec
		}
		return "/remind " + c.Kind + " " + c.At.String()
	}
	return "/reminders"
}

// reminderText says, in lang, what a reminder request will do.
func (a *Assistant) reminderText(lang string, d map[string]string) string {
	data := map[string]string{"Label": a.kindLabel(lang, d["kind"]), "At": d["at"], "Minutes": d["minutes"]}
	switch understand.Action(d["act"]) {
	case understand.Pause:
		if c, _ := reminderChange(d); c.PauseDays > 0 {
			return a.content.TextN(lang, "AsstPauseDays", c.PauseDays, nil)
		}
		return a.say(lang, "AsstPauseUntil", nil)
	case understand.Resume:
		return a.say(lang, "AsstResume", nil)
	case understand.Quiet:
		switch d["state"] {
		case "off":
			return a.say(lang, "AsstQuietOff", nil)
		case "default":
			return a.say(lang, "AsstQuietDefault", nil)
		}
		return a.say(lang, "AsstQuietHours", map[string]string{"From": d["from"], "To": d["to"]})
	case understand.Snooze:
		return a.say(lang, "AsstSnoozeKind", data)
	}
	switch {
	case d["state"] == "on":
		return a.say(lang, "AsstRemindOn", data)
	case d["state"] == "off":
		return a.say(lang, "AsstRemindOff", data)
	case d["state"] == "default":
		return a.say(lang, "AsstRemindDefault", data)
	case d["every"] != "":
		data["Every"] = a.minutesText(lang, d["every"])
		return a.say(lang, "AsstRemindEvery", data)
	case d["in"] != "":
		data["In"] = a.minutesText(lang, d["in"])
		return a.say(lang, "AsstRemindIn", data)
	case d["days"] != "":
		data["Days"] = d["days"]
		if id := map[string]string{"weekdays": "AsstDaysWeekdays", "weekends": "AsstDaysWeekends"}[d["days"]]; id != "" {
			data["Days"] = a.say(lang, id, nil)
		}
		return a.say(lang, "AsstRemindDays", data)
	}
	return a.say(lang, "AsstRemindAt", data)
}

// typed reads typed answers to a pending confirmation: yes saves, no
// cancels, undo undoes, and a bare score answers "how were your legs?".
// A question left unanswered for bot.QuestionTTL, or followed by another
// message, is dropped: a "yes" typed later answers nothing.
func (a *Assistant) typed(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, bool, error) {
	word := strings.ToLower(strings.Trim(strings.TrimSpace(req.Text), ".!"))
	if conv.Step == stepConsent {
		return a.consentTyped(ctx, req, conv, word)
	}
	if conv.Step == stepUndo {
		if undoWord(word) || a.content.Says(word, content.WordUndo) {
			out, err := a.undo(ctx, req, conv)
			return out, true, err
		}
		return nil, false, nil
	}
	if bot.Expired(conv, a.now()) {
		return nil, false, a.drop(ctx, req.User.ID)
	}
	switch answer := bot.TypedAnswer(word); {
	case answer == bot.AnswerYes || a.content.Says(word, content.WordYes) || a.content.Says(word, content.WordSave):
		out, err := a.confirm(ctx, req, conv)
		return out, true, err
	case answer == bot.AnswerNo || a.content.Says(word, content.WordNo) || a.content.Says(word, content.WordStop):
		out, err := a.cancel(ctx, req.User.ID, langOf(conv.Data))
		return out, true, err
	}
	if conv.Data["act"] == string(understand.Log) {
		if n, err := strconv.Atoi(word); err == nil && n >= 0 && n <= 10 && conv.Data["score"] == "" {
			conv.Data["score"] = word
			out, err := a.confirm(ctx, req, conv)
			return out, true, err
		}
	}
	return nil, false, a.drop(ctx, req.User.ID)
}

// undoWord reports a typed undo: "undo", "undo that".
func undoWord(word string) bool {
	switch word {
	case "undo", "undo that", "undo it", "undo please", "please undo", "undo the last one":
		return true
	}
	return false
}

// drop forgets a pending question that was not answered.
func (a *Assistant) drop(ctx context.Context, userID string) error {
	if err := a.store.EndConversation(ctx, userID); err != nil {
		return fmt.Errorf("drop pending: %w", err)
	}
	return nil
}

// confirmButton handles "nl/ok/<id>".
func (a *Assistant) confirmButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	conv, ok, err := a.pending(ctx, req.User.ID, req.Param("id"))
	if err != nil || !ok || conv.Step != stepPending {
		return a.gone(req.Language()), err
	}
	return a.confirm(ctx, req, conv)
}

// cancelButton handles "nl/no/<id>".
func (a *Assistant) cancelButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	conv, ok, err := a.pending(ctx, req.User.ID, req.Param("id"))
	if err != nil || !ok {
		return a.gone(req.Language()), err
	}
	return a.cancel(ctx, req.User.ID, langOf(conv.Data))
}

// cancel drops the pending confirmation and says so in lang.
func (a *Assistant) cancel(ctx context.Context, userID, lang string) ([]bot.Response, error) {
	if err := a.store.EndConversation(ctx, userID); err != nil {
		return nil, fmt.Errorf("cancel pending: %w", err)
	}
	return bot.Reply(a.say(lang, "AsstCancelled", nil)), nil
}

// scoreButton handles "nl/s/<id>/<score>": a night's score, which saves it.
func (a *Assistant) scoreButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	conv, ok, err := a.pending(ctx, req.User.ID, req.Param("id"))
	n, convErr := strconv.Atoi(req.Param("score"))
	if err != nil || !ok || convErr != nil || n < 0 || n > 10 || conv.Data["act"] != string(understand.Log) {
		return a.gone(req.Language()), err
	}
	conv.Data["score"] = strconv.Itoa(n)
	return a.confirm(ctx, req, conv)
}

// choiceButton handles "nl/z/<id>/<n>": the nth zone of a pick-list.
func (a *Assistant) choiceButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	conv, ok, err := a.pending(ctx, req.User.ID, req.Param("id"))
	if err != nil || !ok {
		return a.gone(req.Language()), err
	}
	choices := strings.Fields(conv.Data["choices"])
	n, err := strconv.Atoi(req.Param("n"))
	if err != nil || n < 0 || n >= len(choices) {
		return a.gone(langOf(conv.Data)), nil
	}
	conv.Data["zone"] = choices[n]
	delete(conv.Data, "choices")
	return a.confirm(ctx, req, conv)
}

// kindButton handles "nl/k/<id>/<kind>": which reminder to snooze.
func (a *Assistant) kindButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	conv, ok, err := a.pending(ctx, req.User.ID, req.Param("id"))
	if err != nil || !ok || reminderKinds[req.Param("kind")] == "" {
		return a.gone(req.Language()), err
	}
	conv.Data["kind"] = req.Param("kind")
	return a.confirm(ctx, req, conv)
}

// undoButton handles "nl/undo/<id>".
func (a *Assistant) undoButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	conv, ok, err := a.pending(ctx, req.User.ID, req.Param("id"))
	if err != nil || !ok || conv.Step != stepUndo {
		return bot.Reply(a.say(req.Language(), "AsstUndoGone", nil)), err
	}
	return a.undo(ctx, req, conv)
}

// errRefused marks a change another feature refused; its reply says why.
var errRefused = errors.New("refused")

// confirm carries out a pending change and offers Undo where it can.
func (a *Assistant) confirm(ctx context.Context, req *bot.Request, conv bot.Conversation) ([]bot.Response, error) {
	u := req.User
	d := conv.Data
	lang := langOf(d)
	undo := map[string]string{"act": d["act"], "lang": lang}
	var out []bot.Response
	switch understand.Action(d["act"]) {
	case actRate:
		var err error
		if out, err = a.confirmRating(ctx, u, d, undo, lang); err != nil || undo["facet"] == "" {
			return out, err
		}
	case understand.Medicine:
		var err error
		if out, err = a.confirmDose(ctx, u, d, undo, lang); err != nil || undo["dose"] == "" {
			return out, err
		}
	case understand.Water:
		if !u.Consented() {
			return bot.ConsentNeeded(), nil
		}
		ml, _ := strconv.Atoi(d["ml"])
		day := bot.Today(a.now(), u).Format(bot.DateLayout)
		total, err := a.store.AddWater(ctx, u.ID, day, ml)
		if err != nil {
			return nil, fmt.Errorf("add water: %w", err)
		}
		undo["day"], undo["ml"] = day, d["ml"]
		out = bot.Personal(a.say(lang, "AsstWaterAdded", map[string]string{"Amount": a.litres(lang, ml), "Total": a.litres(lang, total)}))
	case understand.Log:
		if !u.Consented() {
			return bot.ConsentNeeded(), nil
		}
		text, err := a.saveNight(ctx, u, d, undo, lang)
		if errors.Is(err, errRefused) {
			// "yes" to a night told without a score: the score is still
			// to come, and the night stays pending for it.
			return bot.Reply(a.say(lang, "AsstNeedScore", nil)), nil
		}
		if err != nil {
			return nil, err
		}
		out = bot.Personal(text)
	case understand.Bedtime, understand.WakeTime:
		c, err := bot.ParseClock(d["at"])
		if err != nil {
			return a.gone(lang), nil
		}
		bed := d["act"] == string(understand.Bedtime)
		prev := u.WakeTime
		if bed {
			prev = u.Bedtime
		}
		if prev != nil {
			undo["prev"] = prev.String()
		}
		updated, refusal, err := a.settings.SetClock(ctx, u.ID, c, bed)
		if err != nil || refusal != "" {
			_ = a.store.EndConversation(ctx, u.ID)
			return bot.Reply(refusal), err
		}
		told := withLang(&updated, lang)
		text := a.say(lang, "AsstWakeSet", map[string]string{"At": c.String(), "Window": profile.SleepWindowText(told)})
		if bed {
			text = profile.BedtimeSetText(told) + " ✓"
		}
		out = bot.Personal(text)
	case understand.TimeZone:
		undo["prev"] = u.TimeZone
		if undo["prev"] == "" {
			undo["prev"] = "-"
		}
		updated, err := a.settings.SetZone(ctx, u.ID, d["zone"])
		if err != nil {
			return nil, err
		}
		out = bot.Personal(profile.ZoneSetText(withLang(&updated, lang), a.now()))
	default:
		c, ok := reminderChange(d)
		if !ok {
			return a.gone(lang), nil
		}
		if err := a.store.EndConversation(ctx, u.ID); err != nil {
			return nil, fmt.Errorf("end pending: %w", err)
		}
		if a.reminders == nil {
			return bot.Reply(a.say(lang, "AsstRemindersOff", nil)), nil
		}
		return a.reminders.ChangeReminders(ctx, withLang(u, lang), c)
	}
	id := newID()
	undo["id"] = id
	if err := a.store.SaveConversation(ctx, bot.Conversation{UserID: u.ID, Flow: flow, Step: stepUndo, Data: undo}); err != nil {
		return nil, fmt.Errorf("save undo: %w", err)
	}
	out[0].Buttons = [][]bot.Button{{{Label: a.say(lang, "AsstBtnUndo", nil), Payload: prefix + "/undo/" + id}}}
	return out, nil
}

// run carries out a command through the Router, as if the user had typed
// it (/forget, /privacy, the navigation in words).
func (a *Assistant) run(ctx context.Context, req *bot.Request, cmd, args string) ([]bot.Response, error) {
	sub := *req
	sub.Command, sub.Args, sub.Text, sub.Payload, sub.Params = cmd, args, "", "", nil
	if _, ok := a.router.Lookup(cmd); !ok {
		return bot.Reply(a.say(req.Language(), "AsstNotRunning", nil)), nil
	}
	// Dispatch runs the command's own middlewares (PrivateOnly for /forget).
	out, err := a.router.Dispatch(ctx, &sub)
	if err != nil {
		return nil, fmt.Errorf("run /%s: %w", cmd, err)
	}
	return out, nil
}

// saveNight merges what the message said into the night and saves it,
// filling undo with what restores the night before; it says so in lang.
func (a *Assistant) saveNight(ctx context.Context, u *bot.User, d, undo map[string]string, lang string) (string, error) {
	date := d["date"]
	existing, err := a.store.Nights(ctx, u.ID, date, date)
	if err != nil {
		return "", fmt.Errorf("load night: %w", err)
	}
	n := bot.Night{UserID: u.ID, Date: date}
	if len(existing) == 1 {
		n = existing[0]
	}
	if s, err := strconv.Atoi(d["score"]); err == nil && s >= 0 && s <= 10 {
		n.Severity = s
	} else if len(existing) == 0 {
		return "", fmt.Errorf("night without a score: %w", errRefused)
	}
	flag := func(key string, dst **bool) {
		switch d[key] {
		case "true", "false":
			b := d[key] == "true"
			*dst = &b
		}
	}
	flag("woke", &n.Woke)
	flag("caffeine", &n.LateCaffeine)
	flag("stretched", &n.Stretched)
	if d["note"] != "" {
		if n.Note != "" && !strings.Contains(n.Note, d["note"]) {
			n.Note += "; " + d["note"]
		} else {
			n.Note = d["note"]
		}
	}
	n.LoggedAt = a.now().UTC()
	prev, err := a.store.SaveNight(ctx, n)
	if err != nil {
		return "", fmt.Errorf("save night: %w", err)
	}
	if err := a.saveDiary(ctx, u, date, d, undo); err != nil {
		return "", err
	}
	before := ""
	if s, err := strconv.Atoi(d["before"]); err == nil && s >= 0 && s <= 10 {
		// "last night 4, the night before 7": the night before too.
		t, _ := time.Parse(bot.DateLayout, date)
		prevDate := t.AddDate(0, 0, -1).Format(bot.DateLayout)
		old, err := a.store.Nights(ctx, u.ID, prevDate, prevDate)
		if err != nil {
			return "", fmt.Errorf("load night: %w", err)
		}
		pn := bot.Night{UserID: u.ID, Date: prevDate}
		if len(old) == 1 {
			pn = old[0]
			undo["before.sev"] = strconv.Itoa(old[0].Severity)
		}
		pn.Severity, pn.LoggedAt = s, a.now().UTC()
		if _, err := a.store.SaveNight(ctx, pn); err != nil {
			return "", fmt.Errorf("save night before: %w", err)
		}
		undo["before.date"] = prevDate
		before = " " + a.say(lang, "AsstNightBefore", map[string]string{"Night": a.nightName(lang, prevDate), "Score": strconv.Itoa(s)})
	}
	undo["date"] = date
	if prev != nil {
		undo["sev"] = strconv.Itoa(prev.Severity)
		undo["woke"], undo["caffeine"], undo["stretched"] = boolText(prev.Woke), boolText(prev.LateCaffeine), boolText(prev.Stretched)
		undo["note"] = prev.Note
		undo["logged"] = strconv.FormatInt(prev.LoggedAt.Unix(), 10)
	}
	id := "AsstNightSaved"
	if prev != nil {
		id = "AsstNightUpdated"
	}
	v := map[string]string{"score": strconv.Itoa(n.Severity), "woke": boolText(n.Woke), "caffeine": boolText(n.LateCaffeine), "stretched": boolText(n.Stretched), "note": n.Note,
		"awk": d["awk"], "start": d["start"], "bed": d["bed"], "lat": d["lat"], "wake": d["wake"]}
	return a.say(lang, id, map[string]string{"Night": a.nightName(lang, date), "Facts": a.factsText(lang, v), "Before": before}), nil
}

// diaryClocks and diaryCounts are the sleep-diary facts a night told in
// words may hold, by their key in its values: one list for saving them,
// keeping them for undo and restoring them.
var (
	diaryClocks = []struct {
		key   string
		field func(*bot.Diary) **bot.Clock
	}{
		{"bed", func(d *bot.Diary) **bot.Clock { return &d.InBed }},
		{"wake", func(d *bot.Diary) **bot.Clock { return &d.FinalWake }},
		{"start", func(d *bot.Diary) **bot.Clock { return &d.SymptomStart }},
	}
	diaryCounts = []struct {
		key   string
		field func(*bot.Diary) **int
	}{
		{"lat", func(d *bot.Diary) **int { return &d.LatencyMin }},
		{"awk", func(d *bot.Diary) **int { return &d.Awakenings }},
	}
)

// toldDiary reports whether the values hold a sleep-diary fact.
func toldDiary(d map[string]string) bool {
	for _, f := range diaryClocks {
		if d[f.key] != "" {
			return true
		}
	}
	for _, f := range diaryCounts {
		if d[f.key] != "" {
			return true
		}
	}
	return false
}

// saveDiary keeps the diary facts of d in the night's sleep diary,
// merged into what was there, and fills undo with the diary before.
func (a *Assistant) saveDiary(ctx context.Context, u *bot.User, date string, d, undo map[string]string) error {
	if !toldDiary(d) {
		return nil
	}
	old, err := a.store.Diaries(ctx, u.ID, date, date)
	if err != nil {
		return fmt.Errorf("load diary: %w", err)
	}
	dy := bot.Diary{UserID: u.ID, Date: date}
	if len(old) == 1 {
		dy = old[0]
		undo["diary"] = diaryText(dy)
	} else {
		undo["diary"] = "-"
	}
	for _, f := range diaryClocks {
		if c, err := bot.ParseClock(d[f.key]); err == nil && d[f.key] != "" {
			*f.field(&dy) = &c
		}
	}
	for _, f := range diaryCounts {
		if n, err := strconv.Atoi(d[f.key]); err == nil {
			*f.field(&dy) = &n
		}
	}
	dy.UpdatedAt = a.now().UTC()
	if err := a.store.SaveDiary(ctx, dy); err != nil {
		return fmt.Errorf("save diary: %w", err)
	}
	return nil
}

// diaryText keeps a diary's told facts in undo's data ("bed=1390 lat=40
// …"), for restoring it.
func diaryText(d bot.Diary) string {
	var parts []string
	for _, f := range diaryClocks {
		if c := *f.field(&d); c != nil {
			parts = append(parts, f.key+"="+strconv.Itoa(int(*c)))
		}
	}
	for _, f := range diaryCounts {
		if n := *f.field(&d); n != nil {
			parts = append(parts, f.key+"="+strconv.Itoa(*n))
		}
	}
	return strings.Join(parts, " ")
}

func boolText(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}
