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
	skip := []bot.Button{diaryButtonFor(conv, "Skip", skipAnswer), {Label: "Cancel", Payload: logPrefix + "/x"}}
	yesNo := func(q string) []bot.Response {
		return []bot.Response{{Text: lead + q, Buttons: [][]bot.Button{{diaryButtonFor(conv, "Yes", "y"), diaryButtonFor(conv, "No", "n")}, skip}, Personal: true}}
	}
	ask := func(q string, rows ...[]bot.Button) []bot.Response {
		return []bot.Response{{Text: lead + q, Buttons: append(rows, skip), Personal: true}}
	}
	bed, wake := u.BedtimeOrDefault(), u.WakeTimeOrDefault()
	switch conv.Step {
	case stepAlcohol:
		return yesNo("Any **alcohol** in the evening?")
	case stepDiary:
		return ask("**Sleep diary** (optional): how did the night itself go? One tap if it was like your usual nights.",
			[]bot.Button{diaryButtonFor(conv, "Same as usual", "same"), diaryButtonFor(conv, "Fill in", "fill")})
	case stepBed:
		return ask("What time did you **get into bed**? Tap one or type a time like 23:15.", clockChoices(conv, bed, -60, -30, 0), clockChoices(conv, bed, 30, 60, 90))
	case stepLatency:
		return ask("Roughly how long did it take to **fall asleep**?",
			[]bot.Button{diaryButtonFor(conv, "under 15 min", "10"), diaryButtonFor(conv, "15–30 min", "20"), diaryButtonFor(conv, "30–60 min", "45")},
			[]bot.Button{diaryButtonFor(conv, "1–2 hours", "90"), diaryButtonFor(conv, "over 2 hours", "150")})
	case stepAwake:
		return ask("How many times did you **wake up** in the night?",
			[]bot.Button{diaryButtonFor(conv, "0", "0"), diaryButtonFor(conv, "1", "1"), diaryButtonFor(conv, "2", "2"), diaryButtonFor(conv, "3", "3"), diaryButtonFor(conv, "4+", "4")})
	case stepWake:
		return ask("What time did you **finally wake up**? Tap one or type a time.", clockChoices(conv, wake, -60, -30, 0), clockChoices(conv, wake, 30, 60, 90))
	case stepOut:
		base := wake
		if c, ok := parseStoredClock(conv.Data["wake"]); ok {
			base = c
		}
		return ask("And when did you **get out of bed**?", clockChoices(conv, base, 0, 15, 30, 60))
	case stepQuality:
		var row []bot.Button
		for q := 1; q <= 5; q++ {
			row = append(row, diaryButtonFor(conv, strconv.Itoa(q), strconv.Itoa(q)))
		}
		return ask("How would you rate your **sleep quality**, from 1 (very poor) to 5 (very good)?", row)
	case stepStart:
		return ask("About what time in the evening did your legs **start bothering you**? Tap one or type a time. (A record for your doctor: an earlier start over the weeks is worth showing them.)",
			clockChoices(conv, bot.Clock(18*60), 0, 60, 120), clockChoices(conv, bot.Clock(21*60), 0, 60, 120))
	case stepMoving:
		return yesNo("Did **moving** (walking, stretching) ease the feeling?")
	case stepSpread:
		return yesNo("Did it reach **beyond your legs**, such as your arms or body?")
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
		return bot.Reply(msgAlreadyDone), nil
	}
	st, isDiary := diarySteps[conv.Step]
	if !isDiary || req.Param("night") != compact(conv.Data["night"]) || req.Param("step") != st.letter {
		return j.logPrompt(req.User, conv, "That button belongs to another question. Here is where you are:\n\n"), nil
	}
	return j.diaryAnswer(ctx, req.User, conv, req.Param("answer"))
}

