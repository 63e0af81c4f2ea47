// Package report writes a one-page PDF summary of a user's journal that
// they can show a doctor: the period, how often and how strongly the legs
// twitched, how often it woke them, their habits, the latest checklist
// result and the chart. It is written in the user's language (the
// catalog's Ins... messages, content/locales/insights), with that
// language's dates and decimal mark; Roboto, the embedded font, carries
// the Latin and Cyrillic letters of every language the bot speaks.
//
// PDF rather than PNG: a doctor's office prints and files it, it keeps its
// text selectable and searchable, and one A4 page holds the figures, the
// chart and a night-by-night table at a readable size.
package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/wcharczuk/go-chart/v2/roboto"

	"github.com/calmnights/calmnights/bot/insights/internal/words"
	"github.com/calmnights/calmnights/content"
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
	// 21:00, SE 92%"), already in the report's language; "" when there is
	// none.
	Diary string
}

// Checklist is the latest doctor-checklist result.
type Checklist struct {
	TakenAt   time.Time
	Yes       int
	Total     int
	SeeDoctor bool
	// YesItems are the questions answered yes, as the result lists them,
	// in the report's language.
	YesItems []string
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
	Test  string // "Ferritin", "TSAT", in the report's language
	Value string // with its unit: "45 ng/mL", "18%"
}

// Data is what the report shows.
type Data struct {
	// Lang is the report's language ("en", "es", "pt", "de", "ru"; ""
	// is English), and Content the library whose catalog says it (nil:
	// the embedded one). The worded fields below (Patterns, Ratings, the
	// diary notes, the checklist's items) come in that language already.
	Lang      string
	Content   *content.Library
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

// trend says in words how the second half of the period compares with the
// first: it needs a few logged nights in each half.
func (f Figures) trend(w *words.Words, nights []Night) string {
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
		return w.Text("InsRepTrendFew", nil)
	}
	halves := map[string]string{"First": w.Num(f.FirstHalf, 1), "Second": w.Num(f.SecondHalf, 1)}
	d := f.SecondHalf - f.FirstHalf
	switch {
	case d <= -1:
		return w.Text("InsRepTrendLower", halves)
	case d >= 1:
		return w.Text("InsRepTrendHigher", halves)
	}
	return w.Text("InsRepTrendSame", halves)
}

