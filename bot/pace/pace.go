// Package pace is where the pacer used to live; it now lives in
// bot/delivery, the one package that paces (delivery.Pacer). These names
// stay for the callers not yet moved (the reminders package and its
// tests); new code uses delivery's.
//
// Deprecated: use delivery.Pacer, delivery.Limits and delivery.NewPacer.
package pace

import (
	"context"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
)

// Pacer is delivery.Pacer.
//
// Deprecated: use delivery.Pacer.
type Pacer = delivery.Pacer

// Limits is delivery.Limits.
//
// Deprecated: use delivery.Limits.
type Limits = delivery.Limits

// Window is delivery.Window.
//
// Deprecated: use delivery.Window.
type Window = delivery.Window

// Published limits.
//
// Deprecated: use delivery.TelegramLimits and delivery.DiscordLimits.
var (
	Telegram = delivery.TelegramLimits
	Discord  = delivery.DiscordLimits
)

// New returns a Pacer on the real clock.
//
// Deprecated: use delivery.NewPacer.
func New(l Limits) *Pacer { return delivery.NewPacer(l, nil) }

// Sleep waits d, or until ctx ends.
//
// Deprecated: use delivery.Sleep.
func Sleep(ctx context.Context, d time.Duration) error { return delivery.Sleep(ctx, d) }
