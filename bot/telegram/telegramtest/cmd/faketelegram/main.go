// Command faketelegram runs the telegramtest fake Telegram Bot API as its
// own process, for end-to-end tests that run the bot binary against it
// (CALMNIGHTS_TELEGRAM_API_URL set to the printed address).
//
//	faketelegram -addr 127.0.0.1:0 -token 123456:TEST
//
// It prints "listening on http://HOST:PORT" on stdout and serves the Bot API
// under /bot<token>/ and a control API for the test under /_control/:
//
//	POST /_control/message {"chat":{...},"from":{...},"text":"..."} -> {"update_id":N}
//	     (chat defaults to the sender's private chat)
//	POST /_control/press   {"chat":{...},"from":{...},"message_id":N,"data":"..."} -> {"update_id":N}
//	POST /_control/block   {"from":{...}} -> {"update_id":N}
//	POST /_control/fail    {"method":"sendMessage","n":1,"status":429,"code":429,"description":"...","retry_after":2}
//	GET  /_control/sent?chat_id=N[&n=M&timeout=5s] -> [Sent...]  (with n, waits for M messages)
//	GET  /_control/message?chat_id=N&message_id=M   -> Sent, its current state
//	GET  /_control/commands -> [{"command":...,"description":...}]
//	GET  /_control/calls[?method=M] -> [Call...]
//
// Chats and users are JSON objects as telegramtest.Chat ({"id","type","title"})
// and telegramtest.User ({"id","first_name","username","language_code"}).
// It stops on SIGINT or SIGTERM.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	token := flag.String("token", "123456:TEST", "the bot token the fake accepts")
	flag.Parse()

	srv, err := telegramtest.NewStandalone(*token, *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "faketelegram:", err)
		os.Exit(1)
	}
	srv.Handle("/_control/", control(srv))
	fmt.Printf("listening on %s\n", srv.BaseURL())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	srv.Close()
}

// control returns the handler of the control API.
func control(s *telegramtest.Server) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /_control/message", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Chat *telegramtest.Chat `json:"chat"`
			From telegramtest.User  `json:"from"`
			Text string             `json:"text"`
		}
		if !decode(w, r, &req) {
			return
		}
		if req.From.ID == 0 {
			fail(w, http.StatusBadRequest, "from.id is required")
			return
		}
		chat := telegramtest.PrivateChat(req.From.ID)
		if req.Chat != nil {
			chat = *req.Chat
		}
		reply(w, map[string]int{"update_id": s.SendMessage(chat, req.From, req.Text)})
	})
	mux.HandleFunc("POST /_control/press", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Chat      *telegramtest.Chat `json:"chat"`
			From      telegramtest.User  `json:"from"`
			MessageID int                `json:"message_id"`
			Data      string             `json:"data"`
		}
		if !decode(w, r, &req) {
			return
		}
		chat := telegramtest.PrivateChat(req.From.ID)
		if req.Chat != nil {
			chat = *req.Chat
		}
		if m, ok := s.Message(chat.ID, req.MessageID); !ok || m.Deleted {
			fail(w, http.StatusNotFound, fmt.Sprintf("the bot has no message %d in chat %d", req.MessageID, chat.ID))
			return
		}
		reply(w, map[string]int{"update_id": s.PressButton(chat, req.From, req.MessageID, req.Data)})
	})
	mux.HandleFunc("POST /_control/block", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			From telegramtest.User `json:"from"`
		}
		if decode(w, r, &req) {
			reply(w, map[string]int{"update_id": s.BlockBot(req.From)})
		}
	})
	mux.HandleFunc("POST /_control/fail", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Method      string `json:"method"`
			N           int    `json:"n"`
			Status      int    `json:"status"`
			Code        int    `json:"code"`
			Description string `json:"description"`
			RetryAfter  int    `json:"retry_after"`
		}
		if decode(w, r, &req) {
			s.Fail(req.Method, req.N, req.Status, req.Code, req.Description, req.RetryAfter)
			reply(w, map[string]bool{"ok": true})
		}
	})
	mux.HandleFunc("GET /_control/sent", func(w http.ResponseWriter, r *http.Request) {
		chatID, err := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
		if err != nil {
			fail(w, http.StatusBadRequest, "chat_id must be a number")
			return
		}
		sent := s.Sent(chatID)
		if n, _ := strconv.Atoi(r.FormValue("n")); n > 0 {
			timeout, err := time.ParseDuration(r.FormValue("timeout"))
			if err != nil {
				timeout = 5 * time.Second
			}
			sent = s.WaitSent(chatID, n, timeout)
		}
		if sent == nil {
			sent = []telegramtest.Sent{}
		}
		reply(w, sent)
	})
	mux.HandleFunc("GET /_control/message", func(w http.ResponseWriter, r *http.Request) {
		chatID, _ := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
		id, _ := strconv.Atoi(r.FormValue("message_id"))
		m, ok := s.Message(chatID, id)
		if !ok {
			fail(w, http.StatusNotFound, "no such message")
			return
		}
		reply(w, m)
	})
	mux.HandleFunc("GET /_control/commands", func(w http.ResponseWriter, r *http.Request) {
		cmds := s.Commands()
		if cmds == nil {
			reply(w, []struct{}{})
			return
		}
		reply(w, cmds)
	})
	mux.HandleFunc("GET /_control/calls", func(w http.ResponseWriter, r *http.Request) {
		calls := s.Calls(r.FormValue("method"))
		if calls == nil {
			calls = []telegramtest.Call{}
		}
		reply(w, calls)
	})
	return mux
}

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		fail(w, http.StatusBadRequest, "bad JSON: "+err.Error())
		return false
	}
	return true
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