// diaryAnswer applies one answer to a diary step; an answer it cannot
// read asks again.
func (j *Log) diaryAnswer(ctx context.Context, u *bot.User, conv bot.Conversation, answer string) ([]bot.Response, error) {
	key := diarySteps[conv.Step].key
	again := func(hint string) ([]bot.Response, error) { return j.logPrompt(u, conv, hint+"\n\n"), nil }
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
			return again("Tap Same as usual, Fill in or Skip.")
		}
	case conv.Step == stepBed || conv.Step == stepWake || conv.Step == stepOut || conv.Step == stepStart:
		c, ok := parseStoredClock(answer)
		if !ok {
			return again("Please give a time of day, like 23:15 or 7:30 am.")
		}
		conv.Data[key] = strconv.Itoa(int(c))
	case conv.Step == stepLatency:
		n, err := strconv.Atoi(answer)
		if err != nil || n < 0 || n > 720 {
			return again("Please give minutes, like 20.")
		}
		conv.Data[key] = strconv.Itoa(n)
	case conv.Step == stepAwake:
		n, err := strconv.Atoi(answer)
		if err != nil || n < 0 || n > 50 {
			return again("Please give a number, like 2.")
		}
		conv.Data[key] = strconv.Itoa(n)
	case conv.Step == stepQuality:
		n, err := strconv.Atoi(answer)
		if err != nil || n < 1 || n > 5 {
			return again("Please choose from 1 (very poor) to 5 (very good).")
		}
		conv.Data[key] = strconv.Itoa(n)
	default: // yes/no steps
		if answer != "y" && answer != "n" {
			return again("Please answer yes or no.")
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
	case word == "same" || word == "same as usual" || word == "usual" || word == "as usual" || word == "like usual" || word == "normal":
		answer = "same"
	case conv.Step == stepDiary && (word == "fill" || word == "fill in" || word == "fill it in"):
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
	t, err := time.Parse(compactDate, req.Param("night"))
	today := j.today(u)
	if err != nil || t.After(today) || today.Sub(t) > maxUsualDays*24*time.Hour {
		return bot.Reply("That button is from an older check-in. Log a night's sleep with /log."), nil
	}
	night := t.Format(bot.DateLayout)
	d, saved, err := j.DiaryAsUsual(ctx, u, night)
	if err != nil {
		return nil, err
	}
	if !saved {
		return bot.Personal(fmt.Sprintf("%s already has a sleep diary: %s. Change it with /log.", capitalise(j.nightName("en", night)), diaryLine(d))), nil
	}
	return bot.Personal(fmt.Sprintf("Saved %s as a usual night: %s. If it was different, /log lets you change it.", j.nightName("en", night), diaryLine(d))), nil
}

// noDiary is diaryLine's words for a diary with nothing in it.
const noDiary = "nothing filled in"

// diaryLine writes a diary compactly: "in bed 23:00 · asleep in ~20 min ·
// woke 2× · up 06:30 · out 06:45 · quality 3/5 · legs from 21:00".
func diaryLine(d bot.Diary) string {
	var parts []string
	if d.InBed != nil {
		parts = append(parts, "in bed "+d.InBed.String())
	}
	if d.LatencyMin != nil {
		parts = append(parts, fmt.Sprintf("asleep in ~%d min", *d.LatencyMin))
	}
	if d.Awakenings != nil {
		parts = append(parts, fmt.Sprintf("woke %d×", *d.Awakenings))
	}
	if d.FinalWake != nil {
		parts = append(parts, "awake at "+d.FinalWake.String())
	}
	if d.OutOfBed != nil {
		parts = append(parts, "up at "+d.OutOfBed.String())
	}
	if d.Quality != nil {
		parts = append(parts, fmt.Sprintf("quality %d/5", *d.Quality))
	}
	if e, ok := d.Efficiency(); ok {
		parts = append(parts, fmt.Sprintf("sleep efficiency %d%%", int(e*100+0.5)))
	}
	if d.SymptomStart != nil {
		parts = append(parts, "legs from "+d.SymptomStart.String())
	}
	if isYes(d.MovingEased) {
		parts = append(parts, "moving eased it")
	}
	if isYes(d.Spread) {
		parts = append(parts, "beyond the legs")
	}
	if isYes(d.Alcohol) {
		parts = append(parts, "alcohol")
	}
	if len(parts) == 0 {
		return noDiary
	}
	return strings.Join(parts, " · ")
}

// decorateMorning adds the sleep diary's "same as usual" and the
// medicines' "taken" buttons to the morning check-in, after the scores.
func (j *Log) decorateMorning(ctx context.Context, u bot.User, r *bot.Response) {
	today := j.today(&u)
	extra := [][]bot.Button{{{Label: "Sleep diary: same as usual", Payload: usualPrefix + "/usual/" + today.Format(compactDate)}}}
	meds, err := j.store.Medicines(ctx, u.ID)
	if err != nil && ctx.Err() == nil { // a shutdown cancels it: no error
		j.log.Error("medicines for reminder", "user", bot.LogID(u.ID), "err", err)
	}
	extra = append(extra, takenButtons(meds, today, maxMedButtons)...)
	n := len(severityButtons("q"))
	rows := append([][]bot.Button{}, r.Buttons[:n]...)
	rows = append(rows, extra...)
	r.Buttons = append(rows, r.Buttons[n:]...)
}

// maxMedButtons bounds the "taken" buttons in the morning check-in.
const maxMedButtons = 4

// takenButtons are "Took <name>" buttons for today, one a row, which the
// medicines feature answers.
func takenButtons(meds []bot.Medicine, today time.Time, limit int) [][]bot.Button {
	var rows [][]bot.Button
	for i, m := range meds {
		if i >= limit {
			break
		}
		label := m.Name
		if utf8.RuneCountInString(label) > 30 {
			label = string([]rune(label)[:29]) + "…"
		}
		rows = append(rows, []bot.Button{{Label: "Took " + label, Payload: bot.MedicineTakenPayload(m.ID, today.Format(compactDate))}})
	}
	return rows
}

func isYes(b *bool) bool { return b != nil && *b }
