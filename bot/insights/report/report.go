// Package report writes a one-page PDF summary of a user's journal that
// they can show a doctor: the period, how often and how strongly the legs
// twitched, how often it woke them, their habits, the latest checklist
// result and the chart.
//
// PDF rather than PNG: a doctor's office prints and files it, it keeps its
// text selectable and searchable, and one A4 page holds the figures, the
// chart and a night-by-night table at a readable size.
package report

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/wcharczuk/go-chart/v2/roboto"
)

// Night is one night of the period.
type Night struct {
	Date         time.Time // the morning it ended
	Logged       bool
	Severity     int   // 0–10, when Logged
	Woke         *bool // nil: not answered
	LateCaffeine *bool
	Stretched    *bool
	WaterML      int // water the day before
	// Diary is a short note from the night's sleep diary ("legs from
	// 21:00, efficiency 92%"), "" when there is none.
	Diary string
}

// Checklist is the latest doctor-checklist result.
type Checklist struct {
	TakenAt   time.Time
	Yes       int
	Total     int
	SeeDoctor bool
	YesItems  []string
}

// Week is one week of the four-week overview, oldest first.
type Week struct {
	From, To time.Time // the first and last night
	Logged   int
	Symptoms int     // nights scored above 0
	Average  float64 // of the logged nights
	Start    string  // the middle symptom start time ("21:00"), "" when none
	// Efficiency is the average sleep efficiency in percent, -1 when no
	// night has a sleep diary.
	Efficiency int
}

// SleepDiary sums up the sleep diary of the period; the counts say how
// many nights each average is over.
type SleepDiary struct {
	LatencyMin, Awakenings, TotalSleepMin, Efficiency float64
	LatencyN, AwakeningsN, TotalSleepN, EfficiencyN   int
	Quality                                           float64
	QualityN                                          int
}

// Medicine is one medicine or supplement with its doses in the period.
type Medicine struct {
	Name, Dose string
	Doses      int
	Times      string // when they were usually taken, such as "20:30–21:15"
	Last       time.Time
}

// Lab is one iron test result.
type Lab struct {
	Date  time.Time
	Test  string // "Ferritin", "TSAT"
	Value string // with its unit: "45 ng/mL", "18%"
}

// Data is what the report shows.
type Data struct {
	Generated time.Time
	TimeZone  string
	Nights    []Night // oldest first
	Checklist *Checklist
	// Weeks is the four-week overview; Diary, Medicines and Labs are
	// optional sections; Patterns are observation lines, already worded.
	Weeks     []Week
	Diary     *SleepDiary
	Medicines []Medicine
	Labs      []Lab
	Patterns  []string
	// Ratings are the person's daily ratings (stress, say), one worded
	// line each, week by week; optional.
	Ratings  []string
	ChartPNG []byte // optional
	// SleepChartPNG is the sleep efficiency and symptom start chart
	// (1000×340), optional.
	SleepChartPNG []byte
	// Compress turns on PDF stream compression (off makes the text
	// readable in the raw file, for tests).
	Compress bool
}

// Figures are the report's numbers, computed from the nights.
type Figures struct {
	Logged, Twitching, Woke, LateCaffeine, Stretched, WaterGoal int
	Average, FirstHalf, SecondHalf                              float64
}

// waterGoalML is the article's lower daily water goal.
const waterGoalML = 2000

// Compute counts the figures of the nights.
func Compute(nights []Night) Figures {
	var f Figures
	var sum, firstSum, secondSum, firstN, secondN int
	for i, n := range nights {
		if n.WaterML >= waterGoalML {
			f.WaterGoal++
		}
		if !n.Logged {
			continue
		}
		f.Logged++
		sum += n.Severity
		if n.Severity > 0 {
			f.Twitching++
		}
		if n.Woke != nil && *n.Woke {
			f.Woke++
		}
		if n.LateCaffeine != nil && *n.LateCaffeine {
			f.LateCaffeine++
		}
		if n.Stretched != nil && *n.Stretched {
			f.Stretched++
		}
		if i < len(nights)/2 {
			firstSum, firstN = firstSum+n.Severity, firstN+1
		} else {
			secondSum, secondN = secondSum+n.Severity, secondN+1
		}
	}
	avg := func(s, n int) float64 {
		if n == 0 {
			return 0
		}
		return float64(s) / float64(n)
	}
	f.Average, f.FirstHalf, f.SecondHalf = avg(sum, f.Logged), avg(firstSum, firstN), avg(secondSum, secondN)
	return f
}

