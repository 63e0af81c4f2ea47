package reminders

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/bot/understand"
)

// ButtonPrefix starts the payload of every reminder button:
// "rm/<action>/<kind>".
const ButtonPrefix = bot.RemindersPrefix

// Limits of /pause and of water intervals.
const (
	maxPauseDays = 90
	maxEvery     = 6
)

// Register adds the reminder commands and buttons to the router.
func (s *Service) Register(r *bot.Router) {
	r.Command(bot.Command{Name: "reminders", Description: "Your reminders, with buttons to turn each on or off", Handler: s.list})
	r.Command(bot.Command{Name: "remind", Description: "Set one reminder: a time, on, off, every 90m, in 2h, or a cron spec", Args: "<kind> <time|on|off|every 90m|in 2h|cron SPEC|default>", Handler: s.remind})
	r.Command(bot.Command{Name: "pause", Description: "Pause all reminders, for some days or until /resume", Args: "[days]", Handler: s.pause})
	r.Command(bot.Command{Name: "resume", Description: "Start reminders again after a pause", Handler: s.resume})
	r.Command(bot.Command{Name: "quiet", Description: "Show or set quiet hours, when no reminder is sent", Args: "[HH:MM-HH:MM|off|default]", Handler: s.quiet})
	r.Button(ButtonPrefix+"/setup", s.setupButton)
	r.Button(ButtonPrefix+"/list", s.list)
	r.Button(ButtonPrefix+"/{action}/{kind}", s.button)
	r.Button(ButtonPrefix+"/{stale...}", s.staleButton)
}

// ensure makes sure the user has a row for every kind (off until they turn
// it on), so the list can always show all of them.
func ensure(u *bot.User, rs []Reminder) []Reminder {
	for _, k := range Kinds {
		found := false
		for _, r := range rs {
			if !r.OneOff && r.Kind == k {
				found = true
				break
			}
		}
		if !found {
			rs = append(rs, Reminder{UserID: u.ID, Kind: k, Mode: ModeAuto, Spec: derivedSpec(k, *u, 0)})
		}
	}
	return rs
}

// recurring returns the user's recurring reminder of a kind.
func recurring(rs []Reminder, k Kind) *Reminder {
	for i := range rs {
		if !rs[i].OneOff && rs[i].Kind == k {
			return &rs[i]
		}
	}
	return nil
}

// list shows every kind with its time and state, and toggle buttons.
func (s *Service) list(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	if err := s.reschedule(ctx, req.UserID, func(u *bot.User, rs []Reminder) ([]Reminder, error) { return ensure(u, rs), nil }); err != nil {
		return nil, err
	}
	return s.listReply(ctx, req.UserID, "")
}

func (s *Service) listReply(ctx context.Context, userID, lead string) ([]bot.Response, error) {
	u, err := s.store.User(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("load user: %w", err)
	}
	rs, err := s.store.Reminders(ctx, userID)
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	sb.WriteString(lead)
	zone := u.TimeZone
	if zone == "" {
		zone = s.say(&u, "RemZoneUnset", nil)
	}
	sb.WriteString(s.say(&u, "RemHeading", map[string]string{"Zone": markup.Escape(zone)}) + "\n")
	var rows [][]bot.Button
	anyOn := false
	for _, k := range Kinds {
		r := recurring(rs, k)
		if r == nil {
			continue
		}
		name := s.label(&u, k)
		state, action, label := s.say(&u, "RemOff", nil), "on", s.say(&u, "RemTurnOn", map[string]string{"Label": name})
		if r.Enabled {
			state, action, label, anyOn = s.say(&u, "RemOn", nil), "off", s.say(&u, "RemTurnOff", map[string]string{"Label": name}), true
		}
		sb.WriteString(s.say(&u, "RemLine", map[string]string{"Label": name, "When": s.describeFor(&u, r.Spec), "State": state}) + "\n")
		rows = append(rows, []bot.Button{{Label: label, Payload: ButtonPrefix + "/" + action + "/" + string(k)}})
	}
	if start, end, ok := quietWindow(u); ok {
		sb.WriteString("\n" + s.say(&u, "RemQuiet", map[string]string{"Start": start.String(), "End": end.String()}))
	} else {
		sb.WriteString("\n" + s.say(&u, "RemQuietOff", nil))
	}
	now := s.now()
	if paused(u, now) {
		sb.WriteString("\n" + s.say(&u, "RemPaused", map[string]string{"Until": s.describePause(&u, now)}))
	}
	sb.WriteString("\n\n" + s.say(&u, "RemFooter", nil))
	// "Turn them all on" comes last, so that turning one on (which takes
	// it away) leaves every toggle where it was: at the console, where
	// buttons are pressed by number, [2] stays the same reminder.
	if !anyOn {
		rows = append(rows, []bot.Button{{Label: s.say(&u, "RemTurnAllOn", nil), Payload: ButtonPrefix + "/setup"}})
	}
	return []bot.Response{{Text: sb.String(), Buttons: rows, Personal: true}}, nil
}

