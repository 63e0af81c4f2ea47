package nightlog

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
)

// /log in one message: [night] [0-10] [note], with the night and the score
// as people type them.

// parseNight reads which night a user means: "", "today", "last night"
// (the night that ended this morning), "yesterday" or "the night before
// last" (the one before), "3 nights ago", "4 days ago", a weekday ("on
// monday": the night to the latest Monday), a date YYYY-MM-DD or DD.MM.
// It refuses the future and more than a year back.
func parseNight(s string, today time.Time) (string, error) {
	var t time.Time
	words := strings.ToLower(strings.Join(strings.Fields(strings.Trim(s, " ,.")), " "))
	words = strings.TrimPrefix(strings.TrimPrefix(words, "for "), "on ")
	words = strings.TrimPrefix(words, "the ")
	if n, ok := agoDays(words); ok {
		t = today.AddDate(0, 0, -n)
	} else if wd, ok := weekdays[strings.TrimSuffix(words, " night")]; ok {
		back := (int(today.Weekday()) - int(wd) + 7) % 7
		t = today.AddDate(0, 0, -back)
	} else {
		switch words {
		case "", "today", "last night", "lastnight", "last nite", "tonight", "this morning":
			t = today
		case "yesterday", "night before last", "the night before last", "night before":
			t = today.AddDate(0, 0, -1)
		default:
			var err error
			if t, err = time.Parse(bot.DateLayout, strings.TrimSpace(s)); err != nil {
				d, err2 := time.Parse("2.1", strings.TrimSpace(s))
				if err2 != nil {
					return "", &nightError{id: "LogBadDate", data: map[string]string{"Input": bot.QuoteInput(s), "Example": today.Format(bot.DateLayout)},
						english: fmt.Sprintf("“%s” is not a date I understand: use yesterday, 3 nights ago, a weekday, or a date like %s", bot.QuoteInput(s), today.Format(bot.DateLayout))}
				}
				year := today.Year()
				if time.Date(year, d.Month(), min(d.Day(), 28), 0, 0, 0, 0, time.UTC).After(today) {
					year-- // a day still to come this year: the last one
				}
				t = time.Date(year, d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
				if t.Month() != d.Month() { // 29.2 in a year without 29 February: never rolled on to 1 March
					data := map[string]string{"Day": strconv.Itoa(d.Day()), "Month": d.Month().String(), "Year": strconv.Itoa(year),
						"DD": fmt.Sprintf("%02d", d.Day()), "MM": fmt.Sprintf("%02d", int(d.Month()))}
					return "", &nightError{id: "LogNoSuchDate", data: data, english: fmt.Sprintf("%d %s %d doesn't exist", d.Day(), d.Month(), year)}
				}
			}
		}
	}
	switch {
	case t.After(today):
		return "", &nightError{id: "LogNotYet", english: "that night hasn't happened yet"}
	case today.Sub(t) > maxBackdateDays*24*time.Hour:
		return "", &nightError{id: "LogTooOld", n: maxBackdateDays, english: fmt.Sprintf("nights can be logged for the last %d days only", maxBackdateDays)}
	}
	return t.Format(bot.DateLayout), nil
}

// nightError is why parseNight refuses a night: in English (Error) and as
// a message id of content/locales/nightlog, to say it in the user's
// language.
type nightError struct {
	id      string
	data    map[string]string
	n       int // the count of a message with plural forms; 0 for none
	english string
}

func (e *nightError) Error() string { return e.english }

// refusal says err, a refused /log, in lang, ending with "Nothing was
// saved."
func (j *Log) refusal(lang string, err error) string {
	var ne *nightError
	if !errors.As(err, &ne) {
		return capitalise(err.Error()) + ". " + j.say(lang, "LogNothingSaved", nil)
	}
	text := j.say(lang, ne.id, ne.data)
	if ne.n > 0 {
		text = j.content.TextN(lang, ne.id, ne.n, ne.data)
	}
	return text + " " + j.say(lang, "LogNothingSaved", nil)
}

// weekdays name the days a night may be logged by.
var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// agoDays reads "3 nights ago", "two days ago" as how many nights before
// last night.
func agoDays(s string) (int, bool) {
	f := strings.Fields(s)
	if len(f) != 3 || f[2] != "ago" || (!strings.HasPrefix(f[1], "night") && !strings.HasPrefix(f[1], "day")) {
		return 0, false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		n = map[string]int{"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}[f[0]]
	}
	if n < 1 {
		return 0, false
	}
	return n - 1, true
}

// severityWords are the scores people type in words.
var severityWords = map[string]int{"zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// parseSeverity reads a severity from 0 to 10: "7", "7/10", "seven",
// "a 7", "about 6", "8 out of 10".
func parseSeverity(s string) (int, bool) {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(s), ",.!"))
	t = unhedged(t)
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(t, " out of 10"), "/10"), " of 10"))
	for changed := true; changed; {
		changed = false
		for _, lead := range []string{"a ", "an ", "about ", "maybe ", "like ", "around ", "solid ", "a solid ", "id say ", "i'd say ", "i would say "} {
			if u := strings.TrimPrefix(t, lead); u != t {
				t, changed = u, true
			}
		}
	}
	if n, ok := severityWords[t]; ok {
		return n, true
	}
	n, err := strconv.Atoi(t)
	return n, err == nil && n >= 0 && n <= 10
}

