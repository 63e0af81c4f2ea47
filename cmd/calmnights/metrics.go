package main

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/reminders"
)

// activeWindow is how recently a user must have written to count as active.
const activeWindow = 24 * time.Hour

// metrics implements bot.Metrics and reminders.Metrics with Prometheus.
type metrics struct {
	reg          *prometheus.Registry
	updates      *prometheus.CounterVec
	handlerTime  *prometheus.HistogramVec
	handlerFails *prometheus.CounterVec
	sent         *prometheus.CounterVec
	waits        *prometheus.CounterVec
	waitSeconds  *prometheus.CounterVec
	remQueued    prometheus.Counter
	remSkipped   *prometheus.CounterVec
	remOutcomes  *prometheus.CounterVec
	remLateness  prometheus.Histogram

	// routes are the routes the handler-time label may name; every other
	// route is counted as bot.RouteUnknown (see knowRoutes).
	routes atomic.Pointer[bot.Router]

	mu   sync.Mutex
	seen map[string]time.Time // user pseudonym -> last update
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry(), seen: map[string]time.Time{}}
	f := func(c prometheus.Collector) { m.reg.MustRegister(c) }
	m.updates = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "calmnights_updates_total", Help: "Updates received (messages, commands, button presses), by platform."}, []string{"platform"})
	m.handlerTime = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "calmnights_handler_seconds", Help: "Time the core took for one update, by platform and route.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"platform", "route"})
	m.handlerFails = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "calmnights_handler_failures_total", Help: "Updates the core could not handle (it apologised), by platform."}, []string{"platform"})
	m.sent = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "calmnights_messages_sent_total", Help: "Messages sent to platforms, by platform and result (ok, rate_limited, blocked, temporary, failed)."}, []string{"platform", "result"})
	m.waits = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "calmnights_rate_limit_waits_total", Help: "Messages that waited for a platform's rate limits."}, []string{"platform"})
	m.waitSeconds = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "calmnights_rate_limit_wait_seconds_total", Help: "Time messages spent waiting for rate limits."}, []string{"platform"})
	m.remQueued = prometheus.NewCounter(prometheus.CounterOpts{Name: "calmnights_reminders_due_total", Help: "Reminders that fell due and were queued for sending."})
	m.remSkipped = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "calmnights_reminders_skipped_total", Help: "Reminders not sent, by reason (late, quiet, no_chat, and at send time: stale)."}, []string{"reason"})
	m.remOutcomes = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "calmnights_reminders_total", Help: "Reminder deliveries finished, by platform and state (sent, failed, cancelled, skipped)."}, []string{"platform", "state"})
	m.remLateness = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "calmnights_reminder_lateness_seconds", Help: "How long after its due time a reminder was sent.",
		Buckets: []float64{.1, .5, 1, 2, 5, 10, 30, 60, 300, 900, 1800}})
	for _, c := range []prometheus.Collector{m.updates, m.handlerTime, m.handlerFails, m.sent, m.waits, m.waitSeconds, m.remQueued, m.remSkipped, m.remOutcomes, m.remLateness,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		f(c)
	}
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "calmnights_active_users", Help: "Users who wrote in the last 24 hours (since this process started)."}, m.activeUsers))
	return m
}

var (
	_ bot.Metrics       = (*metrics)(nil)
	_ reminders.Metrics = (*metrics)(nil)
)

// Received counts an update and notes the user as active.
func (m *metrics) Received(platform, userID string) {
	m.updates.WithLabelValues(platform).Inc()
	m.mu.Lock()
	m.seen[bot.LogID(userID)] = time.Now()
	m.mu.Unlock()
}

// knowRoutes sets the router whose commands and buttons may appear as
// route labels, once every route is registered. Until then every route
// but "text" is counted as unknown.
func (m *metrics) knowRoutes(r *bot.Router) { m.routes.Store(r) }

// Handled records the core's time for one update. Only known routes become
// labels: an unknown command or button would put user text in a label and
// make one new series per distinct text.
func (m *metrics) Handled(platform, route string, took time.Duration, failed bool) {
	m.handlerTime.WithLabelValues(platform, bot.RouteLabel(m.routes.Load(), route)).Observe(took.Seconds())
	if failed {
		m.handlerFails.WithLabelValues(platform).Inc()
	}
}

// Sent counts a message sent, by result.
func (m *metrics) Sent(platform string, err error) {
	var ra *bot.RetryAfterError
	var tmp *bot.TemporaryError
	result := "ok"
	switch {
	case err == nil:
	case errors.As(err, &ra):
		result = "rate_limited"
	case errors.Is(err, bot.ErrBlocked):
		result = "blocked"
	case errors.As(err, &tmp):
		result = "temporary"
	default:
		result = "failed"
	}
	m.sent.WithLabelValues(platform, result).Inc()
}

// Waited records a rate-limit wait.
func (m *metrics) Waited(platform string, d time.Duration) {
	m.waits.WithLabelValues(platform).Inc()
	m.waitSeconds.WithLabelValues(platform).Add(d.Seconds())
}

// Claimed records one tick of the scheduler.
func (m *metrics) Claimed(queued, late, quiet, noChat int) {
	m.remQueued.Add(float64(queued))
	m.remSkipped.WithLabelValues("late").Add(float64(late))
	m.remSkipped.WithLabelValues("quiet").Add(float64(quiet))
	m.remSkipped.WithLabelValues("no_chat").Add(float64(noChat))
}

// Delivered records how one reminder delivery ended.
func (m *metrics) Delivered(platform string, kind reminders.Kind, st reminders.State, late time.Duration) {
	m.remOutcomes.WithLabelValues(platform, string(st)).Inc()
	switch st {
	case reminders.StateSent:
		m.remLateness.Observe(max(late, 0).Seconds())
	case reminders.StateSkipped:
		m.remSkipped.WithLabelValues("stale").Inc()
	}
}

// activeUsers counts users seen within activeWindow, forgetting older ones.
func (m *metrics) activeUsers() float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	cutoff := time.Now().Add(-activeWindow)
	for id, t := range m.seen {
		if t.Before(cutoff) {
			delete(m.seen, id)
		}
	}
	return float64(len(m.seen))
}