// PDF renders the report as an A4 PDF: one page when everything fits,
// otherwise the summary on the first page and the chart and the nights on
// the second.
func PDF(d Data) ([]byte, error) {
	if len(d.Nights) == 0 {
		return nil, fmt.Errorf("report: no nights")
	}
	w := words.In(d.Content, d.Lang)
	itoa := strconv.Itoa
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(d.Compress)
	pdf.AddUTF8FontFromBytes("roboto", "", roboto.Roboto)
	pdf.AddUTF8FontFromBytes("roboto", "B", roboto.Roboto)
	pdf.SetMargins(15, 12, 15)
	pdf.SetAutoPageBreak(false, 10)
	pdf.SetCreator("Calm Nights", true)
	pdf.SetTitle(w.Text("InsRepTitle", nil), true)
	pdf.SetLang(w.Lang)
	pdf.AddPage()

	first, last := d.Nights[0].Date, d.Nights[len(d.Nights)-1].Date
	f := Compute(d.Nights)
	text := func(size float64, h float64, s string) {
		pdf.SetFont("roboto", "", size)
		pdf.MultiCell(0, h, s, "", "L", false)
	}

	zone := d.TimeZone
	if zone == "" {
		zone = w.Text("InsRepNoZone", nil)
	}
	text(16, 8, w.Text("InsRepTitle", nil))
	text(9, 5, w.Text("InsRepSubtitle", map[string]string{
		"From": w.Date("InsDateLong", first), "To": w.Date("InsDateLong", last), "Nights": w.Count("WeekNights", len(d.Nights)),
		"Zone": zone, "Made": w.Date("InsDateLong", d.Generated)}))
	pdf.Ln(2)

	rows := [][2]string{
		{w.Text("InsRepLogged", nil), w.Text("InsRepOf", map[string]string{"N": itoa(f.Logged), "Of": itoa(len(d.Nights))})},
		{w.Text("InsRepTwitching", nil), itoa(f.Twitching)},
		{w.Text("InsRepAverage", nil), w.Num(f.Average, 1)},
		{w.Text("InsRepTrend", nil), f.trend(w, d.Nights)},
		{w.Text("InsRepWoke", nil), itoa(f.Woke)},
		{w.Text("InsRepCaffeine", nil), w.Count("WeekDays", f.LateCaffeine)},
		{w.Text("InsRepStretched", nil), w.Count("WeekNights", f.Stretched)},
		{w.Text("InsRepWater", nil), itoa(f.WaterGoal)},
	}
	pdf.SetFont("roboto", "", 10)
	for _, r := range rows {
		fitCell(pdf, 70, 5.5, r[0], "B", 0)
		fitCell(pdf, pageWidth-70, 5.5, r[1], "B", 1)
	}
	pdf.Ln(2)
	heading := func(s string) {
		pdf.SetFont("roboto", "B", 11)
		pdf.MultiCell(0, 6, s, "", "L", false) // a long heading wraps
	}
	weeksTable(pdf, w, d.Weeks, heading)
	diarySection(pdf, w, d.Diary, heading, text)
	medsSection(pdf, w, d.Medicines, d.Labs, heading, text)

	pdf.SetFont("roboto", "", 10)
	if c := d.Checklist; c != nil {
		verdict := w.Text("InsRepCheckBelow", nil)
		if c.SeeDoctor {
			verdict = w.Text("InsRepCheckSee", nil)
		}
		text(10, 5, w.Text("InsRepCheck", map[string]string{"Date": w.Date("InsDateLong", c.TakenAt), "Yes": itoa(c.Yes), "Total": itoa(c.Total), "Verdict": verdict}))
		if len(c.YesItems) > 0 {
			text(9, 4.5, w.Text("InsRepCheckYes", map[string]string{"Items": strings.Join(c.YesItems, "; ")}))
		}
	} else {
		text(10, 5, w.Text("InsRepNoCheck", nil))
	}
	pdf.Ln(2)
	if len(d.Ratings) > 0 {
		heading(w.Text("InsRepRatings", nil))
		for _, r := range d.Ratings {
			text(9, 4.5, "• "+r)
		}
		pdf.Ln(1)
	}
	if len(d.Patterns) > 0 {
		heading(w.Text("InsRepPatterns", nil))
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
		footer(pdf, w, w.Text("InsRepPage1", nil))
		pdf.AddPage()
		text(12, 6, w.Text("InsRepPage2", map[string]string{"From": w.Date("InsDateLong", first), "To": w.Date("InsDateLong", last)}))
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
		row := nightRow(w, n)
		if cols == 2 && n.Diary != "" {
			row += "  · " + n.Diary
		}
		fitCell(pdf, colW, rowH, row, "", 0)
	}
	footer(pdf, w, "")

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return buf.Bytes(), nil
}

// nightRow writes one night for the table.
func nightRow(w *words.Words, n Night) string {
	s := w.Date("InsDateRow", n.Date) + "  "
	if !n.Logged {
		return s + "–"
	}
	s += fmt.Sprintf("%2d/10", n.Severity)
	var marks []string
	if n.Woke != nil && *n.Woke {
		marks = append(marks, w.Text("InsRepMarkWoke", nil))
	}
	if n.LateCaffeine != nil && *n.LateCaffeine {
		marks = append(marks, w.Text("InsRepMarkCaffeine", nil))
	}
	if n.Stretched != nil && *n.Stretched {
		marks = append(marks, w.Text("InsRepMarkStretched", nil))
	}
	if len(marks) > 0 {
		s += "  " + strings.Join(marks, ", ")
	}
	return s
}

