package checklist_test

import (
	"context"
)

var ctx = context.Background()