// Trend says in words how the second half of the period compares with the
// first: it needs a few logged nights in each half.
func (f Figures) Trend(nights []Night) string {
	var a, b int
	for i, n := range nights {
		if n.Logged {
			if i < len(nights)/2 {
				a++
			} else {
				b++
			}
		}
	}
	if a < 3 || b < 3 {
		return "not enough nights in each half to tell"
	}
	d := f.SecondHalf - f.FirstHalf
	switch {
	case d <= -1:
		return fmt.Sprintf("lower in the second half (%.1f, from %.1f)", f.SecondHalf, f.FirstHalf)
	case d >= 1:
		return fmt.Sprintf("higher in the second half (%.1f, from %.1f)", f.SecondHalf, f.FirstHalf)
	}
	return fmt.Sprintf("about the same in both halves (%.1f and %.1f)", f.FirstHalf, f.SecondHalf)
}

// PDF renders the report as an A4 PDF: one page when everything fits,
// otherwise the summary on the first page and the chart and the nights on
// the second.
func PDF(d Data) ([]byte, error) {
	if len(d.Nights) == 0 {
		return nil, fmt.Errorf("report: no nights")
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(d.Compress)
	pdf.AddUTF8FontFromBytes("roboto", "", roboto.Roboto)
	pdf.AddUTF8FontFromBytes("roboto", "B", roboto.Roboto)
	pdf.SetMargins(15, 12, 15)
	pdf.SetAutoPageBreak(false, 10)
	pdf.SetCreator("Calm Nights", true)
	pdf.SetTitle("Sleep and leg-twitching summary", true)
	pdf.AddPage()

	first, last := d.Nights[0].Date, d.Nights[len(d.Nights)-1].Date
	f := Compute(d.Nights)
	text := func(size float64, h float64, s string) {
		pdf.SetFont("roboto", "", size)
		pdf.MultiCell(0, h, s, "", "L", false)
	}

	text(16, 8, "Sleep and leg-twitching summary")
	text(9, 5, fmt.Sprintf("Nights ending %s – %s (%d nights) · time zone %s · made %s by Calm Nights from the person's own notes",
		first.Format("2 Jan 2006"), last.Format("2 Jan 2006"), len(d.Nights), orDash(d.TimeZone), d.Generated.Format("2 Jan 2006")))
	pdf.Ln(2)

	rows := [][2]string{
		{"Nights logged", fmt.Sprintf("%d of %d", f.Logged, len(d.Nights))},
		{"Nights with twitching (1–10)", fmt.Sprintf("%d", f.Twitching)},
		{"Average twitching (0–10)", fmt.Sprintf("%.1f", f.Average)},
		{"Trend", f.Trend(d.Nights)},
		{"Nights the twitching woke them", fmt.Sprintf("%d", f.Woke)},
		{"Caffeine after 2 p.m.", fmt.Sprintf("%d days", f.LateCaffeine)},
		{"Stretched before bed", fmt.Sprintf("%d nights", f.Stretched)},
		{"Days at the water goal (2 L+)", fmt.Sprintf("%d", f.WaterGoal)},
	}
	pdf.SetFont("roboto", "", 10)
	for _, r := range rows {
		pdf.CellFormat(70, 5.5, r[0], "B", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5.5, r[1], "B", 1, "L", false, 0, "")
	}
	pdf.Ln(2)
	heading := func(s string) {
		pdf.SetFont("roboto", "B", 11)
		pdf.CellFormat(0, 6, s, "", 1, "L", false, 0, "")
	}
	weeksTable(pdf, d.Weeks, heading)
	diarySection(pdf, d.Diary, heading, text)
	medsSection(pdf, d.Medicines, d.Labs, heading, text)

	pdf.SetFont("roboto", "", 10)
	if c := d.Checklist; c != nil {
		verdict := "below the line of two: self-care first, keep watching"
		if c.SeeDoctor {
			verdict = "two or more: the checklist suggests seeing a neurologist or sleep specialist"
		}
		text(10, 5, fmt.Sprintf("Latest checklist (%s): %d of %d yes, %s.", c.TakenAt.Format("2 Jan 2006"), c.Yes, c.Total, verdict))
		if len(c.YesItems) > 0 {
			text(9, 4.5, "Yes to: "+strings.Join(c.YesItems, "; ")+".")
		}
	} else {
		text(10, 5, "No checklist result saved.")
	}
	pdf.Ln(2)
	if len(d.Ratings) > 0 {
		heading("Daily ratings the person gave, averaged by week (oldest first)")
		for _, r := range d.Ratings {
			text(9, 4.5, "• "+r)
		}
		pdf.Ln(1)
	}
	if len(d.Patterns) > 0 {
		heading("Patterns in the person's notes (observations, not proof: small numbers can mislead)")
		for _, p := range d.Patterns {
			text(9, 4.5, "• "+p)
		}
		pdf.Ln(1)
	}

	// The chart and the nights follow on this page when they fit, and on
	// a second page otherwise.
	perCol := (len(d.Nights) + 2) / 3
	need := float64(perCol)*3.9 + 4
	if len(d.ChartPNG) > 0 {
		need += 92
	}
	if len(d.SleepChartPNG) > 0 {
		need += 63
	}
	cols := 3
	if pdf.GetY()+need > 282 {
		cols = 2 // a page of its own: room for the diary notes
		footer(pdf, "Page 1 of 2: the chart and each night are on page 2.")
		pdf.AddPage()
		text(12, 6, fmt.Sprintf("Sleep and leg-twitching summary, page 2: nights ending %s – %s", first.Format("2 Jan 2006"), last.Format("2 Jan 2006")))
		pdf.Ln(2)
	}

	if len(d.ChartPNG) > 0 {
		opt := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
		pdf.RegisterImageOptionsReader("chart", opt, bytes.NewReader(d.ChartPNG))
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("report: chart image: %w", err)
		}
		w := 180.0
		pdf.ImageOptions("chart", 15, pdf.GetY(), w, w/2, false, opt, 0, "")
		pdf.SetY(pdf.GetY() + w/2 + 2)
	}
	if len(d.SleepChartPNG) > 0 {
		opt := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
		pdf.RegisterImageOptionsReader("sleep", opt, bytes.NewReader(d.SleepChartPNG))
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("report: sleep chart image: %w", err)
		}
		w, h := 180.0, 180.0*340/1000
		pdf.ImageOptions("sleep", 15, pdf.GetY(), w, h, false, opt, 0, "")
		pdf.SetY(pdf.GetY() + h + 2)
	}

	// Night by night, in columns to fit one page.
	pdf.SetFont("roboto", "", 7.5)
	const rowH = 3.9
	colW := 180.0 / float64(cols)
	if cols == 2 {
		pdf.SetFont("roboto", "", 6.8)
	}
	perCol = (len(d.Nights) + cols - 1) / cols
	top := pdf.GetY()
	for i, n := range d.Nights {
		x := 15 + float64(i/perCol)*colW
		y := top + float64(i%perCol)*rowH
		if y > 280 {
			continue // more nights than the page holds: the figures above still count them all
		}
		pdf.SetXY(x, y)
		row := nightRow(n)
		if cols == 2 && n.Diary != "" {
			row += "  · " + n.Diary
		}
		pdf.CellFormat(colW, rowH, row, "", 0, "L", false, 0, "")
	}
	footer(pdf, "")

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return buf.Bytes(), nil
}

