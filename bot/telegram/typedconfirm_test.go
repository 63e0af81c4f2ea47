package telegram_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"

	"github.com/calmnights/calmnights/bot/telegram"
)

// TestTypedConfirmationsOnTelegram: through the real tgbotapi, a typed
// "no" and "yes" answer /forget's question like its buttons, "delete my
// data" opens it, and a "yes" typed after an unrelated message deletes
// nothing; a crisis statement in a private chat gets the crisis answer
// alone.
func TestTypedConfirmationsOnTelegram(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.limits = delivery.Limits{Global: 1000, Burst: 1, PerChat: delivery.Window{N: 100, Per: time.Second}} // the words matter here, not the pace
	e.start(telegram.WebhookOptions{})
	e.say("/start", 1)
	e.press(e.srv.Sent(alice.ID)[0], "start/yes", 1)
	e.say("/timezone Europe/Dublin", 1)
	e.say("/log 6 calves", 1)
	nights := func() int {
		t.Helper()
		n, err := e.store.Nights(ctx, "tg:42", "2000-01-01", "2100-01-01")
		if err != nil {
			t.Fatal(err)
		}
		return len(n)
	}
	contains(t, e.say("delete my data", 1)[0], "Delete everything?")
	contains(t, e.say("nope", 1)[0], "nothing was deleted")
	e.say("/forget", 1)
	e.say("why do my legs twitch at night?", 1)
	e.say("yes", 1)
	if nights() != 1 {
		t.Fatal("a yes after an unrelated message deleted the journal")
	}
	// Dublin's numbers: Ireland's emergency number and Samaritans.
	crisis := e.say("i dont wanna be here anymore tbh", 1)[0]
	contains(t, crisis, "not alone", "112", "116 123")
	if len(crisis.Keyboard) != 0 {
		t.Errorf("the crisis answer carries buttons: %+v", crisis.Keyboard)
	}
	// The words are kept nowhere: no row of any table holds them.
	raw, err := sql.Open("sqlite", "file:"+e.path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	tables, err := raw.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		if err := tables.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	tables.Close()
	for _, table := range names {
		rows, err := raw.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = string(b) // payloads are stored as bytes
				}
			}
			if strings.Contains(fmt.Sprint(vals...), "wanna be here") {
				t.Errorf("table %s keeps the crisis message: %v", table, vals)
			}
		}
		rows.Close()
	}
	contains(t, e.say("erase everything about me", 1)[0], "Delete everything?")
	contains(t, e.say("yes", 1)[0], "deleted everything")
	if n := nights(); n != 0 {
		t.Fatalf("%d nights left after a typed yes", n)
	}
}
