package console

import (
	"context"

	"github.com/calmnights/calmnights/bot/delivery"
)

var _ delivery.Door = (*Console)(nil)

// Open reads a stored update whose payload is a typed line, as the
// console reads one.
func (c *Console) Open(_ context.Context, u delivery.Update) (delivery.In, error) {
	return delivery.In{Req: c.request(string(u.Payload))}, nil
}

// Deliver prints one outbox message (a reminder, say): one message, one
// print; it never fails.
func (c *Console) Deliver(ctx context.Context, m delivery.Message) error {
	if m.Reply == nil {
		return nil
	}
	return c.Send(ctx, m.ChatID, *m.Reply)
}
