package chart

import (
	"bytes"
	"errors"
	"fmt"

	"time"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// SleepDay is one night's sleep diary figures for RenderSleep.
type SleepDay struct {
	Date time.Time // the morning's calendar date
	// Efficiency is the sleep efficiency in percent (0–100); negative
	// when the night has no diary to compute it from.
	Efficiency float64
	// Start is when the legs started bothering them, in minutes after
	// midnight of the evening (01:00 is 25*60); negative when not given.
	Start int
}

// The sleep chart is a second, shorter image under the journal chart:
// sleep efficiency on the left (50–100 %), the time symptoms began on the
// right (16:00–02:00), one date slot per night like the main chart.
const (
	sleepHeight = 340
	effMin      = 50.0
	startFrom   = 16 * 60
	startTo     = 26 * 60
)

// errNoSleepValues is returned by RenderSleep when no night has a value.
var errNoSleepValues = errors.New("chart: no sleep diary values to draw")

var colorStart = drawing.Color{R: 0xCC, G: 0x79, B: 0xA7, A: 255} // reddish purple (Okabe–Ito)

// RenderSleep draws the nights' sleep efficiency and symptom start times
// as a PNG (1000×340): two lines with dots, each on its own axis, in
// different colours and dot shapes, the axis captions and dates from
// labels. It returns an error when no night has either value.
func RenderSleep(days []SleepDay, title string, labels Labels) ([]byte, error) {
	font, err := defaultFont()
	if err != nil {
		return nil, fmt.Errorf("chart: loading font: %w", err)
	}
	var effX, effY, startX, startY []float64
	for i, d := range days {
		if d.Efficiency >= 0 {
			effX, effY = append(effX, float64(i)), append(effY, max(effMin, min(100, d.Efficiency)))
		}
		if d.Start >= 0 {
			startX, startY = append(startX, float64(i)), append(startY, float64(max(startFrom, min(startTo, d.Start))))
		}
	}
	if len(effX)+len(startX) == 0 {
		return nil, errNoSleepValues
	}
	asDays := make([]Day, len(days))
	for i, d := range days {
		asDays[i] = Day{Date: d.Date}
	}
	var series []gochart.Series
	if len(effX) > 0 {
		series = append(series, gochart.ContinuousSeries{
			Name: labels.Efficiency, YAxis: gochart.YAxisSecondary, XValues: effX, YValues: effY,
			Style: gochart.Style{StrokeColor: colorBar, StrokeWidth: 2, DotColor: colorBar, DotWidth: 4},
		})
	}
	if len(startX) > 0 {
		series = append(series, gochart.ContinuousSeries{
			Name: labels.SymptomStart, YAxis: gochart.YAxisPrimary, XValues: startX, YValues: startY,
			Style: gochart.Style{StrokeColor: colorStart, StrokeWidth: 2, StrokeDashArray: []float64{5, 3}, DotColor: colorStart, DotWidth: 5},
		})
	}
	var effTicks, startTicks []gochart.Tick
	for v := effMin; v <= 100; v += 10 {
		effTicks = append(effTicks, gochart.Tick{Value: v, Label: fmt.Sprintf("%.0f", v)})
	}
	for m := startFrom; m <= startTo; m += 120 {
		startTicks = append(startTicks, gochart.Tick{Value: float64(m), Label: fmt.Sprintf("%02d:00", (m/60)%24)})
	}
	c := gochart.Chart{
		Title:      title,
		TitleStyle: gochart.Style{FontSize: 14, FontColor: colorText},
		Width:      width,
		Height:     sleepHeight,
		Font:       font,
		Background: gochart.Style{FillColor: drawing.ColorWhite, Padding: gochart.Box{Top: 50, Left: 20, Right: 20, Bottom: 40}},
		Canvas:     gochart.Style{FillColor: drawing.ColorWhite},
		XAxis: gochart.XAxis{
			Range:          &tickRange{ContinuousRange: gochart.ContinuousRange{Min: -0.5, Max: float64(len(days)) - 0.5}, makeTicks: dateTicks(asDays, labels.date)},
			GridMajorStyle: gochart.Hidden(),
			GridMinorStyle: gochart.Hidden(),
		},
		YAxisSecondary: gochart.YAxis{
			Range:          &tickRange{ContinuousRange: gochart.ContinuousRange{Min: effMin, Max: 100}, makeTicks: fixedTicks(effTicks)},
			GridMajorStyle: gochart.Style{StrokeColor: colorGrid, StrokeWidth: 1},
		},
		YAxis: gochart.YAxis{
			Range:          &tickRange{ContinuousRange: gochart.ContinuousRange{Min: startFrom, Max: startTo}, makeTicks: fixedTicks(startTicks)},
			GridMajorStyle: gochart.Hidden(),
			GridMinorStyle: gochart.Hidden(),
		},
		Series:   series,
		Elements: []gochart.Renderable{sleepCaptions(labels)},
	}
	var buf bytes.Buffer
	if err := c.Render(gochart.PNG, &buf); err != nil {
		return nil, fmt.Errorf("chart: rendering the sleep chart: %w", err)
	}
	return buf.Bytes(), nil
}

// sleepCaptions names the sleep chart's two axes in their series' colours.
func sleepCaptions(l Labels) gochart.Renderable {
	return func(r gochart.Renderer, plot gochart.Box, defaults gochart.Style) {
		captions(r, plot, defaults, l.Efficiency, colorBar, l.SymptomStart, colorStart)
	}
}
