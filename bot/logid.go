package bot

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"sync/atomic"
)

// LogKeySize is the size of a generated log key, in bytes.
const LogKeySize = 32

// logKey keys LogID's HMAC. Until SetLogKey is called it is a random key
// of this process (made on first use): pseudonyms then match within one
// run only.
var logKey atomic.Pointer[[]byte]

// currentLogKey returns the key, making the process's random one if none
// is set yet.
func currentLogKey() []byte {
	if k := logKey.Load(); k != nil {
		return *k
	}
	k := make([]byte, LogKeySize)
	rand.Read(k) // never fails: crypto/rand panics rather than return short
	logKey.CompareAndSwap(nil, &k)
	return *logKey.Load()
}

// SetLogKey sets the deployment's key for LogID: the same key gives the
// same pseudonyms across restarts, so logs stay correlatable, while without
// it nobody can map a pseudonym back to a user ID by hashing the (small)
// space of platform IDs. Call it once at start-up, before logging; it is
// safe for concurrent use. An empty key is ignored.
func SetLogKey(key []byte) {
	if len(key) == 0 {
		return
	}
	k := append([]byte(nil), key...)
	logKey.Store(&k)
}

// LogID returns a short, stable pseudonym for a user ID (HMAC-SHA256 under
// the deployment's log key, 48 bits in hex), so logs can follow one user's
// requests without ever holding their platform identity.
func LogID(userID string) string {
	mac := hmac.New(sha256.New, currentLogKey())
	mac.Write([]byte("calmnights-log:" + userID))
	return hex.EncodeToString(mac.Sum(nil)[:6])
}