// splitLogArgs reads /log's arguments, [night] [0-10] [note]: the longest
// start that names a night, then a score, then the rest as the note. ok is
// false when there is no night followed by a score (or nothing).
func splitLogArgs(args string, today time.Time) (night string, sev int, note string, ok bool) {
	fields := strings.Fields(args)
	for i := len(fields); i >= 0; i-- {
		n, err := parseNight(strings.Join(fields[:i], " "), today)
		if err != nil {
			continue
		}
		if i == len(fields) {
			return n, -1, "", true
		}
		if s, isSev := parseSeverity(fields[i]); isSev {
			return n, s, strings.TrimSpace(strings.Join(fields[i+1:], " ")), true
		}
	}
	return "", -1, "", false
}

// logCommand handles /log [night] [0-10] [note].
func (j *Log) logCommand(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	lang := u.LanguageOrDefault()
	today := j.today(u)
	fields := strings.Fields(req.Args)
	night, sev, note, ok := splitLogArgs(req.Args, today)
	if !ok {
		nightText := req.Args
		for i, f := range fields {
			if _, isSev := parseSeverity(f); isSev {
				nightText = strings.Join(fields[:i], " ")
				break
			}
			if v, err := strconv.Atoi(strings.TrimSuffix(f, "/10")); err == nil && (v < 0 || v > 10) && i == len(fields)-1 {
				return bot.Reply(j.say(lang, "LogScoreRange", nil) + " " + j.say(lang, "LogNothingSaved", nil)), nil
			}
		}
		_, err := parseNight(nightText, today)
		if err == nil {
			err = &nightError{id: "LogScoreAfterNight", english: "put the score right after the night, then any note"}
		}
		return bot.Reply(j.refusal(lang, err) + "\n" + j.say(lang, "LogExamples", map[string]string{"Date": today.AddDate(0, 0, -3).Format(bot.DateLayout)})), nil
	}
	if utf8.RuneCountInString(note) > maxNoteRunes {
		return bot.Reply(j.content.TextN(lang, "LogNoteTooLong", maxNoteRunes, nil) + " " + j.say(lang, "LogNothingSaved", nil)), nil
	}
	if sev < 0 {
		return j.startLog(ctx, u, night, -1)
	}
	prev, err := j.saveNight(ctx, u, night, func(n *bot.Night) {
		n.Severity = sev
		if note != "" {
			n.Note = note
		}
	})
	if err != nil {
		return nil, err
	}
	say := func(id string, data map[string]string) string { return j.content.Text(lang, id, data) }
	saved := map[string]string{"Night": j.nightName(lang, night), "Score": strconv.Itoa(sev)}
	text := say("LogSaved", saved)
	if prev != nil {
		saved["Prev"] = strconv.Itoa(prev.Severity)
		text = say("LogUpdated", saved)
	}
	if note != "" {
		text += say("LogNote", map[string]string{"Note": markup.Escape(note)})
	}
	return []bot.Response{{Text: text + say("LogMore", map[string]string{"Command": strings.TrimSpace("/log " + nightArg(night, today))}), Personal: true}}, nil
}
