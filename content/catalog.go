package content

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	xnumber "golang.org/x/text/number"
)

// catalog is the replies' message catalog: go-i18n message files, one
// per language, English the default. locales/<code>.yaml holds the
// shared replies (safety, answers, getting started...), and a feature
// with texts of its own keeps them in locales/<feature>/<code>.yaml, so
// that its translators and its code change together. go-i18n reads the
// files, picks the language (golang.org/x/text's matcher) and keeps CLDR
// plural rules for the languages that need them (Russian's three forms),
// so none of that is written by hand here.
type catalog struct {
	bundle *i18n.Bundle
	ids    map[string][]string // each language's message ids, for the tests
}

func loadCatalog(fsys fs.FS) (*catalog, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	c := &catalog{bundle: b, ids: map[string][]string{}}
	features, err := fs.Glob(fsys, "locales/*/en.yaml")
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	for _, code := range Languages {
		names := []string{"locales/" + code + ".yaml"}
		for _, f := range features {
			names = append(names, strings.TrimSuffix(f, "en.yaml")+code+".yaml")
		}
		seen := map[string]string{}
		for _, name := range names {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", name, err)
			}
			mf, err := b.ParseMessageFileBytes(data, name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			for _, m := range mf.Messages {
				if other, dup := seen[m.ID]; dup {
					return nil, fmt.Errorf("%s: message %s is in %s too", name, m.ID, other)
				}
				seen[m.ID] = name
				c.ids[code] = append(c.ids[code], m.ID)
			}
		}
		sort.Strings(c.ids[code])
	}
	return c, nil
}

// text is message id in lang (a code of Languages; anything else is
// English), with data filled in.
func (c *catalog) text(lang, id string, data map[string]string) string {
	return c.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data}, lang)
}

// localize is one message of cfg in lang, "" when it has none.
func (c *catalog) localize(cfg *i18n.LocalizeConfig, lang string) string {
	s, err := i18n.NewLocalizer(c.bundle, lang, "en").Localize(cfg)
	if err != nil {
		return "" // every id is in every file: TestCatalogComplete
	}
	return s
}

// messages loads the catalog on first use.
func (l *Library) messages() *catalog {
	l.langOnce.Do(func() {
		if l.crisisFS == nil {
			return
		}
		l.langs, l.langErr = loadLangRules(l.crisisFS)
		var err error
		l.catalog, err = loadCatalog(l.crisisFS)
		l.langErr = errors.Join(l.langErr, err)
	})
	return l.catalog
}

// CrisisReplyIn is CrisisReply in lang ("es", "pt", "de", "ru"; anything
// else is English).
func (l *Library) CrisisReplyIn(lang, country string) string {
	c := l.messages()
	if c == nil {
		// The embedded catalog is tested to load; a safety answer is
		// never held back all the same.
		return "You're not alone. If you might act on these thoughts, call your local emergency number now (112 in Europe, 911 in North America). Free, confidential crisis lines in every country: " + l.CrisisLines.Fallback.URL
	}
	var b strings.Builder
	b.WriteString(c.text(lang, "CrisisIntro", nil) + "\n\n")
	if cl, ok := l.CrisisLines.For(country); ok {
		b.WriteString(c.text(lang, "CrisisEmergency", map[string]string{"Number": cl.Emergency}) + "\n")
		for _, line := range cl.Lines {
			contact := line.Contact
			if s := line.Local[lang]; s != "" {
				contact = s
			}
			b.WriteString(c.text(lang, "CrisisLine", map[string]string{"Name": line.Name, "Contact": contact, "Hours": line.Hours}) + "\n")
		}
		b.WriteString(c.text(lang, "CrisisElsewhere", map[string]string{"URL": l.CrisisLines.Fallback.URL}) + "\n")
	} else {
		b.WriteString(c.text(lang, "CrisisNoCountry", nil) + "\n")
		b.WriteString(c.text(lang, "CrisisDirectory", map[string]string{"Name": l.CrisisLines.Fallback.Name, "URL": l.CrisisLines.Fallback.URL}) + "\n")
	}
	b.WriteString(c.text(lang, "CrisisTrust", nil) + "\n\n")
	b.WriteString(c.text(lang, "CrisisOthers", nil))
	return b.String()
}

// UrgentReplyIn is the get-urgent-care-now reply in lang, for a message
// whose emergency was read in that language, with the emergency number of
// country when it is known.
func (l *Library) UrgentReplyIn(lang, country string) string {
	c := l.messages()
	if c == nil {
		return "Please seek urgent medical care now: call your local emergency number (112 in Europe, 911 in North America)."
	}
	number := c.text(lang, "UrgentLocalNumber", nil)
	if cl, ok := l.CrisisLines.For(country); ok {
		number = cl.Emergency
	}
	return c.text(lang, "UrgentNow", map[string]string{"Number": number}) + "\n\n" + c.text(lang, "UrgentDisclaimer", nil)
}

// Text is the catalog's message id in lang (a code of Languages; anything
// else is English), with data filled in: the words the bot says around
// the article in each language. An id missing from the catalog is ""
// (TestCatalogComplete keeps every id in every language).
func (l *Library) Text(lang, id string, data map[string]string) string {
	c := l.messages()
	if c == nil {
		return ""
	}
	return c.text(lang, id, data)
}

// TextN is Text for a message with plural forms ("1 night", "3 nights";
// Russian's "2 ночи", "5 ночей"): go-i18n picks the form for n by lang's
// CLDR rules, and the template gets n as .Count.
func (l *Library) TextN(lang, id string, n int, data map[string]string) string {
	c := l.messages()
	if c == nil {
		return ""
	}
	d := map[string]string{"Count": strconv.Itoa(n)}
	for k, v := range data {
		d[k] = v
	}
	return c.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: n}, lang)
}

// Number writes x with prec decimals the way lang writes numbers (a
// decimal comma in es, pt, de and ru), by golang.org/x/text/message.
func Number(lang string, x float64, prec int) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return message.NewPrinter(tag).Sprint(xnumber.Decimal(x, xnumber.MaxFractionDigits(prec), xnumber.MinFractionDigits(prec)))
}

// LanguageName is lang's name in lang itself ("Español"), or "" for a
// language the bot does not speak.
func (l *Library) LanguageName(lang string) string {
	if lang == "en" {
		return "English"
	}
	for _, r := range l.langRules() {
		if r.code == lang {
			return r.name
		}
	}
	return ""
}
