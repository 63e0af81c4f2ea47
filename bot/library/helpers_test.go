package library_test

import (
	"context"
)

var ctx = context.Background()
