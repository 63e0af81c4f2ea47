package bot

import "context"

// Screen reads a message for safety before anything else runs: thoughts
// of suicide or self-harm, then signs of an emergency. A non-empty answer
// is sent instead of routing the message anywhere, so it comes first and
// alone, from every context: before /start, in the middle of a flow (which
// stays where it was), in a group, in /ask, inside a night report. It
// never stores the message.
type Screen func(ctx context.Context, req *Request) []Response

// SetScreen makes s the first reader of every typed message and command
// argument. Button presses carry no words and skip it.
func (b *Bot) SetScreen(s Screen) { b.screen = s }

// screened answers req when the screen has a safety answer for it. Safety
// answers are never held back by the privacy rules: they show where the
// person wrote, a group included (they repeat nothing from the journal),
// and a copy goes to the person's private chat when they have one there.
func (b *Bot) screened(ctx context.Context, req *Request) ([]Response, bool) {
	if b.screen == nil || req.Payload != "" || (req.Text == "" && req.Args == "") {
		return nil, false
	}
	out := b.screen(ctx, req)
	if len(out) == 0 {
		return nil, false
	}
	private := ""
	if req.User != nil {
		private = req.User.ChatID
	}
	kept := make([]Response, 0, 2*len(out))
	for _, r := range out {
		r.Personal, r.To = false, ""
		kept = append(kept, r)
		if !req.Private && !req.Ephemeral && private != "" && private != req.ChatID {
			r.To = private
			kept = append(kept, r)
		}
	}
	return kept, true
}
