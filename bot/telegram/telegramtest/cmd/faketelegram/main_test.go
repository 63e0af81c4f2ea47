package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/calmnights/calmnights/bot/telegram/telegramtest"
)

// With FAKETELEGRAM_RUN_MAIN set, the test binary runs main instead, so the
// test can start the real command as a process.
func TestMain(m *testing.M) {
	if os.Getenv("FAKETELEGRAM_RUN_MAIN") == "1" {
		os.Args = append([]string{"faketelegram"}, strings.Fields(os.Getenv("FAKETELEGRAM_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

func post(t *testing.T, url string, body any, out any) int {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode
}

func get(t *testing.T, url string, out any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	json.NewDecoder(resp.Body).Decode(out)
	return resp.StatusCode
}

func TestProcessAndControlAPI(t *testing.T) {
	const token = "777:e2e"
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FAKETELEGRAM_RUN_MAIN=1", "FAKETELEGRAM_ARGS=-addr 127.0.0.1:0 -token "+token)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			t.Error("faketelegram did not stop on SIGINT")
		}
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on http://127.0.0.1:") {
		t.Fatalf("first line %q, %v", line, err)
	}
	base := strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
	ctl := base + "/_control/"

	bot, err := tgbotapi.NewBotAPIWithClient(token, base+"/bot%s/%s", &http.Client{})
	if err != nil {
		t.Fatal(err)
	}

	var upd struct {
		UpdateID int `json:"update_id"`
	}
	ann := telegramtest.User{ID: 42, FirstName: "Ann"}
	if code := post(t, ctl+"message", map[string]any{"from": ann, "text": "/start"}, &upd); code != 200 || upd.UpdateID != 1 {
		t.Fatalf("message: %d %+v", code, upd)
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].Message.Command() != "start" {
		t.Fatalf("updates %+v, %v", ups, err)
	}

	m := tgbotapi.NewMessage(42, "Welcome")
	m.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Go", "go")))
	sent, err := bot.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	var list []telegramtest.Sent
	if code := get(t, ctl+"sent?chat_id=42&n=1", &list); code != 200 || len(list) != 1 || list[0].Text != "Welcome" || list[0].Keyboard[0][0].CallbackData != "go" {
		t.Fatalf("sent: %d %+v", code, list)
	}

	if code := post(t, ctl+"press", map[string]any{"from": ann, "message_id": sent.MessageID, "data": "go"}, &upd); code != 200 || upd.UpdateID != 2 {
		t.Fatalf("press: %d %+v", code, upd)
	}
	if code := post(t, ctl+"press", map[string]any{"from": ann, "message_id": 99, "data": "go"}, nil); code != 404 {
		t.Errorf("press on unknown message: %d", code)
	}
	ups, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: 2})
	if len(ups) != 1 || ups[0].CallbackQuery == nil || ups[0].CallbackQuery.Data != "go" {
		t.Fatalf("press update %+v", ups)
	}

	if _, err := bot.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "log", Description: "Log a night"})); err != nil {
		t.Fatal(err)
	}
	var cmds []tgbotapi.BotCommand
	if get(t, ctl+"commands", &cmds); len(cmds) != 1 || cmds[0].Command != "log" {
		t.Errorf("commands %+v", cmds)
	}

	post(t, ctl+"fail", map[string]any{"method": "sendMessage", "n": 1, "status": 429, "code": 429, "retry_after": 1}, nil)
	_, err = bot.Send(tgbotapi.NewMessage(42, "x"))
	if e, ok := err.(*tgbotapi.Error); !ok || e.RetryAfter != 1 {
		t.Errorf("after fail: %v", err)
	}
	var calls []telegramtest.Call
	if get(t, ctl+"calls?method=sendMessage", &calls); len(calls) != 2 || calls[1].Status != 429 {
		t.Errorf("calls %+v", calls)
	}
}
