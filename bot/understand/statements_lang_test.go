package understand

import (
	"maps"
	"testing"
)

// langStatement is one statement typed in another language, as a native
// speaker types it (chat spellings, no accents, typos), and what it asks:
// the action and every value, or no statement at all ("").
type langStatement struct {
	text   string
	action Action
	values map[string]string
}

// checkLangStatements reads each statement in lang through the gloss.
func checkLangStatements(t *testing.T, lang string, cases []langStatement) {
	t.Helper()
	c := New(nil)
	if err := c.CheckGlosses(); err != nil {
		t.Fatal(err)
	}
	statements := 0
	for _, tc := range cases {
		in, ok := c.ClassifyIn(lang, tc.text)
		gloss, _ := c.Gloss(lang, tc.text)
		if tc.action == "" {
			if ok {
				t.Errorf("%q: read as %s %v, want no statement (gloss %q)", tc.text, in.Action, in.Values, gloss)
			}
			continue
		}
		statements++
		want := tc.values
		if want == nil {
			want = map[string]string{}
		}
		if !ok || in.Action != tc.action || !maps.Equal(in.Values, want) {
			t.Errorf("%q: got %s %v (%v), want %s %v (gloss %q)", tc.text, in.Action, in.Values, ok, tc.action, want, gloss)
		}
	}
	if statements < 25 {
		t.Errorf("%s: %d statements, want 25 or more", lang, statements)
	}
}

