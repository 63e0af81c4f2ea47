package content

import "testing"

// TestChecklistInEachLanguage: two or more of the article's checklist
// signs in one message get the soon tier in every language, as in
// English; one alone is how many people's nights are, and a sign denied
// by a negation counts for nothing.
func TestChecklistInEachLanguage(t *testing.T) {
	lib := Default()
	for _, c := range []struct {
		lang, text string
		soon       bool
	}{
		{"es", "Mi marido dice que pateo toda la noche, y el año pasado me dijeron que tengo anemia. ¿Es para preocuparse?", true},
		{"es", "Tengo anemia desde hace años. ¿Qué alimentos me ayudan?", false},
		{"pt", "mais de 3 noites por semana e uma vontade incontrolável de mexer as pernas quando sento no sofá. tô ok?", true},
		{"pt", "quantas noites por semana é normal ter esses pulos?", false},
		{"de", "Meine Frau sagt, ich strample im Schlaf, und ich habe Eisenmangel. Soll ich zum Arzt?", true},
		{"de", "Ich habe keinen Eisenmangel und meine Frau sagt, ich strample nie. Was hilft gegen Wadenkrämpfe?", false},
		{"ru", "У жены железодефицитная анемия. 4–5 ночей в неделю она жалуется на подёргивания, а вечером не может спокойно посидеть. Что посоветуете?", true},
		{"ru", "Что помогает от судорог в икрах ночью?", false},
	} {
		a := lib.AskIn(c.lang, c.text)
		if got := a.Tier == TierSoon; got != c.soon {
			t.Errorf("%s %q: tier %v, want soon %v", c.lang, c.text, a.Tier, c.soon)
		}
	}
}
