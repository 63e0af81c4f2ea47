package nightlog

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot"
)

// HealthStore is what the sleep diary and the morning check-in read and
// write beside the nights. The medicine list is the medicines feature's;
// the journal only reads it, for the check-in's "taken" buttons.
type HealthStore interface {
	SaveDiary(ctx context.Context, d bot.Diary) error
	Diaries(ctx context.Context, userID, from, to string) ([]bot.Diary, error)
	LatestDiary(ctx context.Context, userID, before string) (*bot.Diary, error)
	Medicines(ctx context.Context, userID string) ([]bot.Medicine, error)
}

// The sleep diary and symptom timing steps of the /log wizard. They come
// after the yes/no habits and before the note; their numbers are new so a
// wizard saved by an older version still resumes at the right question.
const (
	stepDiary    = 10 // same as usual / fill in / skip
	stepBed      = 11
	stepLatency  = 12
	stepAwake    = 13
	stepWake     = 14
	stepOut      = 15
	stepQuality  = 16
	stepStart    = 17
	stepMoving   = 18
	stepSpread   = 19
	stepAlcohol  = 20
	diaryPrefix  = logPrefix + "/d" // "lg/d/<night>/<step>/<answer>"
	usualPrefix  = "sd"             // "sd/usual/<night>" in the morning check-in
	skipAnswer   = "-"
	compactDate  = "20060102"
	maxUsualDays = 2 // how old a morning's "same as usual" button may be
)

// diarySteps names each diary step: its payload letter and its key in
// the wizard's data.
var diarySteps = map[int]struct{ letter, key string }{
	stepDiary: {"u", ""}, stepBed: {"b", "bed"}, stepLatency: {"l", "lat"}, stepAwake: {"k", "awk"},
	stepWake: {"e", "wake"}, stepOut: {"o", "out"}, stepQuality: {"y", "qual"}, stepStart: {"r", "start"},
	stepMoving: {"v", "mov"}, stepSpread: {"p", "spr"}, stepAlcohol: {"a", "alc"},
}

// nextStep is the wizard's question after the current one.
func nextStep(conv bot.Conversation) int {
	symptoms := conv.Data["sev"] != "0"
	switch conv.Step {
	case stepStretched:
		return stepAlcohol
	case stepAlcohol:
		return stepDiary
	case stepDiary, stepQuality:
		if symptoms {
			return stepStart
		}
		return stepNote
	case stepSpread:
		return stepNote
	}
	return conv.Step + 1
}

// registerDiary adds the diary's buttons.
func (j *Log) registerDiary(r *bot.Router) {
	consent := bot.RequireConsent
	r.Button(diaryPrefix+"/{night}/{step}/{answer}", j.diaryButton, consent)
	r.Button(usualPrefix+"/usual/{night}", j.usualButton, consent)
}

// compact writes a night as YYYYMMDD for a button.
func compact(night string) string { return strings.ReplaceAll(night, "-", "") }

// diaryButtonFor is a wizard button of a diary step.
func diaryButtonFor(conv bot.Conversation, label, answer string) bot.Button {
	return bot.Button{Label: label, Payload: fmt.Sprintf("%s/%s/%s/%s", diaryPrefix, compact(conv.Data["night"]), diarySteps[conv.Step].letter, answer)}
}

// clockChoices are buttons for clock times around a usual one.
func clockChoices(conv bot.Conversation, usual bot.Clock, offsets ...int) []bot.Button {
	var row []bot.Button
	for _, off := range offsets {
		c := usual.Add(time.Duration(off) * time.Minute)
		row = append(row, diaryButtonFor(conv, c.String(), strconv.Itoa(int(c))))
	}
	return row
}

