package bot

import "time"

// Diary is the sleep diary of one night, keyed like Night by the local
// date of the morning it ended. Every field is optional: nil means the
// user did not say. The clock times are local.
type Diary struct {
	UserID     string
	Date       string // DateLayout
	InBed      *Clock // time into bed, in the evening
	LatencyMin *int   // roughly how long it took to fall asleep, in minutes
	Awakenings *int   // how many times they woke in the night
	FinalWake  *Clock // the last waking in the morning
	OutOfBed   *Clock // time out of bed
	Quality    *int   // sleep quality from 1 (very poor) to 5 (very good)
	// SymptomStart is when the legs started bothering them in the evening.
	SymptomStart *Clock
	MovingEased  *bool // did moving ease it
	Spread       *bool // did it spread beyond the legs (arms, body)
	Alcohol      *bool // alcohol in the evening
	UpdatedAt    time.Time
}

// minutesBetween is the time from a to b on the clock, across midnight
// when b is earlier than a.
func minutesBetween(a, b Clock) int { return (int(b) - int(a) + 24*60) % (24 * 60) }

// TimeInBed is from going to bed to getting up; ok is false without both.
func (d Diary) TimeInBed() (minutes int, ok bool) {
	if d.InBed == nil || d.OutOfBed == nil {
		return 0, false
	}
	return minutesBetween(*d.InBed, *d.OutOfBed), true
}

// TotalSleep is from falling asleep (bed time plus the time it took) to
// the final waking. The diary does not ask how long each awakening
// lasted, so time awake in the night is not taken off: it is an upper
// bound, and the report says so.
func (d Diary) TotalSleep() (minutes int, ok bool) {
	if d.InBed == nil || d.FinalWake == nil {
		return 0, false
	}
	lat := 0
	if d.LatencyMin != nil {
		lat = *d.LatencyMin
	}
	m := minutesBetween(*d.InBed, *d.FinalWake) - lat
	if m < 0 {
		m = 0
	}
	return m, true
}

// Efficiency is total sleep as a share of time in bed, from 0 to 1.
func (d Diary) Efficiency() (float64, bool) {
	tib, ok1 := d.TimeInBed()
	tst, ok2 := d.TotalSleep()
	if !ok1 || !ok2 || tib == 0 {
		return 0, false
	}
	return min(1, float64(tst)/float64(tib)), true
}

// Medicine is one medicine or supplement on a user's list, named as they
// name it.
type Medicine struct {
	ID      int64
	UserID  string
	Name    string
	Dose    string // the usual dose as they wrote it; "" when not given
	AddedAt time.Time
}

// Dose is one logged dose of a medicine or supplement.
type Dose struct {
	ID      int64
	UserID  string
	Name    string
	Dose    string
	TakenAt time.Time // UTC
	Day     string    // the user's local date it was taken, DateLayout
}

// Lab is one iron test result as the user reported it.
type Lab struct {
	ID       int64
	UserID   string
	Test     string  // LabFerritin or LabTSAT
	Value    float64 // ng/mL (the same number as µg/L) for ferritin, % for TSAT
	Date     string  // the day of the blood test, DateLayout
	LoggedAt time.Time
}

// The iron tests the journal keeps.
const (
	LabFerritin = "ferritin"
	LabTSAT     = "tsat"
)
