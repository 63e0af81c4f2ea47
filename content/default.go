package content

import (
	"fmt"
	"sync"
)

var (
	defaultOnce sync.Once
	defaultLib  *Library
)

// Default returns the embedded library, loaded once. The embedded files are
// checked by this package's tests, so a failure here is a build defect and
// panics rather than being handled at every call site.
func Default() *Library {
	defaultOnce.Do(func() {
		lib, err := Load()
		if err != nil {
			panic(fmt.Sprintf("content: embedded content is broken: %v", err))
		}
		defaultLib = lib
	})
	return defaultLib
}