// diaryPrompt asks a diary or symptom-timing question of the wizard.
func (j *Log) diaryPrompt(u *bot.User, conv bot.Conversation, lead string) []bot.Response {
	lang := u.LanguageOrDefault()
	say := func(id string) string { return j.say(lang, id, nil) }
	button := func(id, answer string) bot.Button { return diaryButtonFor(conv, say(id), answer) }
	skip := append([]bot.Button{button("LogBtnSkip", skipAnswer)}, j.cancelButtonRow(lang)...)
	yesNo := func(q string) []bot.Response {
		return []bot.Response{{Text: lead + say(q), Buttons: [][]bot.Button{{button("LogBtnYes", "y"), button("LogBtnNo", "n")}, skip}, Personal: true}}
	}
	ask := func(q string, rows ...[]bot.Button) []bot.Response {
		return []bot.Response{{Text: lead + say(q), Buttons: append(rows, skip), Personal: true}}
	}
	bed, wake := u.BedtimeOrDefault(), u.WakeTimeOrDefault()
	switch conv.Step {
	case stepAlcohol:
		return yesNo("LogAskAlcohol")
	case stepDiary:
		return ask("LogAskDiary", []bot.Button{button("LogBtnSame", "same"), button("LogBtnFill", "fill")})
	case stepBed:
		return ask("LogAskBed", clockChoices(conv, bed, -60, -30, 0), clockChoices(conv, bed, 30, 60, 90))
	case stepLatency:
		return ask("LogAskLatency",
			[]bot.Button{button("LogBtnUnder15", "10"), button("LogBtn15To30", "20"), button("LogBtn30To60", "45")},
			[]bot.Button{button("LogBtn1To2h", "90"), button("LogBtnOver2h", "150")})
	case stepAwake:
		return ask("LogAskAwake",
			[]bot.Button{diaryButtonFor(conv, "0", "0"), diaryButtonFor(conv, "1", "1"), diaryButtonFor(conv, "2", "2"), diaryButtonFor(conv, "3", "3"), diaryButtonFor(conv, "4+", "4")})
	case stepWake:
		return ask("LogAskWake", clockChoices(conv, wake, -60, -30, 0), clockChoices(conv, wake, 30, 60, 90))
	case stepOut:
		base := wake
		if c, ok := parseStoredClock(conv.Data["wake"]); ok {
			base = c
		}
		return ask("LogAskOut", clockChoices(conv, base, 0, 15, 30, 60))
	case stepQuality:
		var row []bot.Button
		for q := 1; q <= 5; q++ {
			row = append(row, diaryButtonFor(conv, strconv.Itoa(q), strconv.Itoa(q)))
		}
		return ask("LogAskQuality", row)
	case stepStart:
		return ask("LogAskStart", clockChoices(conv, bot.Clock(18*60), 0, 60, 120), clockChoices(conv, bot.Clock(21*60), 0, 60, 120))
	case stepMoving:
		return yesNo("LogAskMoving")
	case stepSpread:
		return yesNo("LogAskSpread")
	}
	return nil
}

// parseStoredClock reads a clock kept in the wizard's data.
func parseStoredClock(s string) (bot.Clock, bool) {
	n, err := strconv.Atoi(s)
	return bot.Clock(n), err == nil && n >= 0 && n < 24*60
}

// diaryButton handles "lg/d/<night>/<step>/<answer>". A button of another
// night or another question is answered with where the wizard is now.
func (j *Log) diaryButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	conv, in, err := bot.ConversationIn(ctx, j.store, req.User.ID, logFlow)
	if err != nil {
		return nil, err
	}
	if !in {
		return j.alreadyDone(req.Language()), nil
	}
	st, isDiary := diarySteps[conv.Step]
	if !isDiary || req.Param("night") != compact(conv.Data["night"]) || req.Param("step") != st.letter {
		return j.logPrompt(req.User, conv, j.lead(req.Language(), "LogOtherQuestion")), nil
	}
	return j.diaryAnswer(ctx, req.User, conv, req.Param("answer"))
}

