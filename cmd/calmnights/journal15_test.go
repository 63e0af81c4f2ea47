package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The sleep-doctor journal (issue 15) through the program's console:
// a medicine, an iron test, the wizard with the sleep diary typed in,
// /week, /report, the export holding the new data, and /forget.
func TestSleepDoctorJournalThroughTheBinary(t *testing.T) {
	t.Parallel() // it waits on the binary in its own process
	dir := t.TempDir()
	cmd := exec.Command(binary, "chat")
	cmd.Dir = dir
	cmd.Env = []string{"CALMNIGHTS_DB=" + filepath.Join(dir, "c.db"), "TZ=UTC"}
	script := []string{"/start", "1", "2", "7",
		"/med magnesium 300 mg", "/lab ferritin 45 µg/l", "/meds",
		"/log", "5", "no", "no", "yes", "no", "fill in", "22:45", "20", "1", "6:30", "6:45", "4", "20:30", "yes", "no", "skip",
		"/week", "/report", "/export", "/forget", "1", "/lab"}
	cmd.Stdin = strings.NewReader(strings.Join(script, "\n") + "\n")
	outb, err := cmd.CombinedOutput()
	out := string(outb)
	if err != nil {
		t.Fatalf("exit: %v\n%s", err, out)
	}
	step := func(after, want string) string {
		t.Helper()
		i := strings.Index(out, "> "+after)
		if i < 0 {
			t.Fatalf("no step %q in:\n%s", after, out)
		}
		rest := out[i+len(after)+2:]
		if j := strings.Index(rest, "\n> "); j >= 0 {
			rest = rest[:j]
		}
		if !strings.Contains(rest, want) {
			t.Errorf("after %q: want %q, got:\n%s", after, want, rest)
		}
		return rest
	}
	step("/med magnesium 300 mg", "Noted: magnesium 300 mg at")
	step("/lab ferritin 45 µg/l", "Saved: ferritin 45 ng/mL")
	step("/meds", "Took magnesium")
	step("fill in", "get into bed")
	step("22:45", "fall asleep")
	step("6:30", "get out of bed")
	step("20:30", "moving")
	step("skip", "in bed 22:45 · asleep in ~20 min · woke 1× · awake at 06:30 · up at 06:45 · quality 4/5") // a typed number that is a label means that label
	step("/week", "Sleep efficiency: 93%")
	report := step("/report", "not a diagnosis")
	if !strings.Contains(report, "[file saved: ") {
		t.Errorf("no report file: %s", report)
	}
	exportReply := step("/export", "Here is everything")
	i := strings.Index(exportReply, "[file saved: ")
	name := exportReply[i+len("[file saved: "):]
	name = name[:strings.Index(name, "]")]
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var ex struct {
		Diary []map[string]any `json:"sleep_diary"`
		Meds  []map[string]any `json:"medicines"`
		Doses []map[string]any `json:"doses"`
		Iron  []map[string]any `json:"iron_tests"`
	}
	if err := json.Unmarshal(data, &ex); err != nil || len(ex.Diary) != 1 || len(ex.Meds) != 1 || len(ex.Doses) != 1 || len(ex.Iron) != 1 {
		t.Errorf("export: %v %+v", err, ex)
	}
	step("1  [Yes, delete everything]", "deleted everything")
	last := out[strings.LastIndex(out, "> /lab\n"):]
	if strings.Contains(last, "45") {
		t.Errorf("an iron test survived /forget:\n%s", last)
	}
}
