package delivery_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
	"github.com/calmnights/calmnights/bot/delivery/deliverytest"
	"github.com/calmnights/calmnights/bot/sqlite"
	"github.com/calmnights/calmnights/bot/sqlite/sqlitetest"
)

var ctx = context.Background()

// door reads updates whose payload is the request's text and records
// what it delivers; fail, when set, decides a send's error.
type door struct {
	mu   sync.Mutex
	sent []delivery.Message
	fail func(m delivery.Message) error
}

func (d *door) Open(_ context.Context, u delivery.Update) (delivery.In, error) {
	return delivery.In{Req: &bot.Request{Platform: bot.PlatformConsole, UserID: "u:" + u.ChatKey, ChatID: u.ChatKey, Private: true, Text: string(u.Payload)}}, nil
}

func (d *door) Deliver(_ context.Context, m delivery.Message) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.fail != nil {
		if err := d.fail(m); err != nil {
			return err
		}
	}
	d.sent = append(d.sent, m)
	return nil
}

func (d *door) texts(chat string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, m := range d.sent {
		if m.ChatID == chat {
			out = append(out, m.Reply.Text)
		}
	}
	return out
}

// core adds 100 ml of water for every request, and fails after writing
// when the text is "fail".
type core struct{ store *sqlite.Store }

func (c core) Handle(ctx context.Context, req *bot.Request) []bot.Response {
	out, _ := c.Serve(ctx, req)
	return out
}

func (c core) Serve(ctx context.Context, req *bot.Request) ([]bot.Response, bool) {
	if _, err := c.store.EnsureUser(ctx, bot.NewUser{ID: req.UserID, Platform: req.Platform, ChatID: req.ChatID}); err != nil {
		return bot.Reply("sorry"), true
	}
	total, err := c.store.AddWater(ctx, req.UserID, "2026-11-30", 100)
	if err != nil || req.Text == "fail" {
		return bot.Reply("sorry"), true
	}
	return bot.Reply(fmt.Sprintf("%s: %d", req.Text, total)), false
}

func water(t *testing.T, s *sqlite.Store, user string) int {
	t.Helper()
	w, err := s.Water(ctx, user, "2026-11-30", "2026-11-30")
	if err != nil {
		t.Fatal(err)
	}
	return w["2026-11-30"]
}