// diaryAnswer applies one answer to a diary step; an answer it cannot
// read asks again.
func (j *Log) diaryAnswer(ctx context.Context, u *bot.User, conv bot.Conversation, answer string) ([]bot.Response, error) {
	key := diarySteps[conv.Step].key
	again := func(hint string) ([]bot.Response, error) {
		return j.logPrompt(u, conv, j.lead(u.LanguageOrDefault(), hint)), nil
	}
	switch {
	case answer == skipAnswer:
	case conv.Step == stepDiary:
		switch answer {
		case "same":
			if err := j.copyUsual(ctx, u, &conv); err != nil {
				return nil, err
			}
			conv.Step = stepQuality // the usual night's answers are in; next comes symptom timing
		case "fill":
			conv.Step = stepBed
			return j.saveStep(ctx, u, conv)
		default:
			return again("LogTapDiary")
		}
	case conv.Step == stepBed || conv.Step == stepWake || conv.Step == stepOut || conv.Step == stepStart:
		c, ok := parseStoredClock(answer)
		if !ok {
			return again("LogPleaseTime")
		}
		conv.Data[key] = strconv.Itoa(int(c))
	case conv.Step == stepLatency:
		n, err := strconv.Atoi(answer)
		if err != nil || n < 0 || n > 720 {
			return again("LogPleaseMinutes")
		}
		conv.Data[key] = strconv.Itoa(n)
	case conv.Step == stepAwake:
		n, err := strconv.Atoi(answer)
		if err != nil || n < 0 || n > 50 {
			return again("LogPleaseNumber")
		}
		conv.Data[key] = strconv.Itoa(n)
	case conv.Step == stepQuality:
		n, err := strconv.Atoi(answer)
		if err != nil || n < 1 || n > 5 {
			return again("LogPleaseQuality")
		}
		conv.Data[key] = strconv.Itoa(n)
	default: // yes/no steps
		if answer != "y" && answer != "n" {
			return again("LogYesOrNo")
		}
		conv.Data[key] = answer
	}
	conv.Step = nextStep(conv)
	return j.saveStep(ctx, u, conv)
}

// saveStep keeps the wizard's progress (the conversation, and the night
// so far) and asks its next question.
func (j *Log) saveStep(ctx context.Context, u *bot.User, conv bot.Conversation) ([]bot.Response, error) {
	if err := j.keepSoFar(ctx, u, &conv); err != nil {
		return nil, fmt.Errorf("save log progress: %w", err)
	}
	if err := j.store.SaveConversation(ctx, conv); err != nil {
		return nil, fmt.Errorf("save log progress: %w", err)
	}
	return j.logPrompt(u, conv, ""), nil
}

// diaryText reads a typed answer at a diary step: a time, a number,
// yes/no or skip. handled is false for anything else (a question).
func (j *Log) diaryText(ctx context.Context, req *bot.Request, conv bot.Conversation, text string) ([]bot.Response, bool, error) {
	u := req.User
	word := unhedged(text)
	answer := ""
	switch {
	case unsure[word]:
		answer = skipAnswer
	case sameWords[word]:
		answer = "same"
	case conv.Step == stepDiary && fillWords[word]:
		answer = "fill"
	}
	if answer == "" {
		switch conv.Step {
		case stepBed, stepWake, stepOut, stepStart:
			if c, ok := readStepClock(text, conv.Step); ok {
				answer = strconv.Itoa(int(c))
			}
		case stepLatency:
			if n, ok := readMinutes(text); ok {
				answer = strconv.Itoa(n)
			}
		case stepAwake:
			if n, ok := readCount(text); ok {
				answer = strconv.Itoa(n)
			}
		case stepQuality:
			answer = word
		case stepAlcohol, stepMoving, stepSpread:
			answer = readYesNo(text)
		}
	}
	if answer == "" && !bot.LooksLikeAnswer(text) {
		return j.sideQuestion(ctx, req, conv)
	}
	out, err := j.diaryAnswer(ctx, u, conv, answer)
	return out, true, err
}

// usualDiary is the sleep part of the user's most recent diary before the
// night, or their bedtime and wake time when there is none.
func (j *Log) usualDiary(ctx context.Context, u *bot.User, night string) (bot.Diary, error) {
	d := bot.Diary{UserID: u.ID, Date: night}
	last, err := j.store.LatestDiary(ctx, u.ID, night)
	if err != nil {
		return d, fmt.Errorf("usual diary: %w", err)
	}
	if last != nil && last.InBed != nil {
		d.InBed, d.LatencyMin, d.Awakenings, d.FinalWake, d.OutOfBed, d.Quality = last.InBed, last.LatencyMin, last.Awakenings, last.FinalWake, last.OutOfBed, last.Quality
		return d, nil
	}
	bed, wake := u.BedtimeOrDefault(), u.WakeTimeOrDefault()
	d.InBed, d.FinalWake, d.OutOfBed = &bed, &wake, &wake
	return d, nil
}

