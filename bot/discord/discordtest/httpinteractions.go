package discordtest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// HTTPInteraction delivers an interaction the way Discord does to an
// application's interactions endpoint URL instead of the gateway: a POST
// signed with the application's Ed25519 key (X-Signature-Ed25519 over the
// timestamp and the body). The endpoint's answer is the interaction's
// initial response; the fake checks and records it exactly as it would a
// callback (KindCallback), so follow-ups and edits work as usual. It
// returns the endpoint's HTTP status. A nil key sends a bad signature.
func (s *Server) HTTPInteraction(endpoint string, key ed25519.PrivateKey, i *discordgo.Interaction) int {
	s.mu.Lock()
	s.prepareInteractionLocked(i)
	st := &interactionState{
		id: i.ID, token: i.Token, typ: i.Type, guildID: i.GuildID, channelID: i.ChannelID,
		messages: map[string]bool{},
	}
	if i.Message != nil {
		st.messageID = i.Message.ID
	}
	s.interactions[i.ID] = st
	s.tokens[i.Token] = st
	body, err := interactionJSON(i)
	st.sentAt = time.Now()
	s.mu.Unlock()
	if err != nil {
		s.errorf("discordtest: marshal interaction: %v", err)
		return 0
	}
	return s.postSigned(endpoint, key, body, i.ID, i.Token)
}

// HTTPPing sends Discord's PING to an interactions endpoint, as Discord
// does when the URL is saved, and returns the status and the answer.
func (s *Server) HTTPPing(endpoint string, key ed25519.PrivateKey) (int, []byte) {
	body := []byte(`{"id":"` + s.newID() + `","application_id":"` + AppID + `","type":1,"token":"ping","version":1}`)
	req, resp, err := signedPost(endpoint, key, body)
	_ = req
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func (s *Server) postSigned(endpoint string, key ed25519.PrivateKey, body []byte, id, token string) int {
	_, resp, err := signedPost(endpoint, key, body)
	if err != nil {
		// An endpoint that cannot be reached (a replica restarting) is
		// the caller's to judge from the status 0, as Discord only
		// reports it to the application's owner.
		s.logf("discordtest: POST interaction: %v", err)
		return 0
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode
	}
	// The answer is the initial response: record it as Discord would a
	// callback to /interactions/{id}/{token}/callback.
	call := Call{Method: "POST", Path: "/api/v10/interactions/" + id + "/" + token + "/callback", Header: resp.Header.Clone(), At: time.Now(),
		Kind: KindCallback, InteractionID: id, RawJSON: answer}
	_ = json.Unmarshal(answer, &call.JSON)
	s.mu.Lock()
	rep := s.callback(&call, id, token)
	if rep.body != nil {
		call.ResponseBody, _ = json.Marshal(rep.body)
	}
	call.Status = rep.status
	s.calls = append(s.calls, call)
	s.notifyLocked()
	s.mu.Unlock()
	if rep.status >= 400 {
		s.logf("discordtest: endpoint's initial response refused: %d %s", rep.status, call.ResponseBody)
	}
	return resp.StatusCode
}

// signedPost posts body with Discord's signature headers.
func signedPost(endpoint string, key ed25519.PrivateKey, body []byte) (*http.Request, *http.Response, error) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := make([]byte, ed25519.SignatureSize)
	if key != nil {
		sig = ed25519.Sign(key, append([]byte(ts), body...))
	}
	req, err := http.NewRequest("POST", endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	return req, resp, err
}