// describePause says until when u's reminders are paused.
func (s *Service) describePause(u *bot.User, now time.Time) string {
	if u.PausedUntil.Sub(now) > 10*365*24*time.Hour {
		return s.say(u, "RemUntilResume", nil)
	}
	return s.when(u, *u.PausedUntil, now)
}

// errRefused rolls back a change a user asked for that cannot be done; the
// reason is in the reply.
var errRefused = errors.New("refused")

// remind sets one reminder.
func (s *Service) remind(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	fields := strings.Fields(req.Args)
	if len(fields) < 2 {
		return bot.Reply(s.say(req.User, "RemUsage", nil)), nil
	}
	kind, ok := ParseKind(fields[0])
	if !ok {
		return bot.Reply(s.unknownKind(req.User, fields[0])), nil
	}
	arg := strings.ToLower(strings.Join(fields[1:], " "))
	if strings.HasPrefix(arg, "in ") {
		n, ok := understand.ParseIn(arg)
		if !ok {
			n = -1
		}
		return s.remindIn(ctx, req.User, kind, n)
	}
	c, refusal := s.parseChange(req.User, kind, arg, fields[1:])
	if refusal != "" {
		return bot.Reply(refusal), nil
	}
	return s.change(ctx, req.UserID, kind, c)
}

// unknownKind answers a reminder name that isn't one, in u's language.
func (s *Service) unknownKind(u *bot.User, name string) string {
	return s.say(u, "RemUnknownKind", map[string]string{"Name": quote(name)})
}

// commandWord is the word /remind takes for a kind ("water"): the same in
// every language, as commands are.
func commandWord(k Kind) string {
	if k == Hydration {
		return "water"
	}
	return string(k)
}

// change makes one change to a recurring reminder and shows the result.
func (s *Service) change(ctx context.Context, userID string, kind Kind, c change) ([]bot.Response, error) {
	var refusal string
	err := s.reschedule(ctx, userID, func(u *bot.User, rs []Reminder) ([]Reminder, error) {
		rs = ensure(u, rs)
		r := recurring(rs, kind)
		msg, err := s.apply(u, r, c)
		refusal = msg
		return rs, err
	})
	if errors.Is(err, errRefused) {
		return bot.Reply(refusal), nil
	}
	if err != nil {
		return nil, err
	}
	return s.confirm(ctx, userID, kind)
}

// changeOp is what a change does to a recurring reminder.
type changeOp int

const (
	opOn      changeOp = iota // turn it on
	opOff                     // turn it off
	opDefault                 // back to the times derived from the user's day
	opEvery                   // water every minutes
	opAt                      // daily at a time (the weekly one: on its day)
	opWeekly                  // the weekly summary on a day at a time
	opCron                    // a cron spec, already checked
)

// change is one change to a recurring reminder: read from /remind's
// argument (parseChange) or given typed (ChangeReminders).
type change struct {
	op      changeOp
	minutes int    // opEvery
	at      int    // opAt, opWeekly: minutes after midnight
	day     int    // opWeekly: 0 is Sunday
	spec    string // opCron
}

