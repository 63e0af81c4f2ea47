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
// person wrote, a group included, so they must repeat nothing of the
// user's stored data there. Asked in a group by a user with a private
// chat, the screen is asked again as from that chat, and its answer (which
// may use their settings, such as the country of their time zone) goes
// there too.
func (b *Bot) screened(ctx context.Context, req *Request) ([]Response, bool) {
	if b.screen == nil || req.Payload != "" || (req.Text == "" && req.Args == "") {
		return nil, false
	}
	out := b.screen(ctx, req)
	if len(out) == 0 {
		return nil, false
	}
	for i := range out {
		out[i].Personal, out[i].To = false, ""
	}
	if private := req.User.ChatID; !req.Private && !req.Ephemeral && private != "" && private != req.ChatID {
		there := *req
		there.Private, there.ChatID = true, private
		for _, r := range b.screen(ctx, &there) {
			r.Personal, r.To = true, private
			out = append(out, r)
		}
	}
	return out, true
}
