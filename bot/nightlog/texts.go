package nightlog

import (
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
)

// The journal's words are in content/locales/nightlog, one file a
// language with the same ids (the water totals' are the shared file's
// Water... ids). English is written there word for word as the bot has
// always said it.

// say is the journal's message id in lang, with data filled in.
func (j *Log) say(lang, id string, data map[string]string) string {
	return j.content.Text(lang, id, data)
}

// lead is a message said before the wizard's question again ("Please
// answer yes or no."), with the blank line that parts them.
func (j *Log) lead(lang, id string) string { return j.say(lang, id, nil) + "\n\n" }

// nightData names a night (YYYY-MM-DD) for a message in lang: Night is
// "the night to Wed 25 Nov" (nightName), NightCap the same capitalised,
// Date the date alone as lang writes it ("25.11"), for the languages
// whose sentences name the night their own way ("в ночь на 25.11").
func (j *Log) nightData(lang, night string) map[string]string {
	date := night
	if t, err := time.Parse(bot.DateLayout, night); err == nil {
		date = t.Format(j.say(lang, "LogNightDate", nil))
	}
	name := j.nightName(lang, night)
	return map[string]string{"Night": name, "NightCap": capitalise(name), "Date": date}
}

// with adds key=value to data and returns it.
func with(data map[string]string, kv ...string) map[string]string {
	for i := 0; i+1 < len(kv); i += 2 {
		data[kv[i]] = kv[i+1]
	}
	return data
}

// nightLine writes the night compactly in lang, as /log confirms it:
// "▰▰▱▱▱ 4/10 · woke you · “note”". In English it is bot.Night.Line(false)
// word for word.
func (j *Log) nightLine(lang string, n bot.Night) string {
	full := (n.Severity + 1) / 2
	full = min(max(full, 0), 5)
	parts := []string{strings.Repeat("▰", full) + strings.Repeat("▱", 5-full) + " " + strconv.Itoa(n.Severity) + "/10"}
	for _, f := range []struct {
		v  *bool
		id string
	}{{n.Woke, "LogLineWoke"}, {n.LateCaffeine, "LogLineCaffeine"}, {n.Stretched, "LogLineStretched"}} {
		if isYes(f.v) {
			parts = append(parts, j.say(lang, f.id, nil))
		}
	}
	if n.Note != "" {
		parts = append(parts, j.say(lang, "LogLineNote", map[string]string{"Note": markup.Escape(n.Note)}))
	}
	return strings.Join(parts, " · ")
}

// cancelButtonRow is the wizard's Cancel button in lang.
func (j *Log) cancelButtonRow(lang string) []bot.Button {
	return []bot.Button{{Label: j.say(lang, "LogBtnCancel", nil), Payload: logPrefix + "/x"}}
}
