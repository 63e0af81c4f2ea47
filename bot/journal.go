package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot/markup"
)

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

// logSteps are the yes/no questions of the wizard, by step.
var logSteps = map[int]struct{ key, letter, question string }{
	stepWoke:      {"woke", "w", "Did the twitching **wake you up**?"},
	stepCaffeine:  {"caf", "c", "Did you have **caffeine after 2 p.m.** yesterday?"},
	stepStretched: {"str", "t", "Did you **stretch before bed**?"},
}

// consentNeeded is the reply to journal commands without consent.
func consentNeeded() []Response {
	return []Response{{
		Text:     "I can only keep a journal with your permission to store health notes. They stay private to you, and you can download or delete them at any time.",
		Buttons:  [][]Button{{{Label: "Allow health notes", Payload: "start/yes"}}},
		Personal: true,
	}}
}

// today is the user's local date.
func (b *Bot) today(u *User) time.Time {
	y, m, d := b.now().In(u.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// nightName names a night for people: "the night to Wed 25 Nov".
func nightName(date string) string {
	t, err := time.Parse(DateLayout, date)
	if err != nil {
		return date
	}
	return "the night to " + t.Format("Mon 2 Jan")
}

// parseNight reads which night a user means: "", "today", "last night"
// (the night that ended this morning), "yesterday" (the one before), a
// date YYYY-MM-DD or DD.MM. It refuses the future and more than a year
// back.
func parseNight(s string, today time.Time) (string, error) {
	var t time.Time
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "today", "last night", "lastnight", "tonight":
		t = today
	case "yesterday":
		t = today.AddDate(0, 0, -1)
	default:
		var err error
		if t, err = time.Parse(DateLayout, strings.TrimSpace(s)); err != nil {
			d, err2 := time.Parse("2.1", strings.TrimSpace(s))
			if err2 != nil {
				return "", fmt.Errorf("“%s” is not a date I understand: use yesterday, or a date like %s", quoteInput(s), today.Format(DateLayout))
			}
			t = time.Date(today.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
			if t.After(today) {
				t = t.AddDate(-1, 0, 0)
			}
		}
	}
	switch {
	case t.After(today):
		return "", errors.New("that night hasn't happened yet")
	case today.Sub(t) > maxBackdateDays*24*time.Hour:
		return "", fmt.Errorf("nights can be logged for the last %d days only", maxBackdateDays)
	}
	return t.Format(DateLayout), nil
}

// parseSeverity reads a severity from 0 to 10.
func parseSeverity(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(s), "/10"))
	return n, err == nil && n >= 0 && n <= 10
}

// logCommand handles /log [night] [severity].
func (b *Bot) logCommand(ctx context.Context, req *Request) ([]Response, error) {
	u := req.User
	if !u.Consented() {
		return consentNeeded(), nil
	}
	fields := strings.Fields(req.Args)
	if n := len(fields); n > 0 {
		if v, err := strconv.Atoi(fields[n-1]); err == nil && (v < 0 || v > 10) {
			return Reply("The twitching score goes from 0 (none) to 10 (the worst). Nothing was saved."), nil
		}
	}
	sevText, nightText := "", ""
	if n := len(fields); n > 0 {
		if _, ok := parseSeverity(fields[n-1]); ok {
			sevText, nightText = fields[n-1], strings.Join(fields[:n-1], " ")
		} else {
			nightText = strings.Join(fields, " ")
		}
	}
	night, err := parseNight(nightText, b.today(u))
	if err != nil {
		return Reply(capitalise(err.Error()) + ". Nothing was saved.\nExamples: /log 6, /log yesterday 3, /log " + b.today(u).AddDate(0, 0, -3).Format(DateLayout) + " 4."), nil
	}
	if sevText == "" {
		return b.startLog(ctx, u, night, -1)
	}
	sev, _ := parseSeverity(sevText)
	prev, err := b.saveNight(ctx, u, night, func(n *Night) { n.Severity = sev })
	if err != nil {
		return nil, err
	}
	text := fmt.Sprintf("Saved %s: twitching **%d/10**.", nightName(night), sev)
	if prev != nil {
		text = fmt.Sprintf("Updated %s: twitching **%d/10** (it was %d).", nightName(night), sev, prev.Severity)
	}
	return []Response{{Text: text + " Add the details with " + strings.TrimSpace("/log "+nightArg(night, b.today(u))) + ", or see /journal.", Personal: true}}, nil
}

// nightArg is how to name a night in a command: "" for today.
func nightArg(night string, today time.Time) string {
	switch night {
	case today.Format(DateLayout):
		return ""
	case today.AddDate(0, 0, -1).Format(DateLayout):
		return "yesterday"
	}
	return night
}

