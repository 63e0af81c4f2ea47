// Package chart draws a user's journal as a PNG chart.
//
// The chart has one date slot per night along the x axis. Each slot shows:
//
//   - a blue bar for how bad the twitching was (left axis, 0–10);
//   - in a strip above the 10 line, an orange triangle for late caffeine and
//     a black dot for stretching before bed;
//   - a green line for the water drunk the day before (right axis, litres),
//     with a dashed reference line at the 2 L goal;
//   - a light grey background when nothing was logged for the night.
//
// The colours come from the Okabe–Ito palette, which stays distinguishable
// for the common kinds of colour blindness, and every series also differs in
// shape (bar, triangle, dot, line), so the chart never depends on colour alone.
//
// Drawing is done with github.com/wcharczuk/go-chart/v2. Note that go-chart
// draws its "primary" y axis on the right and its "secondary" y axis on the
// left, so the severity series uses chart.YAxisSecondary and the water series
// uses chart.YAxisPrimary.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"sync"
	"time"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Day is one night of the journal, keyed by the date of the morning it ended.
type Day struct {
	Date         time.Time // the morning's calendar date (time of day ignored)
	Logged       bool      // false: nothing logged for this night
	Severity     int       // 0 (none) to 10 (worst); only when Logged
	LateCaffeine bool      // caffeine after 2 p.m. the day before; only when Logged
	Stretched    bool      // stretched before bed; only when Logged
	WaterML      int       // water drunk the day before, in ml; 0 when none logged
}

// Image size in pixels.
const (
	width  = 1000
	height = 500
)

// Severity scale: bars go from 0 to maxSeverity; the left axis runs a little
// higher (to severityTop) to leave a strip above the bars for the markers.
const (
	maxSeverity = 10
	severityTop = 12
)

// goalLitres is where the dashed water reference line is drawn.
const goalLitres = 2.0

// Colours (Okabe–Ito palette, plus neutral greys).
var (
	colorBar       = drawing.Color{R: 0x00, G: 0x72, B: 0xB2, A: 255} // blue
	colorCaffeine  = drawing.Color{R: 0xE6, G: 0x9F, B: 0x00, A: 255} // orange
	colorStretched = drawing.Color{R: 0x00, G: 0x00, B: 0x00, A: 255} // black
	colorWater     = drawing.Color{R: 0x00, G: 0x9E, B: 0x73, A: 255} // bluish green
	colorUnlogged  = drawing.Color{R: 0x00, G: 0x00, B: 0x00, A: 20}  // faint grey wash
	colorGrid      = drawing.Color{R: 0xDD, G: 0xDD, B: 0xDD, A: 255} // light grey
	colorText      = drawing.Color{R: 0x33, G: 0x33, B: 0x33, A: 255} // dark grey
)

// errNoDays is returned by Render when there is nothing to draw.
var errNoDays = errors.New("chart: no days to draw")

// defaultFont loads go-chart's built-in Roboto font once. go-chart would load
// it itself, but its lazy loading is not race-free when several charts are
// rendered concurrently for the first time.
var defaultFont = sync.OnceValues(gochart.GetDefaultFont)

// Labels are the words a chart draws, in the reader's language: the
// legend, the axis captions, the dates under the x axis and the numbers on
// the water axis. An empty label draws nothing.
type Labels struct {
	// Render's legend and axis captions: "twitching (0–10)", "late
	// caffeine", "stretched", "water (L)", "2 L goal", "not logged".
	Twitching, LateCaffeine, Stretched, Water, WaterGoal, NotLogged string
	// RenderSleep's axis captions: "sleep efficiency (%)", "legs began
	// bothering (time)".
	Efficiency, SymptomStart string
	// Date writes a date under the x axis; nil writes "25 Nov".
	Date func(time.Time) string
	// Number writes a water amount in litres on the right axis; nil
	// writes "2.5".
	Number func(float64) string
}

// date writes a date for the x axis.
func (l Labels) date(t time.Time) string {
	if l.Date == nil {
		return t.Format("2 Jan")
	}
	return l.Date(t)
}

