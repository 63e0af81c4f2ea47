package bot

import "errors"

// Errors returned by the core and its stores.
var (
	// ErrNotFound means the store holds no such row.
	ErrNotFound = errors.New("not found")
	// ErrPayloadTooLong means a button payload exceeds MaxPayloadBytes.
	ErrPayloadTooLong = errors.New("button payload too long")
	// ErrEmptyPayload means a button has no payload.
	ErrEmptyPayload = errors.New("button payload empty")
	// ErrInvalidPayload means a payload is not valid UTF-8.
	ErrInvalidPayload = errors.New("button payload not valid UTF-8")
	// ErrEmptyLabel means a button has no label.
	ErrEmptyLabel = errors.New("button label empty")
	// ErrUnknownButton means no handler is registered for a payload's prefix.
	ErrUnknownButton = errors.New("no handler for button")
)
