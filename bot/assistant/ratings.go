package assistant

import (
	"context"
	"fmt"
	"strconv"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/understand"
)

// actRate is the pending confirmation of a daily rating told in words
// ("stressful day, 4 out of 5"), kept by one of the Facets.
const actRate understand.Action = "rate"

// rating finds a daily rating in text: the first facet that reads one.
func (a *Assistant) rating(text string) (bot.Facet, int, bool) {
	for _, f := range a.facets {
		if v, ok := f.Read(text); ok && v >= 1 && v <= f.Scale() {
			return f, v, true
		}
	}
	return nil, 0, false
}

// facet is the facet of a name, nil when none has it any more.
func (a *Assistant) facet(name string) bot.Facet {
	for _, f := range a.facets {
		if f.Name() == name {
			return f
		}
	}
	return nil
}

// proposeRating shows a rating told in words, with Save and Cancel, and
// keeps it pending, like every change the assistant reads.
func (a *Assistant) proposeRating(ctx context.Context, req *bot.Request, f bot.Facet, v int) ([]bot.Response, error) {
	u := req.User
	if !u.Consented() {
		return bot.ConsentNeeded(), nil
	}
	id := newID()
	day := bot.Today(a.now(), u).Format(bot.DateLayout)
	data := map[string]string{"act": string(actRate), "facet": f.Name(), "value": strconv.Itoa(v), "date": day, "id": id, "lang": "en"}
	if err := a.store.SaveConversation(ctx, bot.Conversation{UserID: u.ID, Flow: flow, Step: stepPending, Data: data}); err != nil {
		return nil, fmt.Errorf("save pending rating: %w", err)
	}
	return []bot.Response{{Text: a.say("en", "AsstRating", map[string]string{"Rating": bot.FacetText(f, v)}), Buttons: a.saveCancel("en", id), Personal: true}}, nil
}

// confirmRating keeps a pending rating, says so in lang and fills undo
// with what restores the day's rating before it.
func (a *Assistant) confirmRating(ctx context.Context, u *bot.User, d, undo map[string]string, lang string) ([]bot.Response, error) {
	if !u.Consented() {
		return bot.ConsentNeeded(), nil
	}
	f := a.facet(d["facet"])
	v, err := strconv.Atoi(d["value"])
	if f == nil || err != nil {
		return a.gone(lang), nil
	}
	before, err := f.Ratings(ctx, u.ID, d["date"], d["date"])
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name(), err)
	}
	undo["facet"], undo["date"] = f.Name(), d["date"]
	if prev, ok := before[d["date"]]; ok {
		undo["prev"] = strconv.Itoa(prev)
	}
	if err := f.Rate(ctx, u.ID, d["date"], v); err != nil {
		return nil, fmt.Errorf("save %s: %w", f.Name(), err)
	}
	return bot.Personal(a.say(lang, "AsstRatingSaved", map[string]string{"Rating": bot.FacetText(f, v)})), nil
}

// undoRating puts back the day's rating as it was before, or none, and
// says so in lang.
func (a *Assistant) undoRating(ctx context.Context, u *bot.User, d map[string]string, lang string) (string, error) {
	f := a.facet(d["facet"])
	if f == nil {
		return "", nil
	}
	if prev, err := strconv.Atoi(d["prev"]); err == nil {
		if err := f.Rate(ctx, u.ID, d["date"], prev); err != nil {
			return "", fmt.Errorf("undo %s: %w", f.Name(), err)
		}
		return a.say(lang, "AsstRatingUndone", map[string]string{"Rating": bot.FacetText(f, prev)}), nil
	}
	if err := f.Unrate(ctx, u.ID, d["date"]); err != nil {
		return "", fmt.Errorf("undo %s: %w", f.Name(), err)
	}
	return a.say(lang, "AsstRatingNone", map[string]string{"Facet": f.Name()}), nil
}
