package bot

import (
	"crypto/sha256"
	"encoding/hex"
)

// LogID returns a short, stable pseudonym for a user ID, so logs can follow
// one user's requests without ever holding their platform identity.
func LogID(userID string) string {
	sum := sha256.Sum256([]byte("calmnights-log:" + userID))
	return hex.EncodeToString(sum[:6])
}
