package understand

import (
	"strings"

	"github.com/calmnights/calmnights/content/pattern"
)

// A dose told in words: "took 2 paracetamol at 9", "just had my iron",
// "popped a magnesium 250 mg". It is kept in the medicines log (like /med),
// after the person confirms; a question about a medicine is never one.

// medicineNames are the medicines and supplements people name when they
// tell a dose; "tablets", "pills" and "my meds" count too.
var medicineNames = `paracetamol|acetaminophen|tylenol|ibuprofen|nurofen|advil|aspirin|naproxen|codeine|co-codamol|cocodamol|tramadol|` +
	`iron|ferrous sulphate|ferrous sulfate|ferrous fumarate|magnesium (?:glycinate|bisglycinate|citrate|oxide|malate)|magnesium|melatonin|gabapentin|pregabalin|lyrica|ropinirole|requip|pramipexole|` +
	`mirapex|rotigotine|levodopa|sinemet|madopar|clonazepam|zopiclone|diazepam|amitriptyline|vitamin [a-z0-9]+|b12|folic acid|calcium|` +
	`potassium|zinc|antihistamine|sleeping (?:pill|tablet)s?|painkillers?|meds|medication|medicine|supplements?|tablets?|pills?|capsules?`

var (
	// doseTaken is a dose told as taken: the verb, an optional count,
	// the medicine, an optional strength ("took 0.25 of ropinirole": a
	// fraction of a unit left unsaid).
	doseTaken = pattern.MustCompile(`\b(?:took|taken|have taken|had|popped|swallowed|(?:i |i m |im |i am )(?:just )?(?:take|taking)(?: now)?)\s+(?:my |me |a |an |the |some |one |two |three |)?(?:\d+(?:[.:,]\d+)?\s?(?:mg|mcg|µg|g|iu|ml)\s+(?:of\s+)?|\d+[.:,]\d+\s+of\s+(?:my |the )?)?(?:(\d+)\s*(?:x\s*)?)?(?:of (?:my |the )?)?(` + medicineNames + `)\b(?:\s+(\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|g|iu|ml)))?`)
	// nameFirst is a dose told name first: "ropinirole 0.25 mg taken".
	nameFirst = pattern.MustCompile(`^\s*(` + medicineNames + `)\b(?:\s+\d+(?:[.:,]\d+)?\s?(?:mg|mcg|µg|g|iu|ml))?\s+(?:taken|had|done|down|in)\b`)
	// habitual is a dose told in the present tense, a habit unless it is
	// now.
	habitual = pattern.MustCompile(`^(?:i |i m |im |i am )(?:just )?(?:take|taking)\b`)
	// strength is a dose's strength said anywhere: "65 mg".
	strength = pattern.MustCompile(`\b(\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|g|iu|ml))\b`)
	// strengthAsClock is a strength normalising read as a time: "0:25 mg",
	// "0:25 of ropinirole".
	strengthAsClock = pattern.MustCompile(`\b\d+:\d\d\s?(?:mg|mcg|µg|g|iu|ml)\b|\b\d+:\d\d\s+of\s+(?:my |the )?(?:` + medicineNames + `)\b`)
	// genericMedicine names no medicine of its own.
	genericMedicine = map[string]bool{"meds": true, "medication": true, "medicine": true, "tablet": true, "tablets": true, "pill": true, "pills": true, "capsule": true, "capsules": true, "supplement": true, "supplements": true}
)

// medicineTaken reads a dose told as taken into v: name, dose and, when
// said, at (HH:MM). "took 2 tablets" names no medicine and is not one. t
// is the normalised message, raw the message as written (normalising reads
// "0.25 mg" as a time).
func medicineTaken(t, raw string, v map[string]string) bool {
	var told, count, name string // the dose as told, how many, the medicine
	if m := doseTaken.FindStringSubmatch(t); m != nil {
		told, count, name = m[0], m[1], m[2]
	} else if m := nameFirst.FindStringSubmatch(t); m != nil {
		told, name = m[0], m[1]
	}
	if name == "" || genericMedicine[name] {
		return false
	}
	// "I take iron now" is a dose; "I take magnesium every night" a habit.
	if habitual.MatchString(told) && !has(t, "now", "just", "right now", "this minute") {
		return false
	}
	v["name"] = name
	dose := ""
	if s := strength.FindStringSubmatch(strings.ToLower(raw)); s != nil {
		dose = s[1]
	}
	if dose == "" && count != "" {
		dose = "×" + count // "took 2 paracetamol": two of them
	}
	if dose != "" {
		v["dose"] = strings.ReplaceAll(dose, ",", ".")
	}
	if c, ok := clockIn(strengthAsClock.ReplaceAllString(t, " "), daytime); ok {
		v["at"] = ClockString(c)
	}
	return true
}
