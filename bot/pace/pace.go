// Package pace is where the pacer used to live. It now lives in
// bot/delivery, the one package that paces (delivery.Pacer); these names
// are aliases kept for the callers not yet moved (the reminders package
// and its tests, which another branch is changing). New code uses
// delivery's names; once reminders has moved, this package goes.
package pace

import (
	"context"
	"time"

	"github.com/calmnights/calmnights/bot/delivery"
)

// Pacer is delivery.Pacer.
type Pacer = delivery.Pacer

// Limits is delivery.Limits.
type Limits = delivery.Limits

// Window is delivery.Window.
type Window = delivery.Window

// Published limits: delivery.TelegramLimits and delivery.DiscordLimits.
var (
	Telegram = delivery.TelegramLimits
	Discord  = delivery.DiscordLimits
)

// New is delivery.NewPacer on the real clock.
func New(l Limits) *Pacer { return delivery.NewPacer(l, nil) }

// Sleep is delivery.Sleep.
func Sleep(ctx context.Context, d time.Duration) error { return delivery.Sleep(ctx, d) }
