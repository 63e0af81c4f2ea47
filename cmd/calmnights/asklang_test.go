package main

import (
	"bytes"
	"strings"
	"testing"
)

// `calmnights ask --lang xx` answers in the asker's language, a question
// clearly in another language in that one, and refuses a language the
// bot does not speak.
func TestAskInEachLanguage(t *testing.T) {
	for _, c := range []struct {
		args  []string
		code  int
		wants []string
	}{
		{[]string{"--lang", "ru", "почему у меня ночью дёргаются ноги?"}, exitOK, []string{"См. также"}},
		{[]string{"--lang", "de", "Kann Kaffee am Nachmittag nachts Beinzucken machen?"}, exitOK, []string{"14:00", "Verwandte Themen"}},
		{[]string{"¿el café por la tarde me puede dar tirones en las piernas por la noche?"}, exitOK, []string{"14:00", "Temas relacionados"}},
		{[]string{"--lang", "pt", "qual a dose de pramipexol que eu tomo?"}, exitNoAnswer, []string{"farmacêutico"}},
		{[]string{"--lang", "es", "de repente no puedo mover el brazo derecho y tengo la cara torcida"}, exitOK, []string{"urgencias"}},
		{[]string{"--lang", "xx", "hola"}, exitUsage, nil},
	} {
		var out, errb bytes.Buffer
		code := ask(c.args, stdio{in: strings.NewReader(""), out: &out, err: &errb})
		if code != c.code {
			t.Errorf("ask %q: exit %d, want %d (%s)", c.args, code, c.code, errb.String())
		}
		contains(t, out.String(), c.wants...)
	}
}