// saveNight changes the stored night (or a new one) with edit and saves it.
func (b *Bot) saveNight(ctx context.Context, u *User, date string, edit func(*Night)) (*Night, error) {
	existing, err := b.store.Nights(ctx, u.ID, date, date)
	if err != nil {
		return nil, fmt.Errorf("load night: %w", err)
	}
	n := Night{UserID: u.ID, Date: date}
	if len(existing) == 1 {
		n = existing[0]
	}
	edit(&n)
	n.LoggedAt = b.now().UTC()
	prev, err := b.store.SaveNight(ctx, n)
	if err != nil {
		return nil, fmt.Errorf("save night: %w", err)
	}
	return prev, nil
}

// startLog begins the wizard for a night; severity < 0 asks for it first.
func (b *Bot) startLog(ctx context.Context, u *User, night string, severity int) ([]Response, error) {
	conv := Conversation{UserID: u.ID, Flow: logFlow, Step: stepSeverity, Data: map[string]string{"night": night}}
	if severity >= 0 {
		conv.Step, conv.Data["sev"] = stepWoke, strconv.Itoa(severity)
	}
	if err := b.store.SaveConversation(ctx, conv); err != nil {
		return nil, fmt.Errorf("start log: %w", err)
	}
	return b.logPrompt(conv, ""), nil
}

// logPrompt asks the wizard's current question.
func (b *Bot) logPrompt(conv Conversation, lead string) []Response {
	night := conv.Data["night"]
	cancel := []Button{{Label: "Cancel", Payload: logPrefix + "/x"}}
	switch conv.Step {
	case stepSeverity:
		var rows [][]Button
		var row []Button
		for i := 0; i <= 10; i++ {
			row = append(row, Button{Label: strconv.Itoa(i), Payload: fmt.Sprintf("%s/s/%d", logPrefix, i)})
			if i == 5 || i == 10 {
				rows, row = append(rows, row), nil
			}
		}
		return []Response{{Text: lead + fmt.Sprintf("**How were your legs %s?**\nFrom 0 (no twitching) to 10 (the worst).", strings.TrimPrefix(nightName(night), "the ")), Buttons: append(rows, cancel), Personal: true}}
	case stepNote:
		return []Response{{Text: lead + "Anything else to note? Type it, or skip.", Buttons: [][]Button{{{Label: "Skip", Payload: logPrefix + "/n/skip"}}, cancel}, Personal: true}}
	}
	st := logSteps[conv.Step]
	return []Response{{
		Text: lead + st.question,
		Buttons: [][]Button{
			{{Label: "Yes", Payload: logPrefix + "/" + st.letter + "/y"}, {Label: "No", Payload: logPrefix + "/" + st.letter + "/n"}},
			cancel,
		},
		Personal: true,
	}}
}

// logButton handles the wizard's buttons: "lg/s/<n>", "lg/w|c|t/y|n",
// "lg/n/skip", "lg/x" (cancel) and "lg/q/<n>" (the morning check-in's
// one-tap severity, which starts a log for the night just ended).
func (b *Bot) logButton(ctx context.Context, req *Request) ([]Response, error) {
	u := req.User
	if !u.Consented() {
		return consentNeeded(), nil
	}
	parts := strings.Split(req.Payload, "/")
	if len(parts) == 3 && parts[1] == "q" {
		sev, ok := parseSeverity(parts[2])
		if !ok {
			return Reply(msgStale), nil
		}
		return b.startLog(ctx, u, b.today(u).Format(DateLayout), sev)
	}
	conv, in, err := b.conversation(ctx, u.ID, logFlow)
	if err != nil {
		return nil, err
	}
	if !in {
		return Reply("That log has already been saved or cancelled. Send /log to log a night."), nil
	}
	if len(parts) == 2 && parts[1] == "x" {
		if err := b.store.EndConversation(ctx, u.ID); err != nil {
			return nil, fmt.Errorf("cancel log: %w", err)
		}
		return Reply("Cancelled; nothing was saved."), nil
	}
	if len(parts) != 3 {
		return Reply(msgStale), nil
	}
	want := map[int]string{stepSeverity: "s", stepWoke: "w", stepCaffeine: "c", stepStretched: "t", stepNote: "n"}[conv.Step]
	if parts[1] != want {
		return b.logPrompt(conv, "That button belongs to another question. Here is where you are:\n\n"), nil
	}
	return b.logAnswer(ctx, u, conv, parts[2])
}