// pageWidth is the width between the page's margins, in mm.
const pageWidth = 180.0

// fitCell writes s left-aligned in a cell of width w and height h, as
// fpdf's CellFormat does with border and ln, in the current font made
// smaller when s would not fit (down to 5 pt): the words are as long as
// the language makes them.
func fitCell(pdf *fpdf.Fpdf, w, h float64, s, border string, ln int) {
	size, _ := pdf.GetFontSize()
	room := w - 2*pdf.GetCellMargin()
	for fit := size; fit > 5 && pdf.GetStringWidth(s) > room; {
		fit -= 0.25
		pdf.SetFontSize(fit)
	}
	pdf.CellFormat(w, h, s, border, ln, "L", false, 0, "")
	pdf.SetFontSize(size)
}

// footer writes the line at the foot of a page, after extra if any.
func footer(pdf *fpdf.Fpdf, w *words.Words, extra string) {
	pdf.SetXY(15, 287)
	pdf.SetFont("roboto", "", 7.5)
	line := w.Text("InsRepFooter", nil)
	if extra != "" {
		pdf.SetXY(15, 283)
		fitCell(pdf, pageWidth, 4, extra, "", 2)
	}
	fitCell(pdf, pageWidth, 4, line, "", 0)
}

// weeksTable writes the four-week overview: nights with symptoms a week
// (the article's checklist asks about more than three), the average
// score, when symptoms began and the sleep efficiency.
func weeksTable(pdf *fpdf.Fpdf, w *words.Words, weeks []Week, heading func(string)) {
	if len(weeks) == 0 {
		return
	}
	heading(w.Text("InsRepWeeks", nil))
	titles := []string{w.Text("InsRepColNights", nil), w.Text("InsRepColLogged", nil), w.Text("InsRepColSymptoms", nil),
		w.Text("InsRepColAverage", nil), w.Text("InsRepColStart", nil), w.Text("InsRepColEfficiency", nil)}
	var rows [][]string
	for _, wk := range weeks {
		start, eff, avg := "–", "–", "–"
		if wk.Start != "" {
			start = wk.Start
		}
		if wk.Efficiency >= 0 {
			eff = w.Text("InsRepPercent", map[string]string{"Pct": strconv.Itoa(wk.Efficiency)})
		}
		if wk.Logged > 0 {
			avg = w.Num(wk.Average, 1)
		}
		sym := strconv.Itoa(wk.Symptoms)
		if wk.Symptoms > 3 {
			sym += w.Text("InsRepMoreThan3", nil)
		}
		of := w.Text("InsRepOf", map[string]string{"N": strconv.Itoa(wk.Logged), "Of": strconv.Itoa(int(wk.To.Sub(wk.From).Hours()/24) + 1)})
		rows = append(rows, []string{w.Date("InsDateFrom", wk.From) + " – " + w.Date("InsDateLong", wk.To), of, sym, avg, start, eff})
	}
	widths := columnWidths(pdf, titles, rows)
	pdf.SetFont("roboto", "B", 8.5)
	for i, t := range titles {
		fitCell(pdf, widths[i], 5, t, "B", 0)
	}
	pdf.Ln(-1)
	pdf.SetFont("roboto", "", 9.5)
	for _, row := range rows {
		for i, c := range row {
			fitCell(pdf, widths[i], 5, c, "B", 0)
		}
		pdf.Ln(-1)
	}
	pdf.SetFont("roboto", "", 8)
	pdf.MultiCell(0, 4, w.Text("InsRepWeeksNote", nil), "", "L", false)
	pdf.Ln(2)
}

