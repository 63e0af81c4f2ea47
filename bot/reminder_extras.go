package bot

import (
	"context"
	"fmt"
)

// DecorateReminder adds the journal to a reminder before it is sent: the
// water nudge shows today's progress with +250 ml / +500 ml buttons, and
// the morning check-in offers the night's score as one-tap buttons that
// start the log. Users who have not allowed health notes get the plain
// reminder. kind is the reminder kind ("hydration", "morning", ...).
func (b *Bot) DecorateReminder(ctx context.Context, kind string, u User, r *Response) {
	if !u.Consented() {
		return
	}
	switch kind {
	case "hydration":
		water, err := b.store.Water(ctx, u.ID, b.today(&u).Format(DateLayout), b.today(&u).Format(DateLayout))
		if err != nil {
			b.log.Error("water for reminder", "user", LogID(u.ID), "err", err)
			return
		}
		r.Text += "\n\n" + waterProgress(water[b.today(&u).Format(DateLayout)])
		r.Buttons = append(waterButtons(), r.Buttons...)
	case "morning":
		r.Text += "\n\nTap how your legs were, from 0 (calm) to 10 (the worst):"
		var rows [][]Button
		var row []Button
		for i := 0; i <= 10; i++ {
			row = append(row, Button{Label: fmt.Sprint(i), Payload: fmt.Sprintf("%s/q/%d", logPrefix, i)})
			if i == 5 || i == 10 {
				rows, row = append(rows, row), nil
			}
		}
		r.Buttons = append(rows, r.Buttons...)
		r.Personal = true
	}
}
