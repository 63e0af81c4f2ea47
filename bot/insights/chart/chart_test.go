package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"sync"
	"testing"
	"time"
)

// nights returns n consecutive days ending on 25 Nov 2025, all logged with
// moderate values; tests then change the days they care about.
func nights(n int) []Day {
	end := time.Date(2025, 11, 25, 0, 0, 0, 0, time.UTC)
	days := make([]Day, n)
	for i := range days {
		days[i] = Day{
			Date:         end.AddDate(0, 0, i-n+1),
			Logged:       true,
			Severity:     (i * 3) % 11,
			LateCaffeine: i%4 == 0,
			Stretched:    i%3 == 0,
			WaterML:      1000 + (i*250)%1500,
		}
	}
	return days
}

// decode checks that b is a PNG of the expected size and returns it.
func decode(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not a valid PNG: %v", err)
	}
	if got := img.Bounds().Size(); got != (image.Point{X: width, Y: height}) {
		t.Fatalf("image size = %v, want %dx%d", got, width, height)
	}
	return img
}

// isBarColor reports whether c is (almost exactly) the bar colour. Bar
// interiors are solid, so a small tolerance only guards against rounding.
func isBarColor(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	near := func(v uint32, want uint8) bool {
		d := int(v>>8) - int(want)
		return d >= -3 && d <= 3
	}
	return near(r, colorBar.R) && near(g, colorBar.G) && near(b, colorBar.B)
}

// labels are the chart's English words, as the insights give them.
var labels = Labels{
	Twitching: "twitching (0–10)", LateCaffeine: "late caffeine", Stretched: "stretched",
	Water: "water (L)", WaterGoal: "2 L goal", NotLogged: "not logged",
	Efficiency: "sleep efficiency (%)", SymptomStart: "legs began bothering (time)",
}

func TestRenderSize(t *testing.T) {
	b, err := Render(nights(30), "Last 30 nights", labels)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)

	// White background: the top-left corner is outside everything drawn.
	if r, g, bl, _ := img.At(2, 2).RGBA(); r>>8 != 255 || g>>8 != 255 || bl>>8 != 255 {
		t.Errorf("corner pixel = %v, want white", img.At(2, 2))
	}
}

// TestBarPixels checks that bars land in the right date slots: a severity-10
// night fills its slot's middle with the bar colour, while a severity-0
// night, an unlogged night (even with a stale severity) and the gaps between
// slots have none of it.
func TestBarPixels(t *testing.T) {
	days := nights(6)
	for i := range days {
		days[i].LateCaffeine, days[i].Stretched, days[i].WaterML = false, false, 0
	}
	days[0].Severity = 10
	days[1].Severity = 0
	days[2].Logged, days[2].Severity = false, 10 // severity must be ignored
	days[3].Severity = 10
	days[4].Severity = 5
	days[5].Severity = 42 // clamped to 10

	b, plot, err := render(days, "bars", labels)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	if plot.Width() <= 0 || plot.Height() <= 0 {
		t.Fatalf("plot area not recorded: %v", plot)
	}

	slot := float64(plot.Width()) / float64(len(days))
	centre := func(i int) int { return plot.Left + int((float64(i)+0.5)*slot) }
	// y of a severity value (the axis runs 0..severityTop over the plot height).
	yOf := func(v float64) int {
		return plot.Bottom - int(v/severityTop*float64(plot.Height()))
	}
	// barAt reports whether the slot's centre column has bar colour at
	// severity level v.
	barAt := func(i int, v float64) bool { return isBarColor(img.At(centre(i), yOf(v))) }

	for _, tc := range []struct {
		day  int
		v    float64
		want bool
	}{
		{0, 1, true}, {0, 5, true}, {0, 9.5, true}, // severity 10: full bar
		{1, 0.5, false}, {1, 5, false}, // severity 0: nothing
		{2, 0.5, false}, {2, 5, false}, // unlogged: nothing
		{3, 9.5, true},
		{4, 4.5, true}, {4, 5.5, false}, // severity 5 stops at 5
		{5, 9.5, true}, {5, 11, false}, // clamped at 10, not above
	} {
		if got := barAt(tc.day, tc.v); got != tc.want {
			t.Errorf("day %d (severity %d, logged %v) at level %.1f: bar colour = %v, want %v",
				tc.day, days[tc.day].Severity, days[tc.day].Logged, tc.v, got, tc.want)
		}
	}

	// Neighbouring bars do not touch: the boundary between slots 3 and 4
	// (severities 10 and 5) has no bar colour at a level both bars reach.
	gapX := plot.Left + int(4*slot)
	if isBarColor(img.At(gapX, yOf(2))) {
		t.Errorf("bar colour at slot boundary x=%d; bars should not touch", gapX)
	}
}

