package chart

import (
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// legendEntry is one item of the legend: a small sample of how the series
// looks, drawn in a 14×14 pixel box whose centre is (cx, cy), and its label.
type legendEntry struct {
	label  string
	swatch func(r gochart.Renderer, cx, cy int)
}

// legendEntries lists the legend items in order, with l's labels.
func legendEntries(l Labels) []legendEntry {
	return []legendEntry{
		{l.Twitching, func(r gochart.Renderer, cx, cy int) {
			r.SetFillColor(colorBar)
			fillRect(r, cx-5, cy-7, cx+5, cy+7)
		}},
		{l.LateCaffeine, func(r gochart.Renderer, cx, cy int) {
			r.SetFillColor(colorCaffeine)
			fillTriangle(r, cx, cy, 6)
		}},
		{l.Stretched, func(r gochart.Renderer, cx, cy int) {
			r.SetFillColor(colorStretched)
			r.Circle(5, cx, cy)
			r.Fill()
		}},
		{l.Water, func(r gochart.Renderer, cx, cy int) {
			r.SetStrokeColor(colorWater)
			r.SetStrokeWidth(2)
			r.MoveTo(cx-10, cy)
			r.LineTo(cx+10, cy)
			r.Stroke()
			r.SetFillColor(colorWater)
			r.Circle(3.5, cx, cy)
			r.Fill()
		}},
		{l.WaterGoal, func(r gochart.Renderer, cx, cy int) {
			r.SetStrokeColor(colorWater)
			r.SetStrokeWidth(1.5)
			r.SetStrokeDashArray([]float64{6, 4})
			r.MoveTo(cx-10, cy)
			r.LineTo(cx+10, cy)
			r.Stroke()
			r.SetStrokeDashArray(nil)
		}},
		{l.NotLogged, func(r gochart.Renderer, cx, cy int) {
			r.SetFillColor(colorUnlogged)
			fillRect(r, cx-7, cy-7, cx+7, cy+7)
		}},
	}
}

// Legend layout, in pixels.
const (
	legendSwatch = 20 // width reserved for a swatch
	legendGap    = 6  // between a swatch and its label
	legendSpace  = 26 // between entries
	legendBottom = 14 // from the bottom of the image to the text baseline
)

// legend draws the legend as a single centred row along the bottom of the
// image, below the date labels: a go-chart Renderable (chart.Elements).
// Entries without a label are left out.
func legend(l Labels) gochart.Renderable {
	var entries []legendEntry
	for _, e := range legendEntries(l) {
		if e.label != "" {
			entries = append(entries, e)
		}
	}
	return func(r gochart.Renderer, _ gochart.Box, defaults gochart.Style) {
		drawLegend(r, entries, defaults)
	}
}

// drawLegend draws the entries in one centred row.
func drawLegend(r gochart.Renderer, entries []legendEntry, defaults gochart.Style) {
	if len(entries) == 0 {
		return
	}
	text := gochart.Style{Font: defaults.Font, FontSize: 10, FontColor: colorText}

	// Measure the row so it can be centred.
	total := 0
	widths := make([]int, len(entries))
	textHeight := 0
	for i, e := range entries {
		box := gochart.Draw.MeasureText(r, e.label, text)
		widths[i] = box.Width()
		textHeight = max(textHeight, box.Height())
		total += legendSwatch + legendGap + widths[i]
	}
	total += legendSpace * (len(entries) - 1)

	x := (width - total) / 2
	baseline := height - legendBottom
	middle := baseline - textHeight/2 // vertical centre of the text
	for i, e := range entries {
		e.swatch(r, x+legendSwatch/2, middle)
		x += legendSwatch + legendGap
		gochart.Draw.Text(r, e.label, x, baseline, text)
		x += widths[i] + legendSpace
	}
}

// axisCaptions names the two y axes with short horizontal captions just above
// the top of each axis (easier to read than rotated axis names), each in the
// colour of its series. It is a go-chart Renderable (chart.Elements).
func axisCaptions(l Labels) gochart.Renderable {
	return func(r gochart.Renderer, plot gochart.Box, defaults gochart.Style) {
		captions(r, plot, defaults, l.Twitching, colorBar, l.Water, colorWater)
	}
}

// captions draws the left axis's caption left-aligned a little left of
// the axis line and the right axis's right-aligned a little right of its
// line; an empty caption is not drawn.
func captions(r gochart.Renderer, plot gochart.Box, defaults gochart.Style, left string, leftColor drawing.Color, right string, rightColor drawing.Color) {
	style := gochart.Style{Font: defaults.Font, FontSize: 10}
	baseline := plot.Top - 10
	if left != "" {
		style.FontColor = leftColor
		gochart.Draw.Text(r, left, plot.Left-20, baseline, style)
	}
	if right != "" {
		style.FontColor = rightColor
		w := gochart.Draw.MeasureText(r, right, style).Width()
		gochart.Draw.Text(r, right, plot.Right+20-w, baseline, style)
	}
}
