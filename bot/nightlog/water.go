package nightlog

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/calmnights/calmnights/bot"
)

// Water: the article's goal is 2–2.5 litres a day.
const (
	waterGoalHighML = 2500
	glassML         = 250
	bottleML        = 500
	maxWaterAddML   = 5000
	waterPrefix     = "wt"
)

// parseWaterUnit reads an amount of water as people type it and returns it in
// ml: "0.5" or "0,5 l" (litres), "500ml", "500" (ml), "2 glasses" (250 ml
// each), "a bottle" (500 ml). A leading minus takes water off, to correct
// a mistake.
//
// It also says how glasses or bottles were counted ("2 glasses of 250
// ml"), so the user knows the size assumed.
func parseWaterUnit(s string) (int, string, error) {
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
		{[]string{"millilitres", "milliliters", "ml"}, 1, ""},
		{[]string{"litres", "liters", "litre", "liter", "l"}, 1000, ""},
		{[]string{"glasses", "glass", "cups", "cup"}, glassML, "glass"},
		{[]string{"bottles", "bottle"}, bottleML, "bottle"},
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
	case "a", "an", "one", "":
		if unit == glassML || unit == bottleML {
			t = "1"
		}
	case "two":
		t = "2"
	case "half a", "half":
		t = "0.5"
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return 0, "", fmt.Errorf("not an amount")
	}
	if unit == 0 { // a bare number: litres when small, else millilitres
		unit = 1
		if v <= 5 {
			unit = 1000
		}
	}
	ml := v * unit
	if ml < 1 || ml > maxWaterAddML {
		return 0, "", fmt.Errorf("out of range")
	}
	note := ""
	if unitName != "" {
		count := strconv.FormatFloat(v, 'f', -1, 64)
		if v != 1 {
			unitName = map[string]string{"glass": "glasses", "bottle": "bottles"}[unitName]
		}
		note = fmt.Sprintf("%s %s of %d ml", count, unitName, int(unit))
	}
	return sign * int(math.Round(ml)), note, nil
}

// water adds to today's water, or shows it.
func (j *Log) water(ctx context.Context, req *bot.Request) ([]bot.Response, error) {
	u := req.User
	ml, note := 0, ""
	if strings.TrimSpace(req.Args) != "" {
		var err error
		if ml, note, err = parseWaterUnit(req.Args); err != nil {
			return bot.Reply(fmt.Sprintf("“%s” isn't an amount I understand. Try /water 0.5 (litres), /water 500ml or /water 2 glasses (a glass is %d ml). Nothing was saved.", bot.QuoteInput(req.Args), glassML)), nil
		}
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
	return []bot.Response{{Text: lead + j.waterProgress(lang, total), Buttons: waterButtons(), Personal: true}}, nil
}

// waterButtons offer one-tap additions.
func waterButtons() [][]bot.Button {
	return [][]bot.Button{{{Label: "+250 ml", Payload: waterPrefix + "/250"}, {Label: "+500 ml", Payload: waterPrefix + "/500"}}}
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
// languages that write one.
func litres(lang string, ml int) string {
	mlUnit, lUnit := "ml", "L"
	if lang == "ru" {
		mlUnit, lUnit = "мл", "л"
	}
	if ml < 1000 {
		return fmt.Sprintf("%d %s", ml, mlUnit)
	}
	l := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", float64(ml)/1000), "0"), ".") + " " + lUnit
	if lang != "" && lang != "en" {
		l = strings.Replace(l, ".", ",", 1)
	}
	return l
}
