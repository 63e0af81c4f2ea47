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
}

// Checklist is the latest doctor-checklist result.
type Checklist struct {
	TakenAt   time.Time
	Yes       int
	Total     int
	SeeDoctor bool
	YesItems  []string
}

// Data is what the report shows.
type Data struct {
	Generated time.Time
	TimeZone  string
	Nights    []Night // oldest first
	Checklist *Checklist
	ChartPNG  []byte // optional
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

// PDF renders the report as a one-page A4 PDF.
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

	// Night by night, in columns to fit one page.
	pdf.SetFont("roboto", "", 7.5)
	const colW, rowH = 60.0, 3.9
	perCol := (len(d.Nights) + 2) / 3
	top := pdf.GetY()
	for i, n := range d.Nights {
		x := 15 + float64(i/perCol)*colW
		y := top + float64(i%perCol)*rowH
		if y > 280 {
			continue // more nights than the page holds: the figures above still count them all
		}
		pdf.SetXY(x, y)
		pdf.CellFormat(colW, rowH, nightRow(n), "", 0, "L", false, 0, "")
	}
	pdf.SetXY(15, 287)
	pdf.SetFont("roboto", "", 7.5)
	pdf.CellFormat(0, 4, "Recorded by the person in the Calm Nights chat bot. This is not a diagnosis; it is meant to help a conversation with a doctor.", "", 0, "L", false, 0, "")

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
