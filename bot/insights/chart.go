package insights

import (
	"context"
	"fmt"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/insights/chart"
	"github.com/calmnights/calmnights/bot/insights/report"
)

// chartDays is how many nights /chart and /report cover.
const chartDays = 30

// chartPNG draws the last chartDays nights, or returns nil when nothing is
// logged in them.
func (in *Insights) chartPNG(ctx context.Context, u *bot.User) ([]byte, period, error) {
	p, err := in.loadPeriod(ctx, u, chartDays)
	if err != nil {
		return nil, period{}, err
	}
	if p.summarise().logged == 0 {
		return nil, p, nil
	}
	days := make([]chart.Day, len(p.days))
	for i, d := range p.days {
		days[i] = chart.Day{Date: d, WaterML: p.waterBefore(d)}
		if n, ok := p.nights[d.Format(bot.DateLayout)]; ok {
			days[i].Logged, days[i].Severity = true, n.Severity
			days[i].LateCaffeine, days[i].Stretched = isYes(n.LateCaffeine), isYes(n.Stretched)
		}
	}
	w := in.words(u)
	png, err := chart.Render(days, w.Count("InsChartTitle", chartDays), chartLabels(w))
	if err != nil {
		return nil, p, fmt.Errorf("draw chart: %w", err)
	}
	return png, p, nil
}

// emptyJournal answers /chart and /report when there is nothing to show.
func (in *Insights) emptyJournal(u *bot.User) []bot.Response {
	if !u.Consented() {
		return bot.ConsentNeeded()
	}
	return bot.Personal(in.words(u).Count("InsChartEmpty", chartDays))
}

// chart sends a PNG chart of the last 30 nights.
func (in *Insights) chart(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	png, p, err := in.chartPNG(ctx, req.User)
	if err != nil {
		return nil, err
	}
	if png == nil {
		return in.emptyJournal(req.User), nil
	}
	w := in.words(req.User)
	name := "calmnights-chart-" + in.today(req.User).Format(bot.DateLayout) + ".png"
	out := []bot.Response{{
		Text:     w.Count("InsChartText", chartDays),
		Image:    &bot.Attachment{Name: name, MIME: "image/png", Data: png, Caption: w.Count("InsChartCaption", chartDays)},
		Personal: true,
	}}
	sleep, err := in.sleepChart(ctx, req.User, p)
	if err != nil {
		return nil, err
	}
	if sleep != nil {
		out = append(out, bot.Response{
			Text:     w.Text("InsSleepText", nil),
			Image:    &bot.Attachment{Name: "calmnights-sleep-" + in.today(req.User).Format(bot.DateLayout) + ".png", MIME: "image/png", Data: sleep, Caption: w.Count("InsSleepCaption", len(p.days))},
			Personal: true,
		})
	}
	return out, nil
}

// report sends a one-page PDF summary to show a doctor.
func (in *Insights) report(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	png, p, err := in.chartPNG(ctx, u)
	if err != nil {
		return nil, err
	}
	if png == nil {
		return in.emptyJournal(u), nil
	}
	w := in.words(u)
	d := report.Data{Lang: w.Lang, Content: in.content, Generated: in.now().In(u.Location()), TimeZone: u.TimeZone, ChartPNG: png, Compress: true}
	for _, day := range p.days {
		n := report.Night{Date: day, WaterML: p.waterBefore(day)}
		if nt, ok := p.nights[day.Format(bot.DateLayout)]; ok {
			n.Logged, n.Severity, n.Woke, n.LateCaffeine, n.Stretched = true, nt.Severity, nt.Woke, nt.LateCaffeine, nt.Stretched
		}
		d.Nights = append(d.Nights, n)
	}
	if err := in.addHealth(ctx, w, u, p, &d); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	results, err := in.store.ChecklistResults(ctx, u.ID, 1)
	if err != nil {
		return nil, fmt.Errorf("latest checklist: %w", err)
	}
	if len(results) == 1 {
		r := results[0]
		c := &report.Checklist{TakenAt: r.TakenAt.In(u.Location()), Yes: r.Yes, Total: r.Total, SeeDoctor: r.SeeDoctor}
		questions := in.content.Checklist.Questions
		if pack, ok := in.content.Pack(w.Lang); ok {
			questions = pack.Checklist.Questions // the same ids, in the user's language
		}
		for _, q := range questions {
			if r.Answers[q.ID] {
				c.YesItems = append(c.YesItems, q.Short)
			}
		}
		d.Checklist = c
	}
	pdf, err := report.PDF(d)
	if err != nil {
		return nil, fmt.Errorf("make report: %w", err)
	}
	name := "calmnights-report-" + in.today(u).Format(bot.DateLayout) + ".pdf"
	return []bot.Response{{
		Text:     w.Count("InsReportText", chartDays),
		File:     &bot.Attachment{Name: name, MIME: "application/pdf", Data: pdf, Caption: w.Text("InsReportCaption", nil)},
		Personal: true,
	}}, nil
}

// sleepChart draws the sleep diary chart of a period; nil without a diary.
func (in *Insights) sleepChart(ctx context.Context, u *bot.User, p period) ([]byte, error) {
	h, err := in.loadHealth(ctx, u, p)
	if err != nil {
		return nil, err
	}
	return sleepChartPNG(in.words(u), p, h)
}
