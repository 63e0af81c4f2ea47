package reminders

import (
	"context"
	"log/slog"

	"github.com/robfig/cron/v3"
)

// Run ticks once now (to catch up after downtime) and then at the start
// of every minute, driven by robfig/cron, until ctx ends. A tick that runs
// long is never overlapped by the next one.
func (s *Service) Run(ctx context.Context) error {
	logger := cronLogger{s.log}
	c := cron.New(cron.WithLogger(logger), cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)))
	tick := func() {
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("reminder tick failed", "err", err)
		}
	}
	spec := "* * * * *"
	if s.every > 0 {
		spec = "@every " + s.every.String()
	}
	if _, err := c.AddFunc(spec, tick); err != nil {
		return err
	}
	tick()
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// cronLogger sends robfig/cron's log lines to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
