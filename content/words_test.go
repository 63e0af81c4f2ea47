package content

import "testing"

// TestWordsLoad: every other language has its short answers of each kind,
// and a typed reply in any of them is read as its kind.
func TestWordsLoad(t *testing.T) {
	lib := mustLoad(t)
	for _, code := range Languages[1:] {
		var f map[string][]string
		if err := readYAML(lib.topicFS, "lang/"+code+"/words.yaml", &f); err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		for _, kind := range []string{WordYes, WordNo, WordStop, WordBack, WordSkip} {
			if len(f[kind]) == 0 {
				t.Errorf("%s: no %s words", code, kind)
			}
		}
	}
	for reply, kind := range map[string]string{"Sí": WordYes, "nein": WordNo, "назад": WordBack, "pular": WordSkip, "стоп": WordStop} {
		if !lib.Says(reply, kind) {
			t.Errorf("%q is not read as %s", reply, kind)
		}
	}
	for name, code := range map[string]string{"Español": "es", "german": "de", "РУССКИЙ": "ru", "português": "pt", "english": "en", "klingon": ""} {
		if got := LanguageCode(name); got != code {
			t.Errorf("LanguageCode(%q) = %q, want %q", name, got, code)
		}
	}
	if lib.Says("maybe", WordYes) {
		t.Error("an English word read as another language's yes")
	}
}