// parseChange reads /remind's argument after the kind. It returns a
// refusal, in u's language, when the argument cannot be used.
func (s *Service) parseChange(u *bot.User, kind Kind, arg string, raw []string) (change, string) {
	switch {
	case arg == "on":
		return change{op: opOn}, ""
	case arg == "off":
		return change{op: opOff}, ""
	case arg == "default" || arg == "auto" || arg == "reset":
		return change{op: opDefault}, ""
	case strings.HasPrefix(arg, "every"):
		n, ok := understand.ParseEvery(arg)
		if !ok {
			n = -1 // refused by apply, with the allowed range
		}
		return change{op: opEvery, minutes: n}, ""
	case kind == Weekly && len(raw) > 0 && isWeekday(raw[0]):
		day, _ := parseWeekday(raw[0])
		at := weeklyDefault
		if len(raw) > 1 {
			c, err := bot.ParseClock(strings.Join(raw[1:], " "))
			if err != nil {
				return change{}, s.say(u, "RemBadWeeklyTime", map[string]string{"Text": quote(strings.Join(raw[1:], " "))})
			}
			at = int(c)
		}
		return change{op: opWeekly, day: day, at: at}, ""
	case strings.HasPrefix(arg, "cron "):
		sc, err := parseSpec(strings.Join(raw[1:], " "))
		if err != nil {
			return change{}, s.say(u, "RemBadCron", map[string]string{"Reason": s.cronReason(u, err), "Kind": commandWord(kind)})
		}
		return change{op: opCron, spec: sc.text}, ""
	}
	c, ok := understand.ParseTimeOfDay(strings.TrimPrefix(arg, "at "), kindHint(kind))
	if !ok {
		return change{}, s.say(u, "RemNotUnderstood", map[string]string{"Text": quote(arg), "Kind": commandWord(kind)})
	}
	return change{op: opAt, at: int(c)}, ""
}

// apply makes the change to r. It returns a refusal message, in u's
// language, with errRefused when the change cannot be made.
func (s *Service) apply(u *bot.User, r *Reminder, c change) (string, error) {
	kind := r.Kind
	switch c.op {
	case opOn:
		r.Enabled = true
	case opOff:
		r.Enabled = false
	case opDefault:
		r.Mode, r.EveryHours, r.Enabled = ModeAuto, 0, true
	case opEvery:
		if kind != Hydration {
			return s.say(u, "RemEveryWaterOnly", nil), errRefused
		}
		n := c.minutes
		if n < minEveryMinutes || n > maxEvery*60 {
			return s.say(u, "RemEveryRange", map[string]string{"Min": strconv.Itoa(minEveryMinutes), "Max": strconv.Itoa(maxEvery)}), errRefused
		}
		if n%60 == 0 {
			r.Mode, r.EveryHours, r.Enabled = ModeEvery, n/60, true
			break
		}
		r.Mode, r.Spec, r.EveryHours, r.Enabled = ModeCustom, minutesSpec(u.WakeTimeOrDefault(), u.BedtimeOrDefault(), n), 0, true
	case opWeekly:
		r.Mode, r.Spec, r.EveryHours, r.Enabled = ModeCustom, weeklySpec(c.day, c.at), 0, true
	case opCron:
		r.Mode, r.Spec, r.Enabled = ModeCustom, c.spec, true
	case opAt:
		r.Mode, r.Spec, r.EveryHours, r.Enabled = ModeCustom, dailySpec(c.at), 0, true
		if kind == Weekly {
			r.Spec = weeklySpec(weeklyDay, c.at)
		}
	}
	if r.Mode != ModeCustom {
		r.Spec = derivedSpec(kind, *u, r.EveryHours)
	}
	if r.Enabled {
		if t, all := s.quietTimes(*u, r.Spec); t != "" {
			if all {
				return s.say(u, "RemNeverArrives", map[string]string{"Time": t, "Quiet": s.quietText(u)}), errRefused
			}
		}
	}
	return "", nil
}

// quietTimes returns the spec's clock times that fall in quiet hours, and
// whether that is all of them.
func (s *Service) quietTimes(u bot.User, spec string) (string, bool) {
	sc, err := s.parse(spec)
	if err != nil {
		return "", false
	}
	var inside []string
	total := 0
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // any day: only clock times matter
	for t := sc.nextAnyDay(day); !t.IsZero() && t.Before(day.Add(24*time.Hour)); t = sc.nextAnyDay(t) {
		total++
		c := bot.Clock(t.Hour()*60 + t.Minute())
		probe := time.Date(2026, 1, 5, c.Hour(), c.Minute(), 0, 0, u.Location())
		if inQuiet(u, probe) {
			inside = append(inside, c.String())
		}
	}
	return strings.Join(inside, ", "), len(inside) > 0 && len(inside) == total
}

