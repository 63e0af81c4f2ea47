package chart

import (
	"math"

	gochart "github.com/wcharczuk/go-chart/v2"
)

// The custom series below implement go-chart's Series interface (so the
// chart calls their Render with the plot area and the axis ranges) and its
// ValuesProvider interface (so go-chart's range scan sees their values).
// The axes use fixed ranges, so the values only matter to go-chart's
// bookkeeping, but they are kept accurate.
//
// Pixel positions: day i is centred at x = plot.Left + xr.Translate(i), and
// a value v sits at y = plot.Bottom - yr.Translate(v).

// slotWidth returns the width in pixels of one day's slot.
func slotWidth(plot gochart.Box, n int) float64 {
	return float64(plot.Width()) / float64(n)
}

// fillRect fills the rectangle with corners (x0, y0) and (x1, y1).
func fillRect(r gochart.Renderer, x0, y0, x1, y1 int) {
	r.MoveTo(x0, y0)
	r.LineTo(x1, y0)
	r.LineTo(x1, y1)
	r.LineTo(x0, y1)
	r.Close()
	r.Fill()
}

// fillTriangle fills an upward-pointing triangle of the given radius centred
// on (cx, cy).
func fillTriangle(r gochart.Renderer, cx, cy int, radius float64) {
	h := int(math.Round(radius))
	r.MoveTo(cx, cy-h)
	r.LineTo(cx+h, cy+h)
	r.LineTo(cx-h, cy+h)
	r.Close()
	r.Fill()
}

// barSeries draws the severity bars, and a faint grey wash over the slots
// of nights that were not logged. It is on the left axis.
type barSeries struct {
	days []Day
	plot gochart.Box // the plot area, recorded while rendering (for tests)
}

// GetName implements chart.Series.
func (s *barSeries) GetName() string { return "twitching (0–10)" }

// GetYAxis implements chart.Series; go-chart's secondary axis is the left one.
func (s *barSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisSecondary }

// GetStyle implements chart.Series.
func (s *barSeries) GetStyle() gochart.Style { return gochart.Style{FillColor: colorBar} }

// Validate implements chart.Series.
func (s *barSeries) Validate() error { return nil }

// Len implements chart.ValuesProvider.
func (s *barSeries) Len() int { return len(s.days) }

// GetValues implements chart.ValuesProvider: the day's index and severity.
func (s *barSeries) GetValues(i int) (float64, float64) {
	return float64(i), float64(severity(s.days[i]))
}

// Render implements chart.Series.
func (s *barSeries) Render(r gochart.Renderer, plot gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	s.plot = plot
	slot := slotWidth(plot, len(s.days))
	half := max(slot*0.35, 1) // bars take 70% of the slot

	// Unlogged nights: grey the whole slot, top to bottom.
	r.SetFillColor(colorUnlogged)
	for i, d := range s.days {
		if d.Logged {
			continue
		}
		// Slot edges come from the range, so neighbouring grey slots meet
		// exactly instead of overlapping into a darker seam.
		left := plot.Left + xr.Translate(float64(i)-0.5)
		right := plot.Left + xr.Translate(float64(i)+0.5)
		fillRect(r, left, plot.Top, right, plot.Bottom)
	}

	// Logged nights: a bar from 0 up to the severity (none for 0).
	r.SetFillColor(colorBar)
	for i, d := range s.days {
		v := severity(d)
		if !d.Logged || v == 0 {
			continue
		}
		x := plot.Left + xr.Translate(float64(i))
		top := plot.Bottom - yr.Translate(float64(v))
		fillRect(r, x-int(half), top, x+int(half), plot.Bottom)
	}
}

// markerSeries draws the late-caffeine triangles and stretching dots in the
// strip between severity 10 and the top of the plot, caffeine in the upper
// row and stretching in the lower one. It is on the left axis.
type markerSeries struct {
	days []Day
}

// GetName implements chart.Series.
func (s *markerSeries) GetName() string { return "late caffeine / stretched" }

// GetYAxis implements chart.Series; go-chart's secondary axis is the left one.
func (s *markerSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisSecondary }

