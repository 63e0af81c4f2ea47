package sqlstore

import (
	"database/sql"
	"time"

	"github.com/calmnights/calmnights/bot"
)

// Scanner is a *sql.Row or *sql.Rows.
type Scanner interface{ Scan(dest ...any) error }

// clockPtr reads a nullable time of day (minutes after midnight).
func clockPtr(v sql.NullInt64) *bot.Clock {
	if !v.Valid {
		return nil
	}
	c := bot.Clock(v.Int64)
	return &c
}

func timePtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.Unix(v.Int64, 0).UTC()
	return &t
}

func intPtr(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	n := int(v.Int64)
	return &n
}

func boolPtr(v sql.NullBool) *bool {
	if !v.Valid {
		return nil
	}
	b := v.Bool
	return &b
}

func clockValue(c *bot.Clock) any {
	if c == nil {
		return nil
	}
	return int64(*c)
}

func timeValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}

func intValue(n *int) any {
	if n == nil {
		return nil
	}
	return int64(*n)
}

func boolValue(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// DueValue is a next due time as stored: Unix seconds, or NULL for zero.
func DueValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

// unix reads stored Unix seconds as a UTC time.
func unix(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

// unixTime scans stored Unix seconds into a UTC time.
type unixTime struct{ t *time.Time }

func (u unixTime) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*u.t = unix(n.Int64)
	return nil
}