// copyUsual fills the wizard's sleep answers from the usual night.
func (j *Log) copyUsual(ctx context.Context, u *bot.User, conv *bot.Conversation) error {
	d, err := j.usualDiary(ctx, u, conv.Data["night"])
	if err != nil {
		return err
	}
	set := func(key string, v *int) {
		if v != nil {
			conv.Data[key] = strconv.Itoa(*v)
		}
	}
	clock := func(key string, c *bot.Clock) {
		if c != nil {
			conv.Data[key] = strconv.Itoa(int(*c))
		}
	}
	clock("bed", d.InBed)
	clock("wake", d.FinalWake)
	clock("out", d.OutOfBed)
	set("lat", d.LatencyMin)
	set("awk", d.Awakenings)
	set("qual", d.Quality)
	return nil
}

// diaryFromData applies the wizard's diary answers to d; it reports
// whether there were any.
func diaryFromData(data map[string]string, d *bot.Diary) bool {
	found := false
	clock := func(key string, dst **bot.Clock) {
		if c, ok := parseStoredClock(data[key]); ok {
			*dst, found = &c, true
		}
	}
	num := func(key string, dst **int) {
		if n, err := strconv.Atoi(data[key]); err == nil {
			*dst, found = &n, true
		}
	}
	yes := func(key string, dst **bool) {
		if v, ok := data[key]; ok {
			b := v == "y"
			*dst, found = &b, true
		}
	}
	clock("bed", &d.InBed)
	clock("wake", &d.FinalWake)
	clock("out", &d.OutOfBed)
	clock("start", &d.SymptomStart)
	num("lat", &d.LatencyMin)
	num("awk", &d.Awakenings)
	num("qual", &d.Quality)
	yes("mov", &d.MovingEased)
	yes("spr", &d.Spread)
	yes("alc", &d.Alcohol)
	return found
}

// SaveDiary changes the sleep diary of a night (YYYY-MM-DD, the morning
// it ended) with edit and saves it; fields edit leaves alone keep their
// stored value. The plain-words feature calls it for "in bed at 11,
// asleep by half past".
func (j *Log) SaveDiary(ctx context.Context, u *bot.User, night string, edit func(*bot.Diary)) (bot.Diary, error) {
	d := bot.Diary{UserID: u.ID, Date: night}
	existing, err := j.store.Diaries(ctx, u.ID, night, night)
	if err != nil {
		return d, fmt.Errorf("load diary: %w", err)
	}
	if len(existing) == 1 {
		d = existing[0]
	}
	edit(&d)
	d.UserID, d.Date, d.UpdatedAt = u.ID, night, j.now().UTC()
	if err := j.store.SaveDiary(ctx, d); err != nil {
		return d, fmt.Errorf("save diary: %w", err)
	}
	return d, nil
}

// DiaryAsUsual saves a night's sleep diary as the user's usual night (the
// last one they filled in, or their bedtime and wake time). It reports
// false, saving nothing, when the night already has a diary.
func (j *Log) DiaryAsUsual(ctx context.Context, u *bot.User, night string) (bot.Diary, bool, error) {
	existing, err := j.store.Diaries(ctx, u.ID, night, night)
	if err != nil {
		return bot.Diary{}, false, fmt.Errorf("load diary: %w", err)
	}
	if len(existing) == 1 && existing[0].InBed != nil {
		return existing[0], false, nil
	}
	usual, err := j.usualDiary(ctx, u, night)
	if err != nil {
		return bot.Diary{}, false, err
	}
	d, err := j.SaveDiary(ctx, u, night, func(d *bot.Diary) {
		d.InBed, d.LatencyMin, d.Awakenings, d.FinalWake, d.OutOfBed, d.Quality = usual.InBed, usual.LatencyMin, usual.Awakenings, usual.FinalWake, usual.OutOfBed, usual.Quality
	})
	return d, err == nil, err
}

// usualButton handles the morning check-in's "Same as usual",
// "sd/usual/<night>": a button older than two days is refused.
func (j *Log) usualButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	lang := u.LanguageOrDefault()
	t, err := time.Parse(compactDate, req.Param("night"))
	today := j.today(u)
	if err != nil || t.After(today) || today.Sub(t) > maxUsualDays*24*time.Hour {
		return bot.Reply(j.say(lang, "LogUsualOld", nil)), nil
	}
	night := t.Format(bot.DateLayout)
	d, saved, err := j.DiaryAsUsual(ctx, u, night)
	if err != nil {
		return nil, err
	}
	line, _ := j.diaryLine(lang, d)
	data := with(j.nightData(lang, night), "Diary", line)
	if !saved {
		return bot.Personal(j.say(lang, "LogUsualHad", data)), nil
	}
	return bot.Personal(j.say(lang, "LogUsualSaved", data)), nil
}

