package medicines_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot"
	"github.com/calmnights/calmnights/bot/features/featuretest"
	"github.com/calmnights/calmnights/bot/medicines"
)

var ctx = context.Background()

func TestMedicines(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/meds"), "list of medicines and supplements is empty", "what to take and how much is for you and your doctor")
	out := h.Send("/med iron 65 mg")
	featuretest.MustContain(t, out, "Noted: iron 65 mg at 18:00, Wed 25 Nov")
	if !out[0].Personal {
		t.Fatal("a dose reply is not personal")
	}
	featuretest.MustContain(t, h.Send("/med vitamin d 1000 IU"), "vitamin d 1000 IU")
	featuretest.MustContain(t, h.Send("/med "+strings.Repeat("x", 61)), "under 60 characters", "Nothing was saved")
	out = h.Send("/meds")
	featuretest.MustContain(t, out, "iron 65 mg: last taken Wed 25 Nov 18:00 (1 in the last 30 days)", "vitamin d 1000 IU")
	p := featuretest.Payloads(out)
	if len(p) != 2 || !strings.HasPrefix(p[0], "md/t/") || !strings.HasSuffix(p[0], "/20261125") {
		t.Fatalf("taken buttons: %v", p)
	}
	featuretest.MustContain(t, h.Press(p[0]), "Noted: iron 65 mg at 18:00")
	// A button from another day logs nothing.
	old := strings.TrimSuffix(p[0], "20261125") + "20261124"
	featuretest.MustContain(t, h.Press(old), "from an earlier day, so I logged nothing", "/med iron")
	doses, _ := h.Store.Doses(ctx, h.UserID, "2026-11-01", "2026-11-30")
	if len(doses) != 3 {
		t.Fatalf("%d doses stored, want 3", len(doses))
	}
	featuretest.MustContain(t, h.Send("/meds remove Vitamin D"), "Took “Vitamin D” off your list")
	featuretest.MustContain(t, h.Press(strings.Replace(p[1], "/20261125", "/20261125", 1)), "no longer on your list")
	featuretest.MustContain(t, h.Send("/meds remove aspirin"), "not on your list")
	undo := featuretest.Payloads(h.Send("/med ibuprofen 200 mg"))
	if len(undo) != 1 || !strings.HasPrefix(undo[0], "md/u/") {
		t.Fatalf("undo button: %v", undo)
	}
	featuretest.MustContain(t, h.Press(undo[0]), "Removed that dose")
	featuretest.MustContain(t, h.Press(undo[0]), "already removed")
}

func TestLabs(t *testing.T) {
	h := featuretest.Consented(t)
	featuretest.MustContain(t, h.Send("/lab"), "no iron test results", "/lab ferritin 45")
	featuretest.MustContain(t, h.Send("/lab ferritin 45 2026-11-02"), "Saved: ferritin 45 ng/mL, test of 2 Nov 2026", "question for them")
	featuretest.MustContain(t, h.Send("/lab tsat 18%"), "Saved: transferrin saturation (tsat) 18%, test of 25 Nov 2026")
	featuretest.MustContain(t, h.Send("/lab ferritin 38 µg/l yesterday"), "ferritin 38 ng/mL, test of 24 Nov 2026")
	for _, bad := range []struct{ in, want string }{
		{"/lab tsat 180", "from 0 to 100"},
		{"/lab ferritin lots", "not a number"},
		{"/lab vitamin 3", "ferritin and tsat"},
		{"/lab ferritin 40 2027-01-01", "in the future"},
		{"/lab ferritin 40 pmol/l", "don't understand"},
	} {
		featuretest.MustContain(t, h.Send(bad.in), bad.want, "Nothing was saved")
	}
	wrong := featuretest.Payloads(h.Send("/lab ferritin 450"))
	featuretest.MustContain(t, h.Press(wrong[0]), "Removed that test result")
	out := h.Send("/lab")
	if strings.Contains(featuretest.Text(out), "450") {
		t.Error("an undone result is still listed")
	}
	featuretest.MustContain(t, out, "Ferritin", "2 Nov 2026: 45 ng/mL", "24 Nov 2026: 38 ng/mL", "Transferrin saturation (TSAT)", "25 Nov 2026: 18%")
	for _, word := range []string{"low", "normal", "deficien"} {
		if strings.Contains(strings.ToLower(featuretest.Text(out)), word) {
			t.Errorf("the lab history judges the values (%q)", word)
		}
	}
}

func TestLabsAndMedsNeedConsent(t *testing.T) {
	h := featuretest.New(t)
	for _, cmd := range []string{"/med iron", "/lab ferritin 45", "/week", "/meds"} {
		out := h.Send(cmd)
		if len(featuretest.Payloads(out)) == 0 || !strings.Contains(featuretest.Text(out), "health") {
			t.Errorf("%s without consent: %s", cmd, featuretest.Text(out))
		}
	}
	if ms, _ := h.Store.Medicines(ctx, h.UserID); len(ms) != 0 {
		t.Fatal("a medicine was stored without consent")
	}
}

// TestExportedHelpersRefuseBadInput covers the functions the plain-words
// feature calls directly, without a command's parsing in front of them.
func TestExportedHelpersRefuseBadInput(t *testing.T) {
	h := featuretest.Consented(t)
	j := medicines.New(medicines.Options{Store: h.Store, Now: func() time.Time { return featuretest.FixedNow }})
	u := h.User()
	if _, err := j.LogMedicine(ctx, &u, "iron", "", featuretest.FixedNow.Add(time.Hour)); err == nil {
		t.Error("a dose in the future was logged")
	}
	if _, err := j.LogMedicine(ctx, &u, " ", "", featuretest.FixedNow); err == nil {
		t.Error("a dose without a name was logged")
	}
	if d, err := j.LogMedicine(ctx, &u, "iron", "65 mg", featuretest.FixedNow.Add(-2*time.Hour)); err != nil || d.Day != "2026-11-25" {
		t.Errorf("LogMedicine: %+v, %v", d, err)
	}
	for _, bad := range []struct {
		test string
		v    float64
		date string
	}{{bot.LabTSAT, 120, "2026-11-20"}, {bot.LabFerritin, 45, "2026-12-20"}, {bot.LabFerritin, 45, "20 Nov"}, {"b12", 300, "2026-11-20"}} {
		if _, err := j.AddLab(ctx, &u, bad.test, bad.v, bad.date); err == nil {
			t.Errorf("AddLab(%v) was saved", bad)
		}
	}
}
