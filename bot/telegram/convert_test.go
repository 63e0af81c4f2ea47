package telegram

import (
	"encoding/json"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func msg(chatType string, chatID int64, text string) tgbotapi.Update {
	return tgbotapi.Update{UpdateID: 1, Message: &tgbotapi.Message{
		MessageID: 10, From: &tgbotapi.User{ID: 42}, Chat: &tgbotapi.Chat{ID: chatID, Type: chatType}, Text: text}}
}

func TestConvert(t *testing.T) {
	data := "ck/1/yes"
	tests := []struct {
		name             string
		u                tgbotapi.Update
		cmd, args, text  string
		payload, blocked string
		private, none    bool
		unaddressed      bool
	}{
		{name: "private command", u: msg("private", 42, "/bedtime 22:30"), cmd: "bedtime", args: "22:30", private: true},
		{name: "private command to us", u: msg("private", 42, "/help@CalmNightsBot"), cmd: "help", private: true},
		{name: "private command to another bot", u: msg("private", 42, "/help@OtherBot"), none: true},
		{name: "private text", u: msg("private", 42, "why do my legs jump?"), text: "why do my legs jump?", private: true},
		{name: "group command to us", u: msg("supergroup", -100, "/ask@calmnightsbot can coffee do this?"), cmd: "ask", args: "can coffee do this?"},
		{name: "group command to all bots", u: msg("group", -100, "/help"), cmd: "help"},
		{name: "group command to another bot", u: msg("group", -100, "/help@OtherBot"), none: true},
		{name: "group chatter", u: msg("group", -100, "hello all"), text: "hello all", unaddressed: true},
		{name: "group mention", u: msg("group", -100, "@calmnightsbot does coffee make it worse?"), text: "does coffee make it worse?"},
		{name: "group mention inside", u: msg("group", -100, "hey @CalmNightsBot, why at night?"), text: "hey why at night?"},
		{name: "group reply to the bot", u: tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 11, From: &tgbotapi.User{ID: 42}, Chat: &tgbotapi.Chat{ID: -100, Type: "group"},
			Text: "and what about magnesium?", ReplyToMessage: &tgbotapi.Message{From: &tgbotapi.User{ID: 9, IsBot: true, UserName: "CalmNightsBot"}}}}, text: "and what about magnesium?"},
		{name: "button", u: tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{ID: "cb", From: &tgbotapi.User{ID: 42}, Data: data,
			Message: &tgbotapi.Message{MessageID: 7, Chat: &tgbotapi.Chat{ID: 42, Type: "private"}}}}, payload: data, private: true},
		{name: "blocked", u: tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{Chat: tgbotapi.Chat{ID: 42, Type: "private"}, From: tgbotapi.User{ID: 42},
			NewChatMember: tgbotapi.ChatMember{Status: "kicked"}}}, blocked: "tg:42", none: true},
		{name: "bot author", u: tgbotapi.Update{Message: &tgbotapi.Message{From: &tgbotapi.User{ID: 5, IsBot: true}, Chat: &tgbotapi.Chat{ID: 5, Type: "private"}, Text: "hi"}}, none: true},
		{name: "empty update", u: tgbotapi.Update{}, none: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := convert(tt.u, "CalmNightsBot")
			if in.blocked != tt.blocked {
				t.Fatalf("blocked = %q", in.blocked)
			}
			if tt.none {
				if in.req != nil {
					t.Fatalf("want nothing to handle, got %+v", in.req)
				}
				return
			}
			r := in.req
			if r == nil || r.Command != tt.cmd || r.Args != tt.args || r.Text != tt.text || r.Payload != tt.payload || r.Private != tt.private || r.Unaddressed != tt.unaddressed || r.UserID != "tg:42" {
				t.Fatalf("got %+v", r)
			}
		})
	}
	in := convert(tgbotapi.Update{Message: &tgbotapi.Message{From: &tgbotapi.User{ID: 42}, Chat: &tgbotapi.Chat{ID: 42, Type: "private"}, Sticker: &tgbotapi.Sticker{}}}, "CalmNightsBot")
	if !in.nonText {
		t.Error("a sticker in a private chat is not reported")
	}
}

// FuzzConvert feeds arbitrary JSON as updates: converting never panics,
// and a request always names a user and a chat.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		`{"update_id":1,"message":{"message_id":1,"from":{"id":1},"chat":{"id":1,"type":"private"},"text":"/start"}}`,
		`{"update_id":2,"callback_query":{"id":"x","from":{"id":1},"data":"ck/1/yes","message":{"message_id":3,"chat":{"id":1,"type":"private"}}}}`,
		`{"update_id":3,"callback_query":{"id":"x"}}`,
		`{"update_id":4,"my_chat_member":{"chat":{"id":1,"type":"private"},"from":{"id":1},"new_chat_member":{"status":"kicked"}}}`,
		`{"update_id":5,"message":{"text":"/@","chat":{"id":-1,"type":"group"},"from":{"id":2}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var u tgbotapi.Update
		if json.Unmarshal(raw, &u) != nil {
			return
		}
		chatKey(u)
		in := convert(u, "CalmNightsBot")
		if in.req != nil && (in.req.UserID == "" || in.req.ChatID == "") {
			t.Fatalf("request without user or chat from %s", raw)
		}
	})
}