func TestFailedHandlerChangesNothing(t *testing.T) {
	s := sqlitetest.Open(t)
	d := &door{}
	in := delivery.NewIntake(delivery.IntakeOptions{Platform: bot.PlatformConsole, Store: s, Door: d, Core: core{s}, Release: true})
	snd := delivery.NewSender(delivery.SenderOptions{Platform: bot.PlatformConsole, Store: s, Door: d})
	if err := in.Accept(ctx, []delivery.Update{{ID: 1, ChatKey: "a", Payload: []byte("one")}, {ID: 2, ChatKey: "a", Payload: []byte("fail")}, {ID: 3, ChatKey: "a", Payload: []byte("three")}}); err != nil {
		t.Fatal(err)
	}
	runUntil(t, in, func() bool { n, _ := s.WaitingUpdates(ctx); return n == 0 })
	if _, err := snd.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	got := d.texts("a")
	want := []string{"one: 100", "sorry", "three: 200"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("replies %q, want %q (in order, the failed one rolled back)", got, want)
	}
	if w := water(t, s, "u:a"); w != 200 {
		t.Fatalf("water %d, want 200: the failed handler's change stayed", w)
	}
	// A platform that sends an update again: remembered, not handled again.
	if err := in.Accept(ctx, []delivery.Update{{ID: 1, ChatKey: "a", Payload: []byte("one")}}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.WaitingUpdates(ctx); n != 0 {
		t.Fatalf("a duplicate update is waiting to be handled again")
	}
}

// runUntil runs the intake until done holds (at most 10 s).
func runUntil(t *testing.T, in *delivery.Intake, done func() bool) {
	t.Helper()
	rctx, stop := context.WithCancel(ctx)
	finished := make(chan struct{})
	go func() { in.Run(rctx); close(finished) }()
	deadline := time.Now().Add(10 * time.Second)
	for !done() && time.Now().Before(deadline) {
		in.Wake()
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	<-finished
	if !done() {
		t.Fatal("the intake did not finish in 10 s")
	}
}

func TestClaimsAreFairAndLeased(t *testing.T) {
	s := sqlitetest.Open(t)
	var us []delivery.Update
	for i := range 10 {
		us = append(us, delivery.Update{ID: int64(i + 1), ChatKey: "busy", Payload: []byte("x")})
	}
	us = append(us, delivery.Update{ID: 100, ChatKey: "quiet", Payload: []byte("y")})
	if _, _, err := s.AcceptUpdates(ctx, "p", us, 0); err != nil {
		t.Fatal(err)
	}
	got, err := s.ClaimUpdates(ctx, "p", time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != 1 || got[1].ID != 100 {
		t.Fatalf("claimed %+v, want the first of each chat (1 and 100)", got)
	}
	if again, _ := s.ClaimUpdates(ctx, "p", time.Minute, 10); len(again) != 0 {
		t.Fatalf("claimed %d more while both chats' first updates are leased", len(again))
	}
	if err := s.ReleaseUpdates(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.ClaimUpdates(ctx, "p", time.Minute, 10); len(again) != 2 {
		t.Fatalf("claimed %d after the leases were released, want 2", len(again))
	}
}

func TestFloodIsCapped(t *testing.T) {
	s := sqlitetest.Open(t)
	d := &door{}
	in := delivery.NewIntake(delivery.IntakeOptions{Platform: "p", Store: s, Door: d, Core: core{s}, PerChat: 5})
	for i := range 50 {
		if err := in.Accept(ctx, []delivery.Update{{ID: int64(i + 1), ChatKey: "f", Payload: []byte("x")}}); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := s.WaitingUpdates(ctx); n != 5 {
		t.Fatalf("%d waiting, want the limit of 5", n)
	}
	heads, err := s.OutboxHeads(ctx, "p", time.Now(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(heads) != 1 || heads[0].Reply.Text != delivery.SlowDown {
		t.Fatalf("outbox %+v, want one slow-down note", heads)
	}
}

func TestSenderKeepsOrderAndHonoursRetryAfter(t *testing.T) {
	s := sqlitetest.Open(t)
	var ms []delivery.Message
	for i := range 4 {
		for _, chat := range []string{"a", "b"} {
			ms = append(ms, delivery.Message{Platform: "p", ChatID: chat, Kind: delivery.KindReply, Reply: &bot.Response{Text: fmt.Sprint(i)}})
		}
	}
	if err := s.Enqueue(ctx, ms); err != nil {
		t.Fatal(err)
	}
	limited := false
	d := &door{fail: func(m delivery.Message) error {
		if m.ChatID == "a" && m.Reply.Text == "1" && !limited {
			limited = true
			return &bot.RetryAfterError{After: time.Second}
		}
		return nil
	}}
	clock := deliverytest.NewClock()
	start := clock.Now()
	snd := delivery.NewSender(delivery.SenderOptions{Platform: "p", Store: s, Door: d, Clock: clock, Poll: 50 * time.Millisecond})
	rctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { snd.Run(rctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for len(d.texts("a")) < 4 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	<-done
	if got := fmt.Sprint(d.texts("a")); got != "[0 1 2 3]" {
		t.Fatalf("chat a got %s, want every message once, in order, after the retry-after", got)
	}
	if got := fmt.Sprint(d.texts("b")); got != "[0 1 2 3]" {
		t.Fatalf("chat b got %s", got)
	}
	if w := clock.Now().Sub(start); w < time.Second {
		t.Fatalf("all sent after %s of the clock's time: the retry-after of 1 s was not waited out", w)
	}
	if n, _ := s.WaitingMessages(ctx); n != 0 {
		t.Fatalf("%d messages left in the outbox", n)
	}
}

func TestBlockedRecipientCancelsTheChat(t *testing.T) {
	s := sqlitetest.Open(t)
	if err := s.Enqueue(ctx, []delivery.Message{
		{Platform: "p", ChatID: "x", Kind: delivery.KindReply, Reply: &bot.Response{Text: "1"}},
		{Platform: "p", ChatID: "x", Kind: delivery.KindReply, Reply: &bot.Response{Text: "2"}},
	}); err != nil {
		t.Fatal(err)
	}
	d := &door{fail: func(delivery.Message) error { return fmt.Errorf("forbidden: %w", bot.ErrBlocked) }}
	snd := delivery.NewSender(delivery.SenderOptions{Platform: "p", Store: s, Door: d})
	if _, err := snd.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.WaitingMessages(ctx); n != 0 {
		t.Fatalf("%d messages still waiting for a chat that blocked the bot", n)
	}
}

func TestMessagesSurviveJSON(t *testing.T) {
	// A reply in the outbox keeps everything the platforms render.
	r := bot.Response{Text: "**hi**", Buttons: [][]bot.Button{{{Label: "Yes", Payload: "ck/1/yes"}}}, Image: &bot.Attachment{Name: "c.png", MIME: "image/png", Data: []byte{1, 2}}, Personal: true}
	s := sqlitetest.Open(t)
	if err := s.Enqueue(ctx, []delivery.Message{{Platform: "p", ChatID: "c", Kind: delivery.KindReply, Reply: &r, Meta: []byte(`{"k":1}`), Part: 2}}); err != nil {
		t.Fatal(err)
	}
	heads, err := s.OutboxHeads(ctx, "p", time.Now(), 1)
	if err != nil || len(heads) != 1 {
		t.Fatalf("%v %v", heads, err)
	}
	a, _ := json.Marshal(r)
	b, _ := json.Marshal(heads[0].Reply)
	if string(a) != string(b) || string(heads[0].Meta) != `{"k":1}` || heads[0].Part != 2 {
		t.Fatalf("stored %s / %s, part %d", b, heads[0].Meta, heads[0].Part)
	}
	if !errors.Is(s.FinishMessage(ctx, heads[0].ID, delivery.StateSent, ""), nil) {
		t.Fatal("finish")
	}
	if n, _ := s.WaitingMessages(ctx); n != 0 {
		t.Fatal("a sent reply stayed in the outbox")
	}
}

// leader grants the lead when told to and takes it back.
type leader struct {
	grant chan chan struct{}
}

func (l *leader) Lead(ctx context.Context, _ string) (<-chan struct{}, func(), error) {
	select {
	case lost := <-l.grant:
		return lost, func() {}, nil
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
}

func TestSenderSendsOnlyWhileItLeads(t *testing.T) {
	s := sqlitetest.Open(t)
	d := &door{}
	l := &leader{grant: make(chan chan struct{})}
	snd := delivery.NewSender(delivery.SenderOptions{Platform: "p", Store: s, Door: d, Leader: l, Poll: 20 * time.Millisecond, Clock: deliverytest.NewClock()})
	rctx, stop := context.WithCancel(ctx)
	defer stop()
	go snd.Run(rctx)
	enqueue := func(text string) {
		if err := s.Enqueue(ctx, []delivery.Message{{Platform: "p", ChatID: "c", Kind: delivery.KindReply, Reply: &bot.Response{Text: text}}}); err != nil {
			t.Fatal(err)
		}
		snd.Wake()
	}
	enqueue("1")
	time.Sleep(200 * time.Millisecond)
	if n := len(d.texts("c")); n != 0 {
		t.Fatalf("%d sent before this replica led", n)
	}
	lost := make(chan struct{})
	l.grant <- lost
	for deadline := time.Now().Add(5 * time.Second); len(d.texts("c")) < 1 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	close(lost) // another replica leads now
	time.Sleep(200 * time.Millisecond)
	enqueue("2")
	time.Sleep(300 * time.Millisecond)
	if got := d.texts("c"); len(got) != 1 {
		t.Fatalf("sent %v: a replica that lost the lead kept sending", got)
	}
}

// splitter cuts each reply into one piece per line.
type splitter struct{ *door }

func (d splitter) Split(m delivery.Message) ([]delivery.Message, error) {
	var out []delivery.Message
	for i, line := range strings.Split(m.Reply.Text, "\n") {
		p := m
		p.Piece, p.Reply = i, &bot.Response{Text: line}
		out = append(out, p)
	}
	return out, nil
}

func TestLaterPiecesAreRetriedInPlace(t *testing.T) {
	s := sqlitetest.Open(t)
	if err := s.Enqueue(ctx, []delivery.Message{{Platform: "p", ChatID: "a", Kind: delivery.KindReply, Reply: &bot.Response{Text: "one\ntwo\nthree"}}}); err != nil {
		t.Fatal(err)
	}
	calls := 0
	d := &door{fail: func(m delivery.Message) error {
		calls++
		switch calls {
		case 2:
			return &bot.RetryAfterError{After: 3 * time.Second}
		case 3:
			return &bot.TemporaryError{Err: errors.New("502")}
		}
		return nil
	}}
	clock := deliverytest.NewClock()
	snd := delivery.NewSender(delivery.SenderOptions{Platform: "p", Store: s, Door: splitter{d}, Clock: clock})
	if _, err := snd.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(d.texts("a")); got != "[one two three]" {
		t.Fatalf("sent %s, want each piece once, in order", got)
	}
	if w := clock.Waited(); w < 3*time.Second {
		t.Fatalf("the clock moved %s: the second piece's retry-after of 3 s was not waited out", w)
	}
	if n, _ := s.WaitingMessages(ctx); n != 0 {
		t.Fatalf("%d messages left in the outbox", n)
	}
}

func TestAFailedLaterPieceNeverRepeatsTheFirst(t *testing.T) {
	s := sqlitetest.Open(t)
	if err := s.Enqueue(ctx, []delivery.Message{{Platform: "p", ChatID: "a", Kind: delivery.KindReply, Reply: &bot.Response{Text: "one\ntwo"}}}); err != nil {
		t.Fatal(err)
	}
	d := &door{fail: func(m delivery.Message) error {
		if m.Piece == 1 {
			return &bot.TemporaryError{Err: errors.New("502")}
		}
		return nil
	}}
	var states []string
	snd := delivery.NewSender(delivery.SenderOptions{Platform: "p", Store: s, Door: splitter{d}, Clock: deliverytest.NewClock(),
		Done: func(_ delivery.Message, state string) { states = append(states, state) }})
	for range 3 {
		if _, err := snd.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := fmt.Sprint(d.texts("a")); got != "[one]" {
		t.Fatalf("sent %s, want the first piece once", got)
	}
	if fmt.Sprint(states) != "[failed]" {
		t.Fatalf("outcomes %v, want one failure", states)
	}
	if n, _ := s.WaitingMessages(ctx); n != 0 {
		t.Fatalf("%d messages left in the outbox", n)
	}
}
