package bot

// Texts says one of the core's own messages in a language: the catalog's
// text for id with data filled in, or "" when it has none, and the core
// says it in English. Options.Texts; nil keeps them all in English.
type Texts func(lang, id string, data map[string]string) string

// coreReply is one of the core's messages: english, said in the user's
// language on the core's way out (Bot.say) when the catalog has id.
func coreReply(id, english string, personal bool, data map[string]string) Response {
	return Response{Text: english, Personal: personal, coreID: id, coreData: data}
}

// coreButtons are the buttons of the core's own messages, by their
// English label, with their message ids.
var coreButtons = map[string]string{msgConsentAllow: "CoreConsentAllow"}

// say puts the core's messages among out, and their buttons, into lang.
func (b *Bot) say(lang string, out []Response) {
	if b.texts == nil || lang == "" {
		return
	}
	for i := range out {
		r := &out[i]
		if r.coreID == "" {
			continue // a feature's reply, in the user's language already
		}
		if s := b.texts(lang, r.coreID, r.coreData); s != "" {
			if r.coreMore != "" {
				more := b.texts(lang, r.coreMore, r.coreData)
				if more == "" {
					continue // English, as written
				}
				s += "\n\n" + more
			}
			r.Text = s
		}
		for _, row := range r.Buttons {
			for j := range row {
				if id, ok := coreButtons[row[j].Label]; ok {
					if s := b.texts(lang, id, nil); s != "" {
						row[j].Label = s
					}
				}
			}
		}
	}
}