// columnWidths shares the page's width among the weeks table's columns:
// each gets what its widest title (bold 8.5 pt) or cell (9.5 pt) needs,
// and what is left over is shared evenly; when the needs add up to more
// than the page, each is cut in proportion (and fitCell makes its words
// smaller).
func columnWidths(pdf *fpdf.Fpdf, titles []string, rows [][]string) []float64 {
	pad := 2*pdf.GetCellMargin() + 2
	need := make([]float64, len(titles))
	pdf.SetFont("roboto", "B", 8.5)
	for i, t := range titles {
		need[i] = pdf.GetStringWidth(t) + pad
	}
	pdf.SetFont("roboto", "", 9.5)
	for _, row := range rows {
		for i, c := range row {
			need[i] = max(need[i], pdf.GetStringWidth(c)+pad)
		}
	}
	total := 0.0
	for _, n := range need {
		total += n
	}
	for i := range need {
		if total > pageWidth {
			need[i] *= pageWidth / total
		} else {
			need[i] += (pageWidth - total) / float64(len(need))
		}
	}
	return need
}

// diarySection writes the sleep diary's averages.
func diarySection(pdf *fpdf.Fpdf, w *words.Words, d *SleepDiary, heading func(string), text func(float64, float64, string)) {
	if d == nil {
		return
	}
	heading(w.Text("InsRepDiary", nil))
	var parts []string
	itoa := strconv.Itoa
	if d.LatencyN > 0 {
		parts = append(parts, w.Text("InsRepLatency", map[string]string{"Min": w.Num(d.LatencyMin, 0), "Nights": w.Count("WeekNights", d.LatencyN)}))
	}
	if d.AwakeningsN > 0 {
		parts = append(parts, w.Text("InsRepAwakenings", map[string]string{"N": w.Num(d.Awakenings, 1), "Count": itoa(d.AwakeningsN)}))
	}
	if d.TotalSleepN > 0 {
		m := int(d.TotalSleepMin)
		parts = append(parts, w.Text("InsRepTotalSleep", map[string]string{"H": itoa(m / 60), "M": itoa(m % 60), "M2": fmt.Sprintf("%02d", m%60), "Count": itoa(d.TotalSleepN)}))
	}
	if d.EfficiencyN > 0 {
		parts = append(parts, w.Text("InsRepEfficiency", map[string]string{"Pct": w.Num(d.Efficiency, 0), "Count": itoa(d.EfficiencyN)}))
	}
	if d.QualityN > 0 {
		parts = append(parts, w.Text("InsRepQuality", map[string]string{"Q": w.Num(d.Quality, 1), "Count": itoa(d.QualityN)}))
	}
	text(9.5, 4.8, strings.Join(parts, "; ")+".")
	text(8, 4, w.Text("InsRepDiaryNote", nil))
	pdf.Ln(2)
}

// medsSection writes the medicines with their times and the iron tests.
func medsSection(pdf *fpdf.Fpdf, w *words.Words, meds []Medicine, labs []Lab, heading func(string), text func(float64, float64, string)) {
	if len(meds) > 0 {
		heading(w.Text("InsRepMeds", nil))
		for _, m := range meds {
			line := m.Name
			if m.Dose != "" {
				line += " " + m.Dose
			}
			if m.Doses == 0 {
				line += w.Text("InsRepMedNone", nil)
			} else {
				line += w.TextN("InsRepMedDoses", m.Doses, map[string]string{"Times": m.Times, "Last": w.Date("InsDateTime", m.Last)})
			}
			text(9.5, 4.8, line)
		}
		pdf.Ln(2)
	}
	if len(labs) > 0 {
		heading(w.Text("InsRepLabs", nil))
		var parts []string
		for _, l := range labs {
			parts = append(parts, w.Text("InsRepLab", map[string]string{"Date": w.Date("InsDateLong", l.Date), "Test": l.Test, "Value": l.Value}))
		}
		text(9.5, 4.8, strings.Join(parts, "; ")+".")
		pdf.Ln(2)
	}
}