// number writes a number for the water axis.
func (l Labels) number(v float64) string {
	if l.Number == nil {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return l.Number(v)
}

// Render draws the days (oldest first, typically 30) as a PNG image and returns its bytes.
//
// The image is 1000×500 pixels with a white background. Every element of
// days gets its own date slot, in the order given; nights that were not
// logged keep their (empty, greyed) slot so gaps stay visible. Water is
// drawn for every day that has some, logged night or not; days without
// water break the line. Severities outside 0–10 are clamped, and negative
// water amounts count as none.
//
// Render returns an error if days is empty, since there is no date range to
// draw; callers should handle "no journal yet" before calling it.
//
// The words drawn (legend, axis captions, dates, numbers) come from labels.
func Render(days []Day, title string, labels Labels) ([]byte, error) {
	png, _, err := render(days, title, labels)
	return png, err
}

// render does the work of Render and also returns the plot area (the canvas
// box inside the axes) so tests can find where each date slot was drawn.
func render(days []Day, title string, labels Labels) ([]byte, gochart.Box, error) {
	if len(days) == 0 {
		return nil, gochart.Box{}, errNoDays
	}
	font, err := defaultFont()
	if err != nil {
		return nil, gochart.Box{}, fmt.Errorf("chart: loading font: %w", err)
	}

	bars := &barSeries{days: days}
	markers := &markerSeries{days: days}
	step := waterStep(days) // litres per severity-2 grid line
	water := &waterSeries{days: days, top: 5 * step}

	c := gochart.Chart{
		Title:      title,
		TitleStyle: gochart.Style{FontSize: 16, FontColor: colorText},
		Width:      width,
		Height:     height,
		Font:       font,
		Background: gochart.Style{
			FillColor: drawing.ColorWhite,
			// Room for the title and axis captions above the plot and
			// the legend below it.
			Padding: gochart.Box{Top: 62, Left: 20, Right: 20, Bottom: 45},
		},
		Canvas: gochart.Style{FillColor: drawing.ColorWhite},

		// X axis: one slot per day, centred on 0, 1, …, n-1.
		XAxis: gochart.XAxis{
			Range: &tickRange{
				ContinuousRange: gochart.ContinuousRange{Min: -0.5, Max: float64(len(days)) - 0.5},
				makeTicks:       dateTicks(days, labels.date),
			},
			GridMajorStyle: gochart.Hidden(),
			GridMinorStyle: gochart.Hidden(),
		},

		// Left axis (go-chart's "secondary"): severity 0–10, with headroom
		// above 10 for the marker strip. The grid lines belong to this axis.
		YAxisSecondary: gochart.YAxis{
			Range: &tickRange{
				ContinuousRange: gochart.ContinuousRange{Min: 0, Max: severityTop},
				makeTicks:       fixedTicks(severityTicks()),
			},
			GridLines:      gridLines(),
			GridMajorStyle: gochart.Style{StrokeColor: colorGrid, StrokeWidth: 1},
		},

		// Right axis (go-chart's "primary"): water in litres, 5 steps up
		// to severity 10 so both axes share the grid lines, and a sixth
		// step for the marker strip.
		YAxis: gochart.YAxis{
			Range: &tickRange{
				ContinuousRange: gochart.ContinuousRange{Min: 0, Max: 6 * step},
				makeTicks:       fixedTicks(waterTicks(step, labels.number)),
			},
			GridMajorStyle: gochart.Hidden(),
			GridMinorStyle: gochart.Hidden(),
		},

		// Drawn in this order: bars first, then the water line over them,
		// then the markers.
		Series:   []gochart.Series{bars, water, markers},
		Elements: []gochart.Renderable{axisCaptions(labels), legend(labels)},
	}

	var buf bytes.Buffer
	if err := c.Render(gochart.PNG, &buf); err != nil {
		return nil, gochart.Box{}, fmt.Errorf("chart: rendering: %w", err)
	}
	return buf.Bytes(), bars.plot, nil
}

// tickRange is a go-chart continuous range that also supplies its own axis
// ticks (it implements chart.TicksProvider). A fixed range keeps go-chart
// from auto-scaling the axes to the data; supplying ticks through the range,
// rather than through YAxis.Ticks, avoids a go-chart v2.1.2 bug where the
// secondary axis takes its range from the primary axis's ticks.
type tickRange struct {
	gochart.ContinuousRange
	makeTicks func(r gochart.Renderer, style gochart.Style, domain int) []gochart.Tick
}

// GetTicks implements chart.TicksProvider.
func (t *tickRange) GetTicks(r gochart.Renderer, style gochart.Style, _ gochart.ValueFormatter) []gochart.Tick {
	return t.makeTicks(r, style, t.Domain)
}

// fixedTicks returns a tick maker that always returns ticks.
func fixedTicks(ticks []gochart.Tick) func(gochart.Renderer, gochart.Style, int) []gochart.Tick {
	return func(gochart.Renderer, gochart.Style, int) []gochart.Tick { return ticks }
}

// severityTicks labels the left axis 0, 2, …, 10 (nothing above 10: that
// part of the axis is the marker strip).
func severityTicks() []gochart.Tick {
	var ticks []gochart.Tick
	for v := 0; v <= maxSeverity; v += 2 {
		ticks = append(ticks, gochart.Tick{Value: float64(v), Label: strconv.Itoa(v)})
	}
	return ticks
}

// gridLines draws light horizontal lines at severities 2, 4, …, 10.
func gridLines() []gochart.GridLine {
	var lines []gochart.GridLine
	for v := 2; v <= maxSeverity; v += 2 {
		lines = append(lines, gochart.GridLine{Value: float64(v)})
	}
	return lines
}

// waterStep picks the spacing of the right axis ticks, in litres. The axis
// is labelled from 0 to five steps (5 × 0.5 L = 2.5 L, unless someone drank
// more), so its ticks line up with the severity grid lines 0, 2, …, 10, and
// it runs on to six steps, level with the top of the marker strip.
func waterStep(days []Day) float64 {
	most := 0.0
	for _, d := range days {
		most = math.Max(most, litres(d.WaterML))
	}
	step := 0.5
	for step*5 < most && step < 8 { // 0.5, 1, 2, 4 or 8 L
		step *= 2
	}
	return step
}

// waterTicks labels the right axis at 0, 1, …, 5 steps, each number
// written by number.
func waterTicks(step float64, number func(float64) string) []gochart.Tick {
	var ticks []gochart.Tick
	for i := 0; i <= 5; i++ {
		v := step * float64(i)
		ticks = append(ticks, gochart.Tick{Value: v, Label: number(v)})
	}
	return ticks
}

// dateTicks returns a tick maker for the x axis: a tick mark on every day,
// and a label written by dateLabel ("25 Nov") on as many days as fit
// without overlapping. Labels are spaced 1, 2, 3 or a multiple of 7 days
// apart and always include the most recent day.
func dateTicks(days []Day, dateLabel func(time.Time) string) func(gochart.Renderer, gochart.Style, int) []gochart.Tick {
	return func(r gochart.Renderer, style gochart.Style, domain int) []gochart.Tick {
		n := len(days)
		widest := 0
		for _, d := range days {
			widest = max(widest, gochart.Draw.MeasureText(r, dateLabel(d.Date), style).Width())
		}
		slot := float64(domain) / float64(n)
		need := 1
		if slot > 0 {
			need = int(math.Ceil(float64(widest+12) / slot)) // 12 px between labels
		}
		step := max(need, 1)
		if step > 3 {
			step = (step + 6) / 7 * 7 // whole weeks
		}

		ticks := make([]gochart.Tick, n)
		for i, d := range days {
			ticks[i].Value = float64(i)
			if (n-1-i)%step == 0 {
				ticks[i].Label = dateLabel(d.Date)
			}
		}
		return ticks
	}
}

// severity returns the day's severity clamped to 0–10, or 0 if not logged.
func severity(d Day) int {
	if !d.Logged {
		return 0
	}
	return min(max(d.Severity, 0), maxSeverity)
}

// litres converts millilitres to litres, treating negative amounts as none.
func litres(ml int) float64 {
	return math.Max(float64(ml), 0) / 1000
}