// logAnswer applies one answer (a severity, "y"/"n", a note or "skip") to
// the wizard and asks the next question, or saves the night.
func (b *Bot) logAnswer(ctx context.Context, u *User, conv Conversation, answer string) ([]Response, error) {
	switch conv.Step {
	case stepSeverity:
		sev, ok := parseSeverity(answer)
		if !ok {
			return b.logPrompt(conv, "Please choose a number from 0 to 10.\n\n"), nil
		}
		conv.Data["sev"] = strconv.Itoa(sev)
	case stepWoke, stepCaffeine, stepStretched:
		conv.Data[logSteps[conv.Step].key] = answer
	case stepNote:
		if answer != "skip" {
			conv.Data["note"] = answer
		}
		return b.finishLog(ctx, u, conv)
	}
	conv.Step++
	if err := b.store.SaveConversation(ctx, conv); err != nil {
		return nil, fmt.Errorf("save log progress: %w", err)
	}
	return b.logPrompt(conv, ""), nil
}

// finishLog saves the night and ends the wizard.
func (b *Bot) finishLog(ctx context.Context, u *User, conv Conversation) ([]Response, error) {
	d := conv.Data
	sev, _ := strconv.Atoi(d["sev"])
	yes := func(key string) *bool {
		v, ok := d[key]
		if !ok {
			return nil
		}
		b := v == "y"
		return &b
	}
	prev, err := b.saveNight(ctx, u, d["night"], func(n *Night) {
		n.Severity, n.Woke, n.LateCaffeine, n.Stretched, n.Note = sev, yes("woke"), yes("caf"), yes("str"), d["note"]
	})
	if err != nil {
		return nil, err
	}
	if err := b.store.EndConversation(ctx, u.ID); err != nil {
		return nil, fmt.Errorf("end log: %w", err)
	}
	verb := "Saved"
	if prev != nil {
		verb = "Updated"
	}
	n := Night{Severity: sev, Woke: yes("woke"), LateCaffeine: yes("caf"), Stretched: yes("str"), Note: d["note"], Date: d["night"]}
	return []Response{{Text: fmt.Sprintf("%s %s ✓\n%s\n\nSee your week with /journal.", verb, nightName(d["night"]), nightLine(n, false)), Personal: true}}, nil
}

// logText reads typed answers during the wizard: a number, yes or no, or
// the note. Anything typed at the note step is the note.
func (b *Bot) logText(ctx context.Context, req *Request, conv Conversation) ([]Response, bool, error) {
	text := strings.TrimSpace(req.Text)
	word := strings.ToLower(strings.Trim(text, ".! "))
	if word == "cancel" || word == "stop" {
		out, err := b.logButton(ctx, &Request{User: req.User, UserID: req.UserID, Payload: logPrefix + "/x"})
		return out, true, err
	}
	switch conv.Step {
	case stepNote:
		if word == "skip" || word == "no" || word == "none" {
			text = "skip"
		} else if utf8.RuneCountInString(text) > maxNoteRunes {
			return b.logPrompt(conv, fmt.Sprintf("That note is a bit long: please keep it under %d characters.\n\n", maxNoteRunes)), true, nil
		}
		out, err := b.logAnswer(ctx, req.User, conv, text)
		return out, true, err
	case stepSeverity:
		if _, ok := parseSeverity(word); ok || looksLikeAnswer(text) {
			out, err := b.logAnswer(ctx, req.User, conv, word)
			return out, true, err
		}
	default:
		switch word {
		case "yes", "y", "yeah", "yep":
			out, err := b.logAnswer(ctx, req.User, conv, "y")
			return out, true, err
		case "no", "n", "nope", "nah":
			out, err := b.logAnswer(ctx, req.User, conv, "n")
			return out, true, err
		}
		if looksLikeAnswer(text) {
			return b.logPrompt(conv, "Please answer yes or no.\n\n"), true, nil
		}
	}
	return nil, false, nil // a question: answer it, the log waits
}

// nightLine writes one night compactly; withDate puts the date first.
func nightLine(n Night, withDate bool) string {
	var parts []string
	if withDate {
		t, _ := time.Parse(DateLayout, n.Date)
		parts = append(parts, t.Format("Mon 2 Jan"))
	}
	parts = append(parts, fmt.Sprintf("%s %d/10", severityBar(n.Severity), n.Severity))
	flag := func(v *bool, yes, no string) {
		switch {
		case v == nil:
		case *v && yes != "":
			parts = append(parts, yes)
		case !*v && no != "":
			parts = append(parts, no)
		}
	}
	flag(n.Woke, "woke you", "")
	flag(n.LateCaffeine, "late caffeine", "")
	flag(n.Stretched, "stretched", "")
	line := strings.Join(parts, " · ")
	if n.Note != "" {
		line += " · “" + markup.Escape(n.Note) + "”"
	}
	return line
}

// severityBar draws a severity as five blocks.
func severityBar(sev int) string {
	full := (sev + 1) / 2
	return strings.Repeat("▰", full) + strings.Repeat("▱", 5-full)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
