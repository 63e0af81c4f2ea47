package telegramtest

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// Limits are the sending limits the fake enforces when set with Enforce:
// more messages than these in a window are refused with 429 and a
// retry_after, as Telegram does. The zero Limits enforce nothing.
type Limits struct {
	// Global is the most messages in any one second, for the whole bot.
	Global int
	// PerChatGap is the least time between two messages to one chat.
	PerChatGap time.Duration
}

// PublishedLimits are Telegram's published limits (about 30 messages a
// second, about one a second per chat) with a tenth of slack for the
// timing jitter between a sender's clock and the fake's.
var PublishedLimits = Limits{Global: 33, PerChatGap: 900 * time.Millisecond}

// limiter keeps the recent sends.
type limiter struct {
	mu       sync.Mutex
	l        Limits
	recent   []time.Time
	lastChat map[string]time.Time
	refused  int
	sends    []time.Time
}

// Enforce makes the fake refuse sends over the limits with 429.
func (s *Server) Enforce(l Limits) {
	s.lim.mu.Lock()
	defer s.lim.mu.Unlock()
	s.lim.l = l
	s.lim.lastChat = map[string]time.Time{}
}

// TooManyRequests is how many sends the fake refused with 429 because of
// the enforced limits.
func (s *Server) TooManyRequests() int {
	s.lim.mu.Lock()
	defer s.lim.mu.Unlock()
	return s.lim.refused
}

// SendTimes returns when each accepted send arrived, for throughput.
func (s *Server) SendTimes() []time.Time {
	s.lim.mu.Lock()
	defer s.lim.mu.Unlock()
	return append([]time.Time(nil), s.lim.sends...)
}

// admit checks a send to chat against the limits; false means 429.
func (lm *limiter) admit(chat string) bool {
	lm.mu.Lock()
	defer lm.mu.Unlock()
	now := time.Now()
	if lm.l.Global > 0 {
		i := 0
		for i < len(lm.recent) && now.Sub(lm.recent[i]) >= time.Second {
			i++
		}
		lm.recent = lm.recent[i:]
		if len(lm.recent) >= lm.l.Global {
			lm.refused++
			return false
		}
	}
	if lm.l.PerChatGap > 0 {
		if last, ok := lm.lastChat[chat]; ok && now.Sub(last) < lm.l.PerChatGap {
			lm.refused++
			return false
		}
		lm.lastChat[chat] = now
	}
	if lm.l.Global > 0 {
		lm.recent = append(lm.recent, now)
	}
	lm.sends = append(lm.sends, now)
	return true
}

// PushToWebhook delivers updates the way Telegram does once a webhook is
// set: each queued update is POSTed, as JSON with the registered secret in
// X-Telegram-Bot-Api-Secret-Token, to the address target returns (in
// tests, a load balancer in front of the replicas, since the registered
// URL is not reachable); one not answered 200 is sent again shortly,
// perhaps to another address. conns updates are in flight at once. It
// runs until the returned stop is called.
func (s *Server) PushToWebhook(target func() string, conns int) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	inFlight := map[int]bool{}
	var mu sync.Mutex
	for range max(conns, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Second}
			for {
				select {
				case <-done:
					return
				default:
				}
				s.mu.Lock()
				var next *queued
				secret := s.webhook.secret
				if s.webhook.set {
					mu.Lock()
					for i := range s.queue {
						if !inFlight[s.queue[i].id] {
							q := s.queue[i]
							next = &q
							inFlight[q.id] = true
							break
						}
					}
					mu.Unlock()
				}
				s.mu.Unlock()
				if next == nil {
					time.Sleep(5 * time.Millisecond)
					continue
				}
				req, _ := http.NewRequest("POST", target(), bytes.NewReader(next.raw))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
				resp, err := client.Do(req)
				ok := err == nil && resp.StatusCode == http.StatusOK
				if resp != nil {
					resp.Body.Close()
				}
				if ok {
					s.mu.Lock()
					for i := range s.queue {
						if s.queue[i].id == next.id {
							s.queue = append(s.queue[:i:i], s.queue[i+1:]...)
							break
						}
					}
					s.notifyLocked()
					s.mu.Unlock()
				} else {
					time.Sleep(50 * time.Millisecond)
				}
				mu.Lock()
				delete(inFlight, next.id)
				mu.Unlock()
			}
		}()
	}
	return func() { close(done); wg.Wait() }
}
