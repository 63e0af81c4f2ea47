package bot

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/calmnights/calmnights/content"
)

// Handler is what adapters talk to: one request in, the replies out.
// *Bot implements it.
type Handler interface {
	Handle(ctx context.Context, req *Request) []Response
}

// FlowFunc handles free text while a user is inside a conversation flow.
// It returns handled=false to let the text fall through to the normal text
// handler (the user has moved on).
type FlowFunc func(ctx context.Context, req *Request, conv Conversation) (out []Response, handled bool, err error)

// Options configure a Bot.
type Options struct {
	Store Store
	// Content is the article write-up; nil means the embedded one.
	Content *content.Library
	Logger  *slog.Logger     // nil discards logs
	Now     func() time.Time // nil means time.Now
	// Observers hear about changes to a user's time zone, bedtime or wake
	// time (the reminder scheduler moves their reminders).
	Observers []UserObserver
	// Metrics observes every update; nil observes nothing.
	Metrics Observer
}

// UserObserver is told when a user's settings changed.
type UserObserver interface {
	UserChanged(ctx context.Context, userID string) error
}

// Bot is the platform-neutral core: it owns the Router with every command
// and the handlers behind them.
type Bot struct {
	store   Store
	log     *slog.Logger
	now     func() time.Time
	router  *Router
	content *content.Library
	flows   map[string]FlowFunc
	obs     []UserObserver
	metrics Observer
	// fallback answers free text outside any flow.
	fallback HandlerFunc
}

// New builds the core and registers every command, button and flow.
func New(opts Options) *Bot {
	b := &Bot{
		store:   opts.Store,
		log:     opts.Logger,
		now:     opts.Now,
		content: opts.Content,
		flows:   map[string]FlowFunc{},
		obs:     opts.Observers,
		metrics: opts.Metrics,
	}
	if b.metrics == nil {
		b.metrics = NopObserver{}
	}
	if b.content == nil {
		b.content = content.Default()
	}
	if b.log == nil {
		b.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if b.now == nil {
		b.now = time.Now
	}
	r := NewRouter()
	r.Command(Command{Name: "start", Description: "Welcome, consent and first settings", Handler: b.start})
	r.Command(Command{Name: "help", Description: "Everything I can do", Handler: b.help})
	r.Command(Command{Name: "timezone", Description: "Show or set your time zone", Args: "[Area/City]", Handler: b.timezone})
	r.Command(Command{Name: "bedtime", Description: "Show or set the time you usually go to bed", Args: "[HH:MM]", Handler: b.bedtime})
	r.Command(Command{Name: "waketime", Description: "Show or set the time you usually get up", Args: "[HH:MM]", Handler: b.waketime})
	r.Command(Command{Name: "ask", Description: "Ask a question about twitchy or restless legs", Args: "<question>", Handler: b.ask})
	r.Command(Command{Name: "checklist", Description: "Should I see a doctor? Seven yes/no questions", Args: "[history]", Handler: b.checklist})
	r.Command(Command{Name: "tips", Description: "Six steps that help, with do's and don'ts", Handler: b.tips})
	r.Command(Command{Name: "topics", Description: "Browse everything I can explain", Handler: b.topics})
	r.Command(Command{Name: "log", Description: "Log last night: how your legs were, in a few taps", Args: "[yesterday|YYYY-MM-DD] [0-10]", Handler: b.logCommand})
	r.Command(Command{Name: "water", Description: "Add water you drank, and see today's total", Args: "[0.5 | 500ml | 2 glasses]", Handler: b.water})
	r.Command(Command{Name: "journal", Description: "Your last nights, a summary and patterns", Args: "[nights]", Handler: b.journal})
	r.Command(Command{Name: "chart", Description: "A chart of your last 30 nights", Handler: b.chart})
	r.Command(Command{Name: "report", Description: "A one-page summary to show your doctor (PDF)", Handler: b.report})
	r.Command(Command{Name: "export", Description: "Download everything I store about you", Handler: b.exportCommand})
	r.Command(Command{Name: "forget", Description: "Delete everything I store about you", Handler: b.forget})
	r.Command(Command{Name: "privacy", Description: "What I store, why, and how to remove it", Handler: b.privacy})
	r.Button(onboardingPrefix, b.onboardingButton)
	r.Button(privacyPrefix, b.privacyButton)
	r.Button(checklistPrefix, b.checklistButton)
	r.Button(topicsPrefix, b.topicButton)
	r.Button(logPrefix, b.logButton)
	r.Button(waterPrefix, b.waterButton)
	r.Button(forgetPrefix, b.forgetButton)
	r.Unknown(b.unknownCommand)
	r.Text(b.text)
	b.flows[onboardingFlow] = b.onboardingText
	b.flows[checklistFlow] = b.checklistText
	b.flows[logFlow] = b.logText
	b.fallback = b.answerText
	b.router = r
	return b
}

// Router returns the router, whose Commands adapters publish as menus.
func (b *Bot) Router() *Router { return b.router }