// GetStyle implements chart.Series.
func (s *markerSeries) GetStyle() gochart.Style { return gochart.Style{} }

// Validate implements chart.Series.
func (s *markerSeries) Validate() error { return nil }

// Len implements chart.ValuesProvider.
func (s *markerSeries) Len() int { return len(s.days) }

// GetValues implements chart.ValuesProvider: every marker sits in the strip
// above the bars.
func (s *markerSeries) GetValues(i int) (float64, float64) {
	return float64(i), (maxSeverity + severityTop) / 2.0
}

// Render implements chart.Series.
func (s *markerSeries) Render(r gochart.Renderer, plot gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	slot := slotWidth(plot, len(s.days))
	radius := min(max(slot*0.3, 2.5), 6)

	// The strip runs from the plot's top edge down to severity 10.
	stripTop := plot.Top
	stripBottom := plot.Bottom - yr.Translate(maxSeverity)
	caffeineY := stripTop + (stripBottom-stripTop)/3
	stretchY := stripTop + 2*(stripBottom-stripTop)/3

	for i, d := range s.days {
		if !d.Logged {
			continue
		}
		x := plot.Left + xr.Translate(float64(i))
		if d.LateCaffeine {
			r.SetFillColor(colorCaffeine)
			fillTriangle(r, x, caffeineY, radius)
		}
		if d.Stretched {
			r.SetFillColor(colorStretched)
			r.Circle(radius, x, stretchY)
			r.Fill()
		}
	}
}

// waterSeries draws the dashed 2 L goal line and the water line (with a dot
// on each day that has water logged; days with none break the line). It is
// on the right axis.
type waterSeries struct {
	days []Day
	top  float64 // the top axis label in litres; larger amounts are drawn there
}

// GetName implements chart.Series.
func (s *waterSeries) GetName() string { return "water (L)" }

// GetYAxis implements chart.Series; go-chart's primary axis is the right one.
func (s *waterSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisPrimary }

// GetStyle implements chart.Series.
func (s *waterSeries) GetStyle() gochart.Style {
	return gochart.Style{StrokeColor: colorWater, StrokeWidth: 2}
}

// Validate implements chart.Series.
func (s *waterSeries) Validate() error { return nil }

// Len implements chart.ValuesProvider.
func (s *waterSeries) Len() int { return len(s.days) }

// GetValues implements chart.ValuesProvider: the day's index and litres.
func (s *waterSeries) GetValues(i int) (float64, float64) {
	return float64(i), math.Min(litres(s.days[i].WaterML), s.top)
}

// Render implements chart.Series.
func (s *waterSeries) Render(r gochart.Renderer, plot gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	// Goal line across the whole plot.
	goalY := plot.Bottom - yr.Translate(goalLitres)
	r.SetStrokeColor(colorWater)
	r.SetStrokeWidth(1.5)
	r.SetStrokeDashArray([]float64{6, 4})
	r.MoveTo(plot.Left, goalY)
	r.LineTo(plot.Right, goalY)
	r.Stroke()
	r.SetStrokeDashArray(nil)

	// Pixel position of each day's water, ok=false when none was logged.
	point := func(i int) (x, y int, ok bool) {
		_, l := s.GetValues(i)
		if l <= 0 {
			return 0, 0, false
		}
		return plot.Left + xr.Translate(float64(i)), plot.Bottom - yr.Translate(l), true
	}

	// The line: one segment between each pair of neighbouring logged days.
	r.SetStrokeWidth(2)
	for i := 1; i < len(s.days); i++ {
		x0, y0, ok0 := point(i - 1)
		x1, y1, ok1 := point(i)
		if ok0 && ok1 {
			r.MoveTo(x0, y0)
			r.LineTo(x1, y1)
			r.Stroke()
		}
	}

	// A dot on every logged day, so single days between gaps still show.
	radius := min(max(slotWidth(plot, len(s.days))*0.12, 2), 3.5)
	r.SetFillColor(colorWater)
	for i := range s.days {
		if x, y, ok := point(i); ok {
			r.Circle(radius, x, y)
			r.Fill()
		}
	}
}