// confirm says what a reminder is now set to, and when it comes next.
func (s *Service) confirm(ctx context.Context, userID string, k Kind) ([]bot.Response, error) {
	u, err := s.store.User(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("load user: %w", err)
	}
	rs, err := s.store.Reminders(ctx, userID)
	if err != nil {
		return nil, err
	}
	r := recurring(rs, k)
	if r == nil || !r.Enabled {
		return []bot.Response{{Text: s.say(&u, "RemIsOff", map[string]string{"Label": s.label(&u, k), "Kind": string(k)}), Personal: true}}, nil
	}
	set := map[string]string{"Label": s.label(&u, k), "When": s.describeFor(&u, r.Spec)}
	text := s.say(&u, "RemSet", set)
	if s.daily(r.Spec) {
		text = s.say(&u, "RemSetDaily", set)
	}
	if r.Mode != ModeCustom && k != Weekly {
		text += s.say(&u, "RemFollowsDay", nil)
	}
	text += "."
	if inside, _ := s.quietTimes(u, r.Spec); inside != "" {
		text += s.say(&u, "RemQuietSkipped", map[string]string{"Times": inside})
	}
	now := s.now()
	switch {
	case paused(u, now):
		text += "\n" + s.say(&u, "RemPausedUntil", map[string]string{"Until": s.describePause(&u, now)})
	case !r.NextDue.IsZero():
		text += "\n" + s.say(&u, "RemNext", map[string]string{"When": s.when(&u, r.NextDue, now)})
	}
	return []bot.Response{{Text: text, Personal: true}}, nil
}

// pause pauses all reminders for N days, or until /resume.
func (s *Service) pause(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	days := 0
	if strings.TrimSpace(req.Args) != "" {
		n, ok := understand.ParseDays(req.Args)
		if !ok || n < 1 {
			n = -1
		}
		days = n
	}
	return s.pauseFor(ctx, req.User, days)
}

// pauseFor pauses all reminders of u for days, or until resumed when days
// is 0.
func (s *Service) pauseFor(ctx context.Context, u *bot.User, days int) ([]bot.Response, error) {
	if days < 0 || days > maxPauseDays {
		return bot.Reply(s.say(u, "RemPauseRange", map[string]string{"Max": strconv.Itoa(maxPauseDays)})), nil
	}
	now := s.now()
	until := now.AddDate(100, 0, 0)
	if days > 0 {
		until = now.AddDate(0, 0, days)
	}
	var paused bot.User
	err := s.reschedule(ctx, u.ID, func(u *bot.User, rs []Reminder) ([]Reminder, error) {
		u.PausedUntil = &until
		paused = *u
		return rs, nil
	})
	if err != nil {
		return nil, err
	}
	return []bot.Response{{Text: s.say(&paused, "RemPausedAll", map[string]string{"Until": s.describePause(&paused, now)}), Personal: true}}, nil
}

// resume ends a pause.
func (s *Service) resume(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return s.resumeUser(ctx, req.UserID)
}

// resumeUser ends a user's pause and lists their reminders.
func (s *Service) resumeUser(ctx context.Context, userID string) ([]bot.Response, error) {
	var user bot.User
	wasPaused := false
	err := s.reschedule(ctx, userID, func(u *bot.User, rs []Reminder) ([]Reminder, error) {
		wasPaused = u.PausedUntil != nil
		u.PausedUntil = nil
		user = *u
		return ensure(u, rs), nil
	})
	if err != nil {
		return nil, err
	}
	lead := s.say(&user, "RemNotPaused", nil)
	if wasPaused {
		lead = s.say(&user, "RemWelcomeBack", nil)
	}
	return s.listReply(ctx, userID, lead+"\n\n")
}

// quiet shows or sets quiet hours.
func (s *Service) quiet(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	arg := strings.ToLower(strings.TrimSpace(req.Args))
	if arg == "" {
		return []bot.Response{{Text: s.say(req.User, "RemQuietShow", map[string]string{"Quiet": s.quietText(req.User)}), Personal: true}}, nil
	}
	var start, end *bot.Clock
	switch arg {
	case "default", "auto", "reset":
	case "off", "none":
		zero := bot.Clock(0)
		start, end = &zero, &zero
	default:
		a, b, ok := strings.Cut(strings.NewReplacer("–", "-", " to ", "-", " until ", "-", " and ", "-").Replace(strings.TrimPrefix(strings.TrimPrefix(arg, "from "), "between ")), "-")
		c1, ok1 := understand.ParseTimeOfDay(a, understand.Evening)
		c2, ok2 := understand.ParseTimeOfDay(b, understand.Morning)
		if !ok || !ok1 || !ok2 || c1 == c2 {
			return bot.Reply(s.say(req.User, "RemQuietBad", nil)), nil
		}
		start, end = &c1, &c2
	}
	return s.setQuiet(ctx, req.UserID, start, end)
}

