package privacy

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// exportFile is the JSON shape of /export: everything stored about a user.
type exportFile struct {
	ExportedAt time.Time         `json:"exported_at"`
	Profile    exportProfile     `json:"profile"`
	Journal    []exportNight     `json:"journal"`
	Water      []exportWater     `json:"water"`
	Checklists []exportChecklist `json:"checklist_results"`
	Reminders  []exportReminder  `json:"reminders"`
	SleepDiary []exportDiary     `json:"sleep_diary"`
	Medicines  []exportMedicine  `json:"medicines"`
	Doses      []exportDose      `json:"doses"`
	IronTests  []exportLab       `json:"iron_tests"`
	// Ratings are the daily ratings of other features (bot.Facet), by
	// name: "stress".
	Ratings map[string][]exportRating `json:"daily_ratings,omitempty"`
}

type exportRating struct {
	Day   string `json:"day"`
	Value int    `json:"value"`
	Scale int    `json:"out_of"`
}

type exportDiary struct {
	Night          string  `json:"night"`
	InBed          *string `json:"in_bed"`
	MinutesToSleep *int    `json:"minutes_to_fall_asleep"`
	Awakenings     *int    `json:"awakenings"`
	FinalWake      *string `json:"final_wake"`
	OutOfBed       *string `json:"out_of_bed"`
	Quality        *int    `json:"sleep_quality_1_to_5"`
	SymptomStart   *string `json:"legs_started_bothering_at"`
	MovingEased    *bool   `json:"moving_eased_it"`
	Spread         *bool   `json:"beyond_the_legs"`
	Alcohol        *bool   `json:"alcohol_in_the_evening"`
}

type exportMedicine struct {
	Name    string    `json:"name"`
	Dose    string    `json:"usual_dose"`
	AddedAt time.Time `json:"added_at"`
}

type exportDose struct {
	Name    string    `json:"name"`
	Dose    string    `json:"dose"`
	TakenAt time.Time `json:"taken_at"`
	Day     string    `json:"local_day"`
}

