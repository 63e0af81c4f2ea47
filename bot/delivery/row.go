package delivery

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// Row is a message as every store keeps it: the reply as JSON (nil for a
// reminder, composed when sent), the due time in Unix seconds (now when
// the message has none), and the reminder id as nil for a reply. The
// stores share it, so a database copied from one engine to the other
// (migrate-data) reads back the same.
type Row struct {
	Body     []byte
	Due      int64
	Reminder any
}

// EncodeRow is what a store writes for m at now.
func EncodeRow(m Message, now time.Time) (Row, error) {
	r := Row{Due: m.DueAt.Unix()}
	if m.DueAt.IsZero() {
		r.Due = now.Unix()
	}
	if m.ReminderID != 0 {
		r.Reminder = m.ReminderID
	}
	if m.Reply != nil {
		b, err := json.Marshal(m.Reply)
		if err != nil {
			return Row{}, fmt.Errorf("encode reply: %w", err)
		}
		r.Body = b
	}
	return r, nil
}

// DecodeRow fills in what EncodeRow wrote: m's due time and reply.
func DecodeRow(m *Message, due int64, body []byte) error {
	m.DueAt = time.Unix(due, 0).UTC()
	if body == nil {
		return nil
	}
	m.Reply = new(bot.Response)
	if err := json.Unmarshal(body, m.Reply); err != nil {
		return fmt.Errorf("decode queued reply %d: %w", m.ID, err)
	}
	return nil
}