// nightRow writes one night for the table.
func nightRow(n Night) string {
	s := n.Date.Format("Mon 02 Jan") + "  "
	if !n.Logged {
		return s + "–"
	}
	s += fmt.Sprintf("%2d/10", n.Severity)
	var marks []string
	if n.Woke != nil && *n.Woke {
		marks = append(marks, "woke")
	}
	if n.LateCaffeine != nil && *n.LateCaffeine {
		marks = append(marks, "caffeine")
	}
	if n.Stretched != nil && *n.Stretched {
		marks = append(marks, "stretched")
	}
	if len(marks) > 0 {
		s += "  " + strings.Join(marks, ", ")
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "not set (UTC)"
	}
	return s
}

// footer writes the line at the foot of a page.
func footer(pdf *fpdf.Fpdf, extra string) {
	pdf.SetXY(15, 287)
	pdf.SetFont("roboto", "", 7.5)
	line := "Recorded by the person in the Calm Nights chat bot. This is not a diagnosis; it is meant to help a conversation with a doctor."
	if extra != "" {
		pdf.SetXY(15, 283)
		pdf.CellFormat(0, 4, extra, "", 2, "L", false, 0, "")
	}
	pdf.CellFormat(0, 4, line, "", 0, "L", false, 0, "")
}

// weeksTable writes the four-week overview: nights with symptoms a week
// (the article's checklist asks about more than three), the average
// score, when symptoms began and the sleep efficiency.
func weeksTable(pdf *fpdf.Fpdf, weeks []Week, heading func(string)) {
	if len(weeks) == 0 {
		return
	}
	heading("Week by week")
	cols := []struct {
		title string
		w     float64
	}{{"Nights ending", 48}, {"Logged", 18}, {"With symptoms", 28}, {"Average score", 26}, {"Symptoms began about", 36}, {"Sleep efficiency", 24}}
	pdf.SetFont("roboto", "B", 8.5)
	for _, c := range cols {
		pdf.CellFormat(c.w, 5, c.title, "B", 0, "L", false, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("roboto", "", 9.5)
	for _, w := range weeks {
		start, eff, avg := "–", "–", "–"
		if w.Start != "" {
			start = w.Start
		}
		if w.Efficiency >= 0 {
			eff = fmt.Sprintf("%d%%", w.Efficiency)
		}
		if w.Logged > 0 {
			avg = fmt.Sprintf("%.1f", w.Average)
		}
		sym := fmt.Sprintf("%d", w.Symptoms)
		if w.Symptoms > 3 {
			sym += " (more than 3)"
		}
		cells := []string{w.From.Format("2 Jan") + " – " + w.To.Format("2 Jan 2006"), fmt.Sprintf("%d of %d", w.Logged, int(w.To.Sub(w.From).Hours()/24)+1), sym, avg, start, eff}
		for i, c := range cols {
			pdf.CellFormat(c.w, 5, cells[i], "B", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.SetFont("roboto", "", 8)
	pdf.MultiCell(0, 4, "Symptoms: nights scored above 0 of 10. The article's checklist asks whether they happen on more than three nights a week.", "", "L", false)
	pdf.Ln(2)
}

// diarySection writes the sleep diary's averages.
func diarySection(pdf *fpdf.Fpdf, d *SleepDiary, heading func(string), text func(float64, float64, string)) {
	if d == nil {
		return
	}
	heading("Sleep diary (averages over the nights filled in)")
	var parts []string
	if d.LatencyN > 0 {
		parts = append(parts, fmt.Sprintf("time to fall asleep about %.0f min (%d nights)", d.LatencyMin, d.LatencyN))
	}
	if d.AwakeningsN > 0 {
		parts = append(parts, fmt.Sprintf("awakenings %.1f a night (%d)", d.Awakenings, d.AwakeningsN))
	}
	if d.TotalSleepN > 0 {
		parts = append(parts, fmt.Sprintf("total sleep %dh%02d (%d)", int(d.TotalSleepMin)/60, int(d.TotalSleepMin)%60, d.TotalSleepN))
	}
	if d.EfficiencyN > 0 {
		parts = append(parts, fmt.Sprintf("sleep efficiency %.0f%% (%d)", d.Efficiency, d.EfficiencyN))
	}
	if d.QualityN > 0 {
		parts = append(parts, fmt.Sprintf("quality %.1f of 5 (%d)", d.Quality, d.QualityN))
	}
	text(9.5, 4.8, strings.Join(parts, "; ")+".")
	text(8, 4, "Total sleep runs from falling asleep to the final waking; time awake in the night is not asked, so it is an upper bound. Sleep efficiency (SE) is total sleep over time in bed.")
	pdf.Ln(2)
}

// medsSection writes the medicines with their times and the iron tests.
func medsSection(pdf *fpdf.Fpdf, meds []Medicine, labs []Lab, heading func(string), text func(float64, float64, string)) {
	if len(meds) > 0 {
		heading("Medicines and supplements, as logged")
		for _, m := range meds {
			line := m.Name
			if m.Dose != "" {
				line += " " + m.Dose
			}
			if m.Doses == 0 {
				line += ": on the list, no dose logged in this period"
			} else {
				line += fmt.Sprintf(": %d doses, usually at %s, last %s", m.Doses, m.Times, m.Last.Format("2 Jan 15:04"))
			}
			text(9.5, 4.8, line)
		}
		pdf.Ln(2)
	}
	if len(labs) > 0 {
		heading("Iron tests, as reported by the person (values and dates only)")
		var parts []string
		for _, l := range labs {
			parts = append(parts, fmt.Sprintf("%s %s: %s", l.Date.Format("2 Jan 2006"), l.Test, l.Value))
		}
		text(9.5, 4.8, strings.Join(parts, "; ")+".")
		pdf.Ln(2)
	}
}