type exportLab struct {
	Test  string  `json:"test"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	Date  string  `json:"date"`
}

type exportProfile struct {
	ID          string     `json:"id"`
	Platform    string     `json:"platform"`
	ChatID      string     `json:"chat_id"`
	TimeZone    string     `json:"time_zone"`
	Bedtime     *string    `json:"bedtime"`
	WakeTime    *string    `json:"wake_time"`
	QuietStart  *string    `json:"quiet_hours_start"`
	QuietEnd    *string    `json:"quiet_hours_end"`
	PausedUntil *time.Time `json:"reminders_paused_until"`
	ConsentAt   *time.Time `json:"health_notes_consent_at"`
	CreatedAt   time.Time  `json:"created_at"`
	Language    string     `json:"language,omitempty"`
}

type exportNight struct {
	Night        string    `json:"night"`
	Severity     int       `json:"twitching_0_to_10"`
	Woke         *bool     `json:"woke_you"`
	LateCaffeine *bool     `json:"caffeine_after_2pm"`
	Stretched    *bool     `json:"stretched"`
	Note         string    `json:"note"`
	LoggedAt     time.Time `json:"logged_at"`
}

type exportWater struct {
	Day string `json:"day"`
	ML  int    `json:"ml"`
}

type exportChecklist struct {
	TakenAt   time.Time       `json:"taken_at"`
	Yes       int             `json:"yes"`
	Total     int             `json:"total"`
	SeeDoctor bool            `json:"see_a_specialist"`
	Answers   map[string]bool `json:"answers"`
}

type exportReminder struct {
	Kind    string     `json:"kind"`
	Spec    string     `json:"cron_spec,omitempty"`
	Mode    string     `json:"mode"`
	Enabled bool       `json:"enabled"`
	Snooze  bool       `json:"snooze"`
	NextDue *time.Time `json:"next_due"`
}

// exportCommand sends everything stored about the user as JSON, and the
// journal as CSV, with a message and captions in the user's language. The
// files themselves are data: their keys and values are the same in every
// language.
func (p *Privacy) exportCommand(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	ex, err := p.store.Export(ctx, req.User.ID)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	ratings, err := p.ratings(ctx, req.User.ID)
	if err != nil {
		return nil, err
	}
	js, err := exportJSON(ex, ratings, p.now().UTC())
	if err != nil {
		return nil, err
	}
	cs, err := journalCSV(ex.Nights)
	if err != nil {
		return nil, err
	}
	stamp := bot.Today(p.now(), req.User).Format(bot.DateLayout)
	text := p.text(req, "PrivExport", map[string]string{
		"Nights":     p.count(req, "PrivExportNights", len(ex.Nights)),
		"Water":      p.count(req, "PrivExportWater", len(ex.Water)),
		"Checklists": p.count(req, "PrivExportChecklists", len(ex.Checklists)),
	})
	return []bot.Response{
		{Text: text, File: &bot.Attachment{Name: "calmnights-export-" + stamp + ".json", MIME: "application/json", Data: js, Caption: p.say(req, "PrivExportCaption")}, Personal: true},
		{Text: p.say(req, "PrivJournalCSV"), File: &bot.Attachment{Name: "calmnights-journal-" + stamp + ".csv", MIME: "text/csv", Data: cs, Caption: p.say(req, "PrivJournalCaption")}, Personal: true},
	}, nil
}

// ratings reads every daily rating the user gave, by facet, oldest first.
func (p *Privacy) ratings(ctx context.Context, userID string) (map[string][]exportRating, error) {
	if len(p.facets) == 0 {
		return nil, nil
	}
	out := map[string][]exportRating{}
	for _, f := range p.facets {
		rs, err := f.Ratings(ctx, userID, "0001-01-01", "9999-12-31")
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", f.Name(), err)
		}
		list := []exportRating{}
		for day, v := range rs {
			list = append(list, exportRating{Day: day, Value: v, Scale: f.Scale()})
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Day < list[j].Day })
		out[f.Name()] = list
	}
	return out, nil
}

func exportJSON(ex bot.Export, ratings map[string][]exportRating, now time.Time) ([]byte, error) {
	clock := func(c *bot.Clock) *string {
		if c == nil {
			return nil
		}
		s := c.String()
		return &s
	}
	u := ex.User
	f := exportFile{
		ExportedAt: now,
		Profile: exportProfile{ID: u.ID, Platform: u.Platform, ChatID: u.ChatID, TimeZone: u.TimeZone, Bedtime: clock(u.Bedtime), WakeTime: clock(u.WakeTime),
			QuietStart: clock(u.QuietStart), QuietEnd: clock(u.QuietEnd), PausedUntil: u.PausedUntil, ConsentAt: u.ConsentAt, CreatedAt: u.CreatedAt, Language: u.Language},
		Journal: []exportNight{}, Water: []exportWater{}, Checklists: []exportChecklist{}, Reminders: []exportReminder{},
		SleepDiary: []exportDiary{}, Medicines: []exportMedicine{}, Doses: []exportDose{}, IronTests: []exportLab{},
		Ratings: ratings,
	}
	for _, d := range ex.Diary {
		f.SleepDiary = append(f.SleepDiary, exportDiary{d.Date, clock(d.InBed), d.LatencyMin, d.Awakenings, clock(d.FinalWake), clock(d.OutOfBed),
			d.Quality, clock(d.SymptomStart), d.MovingEased, d.Spread, d.Alcohol})
	}
	for _, m := range ex.Medicines {
		f.Medicines = append(f.Medicines, exportMedicine{m.Name, m.Dose, m.AddedAt})
	}
	for _, d := range ex.Doses {
		f.Doses = append(f.Doses, exportDose{d.Name, d.Dose, d.TakenAt, d.Day})
	}
	for _, l := range ex.Labs {
		unit := "ng/mL"
		if l.Test == bot.LabTSAT {
			unit = "%"
		}
		f.IronTests = append(f.IronTests, exportLab{l.Test, l.Value, unit, l.Date})
	}
	for _, n := range ex.Nights {
		f.Journal = append(f.Journal, exportNight{n.Date, n.Severity, n.Woke, n.LateCaffeine, n.Stretched, n.Note, n.LoggedAt})
	}
	days := make([]string, 0, len(ex.Water))
	for d := range ex.Water {
		days = append(days, d)
	}
	sort.Strings(days)
	for _, d := range days {
		f.Water = append(f.Water, exportWater{d, ex.Water[d]})
	}
	for _, c := range ex.Checklists {
		f.Checklists = append(f.Checklists, exportChecklist{c.TakenAt, c.Yes, c.Total, c.SeeDoctor, c.Answers})
	}
	for _, r := range ex.Reminders {
		f.Reminders = append(f.Reminders, exportReminder(r))
	}
	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode export: %w", err)
	}
	return append(out, '\n'), nil
}

// journalCSV writes the journal as CSV with a header row.
func journalCSV(nights []bot.Night) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	yn := func(b *bool) string {
		switch {
		case b == nil:
			return ""
		case *b:
			return "yes"
		}
		return "no"
	}
	rows := [][]string{{"night", "twitching_0_to_10", "woke_you", "caffeine_after_2pm", "stretched", "note"}}
	for _, n := range nights {
		rows = append(rows, []string{n.Date, strconv.Itoa(n.Severity), yn(n.Woke), yn(n.LateCaffeine), yn(n.Stretched), csvSafe(n.Note)})
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	return buf.Bytes(), nil
}

// csvSafe keeps a spreadsheet from running a note as a formula.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