// diaryLine writes a diary compactly in lang: "in bed 23:00 · asleep in
// ~20 min · woke 2× · awake at 06:30 · up at 06:45 · quality 3/5 · legs
// from 21:00". A diary with nothing in it is "nothing filled in", and ok
// is false.
func (j *Log) diaryLine(lang string, d bot.Diary) (line string, ok bool) {
	var parts []string
	add := func(id string, data map[string]string) { parts = append(parts, j.say(lang, id, data)) }
	clock := func(id string, c *bot.Clock) {
		if c != nil {
			add(id, map[string]string{"Time": c.String()})
		}
	}
	clock("LogDiaryInBed", d.InBed)
	if d.LatencyMin != nil {
		add("LogDiaryLatency", map[string]string{"Min": strconv.Itoa(*d.LatencyMin)})
	}
	if d.Awakenings != nil {
		add("LogDiaryWoke", map[string]string{"N": strconv.Itoa(*d.Awakenings)})
	}
	clock("LogDiaryAwake", d.FinalWake)
	clock("LogDiaryUp", d.OutOfBed)
	if d.Quality != nil {
		add("LogDiaryQuality", map[string]string{"Q": strconv.Itoa(*d.Quality)})
	}
	if e, ok := d.Efficiency(); ok {
		add("LogDiaryEfficiency", map[string]string{"Pct": strconv.Itoa(int(e*100 + 0.5))})
	}
	clock("LogDiaryLegs", d.SymptomStart)
	for _, f := range []struct {
		v  *bool
		id string
	}{{d.MovingEased, "LogDiaryMovingEased"}, {d.Spread, "LogDiarySpread"}, {d.Alcohol, "LogDiaryAlcohol"}} {
		if isYes(f.v) {
			add(f.id, nil)
		}
	}
	if len(parts) == 0 {
		return j.say(lang, "LogDiaryNothing", nil), false
	}
	return strings.Join(parts, " · "), true
}

// decorateMorning adds the sleep diary's "same as usual" and the
// medicines' "taken" buttons to the morning check-in, after the scores.
func (j *Log) decorateMorning(ctx context.Context, u bot.User, r *bot.Response) {
	today := j.today(&u)
	lang := u.LanguageOrDefault()
	extra := [][]bot.Button{{{Label: j.say(lang, "LogBtnUsual", nil), Payload: usualPrefix + "/usual/" + today.Format(compactDate)}}}
	meds, err := j.store.Medicines(ctx, u.ID)
	if err != nil && ctx.Err() == nil { // a shutdown cancels it: no error
		j.log.Error("medicines for reminder", "user", bot.LogID(u.ID), "err", err)
	}
	extra = append(extra, j.takenButtons(lang, meds, today, maxMedButtons)...)
	n := len(severityButtons("q"))
	rows := append([][]bot.Button{}, r.Buttons[:n]...)
	rows = append(rows, extra...)
	r.Buttons = append(rows, r.Buttons[n:]...)
}

// maxMedButtons bounds the "taken" buttons in the morning check-in.
const maxMedButtons = 4

// takenButtons are "Took <name>" buttons for today in lang, one a row,
// which the medicines feature answers.
func (j *Log) takenButtons(lang string, meds []bot.Medicine, today time.Time, limit int) [][]bot.Button {
	var rows [][]bot.Button
	for i, m := range meds {
		if i >= limit {
			break
		}
		label := m.Name
		if utf8.RuneCountInString(label) > 30 {
			label = string([]rune(label)[:29]) + "…"
		}
		rows = append(rows, []bot.Button{{Label: j.say(lang, "LogBtnTook", map[string]string{"Name": label}), Payload: bot.MedicineTakenPayload(m.ID, today.Format(compactDate))}})
	}
	return rows
}

func isYes(b *bool) bool { return b != nil && *b }