// v builds values from key, value pairs.
func v(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func TestStatementsSpanish(t *testing.T) {
	checkLangStatements(t, "es", []langStatement{
		{"anoche un 6, me desperte dos veces y tome cafe a las 5 de la tarde", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2", "caffeine", "true")},
		{"anoche fue un seis", Log, v("night", "0", "score", "6")},
		{"anoche 7/10, me desperté 3 veces", Log, v("night", "0", "score", "7", "woke", "true", "awk", "3")},
		{"noche horrible, las piernas empezaron a las diez y media, le doy un 8", Log, v("night", "0", "score", "8", "start", "22:30")},
		{"anoche 4, no me desperte y estire antes de dormir", Log, v("night", "0", "score", "4", "woke", "false", "stretched", "true")},
		{"anoche un 5, sin cafe y no estire", Log, v("night", "0", "score", "5", "caffeine", "false", "stretched", "false")},
		{"anoche 3 de 10, cafe a las 11 de la mañana", Log, v("night", "0", "score", "3", "caffeine", "false")},
		{"anoche 4, la noche anterior 7", Log, v("night", "0", "score", "4", "before", "7")},
		{"anoche un 3 y antenoche un 7", Log, v("night", "0", "score", "3", "before", "7")},
		{"antenoche fue un 5", Log, v("night", "1", "score", "5")},
		{"me acoste a las 11, tarde como 40 minutos en dormirme, me desperte 3 veces y me levante a las 6:50", Log, v("night", "0", "bed", "23:00", "lat", "40", "awk", "3", "wake", "06:50")},
		{"las piernas me despertaron 2 veces anoche, un 7", Log, v("night", "0", "score", "7", "woke", "true", "awk", "2")},
		{"anoche fatal, un 9, calambres en los gemelos", Log, v("night", "0", "score", "9", "note", "calambres en los gemelos")},
		{"q noche!! las piernas a full desde las 10, un 8", Log, v("night", "0", "score", "8", "start", "22:00")},
		{"anoche un 6 xq me desperte 2 veces, tmb tome cafe a las 6 d la tarde", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2", "caffeine", "true")},
		{"dormi de un tiron, un 2", Log, v("night", "0", "score", "2", "woke", "false")},
		{"tome 2 vasos de agua", Water, v("ml", "500")},
		{"me tome medio litro de agua", Water, v("ml", "500")},
		{"llevo 1,5 litros de agua hoy", Water, v("ml", "1500")},
		{"bebi una botella de agua", Water, v("ml", "500")},
		{"recuerdame estirar a las 21:30", Remind, v("kind", "stretch", "at", "21:30")},
		{"recuérdame estirar a las nueve y media", Remind, v("kind", "stretch", "at", "21:30")},
		{"recuerdame estirar a las 9 y media entre semana", Remind, v("kind", "stretch", "at", "21:30", "days", "weekdays")},
		{"avisame para tomar agua cada 2 horas", Remind, v("kind", "water", "every", "120")},
		{"ponme un recordatorio para estirar a las 10 de la noche", Remind, v("kind", "stretch", "at", "22:00")},
		{"me acuesto a las 11", Bedtime, v("at", "23:00")},
		{"normalmente me voy a la cama a las once y media", Bedtime, v("at", "23:30")},
		{"me levanto a las 7", WakeTime, v("at", "07:00")},
		{"pausa los recordatorios 3 dias", Pause, v("days", "3")},
		{"no me mandes recordatorios por una semana", Pause, v("days", "7")},
		{"reanuda los recordatorios", Resume, nil},
		{"muestrame mi semana", Show, v("command", "week")},
		{"como fue mi semana", Show, v("command", "week")},
		{"vivo en Madrid", TimeZone, v("zone", "Europe/Madrid")},
		{"tome 2 paracetamol a las 9", Medicine, v("name", "paracetamol", "dose", "×2", "at", "09:00")},
		{"anoxe un 7 me desperte 3 vses", Log, v("night", "0", "score", "7", "woke", "true", "awk", "3")},
		{"anoche 6 y me despertaron las piernas como 2 veses", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2")},
		{"tome 2 basos de awa", Water, v("ml", "500")},
		{"acordame de tomar agua cada 2 hs", Remind, v("kind", "water", "every", "120")},
		// Not statements: today's path answers them in Spanish.
		{"el cafe puede empeorar las piernas?", "", nil},
		{"por que se me mueven las piernas de noche", "", nil},
		{"el café empeora mis piernas por la noche", "", nil},
		{"hola", "", nil},
		{"muchas gracias!", "", nil},
	})
}

func TestStatementsPortuguese(t *testing.T) {
	checkLangStatements(t, "pt", []langStatement{
		{"ontem a noite foi um 6, acordei duas vezes e tomei cafe as 5 da tarde", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2", "caffeine", "true")},
		{"noite passada nota 7, nao me alonguei", Log, v("night", "0", "score", "7", "stretched", "false")},
		{"acordei 3 vezes essa noite, as pernas começaram as dez e meia, dou um 8", Log, v("night", "0", "score", "8", "woke", "true", "awk", "3", "start", "22:30")},
		{"ontem a noite foi um seis", Log, v("night", "0", "score", "6")},
		{"ontem a noite 4, nao acordei e fiz alongamento antes de dormir", Log, v("night", "0", "score", "4", "woke", "false", "stretched", "true")},
		{"ontem a noite um 5, sem cafe e nao alonguei", Log, v("night", "0", "score", "5", "caffeine", "false", "stretched", "false")},
		{"noite passada 3 de 10, tomei cafe as 10 da manha", Log, v("night", "0", "score", "3", "caffeine", "false")},
		{"ontem a noite 4, a noite anterior 7", Log, v("night", "0", "score", "4", "before", "7")},
		{"anteontem foi um 5", Log, v("night", "1", "score", "5")},
		{"as pernas me acordaram 2 vezes ontem a noite, um 7", Log, v("night", "0", "score", "7", "woke", "true", "awk", "2")},
		{"deitei as 11, demorei uns 40 minutos pra dormir, acordei 3 vezes e levantei as 6:50", Log, v("night", "0", "bed", "23:00", "lat", "40", "awk", "3", "wake", "06:50")},
		{"noite horrivel, nota 9, caimbra na panturrilha", Log, v("night", "0", "score", "9", "note", "caimbra na panturrilha")},
		{"ontem a noite um 6 pq acordei 2 vzs, tb tomei cafe as 6 da tarde", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2", "caffeine", "true")},
		{"dormi a noite toda, nota 2", Log, v("night", "0", "score", "2", "woke", "false")},
		{"tomei 2 copos de agua", Water, v("ml", "500")},
		{"bebi meio litro d'agua", Water, v("ml", "500")},
		{"ja tomei 1,5 litros de agua hoje", Water, v("ml", "1500")},
		{"tomei uma garrafa de agua", Water, v("ml", "500")},
		{"me lembra de alongar as 21:30", Remind, v("kind", "stretch", "at", "21:30")},
		{"me lembra de alongar as nove e meia", Remind, v("kind", "stretch", "at", "21:30")},
		{"me lembra de beber agua a cada 2 horas", Remind, v("kind", "water", "every", "120")},
		{"coloca um lembrete pra alongar as 10 da noite", Remind, v("kind", "stretch", "at", "22:00")},
		{"eu durmo as onze e meia", Bedtime, v("at", "23:30")},
		{"geralmente vou pra cama as 11", Bedtime, v("at", "23:00")},
		{"eu acordo as 7", WakeTime, v("at", "07:00")},
		{"pausa os lembretes por 3 dias", Pause, v("days", "3")},
		{"nao me mande lembretes por uma semana", Pause, v("days", "7")},
		{"retoma os lembretes", Resume, nil},
		{"mostra minha semana", Show, v("command", "week")},
		{"como foi minha semana", Show, v("command", "week")},
		{"moro em Sao Paulo", TimeZone, v("zone", "America/Sao_Paulo")},
		{"tomei 2 paracetamol as 9", Medicine, v("name", "paracetamol", "dose", "×2", "at", "09:00")},
		{"tomei meu ferro", Medicine, v("name", "ferro")},
		{"ontem a noite um 7 acordei 3 vzs", Log, v("night", "0", "score", "7", "woke", "true", "awk", "3")},
		{"vou p cama as 11 e meia", Bedtime, v("at", "23:30")},
		{"me lembra de beber agua a cada 2h", Remind, v("kind", "water", "every", "120")},
		// Not statements.
		{"cafe pode piorar as pernas?", "", nil},
		{"por que minhas pernas tremem a noite", "", nil},
		{"oi", "", nil},
		{"obrigado!", "", nil},
	})
}

func TestStatementsGerman(t *testing.T) {
	checkLangStatements(t, "de", []langStatement{
		{"letzte Nacht eine 6, bin zweimal aufgewacht, um 17 Uhr Kaffee getrunken", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2", "caffeine", "true")},
		{"heute nacht 7/10, nicht gedehnt", Log, v("night", "0", "score", "7", "stretched", "false")},
		{"die Beine haben mich 3 mal geweckt, ich gebe ihr eine 8", Log, v("night", "0", "score", "8", "woke", "true", "awk", "3")},
		{"letzte nacht war ne sechs", Log, v("night", "0", "score", "6")},
		{"letzte Nacht 4, bin nicht aufgewacht und hab mich vorm schlafen gedehnt", Log, v("night", "0", "score", "4", "woke", "false", "stretched", "true")},
		{"letzte nacht ne 5, kein kaffee und nicht gedehnt", Log, v("night", "0", "score", "5", "caffeine", "false", "stretched", "false")},
		{"letzte Nacht 3 von 10, Kaffee um 11 Uhr morgens", Log, v("night", "0", "score", "3", "caffeine", "false")},
		{"letzte nacht 4, die nacht davor 7", Log, v("night", "0", "score", "4", "before", "7")},
		{"vorletzte Nacht war eine 5", Log, v("night", "1", "score", "5")},
		{"die Beine gingen ab halb elf los, bin 2x aufgewacht, letzte nacht eine 7", Log, v("night", "0", "score", "7", "woke", "true", "awk", "2", "start", "22:30")},
		{"bin um 11 ins Bett gegangen, hab 40 minuten zum einschlafen gebraucht, 3 mal aufgewacht, um 6:50 aufgestanden", Log, v("night", "0", "bed", "23:00", "lat", "40", "awk", "3", "wake", "06:50")},
		{"horrornacht, eine 9, wadenkrämpfe", Log, v("night", "0", "score", "9", "note", "wadenkrämpfe")},
		{"letzte nacht ne 6 weil zweimal aufgewacht, hatte um 18 uhr noch nen kaffee", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2", "caffeine", "true")},
		{"hab durchgeschlafen, ne 2", Log, v("night", "0", "score", "2", "woke", "false")},
		{"hab 2 Gläser Wasser getrunken", Water, v("ml", "500")},
		{"einen halben liter wasser getrunken", Water, v("ml", "500")},
		{"bin heute schon bei 1,5 liter wasser", Water, v("ml", "1500")},
		{"eine flasche wasser getrunken", Water, v("ml", "500")},
		{"erinnere mich um 21:30 ans Dehnen", Remind, v("kind", "stretch", "at", "21:30")},
		{"erinner mich um halb zehn ans dehnen", Remind, v("kind", "stretch", "at", "21:30")},
		{"erinnere mich alle 2 stunden ans wasser trinken", Remind, v("kind", "water", "every", "120")},
		{"stell mir eine erinnerung zum dehnen um 22 uhr", Remind, v("kind", "stretch", "at", "22:00")},
		{"ich gehe normalerweise um halb elf ins Bett", Bedtime, v("at", "22:30")},
		{"ich geh um 23 uhr schlafen", Bedtime, v("at", "23:00")},
		{"ich stehe um 7 auf", WakeTime, v("at", "07:00")},
		{"pausiere die Erinnerungen für 3 Tage", Pause, v("days", "3")},
		{"bitte eine woche keine erinnerungen", Pause, v("days", "7")},
		{"erinnerungen wieder einschalten", Resume, nil},
		{"zeig mir meine Woche", Show, v("command", "week")},
		{"wie war meine woche", Show, v("command", "week")},
		{"ich wohne in München", TimeZone, v("zone", "Europe/Berlin")},
		{"hab 2 Paracetamol um 9 genommen", Medicine, v("name", "Paracetamol", "dose", "×2", "at", "09:00")},
		{"hab um 10 magnesium genommen", Medicine, v("name", "Magnesium", "at", "10:00")},
		{"letzte nacht ne 7 bin 3mal aufgewacht", Log, v("night", "0", "score", "7", "woke", "true", "awk", "3")},
		{"letzte nacht 6, die beine haben mich so 2 mal geweckt", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2")},
		{"erinnere mich alle 2 std ans trinken", Remind, v("kind", "water", "every", "120")},
		{"schalte die erinnerungen wieder ein", Resume, nil},
		// Not statements.
		{"kann kaffee das zucken schlimmer machen?", "", nil},
		{"warum zucken meine beine nachts", "", nil},
		{"hallo", "", nil},
		{"danke!", "", nil},
	})
}

func TestStatementsRussian(t *testing.T) {
	checkLangStatements(t, "ru", []langStatement{
		{"прошлой ночью 6, просыпался два раза, пил кофе в 5 вечера", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2", "caffeine", "true")},
		{"ночь на 7 из 10, растяжку не делал", Log, v("night", "0", "score", "7", "stretched", "false")},
		{"ноги начали беспокоить в половине одиннадцатого, просыпалась 3 раза, ставлю 8", Log, v("night", "0", "score", "8", "woke", "true", "awk", "3", "start", "22:30")},
		{"прошлой ночью было шесть", Log, v("night", "0", "score", "6")},
		{"этой ночью 4, не просыпалась, перед сном сделала растяжку", Log, v("night", "0", "score", "4", "woke", "false", "stretched", "true")},
		{"прошлой ночью 5, без кофе, растяжку не делала", Log, v("night", "0", "score", "5", "caffeine", "false", "stretched", "false")},
		{"прошлой ночью 3 из 10, кофе пил в 11 утра", Log, v("night", "0", "score", "3", "caffeine", "false")},
		{"прошлой ночью 4, предыдущей ночью 7", Log, v("night", "0", "score", "4", "before", "7")},
		{"позапрошлой ночью было 5", Log, v("night", "1", "score", "5")},
		{"ноги будили меня 2 раза этой ночью, оценка 7", Log, v("night", "0", "score", "7", "woke", "true", "awk", "2")},
		{"лег в 11, уснул за 40 минут, просыпался 3 раза, встал в 6:50", Log, v("night", "0", "bed", "23:00", "lat", "40", "awk", "3", "wake", "06:50")},
		{"ужасная ночь, 9 из 10, судороги в икрах", Log, v("night", "0", "score", "9", "note", "судороги в икрах")},
		{"ночью 6 тк просыпалась 2 раза, и кофе пила в 6 вечера", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2", "caffeine", "true")},
		{"спал всю ночь без пробуждений, оценка 2", Log, v("night", "0", "score", "2", "woke", "false")},
		{"выпил 2 стакана воды", Water, v("ml", "500")},
		{"выпила пол литра воды", Water, v("ml", "500")},
		{"уже выпила полтора литра воды сегодня", Water, v("ml", "1500")},
		{"выпил бутылку воды", Water, v("ml", "500")},
		{"напомни сделать растяжку в 21:30", Remind, v("kind", "stretch", "at", "21:30")},
		{"напомни сделать растяжку в половине десятого", Remind, v("kind", "stretch", "at", "21:30")},
		{"напоминай пить воду каждые 2 часа", Remind, v("kind", "water", "every", "120")},
		{"поставь напоминание про растяжку на 10 вечера", Remind, v("kind", "stretch", "at", "22:00")},
		{"обычно ложусь спать в половине двенадцатого", Bedtime, v("at", "23:30")},
		{"ложусь в 23", Bedtime, v("at", "23:00")},
		{"встаю в 7", WakeTime, v("at", "07:00")},
		{"поставь напоминания на паузу на 3 дня", Pause, v("days", "3")},
		{"не присылай напоминания неделю", Pause, v("days", "7")},
		{"возобнови напоминания", Resume, nil},
		{"покажи мою неделю", Show, v("command", "week")},
		{"как прошла моя неделя", Show, v("command", "week")},
		{"я живу в Москве", TimeZone, v("zone", "Europe/Moscow")},
		{"принял 2 таблетки парацетамола в 9", Medicine, v("name", "парацетамол", "dose", "×2", "at", "09:00")},
		{"ночью 6, ноги будили раза 2", Log, v("night", "0", "score", "6", "woke", "true", "awk", "2")},
		{"ложусь в пол двенадцатого", Bedtime, v("at", "23:30")},
		{"поставь напоминалки на паузу на 3 дня", Pause, v("days", "3")},
		{"напоминай пить воду каждые 2 ч", Remind, v("kind", "water", "every", "120")},
		{"обычно ложусь около половины двенадцатого", Bedtime, v("at", "23:30")},
		// Not statements.
		{"может ли кофе усиливать подергивания?", "", nil},
		{"почему у меня дергаются ноги по ночам", "", nil},
		{"привет", "", nil},
		{"спасибо!", "", nil},
	})
}

// The weekly summary is turned off in words in each language, and still
// shown when asked to be shown.
func TestWeeklySummaryInWords(t *testing.T) {
	c := New(nil)
	for _, x := range []struct {
		lang, text string
		action     Action
	}{
		{"ru", "итоги недели выключи", Remind}, {"ru", "покажи итоги недели", Show},
		{"es", "desactiva el resumen semanal", Remind}, {"pt", "desliga o resumo semanal", Remind},
		{"de", "Wochenrückblick aus", Remind}, {"de", "zeig mir meine Wochenübersicht", Show},
	} {
		in, ok := c.ClassifyIn(x.lang, x.text)
		if !ok || in.Action != x.action || x.action == Remind && (in.Values["kind"] != "weekly" || in.Values["state"] != "off") {
			t.Errorf("%s %q: %v %s %v", x.lang, x.text, ok, in.Action, in.Values)
		}
	}
}

// A start told time first is a start, never a score: "since 10 my legs
// have been jumping, 6" scores 6 from 22:00, and "ya desde las nueve me
// saltan las piernas" tonight is legs going from 21:00, not a night of 9.
func TestStartToldTimeFirst(t *testing.T) {
	c := New(nil)
	in := c.Classify("since 10 my legs have been jumping, 6")
	if in.Action != Log || in.Values["score"] != "6" || in.Values["start"] != "22:00" {
		t.Errorf("English: %s %v", in.Action, in.Values)
	}
	in, ok := c.ClassifyIn("es", "esta noche viene complicada, ya desde las nueve me saltan las piernas")
	if !ok || in.Action != Log || in.Values["score"] != "" || in.Values["start"] != "21:00" || in.Values["when"] != "tonight" {
		t.Errorf("Spanish: %v %s %v", ok, in.Action, in.Values)
	}
}
