package medicines_test

import (
	"strings"
	"testing"

	"github.com/calmnights/calmnights/bot/features/featuretest"
)

// A Russian and a Spanish user keep their medicines and iron tests, with
// every list, button, confirmation and refusal: each is in their language,
// numbers with a decimal comma, and no English is left.
func TestMedicinesSpeakTheUsersLanguage(t *testing.T) {
	long := "/med " + strings.Repeat("x", 61)
	for lang, steps := range map[string][]featuretest.Step{
		"ru": {
			{"/meds", "Твой список лекарств и добавок пуст."},
			{"/med железо 65 мг", "Записал: железо 65 мг в 18:00, 25.11 ✓"},
			{"/meds", "железо 65 мг: последний приём 25.11 в 18:00 (1 раз за последние 30 дней)"},
			{"!md/t/1/20261125", "Записал: железо 65 мг в 18:00 ✓"},
			{"/meds", "(2 раза за последние 30 дней)"},
			{"!md/t/1/20261124", "Эта кнопка осталась с прошлого дня, поэтому я ничего не записал."},
			{"!md/u/2", "Удалил эту запись о приёме."},
			{"!md/u/2", "Эта запись о приёме уже удалена."},
			{long, "Сделай название короче 60 символов, а дозу — короче 40. Ничего не сохранено."},
			{"/meds remove аспирин", "Не нашёл «аспирин» в твоём списке."},
			{"/meds remove железо", "Убрал «железо» из твоего списка."},
			{"!md/t/1/20261125", "Этого лекарства больше нет в твоём списке."},
			{"/lab", "Сохранённых анализов на железо пока нет."},
			{"/lab ferritin 45 2026-11-02", "Сохранил: ферритин 45 нг/мл, анализ от 02.11.2026 ✓"},
			{"/lab tsat 18,5%", "насыщение трансферрина железом (НТЖ) 18,5 %, анализ от 25.11.2026"},
			{"/lab ферритин 38 нг/мл вчера", "24.11.2026: 38 нг/мл"},
			{"/lab tsat 180", "НТЖ — это процент, от 0 до 100.\nНичего не сохранено."},
			{"/lab ferritin lots", "«lots» — не число."},
			{"/lab vitamin 3", "Я сохраняю два анализа на железо"},
			{"/lab ferritin 40 2027-01-01", "Эта дата ещё не наступила."},
			{"/lab ferritin 40 pmol/l", "Не понимаю «pmol/l»"},
			{"/lab ferritin 40 2010-01-01", "за последние 10 лет"},
			{"/lab ferritin 99999", "опечатка"},
			{"!lb/u/1", "Удалил этот результат анализа."},
			{"!lb/u/1", "Этот результат уже удалён."},
			{"/lab", "Это числа с датами в том виде, в каком они записаны"},
		},
		"es": {
			{"/meds", "Tu lista de medicamentos y suplementos está vacía."},
			{"/med hierro 65 mg", "Anotado: hierro 65 mg a las 18:00 del 25/11 ✓"},
			{"/meds", "hierro 65 mg: última toma el 25/11 a las 18:00 (1 vez en los últimos 30 días)"},
			{"!md/t/1/20261125", "Anotado: hierro 65 mg a las 18:00 ✓"},
			{"/meds", "(2 veces en los últimos 30 días)"},
			{"!md/t/1/20261124", "Ese botón es de un día anterior, así que no he anotado nada."},
			{"!md/u/2", "He quitado esa dosis."},
			{"!md/u/2", "Esa dosis ya se había quitado."},
			{long, "El nombre debe tener menos de 60 caracteres, y la dosis, menos de 40. No he guardado nada."},
			{"/meds remove aspirina", "«aspirina» no está en tu lista."},
			{"/meds remove hierro", "He quitado «hierro» de tu lista."},
			{"!md/t/1/20261125", "Ese medicamento ya no está en tu lista."},
			{"/lab", "Todavía no tienes resultados de hierro guardados."},
			{"/lab ferritin 45 2026-11-02", "Guardado: ferritina 45 ng/mL, análisis del 02/11/2026 ✓"},
			{"/lab tsat 18,5%", "saturación de transferrina (TSAT) 18,5 %, análisis del 25/11/2026"},
			{"/lab ferritina 38 ng/ml ayer", "24/11/2026: 38 ng/mL"},
			{"/lab tsat 180", "La TSAT es un porcentaje, de 0 a 100.\nNo he guardado nada."},
			{"/lab ferritin lots", "«lots» no es un número."},
			{"/lab vitamin 3", "Guardo dos análisis de hierro"},
			{"/lab ferritin 40 2027-01-01", "Esa fecha todavía no ha llegado."},
			{"/lab ferritin 40 pmol/l", "No entiendo «pmol/l»"},
			{"/lab ferritin 40 2010-01-01", "de los últimos 10 años"},
			{"/lab ferritin 99999", "mal escrito"},
			{"!lb/u/1", "He quitado ese resultado."},
			{"!lb/u/1", "Ese resultado ya se había quitado."},
			{"/lab", "Son los números tal como me los diste"},
		},
	} {
		h := featuretest.Consented(t)
		h.Press("ln/" + lang)
		h.Walk(lang, steps)
	}
}

// The buttons under /meds and under a saved dose are in the user's
// language.
func TestMedicineButtonsInRussian(t *testing.T) {
	h := featuretest.Consented(t)
	h.Press("ln/ru")
	if out := h.Send("/med магний"); len(out[0].Buttons) != 1 || out[0].Buttons[0][0].Label != "Отменить" {
		t.Fatalf("undo button: %+v", out[0].Buttons)
	}
	if out := h.Send("/meds"); len(out[0].Buttons) != 1 || out[0].Buttons[0][0].Label != "Принято: магний" {
		t.Fatalf("taken button: %+v", out[0].Buttons)
	}
}
