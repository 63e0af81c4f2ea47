package nightlog

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/content"
)

// Water: the article's goal is 2–2.5 litres a day.
const (
	waterGoalHighML = 2500
	glassML         = 250
	bottleML        = 500
	maxWaterAddML   = 5000
	waterPrefix     = "wt"
)

// waterCount is how an amount typed in glasses or bottles was counted
// ("2 glasses of 250 ml"), so the user knows the size assumed; its unit is
// "" for an amount typed in litres or millilitres.
type waterCount struct {
	n    float64 // how many glasses or bottles
	unit string  // "glass" or "bottle"
	ml   int     // the size of one
}

// parseWaterUnit reads an amount of water as people type it and returns it in
// ml: "0.5" or "0,5 l" (litres), "500ml", "500" (ml), "2 glasses" (250 ml
// each), "a bottle" (500 ml), and the same in the bot's other languages
// ("2 стакана", "1 botella", "0,5 л"). A leading minus takes water off, to
// correct a mistake.
//
// It also says how glasses or bottles were counted.
func parseWaterUnit(s string) (int, waterCount, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	t = strings.ReplaceAll(t, ",", ".")
	sign := 1
	if strings.HasPrefix(t, "-") {
		sign, t = -1, strings.TrimSpace(t[1:])
	}
	unit, unitName := 0.0, ""
	for _, u := range []struct {
		suffixes []string
		ml       float64
		name     string
	}{
		{[]string{"millilitres", "milliliters", "ml", "мл", "миллилитров", "миллилитра", "mililitros", "milliliter"}, 1, ""},
		{[]string{"litres", "liters", "litre", "liter", "litros", "litro", "литров", "литра", "литр", "l", "л"}, 1000, ""},
		{[]string{"glasses", "glass", "cups", "cup", "стаканов", "стакана", "стакан", "чашек", "чашки", "чашка", "чашку",
			"vasos", "vaso", "tazas", "taza", "copos", "copo", "xícaras", "xícara", "gläser", "glas", "tassen", "tasse"}, glassML, "glass"},
		{[]string{"bottles", "bottle", "бутылок", "бутылки", "бутылка", "бутылку", "botellas", "botella", "garrafas", "garrafa",
			"flaschen", "flasche"}, bottleML, "bottle"},
	} {
		for _, suf := range u.suffixes {
			if strings.HasSuffix(t, suf) {
				t, unit, unitName = strings.TrimSpace(strings.TrimSuffix(t, suf)), u.ml, u.name
				break
			}
		}
		if unit != 0 {
			break
		}
	}
	switch t {
	case "a", "an", "one", "", "один", "одна", "одну", "un", "una", "um", "uma", "ein", "eine", "einen":
		if unit == glassML || unit == bottleML {
			t = "1"
		}
	case "two", "два", "две", "dos", "dois", "duas", "zwei":
		t = "2"
	case "half a", "half", "пол", "полстакана", "medio", "media", "meio", "meia", "halbe", "eine halbe", "ein halbes", "halb":
		t = "0.5"
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return 0, waterCount{}, errors.New("not an amount")
	}
	if unit == 0 { // a bare number: litres when small, else millilitres
		unit = 1
		if v <= 5 {
			unit = 1000
		}
	}
	ml := v * unit
	if ml < 1 || ml > maxWaterAddML {
		return 0, waterCount{}, errors.New("out of range")
	}
	var count waterCount
	if unitName != "" {
		count = waterCount{n: v, unit: unitName, ml: int(unit)}
	}
	return sign * int(math.Round(ml)), count, nil
}

// countNote says in lang how glasses or bottles were counted: "2 glasses
// of 250 ml", "2 стакана по 250 мл"; "" for an amount in litres.
func (j *Log) countNote(lang string, c waterCount) string {
	if c.unit == "" {
		return ""
	}
	id := map[string]string{"glass": "LogWaterGlasses", "bottle": "LogWaterBottles"}[c.unit]
	decimals := 0
	if s := strconv.FormatFloat(c.n, 'f', -1, 64); strings.Contains(s, ".") {
		decimals = len(s) - strings.Index(s, ".") - 1
	}
	data := map[string]string{"ML": litres(lang, c.ml)}
	if decimals == 0 && c.n < math.MaxInt32 {
		return j.content.TextN(lang, id, int(c.n), data)
	}
	// A part of a glass: the plural forms of whole numbers do not apply,
	// and each language's own id says it ("1,5 стакана", "1,5 copo").
	data["Count"] = content.Number(lang, c.n, decimals)
	if c.n < 2 {
		data["Under2"] = "1"
	}
	return j.say(lang, id+"Part", data)
}

