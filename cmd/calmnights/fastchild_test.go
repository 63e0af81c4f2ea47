package main

import (
	"context"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
)

// fastLimits pace Telegram sends in a fast child. The tests that use it
// check what is stored, answered and forgotten, not the pace: at
// Telegram's published one message a second per chat, one conversation
// of fourteen replies takes fourteen seconds of waiting. The pace itself
// is tested against those limits in bot/delivery, bot/telegram and
// TestReplicas.
var fastLimits = delivery.Limits{Global: 300, Burst: 1, PerChat: delivery.Window{N: 20, Per: time.Second}, PerGroup: delivery.Window{N: 20, Per: time.Second}}

// TestFastChild is the program under test, in its own process, with
// fastLimits: the same run as the binary's main, from this test binary.
func TestFastChild(t *testing.T) {
	if os.Getenv("CALMNIGHTS_FAST_CHILD") != "1" {
		t.Skip("run by startFastChild")
	}
	telegramLimits = fastLimits
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if code := run(ctx, nil, stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}, os.Getenv); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

// startFastChild starts the program in its own process, like
// startBinary, but paced with fastLimits.
func startFastChild(t *testing.T, env []string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFastChild$")
	cmd.Env = append(env, "CALMNIGHTS_FAST_CHILD=1")
	return startChild(t, cmd)
}