// TestNoBarsWithoutLoggedSeverity checks that nothing bar-coloured is drawn
// in the plot when no night has a positive logged severity.
func TestNoBarsWithoutLoggedSeverity(t *testing.T) {
	days := nights(30)
	for i := range days {
		if i%2 == 0 {
			days[i].Logged = false
		} else {
			days[i].Severity = 0
		}
	}
	b, plot, err := render(days, "calm", labels)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	// The legend swatch and the left axis caption are bar-coloured too, so
	// only look inside the plot area.
	for y := plot.Top; y <= plot.Bottom; y++ {
		for x := plot.Left; x <= plot.Right; x++ {
			if isBarColor(img.At(x, y)) {
				t.Fatalf("unexpected bar-coloured pixel at (%d,%d)", x, y)
			}
		}
	}
}

func TestEdgeCases(t *testing.T) {
	unlogged := nights(30)
	for i := range unlogged {
		unlogged[i] = Day{Date: unlogged[i].Date}
	}
	dry := nights(30)
	for i := range dry {
		dry[i].WaterML = 0
	}
	wild := nights(30)
	for i := range wild {
		wild[i].Severity = []int{-5, 11, 1000, -1 << 31}[i%4]
		wild[i].WaterML = []int{-300, 9000, 1 << 30, 0}[i%4]
	}
	sameDate := nights(10)
	for i := range sameDate {
		sameDate[i].Date = time.Time{}
	}

	for name, days := range map[string][]Day{
		"one day":           nights(1),
		"two days":          nights(2),
		"90 days":           nights(90),
		"365 days":          nights(365),
		"all unlogged":      unlogged,
		"water all zero":    dry,
		"out of range":      wild,
		"zero dates":        sameDate,
		"one unlogged day":  {{}},
		"empty title, 30 d": nights(30),
	} {
		t.Run(name, func(t *testing.T) {
			title := name
			if name == "empty title, 30 d" {
				title = ""
			}
			b, err := Render(days, title, labels)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			decode(t, b)
		})
	}
}

func TestZeroDays(t *testing.T) {
	for _, days := range [][]Day{nil, {}} {
		b, err := Render(days, "nothing", labels)
		if err == nil {
			t.Errorf("Render(%v) returned no error", days)
		}
		if b != nil {
			t.Errorf("Render(%v) returned %d bytes with its error", days, len(b))
		}
	}
}

// TestConcurrent renders from several goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := Render(nights(30), "concurrent", labels); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

// TestWriteSample writes the chart to the file named by $CHART_SAMPLE, if
// set, for looking at by eye.
func TestWriteSample(t *testing.T) {
	path := os.Getenv("CHART_SAMPLE")
	if path == "" {
		t.Skip("set CHART_SAMPLE=/path/to/file.png to write a sample chart")
	}
	b, err := Render(nights(30), "Sample – last 30 nights", labels)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkRender(b *testing.B) {
	days := nights(30)
	start := time.Now()
	for b.Loop() {
		if _, err := Render(days, "Last 30 nights", labels); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/op")
}

func TestRenderSleep(t *testing.T) {
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var days []SleepDay
	for i := range 30 {
		days = append(days, SleepDay{Date: day.AddDate(0, 0, i), Efficiency: float64(80 + i%15), Start: 21*60 - i*2})
	}
	days[3].Efficiency, days[4].Start = -1, -1
	png, err := RenderSleep(days, "Sleep", labels)
	if err != nil || len(png) < 1000 {
		t.Fatalf("RenderSleep: %d bytes, %v", len(png), err)
	}
	if _, err := RenderSleep([]SleepDay{{Date: day, Efficiency: -1, Start: -1}}, "Sleep", labels); err == nil {
		t.Error("a sleep chart without values was drawn")
	}
}
