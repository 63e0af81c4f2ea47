package assistant

import (
	"strconv"
	"strings"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/markup"
	"github.com/calmnights/calmnights/content"
)

// The assistant's words are in the catalog (content/locales/assistant),
// in every language the bot speaks. A change told in words is shown back,
// confirmed and undone in the language it was told in: the pending
// confirmation keeps that language (its data's "lang"), so that Save,
// Cancel and Undo answer in it whatever the user's setting.

// say is the catalog's message id in lang.
func (a *Assistant) say(lang, id string, data map[string]string) string {
	return a.content.Text(lang, id, data)
}

// langOf is the language a pending confirmation or undo was told in;
// one kept before the assistant spoke other languages was English.
func langOf(d map[string]string) string {
	if d["lang"] != "" {
		return d["lang"]
	}
	return "en"
}

// withLang is a copy of u that the profile and the reminders answer in
// lang.
func withLang(u *bot.User, lang string) *bot.User {
	c := *u
	c.Language = lang
	return &c
}

// saveCancel are the Save and Cancel buttons of a confirmation.
func (a *Assistant) saveCancel(lang, id string) [][]bot.Button {
	return [][]bot.Button{{{Label: a.say(lang, "AsstBtnSave", nil), Payload: prefix + "/ok/" + id}, {Label: a.say(lang, "AsstBtnCancel", nil), Payload: prefix + "/no/" + id}}}
}

// cancelRow is a row with the Cancel button alone.
func (a *Assistant) cancelRow(lang, id string) []bot.Button {
	return []bot.Button{{Label: a.say(lang, "AsstBtnCancel", nil), Payload: prefix + "/no/" + id}}
}

// kindLabels are the catalog ids of the reminders' names: on the buttons
// that ask which one, and inside a sentence.
var kindLabels = []struct{ kind, button, label string }{
	{"stretch", "AsstKindStretch", "AsstLabelStretch"},
	{"water", "AsstKindWater", "AsstLabelWater"},
	{"winddown", "AsstKindWinddown", "AsstLabelWinddown"},
	{"caffeine", "AsstKindCaffeine", "AsstLabelCaffeine"},
	{"morning", "AsstKindMorning", "AsstLabelMorning"},
}

// kindLabel is a reminder's name said in a sentence in lang.
func (a *Assistant) kindLabel(lang, kind string) string {
	for _, k := range kindLabels {
		if k.kind == kind {
			return a.say(lang, k.label, nil)
		}
	}
	return kind
}

// factsText lists what a night message said, in lang.
func (a *Assistant) factsText(lang string, v map[string]string) string {
	var parts []string
	add := func(id string, data map[string]string) { parts = append(parts, a.say(lang, id, data)) }
	if v["score"] != "" {
		add("AsstFactScore", map[string]string{"Score": v["score"]})
	}
	yesNo := func(key, yes, no string) {
		switch v[key] {
		case "true":
			add(yes, nil)
		case "false":
			add(no, nil)
		}
	}
	yesNo("woke", "AsstFactWoke", "AsstFactNotWoke")
	yesNo("caffeine", "AsstFactCaffeine", "AsstFactNoCaffeine")
	yesNo("stretched", "AsstFactStretched", "AsstFactNotStretched")
	if n, err := strconv.Atoi(v["awk"]); err == nil {
		parts = append(parts, a.content.TextN(lang, "AsstFactAwake", n, nil))
	}
	for _, f := range []struct{ key, id, name string }{
		{"start", "AsstFactStart", "At"}, {"bed", "AsstFactBed", "At"},
		{"lat", "AsstFactLatency", "N"}, {"wake", "AsstFactWake", "At"}, {"before", "AsstFactBefore", "Score"},
	} {
		if v[f.key] != "" {
			add(f.id, map[string]string{f.name: v[f.key]})
		}
	}
	if v["note"] != "" {
		add("AsstFactNote", map[string]string{"Note": markup.Escape(v["note"])})
	}
	return strings.Join(parts, ", ")
}

// nightName names a night for people in lang: "the night to Wed 25 Nov",
// "la noche del 24 al 25/11". The catalog holds the dates' layouts.
func (a *Assistant) nightName(lang, date string) string {
	t, err := time.Parse(bot.DateLayout, date)
	if err != nil {
		return date
	}
	return a.say(lang, "AsstNightTo", map[string]string{
		"Date": t.Format(a.say(lang, "AsstNightDate", nil)),
		"Prev": t.AddDate(0, 0, -1).Format(a.say(lang, "AsstNightPrev", nil)),
	})
}

// litres writes ml in lang as "1.25 L" or "750 ml" (a decimal comma in
// es, pt, de and ru).
func (a *Assistant) litres(lang string, ml int) string {
	if ml < 1000 {
		return a.say(lang, "AsstMl", map[string]string{"N": strconv.Itoa(ml)})
	}
	prec := 2
	switch {
	case ml%1000 == 0:
		prec = 0
	case ml%100 == 0:
		prec = 1
	}
	return a.say(lang, "AsstLitres", map[string]string{"N": content.Number(lang, float64(ml)/1000, prec)})
}

// minutesText writes minutes in lang as "90 min" or "2 h".
func (a *Assistant) minutesText(lang, s string) string {
	n, _ := strconv.Atoi(s)
	if n >= 60 && n%60 == 0 {
		return a.say(lang, "AsstHours", map[string]string{"N": strconv.Itoa(n / 60)})
	}
	return a.say(lang, "AsstMinutes", map[string]string{"N": strconv.Itoa(n)})
}

// dateTime writes a moment in lang: "21:30, Wed 25 Nov".
func (a *Assistant) dateTime(lang string, t time.Time) string {
	return t.Format(a.say(lang, "AsstDoseTime", nil))
}
