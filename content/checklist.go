package content

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// Checklist is the article's "when to see a doctor" checklist.
type Checklist struct {
	Title     string              `yaml:"title"`
	Intro     string              `yaml:"intro"`
	Threshold int                 `yaml:"threshold"`
	Questions []ChecklistQuestion `yaml:"questions"`

	ResultSeeDoctor string `yaml:"result_see_doctor"`
	ResultSelfCare  string `yaml:"result_self_care"`
	ResultRedFlags  string `yaml:"result_red_flags"`
	Disclaimer      string `yaml:"disclaimer"`
	// And joins the last two warning signs a result names ("and", "y",
	// "und"); English when empty.
	And string `yaml:"and"`
}

// ChecklistQuestion is one yes/no question.
type ChecklistQuestion struct {
	ID      string `yaml:"id"`
	Text    string `yaml:"text"`  // the question, in markup
	Short   string `yaml:"short"` // how a yes is listed in the result
	RedFlag bool   `yaml:"red_flag"`
}

func loadChecklist(fsys fs.FS) (Checklist, error) {
	var c Checklist
	if err := readYAML(fsys, "checklist.yaml", &c); err != nil {
		return Checklist{}, err
	}
	if len(c.Questions) == 0 || c.Threshold < 1 || c.Threshold > len(c.Questions) {
		return Checklist{}, fmt.Errorf("checklist.yaml: needs questions and a threshold between 1 and their number")
	}
	ids := map[string]bool{}
	for _, q := range c.Questions {
		if q.ID == "" || q.Text == "" || q.Short == "" || ids[q.ID] {
			return Checklist{}, fmt.Errorf("checklist.yaml: question %q needs a unique id, text and short", q.ID)
		}
		ids[q.ID] = true
	}
	if c.ResultSeeDoctor == "" || c.ResultSelfCare == "" || c.ResultRedFlags == "" || c.Disclaimer == "" {
		return Checklist{}, fmt.Errorf("checklist.yaml: all result texts are needed")
	}
	return c, nil
}

// Outcome is the meaning of a set of answers.
type Outcome struct {
	Yes        int
	Total      int
	SeeDoctor  bool                // Yes >= Threshold
	YesItems   []ChecklistQuestion // the questions answered yes
	RedFlagYes []ChecklistQuestion // the red-flag questions answered yes
}

// Evaluate scores answers, one per question in order (true = yes).
func (c Checklist) Evaluate(answers []bool) Outcome {
	o := Outcome{Total: len(c.Questions)}
	for i, q := range c.Questions {
		if i < len(answers) && answers[i] {
			o.Yes++
			o.YesItems = append(o.YesItems, q)
			if q.RedFlag {
				o.RedFlagYes = append(o.RedFlagYes, q)
			}
		}
	}
	o.SeeDoctor = o.Yes >= c.Threshold
	return o
}

// Result writes the outcome as a reply: the count, the rule, any red-flag
// answers named, an optional note, and the "not a diagnosis" line last.
func (c Checklist) Result(o Outcome, note string) string {
	text := c.ResultSelfCare
	if o.SeeDoctor {
		text = c.ResultSeeDoctor
	}
	var items []string
	for _, q := range o.YesItems {
		items = append(items, "- "+q.Short)
	}
	r := strings.NewReplacer("{yes}", strconv.Itoa(o.Yes), "{total}", strconv.Itoa(o.Total), "{items}", strings.Join(items, "\n"))
	parts := []string{r.Replace(text)}
	if len(o.RedFlagYes) > 0 {
		flags := make([]RedFlag, len(o.RedFlagYes))
		for i, q := range o.RedFlagYes {
			flags[i] = RedFlag{ID: q.ID, Label: q.Short}
		}
		joined := joinLabels(flags)
		if c.And != "" && len(flags) > 1 {
			joined = strings.TrimSuffix(joined, " and "+flags[len(flags)-1].Label) + " " + c.And + " " + flags[len(flags)-1].Label
		}
		parts = append(parts, strings.ReplaceAll(c.ResultRedFlags, "{flags}", "**"+joined+"**"))
	}
	if note != "" {
		parts = append(parts, note)
	}
	parts = append(parts, c.Disclaimer)
	return strings.Join(parts, "\n\n")
}
