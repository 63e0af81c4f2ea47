package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
)

// TestLogIDIsKeyed: the pseudonym is stable under one key, differs across
// keys, and cannot be found by hashing the ID space without the key (as the
// old unsalted SHA-256 could).
func TestLogIDIsKeyed(t *testing.T) {
	old := currentLogKey()
	t.Cleanup(func() { SetLogKey(old) })

	SetLogKey([]byte("deployment-one-key-0123456789abcdef"))
	a1, a2 := LogID("tg:123456"), LogID("tg:123456")
	if a1 != a2 {
		t.Fatalf("not stable under one key: %s, %s", a1, a2)
	}
	if len(a1) != 12 {
		t.Errorf("pseudonym %q: want 12 hex digits", a1)
	}
	if LogID("tg:123457") == a1 {
		t.Error("two users share a pseudonym")
	}
	SetLogKey(nil) // ignored
	if LogID("tg:123456") != a1 {
		t.Error("an empty key changed the pseudonyms")
	}
	SetLogKey([]byte("deployment-two-key-0123456789abcdef"))
	if b := LogID("tg:123456"); b == a1 {
		t.Errorf("same pseudonym %s under two keys", b)
	}

	// An attacker with the logs but not the key hashes every candidate ID
	// the way an unkeyed pseudonym would be made, and finds nothing.
	SetLogKey([]byte("deployment-one-key-0123456789abcdef"))
	target := LogID("tg:4242")
	for _, prefix := range []string{"calmnights-log:", ""} {
		for id := 0; id < 20000; id++ {
			sum := sha256.Sum256([]byte(fmt.Sprintf("%stg:%d", prefix, id)))
			if hex.EncodeToString(sum[:6]) == target {
				t.Fatalf("tg:%d found by unkeyed hashing", id)
			}
		}
	}
}

func TestSetLogKeyConcurrent(t *testing.T) {
	old := currentLogKey()
	t.Cleanup(func() { SetLogKey(old) })
	done := make(chan struct{})
	go func() {
		for i := 0; i < 1000; i++ {
			SetLogKey([]byte(fmt.Sprintf("key-%d", i)))
		}
		close(done)
	}()
	for i := 0; i < 1000; i++ {
		_ = LogID("tg:1")
	}
	<-done
}