// setQuiet sets a user's quiet hours: nil, nil is bedtime to wake time;
// two zeros turn them off.
func (s *Service) setQuiet(ctx context.Context, userID string, start, end *bot.Clock) ([]bot.Response, error) {
	var changed bot.User
	err := s.reschedule(ctx, userID, func(u *bot.User, rs []Reminder) ([]Reminder, error) {
		u.QuietStart, u.QuietEnd = start, end
		changed = *u
		return rs, nil
	})
	if err != nil {
		return nil, err
	}
	return []bot.Response{{Text: s.say(&changed, "RemQuietNow", map[string]string{"Quiet": s.quietText(&changed)}), Personal: true}}, nil
}

// quietText says u's quiet hours in u's language: "22:00 to 07:00", with
// "(your bedtime to your wake time)" when they follow u's day, or "off".
func (s *Service) quietText(u *bot.User) string {
	start, end, ok := quietWindow(*u)
	if !ok {
		return s.say(u, "RemQuietNone", nil)
	}
	span := map[string]string{"Start": start.String(), "End": end.String()}
	if u.QuietStart == nil {
		return s.say(u, "RemQuietSpanDay", span)
	}
	return s.say(u, "RemQuietSpan", span)
}

// staleButton answers reminder payloads no other pattern matches.
func (s *Service) staleButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	return bot.Reply(s.say(req.User, "RemStale", nil)), nil
}

// setupButton turns every reminder on ("rm/setup").
func (s *Service) setupButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	err := s.reschedule(ctx, req.UserID, func(u *bot.User, rs []Reminder) ([]Reminder, error) {
		rs = ensure(u, rs)
		for i := range rs {
			rs[i].Enabled = rs[i].Enabled || !rs[i].OneOff
		}
		return rs, nil
	})
	if err != nil {
		return nil, err
	}
	return s.listReply(ctx, req.UserID, s.say(req.User, "RemAllOn", nil)+"\n\n")
}

// button handles "rm/<action>/<kind>": on, off, done, s15, s60, skip.
func (s *Service) button(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	action := req.Param("action")
	kind, ok := ParseKind(req.Param("kind"))
	if !ok {
		return bot.Reply(s.say(req.User, "RemStale", nil)), nil
	}
	switch action {
	case "on", "off":
		err := s.reschedule(ctx, req.UserID, func(u *bot.User, rs []Reminder) ([]Reminder, error) {
			rs = ensure(u, rs)
			recurring(rs, kind).Enabled = action == "on"
			return rs, nil
		})
		if err != nil {
			return nil, err
		}
		if action == "off" {
			if err := s.dropSnoozes(ctx, req.UserID, kind); err != nil {
				return nil, err
			}
		}
		return s.listReply(ctx, req.UserID, "")
	case "done":
		return []bot.Response{{Text: s.doneText(req.User, kind)}}, nil
	case "s15", "s60":
		return s.snooze(ctx, req.User, kind, map[string]time.Duration{"s15": 15 * time.Minute, "s60": time.Hour}[action])
	case "skip":
		return s.skipToday(ctx, req.User, kind)
	}
	return bot.Reply(s.say(req.User, "RemStale", nil)), nil
}

// snooze schedules a one-off repeat of the reminder; a kind has at most
// one, so pressing Snooze again (on any of its messages) moves it.
func (s *Service) snooze(ctx context.Context, u *bot.User, k Kind, d time.Duration) ([]bot.Response, error) {
	at := s.now().Add(d).Truncate(time.Minute)
	if inQuiet(*u, at) {
		return bot.Reply(s.say(u, "RemSnoozeQuiet", map[string]string{"Time": at.In(u.Location()).Format("15:04")})), nil
	}
	err := s.store.UpdateReminders(ctx, u.ID, func(_ *bot.User, rs []Reminder) ([]Reminder, error) {
		for _, r := range rs { // one pending snooze per kind: a new press moves it
			if r.OneOff && r.Kind == k {
				r.NextDue, r.Enabled = at, true
				return []Reminder{r}, nil
			}
		}
		return []Reminder{{UserID: u.ID, Kind: k, Mode: ModeCustom, Enabled: true, OneOff: true, NextDue: at}}, nil
	})
	if err != nil {
		return nil, fmt.Errorf("snooze: %w", err)
	}
	return bot.Reply(s.say(u, "RemSnoozed", map[string]string{"Time": at.In(u.Location()).Format("15:04")})), nil
}

