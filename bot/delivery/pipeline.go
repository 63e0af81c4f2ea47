package delivery

import (
	"context"
	"log/slog"
	"sync"

	"github.com/calmnights/calmnights/bot"
)

// Options configure a platform's pipeline: its intake and its sender.
type Options struct {
	Platform string
	Store    Store
	Door     Door
	// Core handles the updates; nil for a door that only sends.
	Core   bot.Handler
	Logger *slog.Logger
	// Limits are the platform's sending limits (TelegramLimits, ...).
	Limits Limits
	// Clock is what the pacer and the retries wait on; default the real
	// one.
	Clock Clock
	// Metrics counts each request's outcome and the pacer's waits.
	Metrics bot.Metrics
	// Composer writes reminders when they are sent; Done hears each
	// message's outcome. Both may be nil.
	Composer Composer
	Done     func(m Message, state string)
	// OnBlocked turns off the reminders of a user who blocked the bot or
	// cannot be messaged.
	OnBlocked func(ctx context.Context, userID string) error
	// Workers bounds the updates handled at once; default DefaultWorkers.
	Workers int
	// Alone says this process is the only one serving the platform, so
	// leases left by a crash end at start instead of timing out.
	Alone bool
	// Leader, with several replicas, elects the one that sends.
	Leader Leader
}

// Pipeline is one platform's intake and sender, wired together: replies
// queued by the intake wake the sender.
type Pipeline struct {
	intake *Intake
	sender *Sender
	log    *slog.Logger
}

// New returns the pipeline of a front door; Run starts it.
func New(o Options) *Pipeline {
	sender := NewSender(SenderOptions{
		Platform: o.Platform, Store: o.Store, Door: o.Door, Limits: o.Limits, Clock: o.Clock, Metrics: o.Metrics,
		Logger: o.Logger, Composer: o.Composer, OnBlocked: o.OnBlocked, Done: o.Done, Leader: o.Leader,
	})
	intake := NewIntake(IntakeOptions{
		Platform: o.Platform, Store: o.Store, Door: o.Door, Core: o.Core, Logger: o.Logger,
		OnBlocked: o.OnBlocked, Workers: o.Workers, Release: o.Alone, Sent: sender.Wake,
	})
	return &Pipeline{intake: intake, sender: sender, log: sender.log}
}

// Accept stores updates durably; once it returns nil the platform may be
// told they arrived.
func (p *Pipeline) Accept(ctx context.Context, us []Update) error { return p.intake.Accept(ctx, us) }

// WakeSender makes the sender look at the outbox now (the reminder tick
// queued messages).
func (p *Pipeline) WakeSender() { p.sender.Wake() }

// OnLead registers work done each time this process takes the lead of
// sending (registering a webhook, say); call it before Run.
func (p *Pipeline) OnLead(f func(ctx context.Context)) { p.sender.OnLead(f) }

// Sender is the pipeline's sender (RunOnce, for tests and tools).
func (p *Pipeline) Sender() *Sender { return p.sender }

// Run runs the intake and the sender while receive (the door's own loop:
// long polling, a webhook, a gateway) runs with ctx. When receive
// returns, Run lets the updates being handled and the sends on the wire
// finish, and returns receive's error; what is left waits in the store.
func (p *Pipeline) Run(ctx context.Context, receive func(ctx context.Context) error) error {
	var wg sync.WaitGroup
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer func() { stopWork(); wg.Wait() }()
	for _, run := range []func(context.Context) error{p.intake.Run, p.sender.Run} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(work); err != nil {
				p.log.Error("pipeline stopped", "err", err)
			}
		}()
	}
	return receive(ctx)
}

// SendNow delivers m at once through the door, outside the outbox and the
// pacer, each piece with one request and nothing retried; the first error
// is returned as the door typed it. It is for tests and one-off tools that
// need a plain bot.Sender; everything the bot sends goes through a Sender.
func SendNow(ctx context.Context, door Door, m Message) error {
	pieces := []Message{m}
	if sp, ok := door.(Splitter); ok {
		var err error
		if pieces, err = sp.Split(m); err != nil {
			return err
		}
	}
	for _, p := range pieces {
		if err := door.Deliver(ctx, p); err != nil {
			return err
		}
	}
	return nil
}