// water adds to today's water, or shows it.
func (j *Log) water(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	ml, note := 0, ""
	if strings.TrimSpace(req.Args) != "" {
		lang := u.LanguageOrDefault()
		n, count, err := parseWaterUnit(req.Args)
		if err != nil {
			return bot.Reply(j.say(lang, "LogWaterBad", map[string]string{"Input": bot.QuoteInput(req.Args), "Glass": strconv.Itoa(glassML)})), nil
		}
		ml, note = n, j.countNote(lang, count)
	}
	return j.addWater(ctx, u, ml, note)
}

// waterButton handles "wt/<ml>" (the +250 ml and +500 ml buttons).
func (j *Log) waterButton(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	ml, err := strconv.Atoi(req.Param("ml"))
	if err != nil || ml <= 0 || ml > maxWaterAddML {
		return bot.Stale(), nil
	}
	return j.addWater(ctx, req.User, ml, "")
}

// addWater adds to today's water; note says how the amount was counted.
func (j *Log) addWater(ctx context.Context, u *bot.User, ml int, note string) ([]bot.Response, error) {
	day := j.today(u).Format(bot.DateLayout)
	total, err := j.store.AddWater(ctx, u.ID, day, ml)
	if err != nil {
		return nil, fmt.Errorf("add water: %w", err)
	}
	lang := u.LanguageOrDefault()
	lead := ""
	switch {
	case ml > 0 && note != "":
		lead = j.content.Text(lang, "WaterAddedNote", map[string]string{"Amount": litres(lang, ml), "Note": note}) + " "
	case ml > 0:
		lead = j.content.Text(lang, "WaterAdded", map[string]string{"Amount": litres(lang, ml)}) + " "
	case ml < 0:
		lead = j.content.Text(lang, "WaterTookOff", map[string]string{"Amount": litres(lang, -ml)}) + " "
	}
	return []bot.Response{{Text: lead + j.waterProgress(lang, total), Buttons: waterButtons(lang), Personal: true}}, nil
}

// waterButtons offer one-tap additions, labelled in lang ("+250 ml",
// "+250 мл").
func waterButtons(lang string) [][]bot.Button {
	return [][]bot.Button{{{Label: "+" + litres(lang, glassML), Payload: waterPrefix + "/250"}, {Label: "+" + litres(lang, bottleML), Payload: waterPrefix + "/500"}}}
}

// waterProgress says, in lang, how far today's water is toward 2–2.5 L.
func (j *Log) waterProgress(lang string, ml int) string {
	filled := min(10, ml*10/waterGoalHighML)
	bar := strings.Repeat("▰", filled) + strings.Repeat("▱", 10-filled)
	text := j.content.Text(lang, "WaterToday", map[string]string{"Amount": litres(lang, ml), "Bar": bar})
	switch {
	case ml >= waterGoalHighML:
		text += " " + j.content.Text(lang, "WaterGoalReached", nil)
	case ml >= bot.WaterGoalML:
		text += " " + j.content.Text(lang, "WaterInRange", nil)
	default:
		text += " " + j.content.Text(lang, "WaterToGo", map[string]string{"Amount": litres(lang, bot.WaterGoalML-ml)})
	}
	return text
}

// litres writes ml as "1.25 L" or "750 ml", with a decimal comma in the
// languages that write one (content.Number).
func litres(lang string, ml int) string {
	mlUnit, lUnit := "ml", "L"
	if lang == "ru" {
		mlUnit, lUnit = "мл", "л"
	}
	if ml < 1000 {
		return strconv.Itoa(ml) + " " + mlUnit
	}
	// Shown to the centilitre, rounded as %.2f rounds, without the zeros
	// at the end: 1.25 L, 1.5 L, 2 L.
	s := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", float64(ml)/1000), "0"), ".")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s + " " + lUnit
	}
	decimals := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = len(s) - i - 1
	}
	if lang == "" {
		lang = "en"
	}
	return content.Number(lang, v, decimals) + " " + lUnit
}
