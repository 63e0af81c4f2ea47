package content

import "testing"

// TestGlossesLoad: every other language has its statement gloss, with
// numbers and phrases, and its words to save and to undo.
func TestGlossesLoad(t *testing.T) {
	lib := mustLoad(t)
	if err := lib.CheckGlosses(); err != nil {
		t.Fatal(err)
	}
	for _, code := range Languages[1:] {
		g, ok := lib.StatementGloss(code)
		if !ok || len(g.Numbers) < 10 || len(g.Phrases) < 50 || len(g.Clock) == 0 || len(g.Medicines) == 0 {
			t.Errorf("%s: gloss missing or thin: %v", code, ok)
		}
	}
	if _, ok := lib.StatementGloss("en"); ok {
		t.Error("English has a gloss")
	}
	for reply, kind := range map[string]string{"deshacer": WordUndo, "desfazer": WordUndo, "Rückgängig": WordUndo, "отмени": WordUndo,
		"guárdalo": WordSave, "salvar": WordSave, "speichern": WordSave, "сохрани": WordSave} {
		if !lib.Says(reply, kind) {
			t.Errorf("%q is not read as %s", reply, kind)
		}
	}
	if lib.Says("guardar", WordYes) {
		t.Error("a word to save is a yes to every question (to /forget's too)")
	}
}
