package reminders

import (
	"context"
	"errors"
	"fmt"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/delivery"
)

var _ delivery.Composer = (*Service)(nil)

// Compose writes a claimed reminder's message when the pipeline's sender is
// about to send it, or says why it should not go any more. It is the
// delivery.Composer of every platform's sender.
func (s *Service) Compose(ctx context.Context, m *delivery.Message) (string, error) {
	d := Delivery{ID: m.ID, ReminderID: m.ReminderID, UserID: m.UserID, Kind: Kind(m.Kind), Platform: m.Platform, ChatID: m.ChatID, DueAt: m.DueAt, Attempts: m.Attempts}
	u, err := s.store.User(ctx, d.UserID)
	if errors.Is(err, bot.ErrNotFound) {
		return "user is gone", nil
	}
	if err != nil {
		return "", fmt.Errorf("load user for a reminder: %w", err)
	}
	if note := s.stale(ctx, d, u); note != "" {
		return note, nil
	}
	r := s.compose(ctx, d, u)
	m.Reply = &r
	return "", nil
}

// Delivered reports a message's outcome to the metrics; it is the
// sender's Done hook.
func (s *Service) Delivered(m delivery.Message, state string) {
	if m.ReminderID == 0 && m.Kind == delivery.KindReply {
		return
	}
	s.metrics.Delivered(m.Platform, Kind(m.Kind), State(state), s.now().Sub(m.DueAt))
}

// OnWake registers a function the tick calls after it queued reminders
// (a sender's Wake).
func (s *Service) OnWake(wake func()) {
	s.mu.Lock()
	s.wakers = append(s.wakers, wake)
	s.mu.Unlock()
}

// Dispatcher returns a pipeline sender for one platform that sends through
// a plain bot.Sender (the console, tests and tools); the front doors build
// their sender with delivery.NewSender and the Service as its Composer.
// workers bounds the chats sent to at once; the pacer holds the rate.
func (s *Service) Dispatcher(platform string, sender bot.Sender, pacer *delivery.Pacer, workers int) *delivery.Sender {
	snd := delivery.NewSender(delivery.SenderOptions{
		Platform: platform, Store: s.store, Door: SenderDoor{Sender: sender}, Pacer: pacer, Logger: s.log,
		Composer: s, Done: s.Delivered, Chats: workers, Now: s.now,
		OnBlocked: func(ctx context.Context, userID string) error { _, err := s.store.StopUser(ctx, userID); return err },
	})
	s.OnWake(snd.Wake)
	return snd
}

// SenderDoor lets a plain bot.Sender deliver outbox messages.
type SenderDoor struct{ Sender bot.Sender }

// Open is not used: a SenderDoor only sends.
func (SenderDoor) Open(context.Context, delivery.Update) (delivery.In, error) {
	return delivery.In{}, errors.New("reminders: a SenderDoor reads no updates")
}

// Deliver sends the message's reply to its chat.
func (d SenderDoor) Deliver(ctx context.Context, m delivery.Message) error {
	return d.Sender.Send(ctx, m.ChatID, *m.Reply)
}

// stale says why a delivery should no longer go out: too late for its
// kind, inside quiet hours now, paused, or turned off since it was queued.
// It returns "" when it should go.
func (s *Service) stale(ctx context.Context, del Delivery, u bot.User) string {
	now := s.now()
	grace := del.Kind.Grace()
	if del.ReminderID != 0 {
		if rs, err := s.store.Reminders(ctx, del.UserID); err == nil {
			found, enabled := false, false
			for _, r := range rs {
				if r.ID == del.ReminderID {
					found, enabled = true, r.Enabled || r.OneOff
					if r.OneOff {
						grace = snoozeGrace
					}
				}
			}
			if found && !enabled {
				return "turned off"
			}
			if !found { // a claimed snooze: its row is gone
				if kindOff(rs, del.Kind) {
					return "turned off"
				}
				grace = max(grace, snoozeGrace)
			}
		}
	}
	switch {
	case now.Sub(del.DueAt) > grace:
		return "too late to be useful"
	case inQuiet(u, now):
		return "quiet hours"
	case paused(u, now):
		return "paused"
	}
	return ""
}

// kindOff reports whether the user's recurring reminder of a kind is off.
func kindOff(rs []Reminder, k Kind) bool {
	for _, r := range rs {
		if !r.OneOff && r.Kind == k {
			return !r.Enabled
		}
	}
	return false
}
