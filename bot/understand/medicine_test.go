package understand

import "testing"

func TestMedicineTakenInWords(t *testing.T) {
	c := New(nil)
	for text, want := range map[string]map[string]string{
		"took 2 paracetamol at 9":              {"name": "paracetamol", "dose": "×2", "at": "09:00"},
		"Took 300 mg gabapentin at 8:00 PM.":   {"name": "gabapentin", "dose": "300 mg", "at": "20:00"},
		"I take iron tablet now":               {"name": "iron"},
		"just had my iron":                     {"name": "iron"},
		"took my ropinirole 0.25 mg":           {"name": "ropinirole", "dose": "0.25 mg"},
		"had my magnesium 400 mg at 8pm":       {"name": "magnesium", "dose": "400 mg", "at": "20:00"},
		"popped a melatonin before bed":        {"name": "melatonin"},
		"took vitamin d this morning, 1000 iu": {"name": "vitamin d", "dose": "1000 iu"},
	} {
		in := c.Classify(text)
		if in.Action != Medicine {
			t.Errorf("%q: %s %v, want a dose", text, in.Action, in.Values)
			continue
		}
		for k, v := range want {
			if in.Values[k] != v {
				t.Errorf("%q: %s = %q, want %q", text, k, in.Values[k], v)
			}
		}
	}
	for _, text := range []string{"what can i take for it?", "should i take magnesium", "took 2 tablets", "had a coffee at 5", "I took my meds", "can I take iron with my blood pressure pills?", "I take magnesium every night"} {
		if in := c.Classify(text); in.Action == Medicine {
			t.Errorf("%q taken for a dose: %v", text, in.Values)
		}
	}
}