// skipToday moves the reminder past the rest of today.
func (s *Service) skipToday(ctx context.Context, u *bot.User, k Kind) ([]bot.Response, error) {
	now := s.now()
	var next time.Time
	err := s.reschedule(ctx, u.ID, func(uu *bot.User, rs []Reminder) ([]Reminder, error) {
		rs = ensure(uu, rs)
		return rs, nil
	})
	if err != nil {
		return nil, err
	}
	err = s.store.UpdateReminders(ctx, u.ID, func(uu *bot.User, rs []Reminder) ([]Reminder, error) {
		r := recurring(rs, k)
		if r == nil || !r.Enabled || r.NextDue.IsZero() {
			return nil, nil
		}
		local := now.In(uu.Location())
		endOfDay := time.Date(local.Year(), local.Month(), local.Day(), 23, 59, 59, 0, uu.Location())
		r.NextDue = s.nextDue(*uu, *r, endOfDay)
		next = r.NextDue
		return []Reminder{*r}, nil
	})
	if err != nil {
		return nil, fmt.Errorf("skip today: %w", err)
	}
	if err := s.dropSnoozes(ctx, u.ID, k); err != nil {
		return nil, err
	}
	if next.IsZero() {
		return bot.Reply(s.say(u, "RemSkipped", nil)), nil
	}
	return bot.Reply(s.say(u, "RemSkippedNext", map[string]string{"When": s.when(u, next, now)})), nil
}

// dropSnoozes removes the user's pending snoozes of a kind.
func (s *Service) dropSnoozes(ctx context.Context, userID string, k Kind) error {
	rs, err := s.store.Reminders(ctx, userID)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.OneOff && r.Kind == k {
			if err := s.store.DeleteReminder(ctx, userID, r.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// minEveryMinutes is the shortest interval of a repeating reminder: the
// platforms pace far faster, but more often would be nagging.
const minEveryMinutes = 30

// maxInMinutes is the furthest ahead a one-off reminder may be set.
const maxInMinutes = 24 * 60

// kindHint says how a bare hour reads for a kind: 9 is 21:00 for the
// stretch and 09:00 for the morning check-in.
func kindHint(k Kind) understand.Hint {
	switch k {
	case Morning:
		return understand.Morning
	case Hydration, Caffeine:
		return understand.Daytime
	}
	return understand.Evening
}

// remindIn sets a one-off reminder of a kind n minutes from now:
// /remind stretch in 2h.
func (s *Service) remindIn(ctx context.Context, u *bot.User, k Kind, n int) ([]bot.Response, error) {
	if n < 1 || n > maxInMinutes {
		return bot.Reply(s.say(u, "RemInRange", nil)), nil
	}
	at := s.now().Add(time.Duration(n) * time.Minute).Truncate(time.Minute)
	if inQuiet(*u, at) {
		return bot.Reply(s.say(u, "RemInQuiet", map[string]string{"Time": at.In(u.Location()).Format("15:04")})), nil
	}
	err := s.store.UpdateReminders(ctx, u.ID, func(_ *bot.User, _ []Reminder) ([]Reminder, error) {
		return []Reminder{{UserID: u.ID, Kind: k, Mode: ModeCustom, Enabled: true, OneOff: true, NextDue: at}}, nil
	})
	if err != nil {
		return nil, fmt.Errorf("remind in: %w", err)
	}
	return []bot.Response{{Text: s.say(u, "RemOnce", map[string]string{"Label": s.label(u, k), "label": strings.ToLower(s.label(u, k)), "When": s.when(u, at, s.now())}), Personal: true}}, nil
}

// cronReason says why a cron spec was refused, in u's language. The
// parser's own words are English: RemCronUnreadable shows them in English
// and says it more plainly in the other languages.
func (s *Service) cronReason(u *bot.User, err error) string {
	switch {
	case errors.Is(err, ErrNeverFires):
		return s.say(u, "RemCronNever", nil)
	case errors.Is(err, ErrTooOften):
		return s.say(u, "RemCronTooOften", map[string]string{"Max": strconv.Itoa(maxPerDay)})
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return s.say(u, "RemCronUnreadable", map[string]string{"Detail": quote(msg)})
}

// quote shortens and escapes user input for echoing it back.
func quote(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return markup.Escape(s)
}
