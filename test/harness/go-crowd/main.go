// go-crowd: a crowd of listeners in LiveKit rooms that receive audio without decoding it.
//
// Each listener is a real LiveKit client (LiveKit's Go SDK on pion): it joins with a token,
// subscribes to every track (auto-subscribe), and reads the RTP packets of each track it is sent,
// counting them; nothing is decoded (pion only decrypts SRTP) and nothing is ever published.
// One process holds hundreds. test/harness/go-crowd.ts drives it, one JSON object a line:
//
//	stdin:  {"join": {"url": "ws://…", "token": "…", "id": "…"}}
//	        {"count": true}   how many packets each listener has received from each participant
//	        {"leave": true}   every listener leaves, then the process exits (so does end of stdin)
//	stdout: {"joined": id} | {"failed": id, "error": "…"}
//	        {"heard": id, "from": identity}   once a listener has received HeardAfter RTP packets
//	                                          of audio from that participant
//	        {"disconnected": id}              a listener's room ended without being asked to
//	        {"count": {id: {identity: packets}}} | {"left": n}
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"log"
	"os"
	"sync"
	"time"

	"github.com/go-logr/logr"
	"github.com/go-logr/stdr"
	protoLogger "github.com/livekit/protocol/logger"
	lksdk "github.com/livekit/server-sdk-go/v2"
	"github.com/pion/webrtc/v4"
)

// HeardAfter is how many RTP packets of a participant's audio make a listener report hearing it.
const HeardAfter = 10

// JoinTimeout bounds one join (signal, then the peer connection).
const JoinTimeout = 20 * time.Second

var (
	out   = json.NewEncoder(os.Stdout)
	outMu sync.Mutex
)

func send(message map[string]any) {
	outMu.Lock()
	defer outMu.Unlock()
	_ = out.Encode(message)
}

type listener struct {
	id      string
	room    *lksdk.Room
	mu      sync.Mutex
	packets map[string]int // participant identity → RTP packets received
	leaving bool
}

var (
	listeners   = map[string]*listener{}
	listenersMu sync.Mutex
)

// read counts one subscribed track's packets until it ends.
func (l *listener) read(track *webrtc.TrackRemote, from string) {
	audio := track.Kind() == webrtc.RTPCodecTypeAudio
	buffer := make([]byte, 1500)
	for {
		if _, _, err := track.Read(buffer); err != nil {
			return
		}
		if !audio {
			continue
		}
		l.mu.Lock()
		l.packets[from]++
		heard := l.packets[from] == HeardAfter
		l.mu.Unlock()
		if heard {
			send(map[string]any{"heard": l.id, "from": from})
		}
	}
}

func join(url, token, id string) {
	l := &listener{id: id, packets: map[string]int{}}
	callback := lksdk.NewRoomCallback()
	callback.OnTrackSubscribed = func(track *webrtc.TrackRemote, _ *lksdk.RemoteTrackPublication, rp *lksdk.RemoteParticipant) {
		go l.read(track, rp.Identity())
	}
	callback.OnDisconnected = func() {
		l.mu.Lock()
		leaving := l.leaving
		l.mu.Unlock()
		if !leaving {
			send(map[string]any{"disconnected": id})
		}
	}
	l.room = lksdk.NewRoom(callback)
	ctx, cancel := context.WithTimeout(context.Background(), JoinTimeout)
	defer cancel()
	err := l.room.JoinWithContextAndToken(ctx, url, token, lksdk.WithAutoSubscribe(true))
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		l.mu.Lock()
		l.leaving = true
		l.mu.Unlock()
		l.room.Disconnect()
		send(map[string]any{"failed": id, "error": err.Error()})
		return
	}
	listenersMu.Lock()
	previous := listeners[id]
	listeners[id] = l
	listenersMu.Unlock()
	if previous != nil {
		previous.leave()
	}
	send(map[string]any{"joined": id})
}

func (l *listener) leave() {
	l.mu.Lock()
	l.leaving = true
	l.mu.Unlock()
	l.room.Disconnect()
}

func count() {
	listenersMu.Lock()
	defer listenersMu.Unlock()
	counts := map[string]map[string]int{}
	for id, l := range listeners {
		l.mu.Lock()
		counts[id] = map[string]int{}
		for from, n := range l.packets {
			counts[id][from] = n
		}
		l.mu.Unlock()
	}
	send(map[string]any{"count": counts})
}

func leaveAll() {
	listenersMu.Lock()
	all := listeners
	listeners = map[string]*listener{}
	listenersMu.Unlock()
	var wg sync.WaitGroup
	for _, l := range all {
		wg.Add(1)
		go func() { defer wg.Done(); l.leave() }()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
	send(map[string]any{"left": len(all)})
}

// errorsOnly passes a logger's errors on and drops everything else (the SDK logs each connection).
type errorsOnly struct{ logr.LogSink }

func (errorsOnly) Enabled(int) bool { return false }
func (s errorsOnly) WithValues(kv ...any) logr.LogSink {
	return errorsOnly{s.LogSink.WithValues(kv...)}
}
func (s errorsOnly) WithName(name string) logr.LogSink { return errorsOnly{s.LogSink.WithName(name)} }

func main() {
	lksdk.SetLogger(protoLogger.LogRLogger(logr.New(errorsOnly{stdr.New(log.New(os.Stderr, "go-crowd: ", log.LstdFlags)).GetSink()})))
	input := bufio.NewScanner(os.Stdin)
	input.Buffer(make([]byte, 64*1024), 1024*1024)
	for input.Scan() {
		var request struct {
			Join *struct {
				URL   string `json:"url"`
				Token string `json:"token"`
				ID    string `json:"id"`
			} `json:"join"`
			Count bool `json:"count"`
			Leave bool `json:"leave"`
		}
		if err := json.Unmarshal(input.Bytes(), &request); err != nil {
			send(map[string]any{"error": err.Error()})
			continue
		}
		switch {
		case request.Join != nil:
			go join(request.Join.URL, request.Join.Token, request.Join.ID)
		case request.Count:
			count()
		case request.Leave:
			leaveAll()
			return
		default:
			send(map[string]any{"error": errors.New("unknown request").Error()})
		}
	}
	leaveAll()
}
