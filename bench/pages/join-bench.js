/* global window, document, location, customElements, MutationObserver */
// bench/join.bench.ts: time from pressing Join to the first decoded frame of another participant's
// camera, for <convene-room> (the built embed; Join pressed after the visitor's seconds in
// pre-join, `?prejoin=<ms>`) and for a plain livekit-client script (loaded with the page) doing the
// same token fetch, connect, camera and microphone publish and subscribe when asked to.
// `window.measure(room)` resolves with the milliseconds and each step's time since the press
// (`steps`), read by the same probes on both pages: the signalling socket, the peer connection (its offer, ICE, DTLS),
// LiveKit's room events, the remote video element and its first frame (requestVideoFrameCallback).

/** Each step's first time (performance.now()); `t0` is the press. */
const marks = {};
let t0 = Infinity;
const mark = (name, at = performance.now()) => {
  if (at >= t0 && !(name in marks)) marks[name] = at;
};
/** The same step again: its second time, third… (`name #2`). */
const markEach = (name) => {
  let n = 1;
  while (`${name}${n > 1 ? ` #${n}` : ''}` in marks) n++;
  if (n <= 3) mark(`${name}${n > 1 ? ` #${n}` : ''}`);
};
/** The field number of a LiveKit signal message (SignalRequest or SignalResponse: its oneof's field). */
const field = (data) =>
  (data instanceof ArrayBuffer ? new Uint8Array(data)[0] : ArrayBuffer.isView(data) ? data[0] : 0) >> 3;

// The signalling socket: opened, the join's answer, and what the page asks of the SFU after it
// (LiveKit's SignalRequest fields by number: 7 track settings, 10 layers, 4 add track, 2 answer, 1 offer).
const REQUESTS = { 1: 'offer', 2: 'answer', 4: 'addTrack', 7: 'trackSetting', 10: 'updateLayers' };
// What the SFU says (SignalResponse fields: 1 join, 2 answer, 3 offer, 13 stream state, 23 track subscribed).
const RESPONSES = { 1: 'join', 2: 'answer', 3: 'offer', 13: 'streamState', 23: 'trackSubscribed' };
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    mark('socket');
    this.addEventListener('open', () => mark('socket open'));
    this.addEventListener('message', (e) => {
      const name = RESPONSES[field(e.data)];
      if (name) markEach(`got ${name}`);
    });
  }
  send(data) {
    const name = REQUESTS[field(data)];
    if (name) markEach(`sent ${name}`);
    return super.send(data);
  }
};
// The peer connection(s): made, first remote video track, connected.
const NativePC = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePC {
  constructor(...args) {
    super(...args);
    mark('pc');
    this.addEventListener('track', ({ track }) => {
      if (track.kind !== 'video') return;
      mark('pc video track');
      // Its first packets (a track without any is muted).
      track.addEventListener('unmute', () => mark('video packets'), { once: true });
    });
    this.addEventListener('connectionstatechange', () => this.connectionState === 'connected' && mark('pc connected'));
    this.addEventListener('iceconnectionstatechange', () => mark(`ice ${this.iceConnectionState}`));
    this.addEventListener('icecandidate', ({ candidate }) => candidate && mark('local candidate'));
  }
  createOffer(...args) {
    mark('createOffer');
    return super.createOffer(...args).then((r) => (mark('offer made'), r));
  }
  setLocalDescription(...args) {
    return super.setLocalDescription(...args).then((r) => {
      // The DTLS handshake, on the transport the bundle uses.
      const dtls = this.getTransceivers()[0]?.receiver.transport ?? this.sctp?.transport;
      dtls?.addEventListener('statechange', () => dtls.state === 'connected' && mark('dtls connected'));
      return r;
    });
  }
  addIceCandidate(...args) {
    mark('remote candidate');
    return super.addIceCandidate(...args);
  }
};

// The LiveKit room made: its constructor listens for device changes (nothing else on these pages does after the press).
const listen = navigator.mediaDevices.addEventListener.bind(navigator.mediaDevices);
navigator.mediaDevices.addEventListener = (type, ...rest) => {
  if (type === 'devicechange') mark('room created');
  return listen(type, ...rest);
};

/** The main thread's long tasks after the press: [start, duration] since the press. */
const longTasks = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries())
    if (task.startTime >= t0) longTasks.push([Math.round(task.startTime - t0), Math.round(task.duration)]);
}).observe({ type: 'longtask' });

/** Resolves with the video's first frame's time, and marks when its bytes arrived. */
function firstFrame(video) {
  return new Promise((resolve) => {
    video.requestVideoFrameCallback((now, meta) => {
      if (meta.receiveTime) mark('frame received', meta.receiveTime);
      mark('first frame', now);
      resolve(now);
    });
  });
}

/** LiveKit's events of `room` as steps (names as the bench reports them). */
function watchRoom(room) {
  room.on('signalConnected', () => mark('signal connected'));
  room.on('connected', () => mark('connected'));
  room.on('trackSubscribed', (track) => track.kind === 'video' && mark('track subscribed'));
}

/** How long the visitor spends in pre-join before pressing Join (`?prejoin=<ms>`, 3 s by default). */
const PREJOIN_MS = Number(new URLSearchParams(location.search).get('prejoin') ?? 3000);

/** Resolves once `find()` returns something, checked on every change under `root` (at most 20 s). */
function until(root, find) {
  return new Promise((resolve, reject) => {
    const found = find();
    if (found) return resolve(found);
    const timer = setTimeout(() => (observer.disconnect(), reject(new Error('not found in 20 s'))), 20_000);
    const observer = new MutationObserver(() => {
      const now = find();
      if (!now) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(now);
    });
    observer.observe(root, { childList: true, subtree: true });
  });
}

async function measureElement(room) {
  // The page has the embed before anyone joins (`?dist=` for another build of it).
  await import(`${new URLSearchParams(location.search).get('dist') ?? ''}/convene.js`);
  const el = document.createElement('convene-room');
  el.setAttribute('server', '/');
  el.setAttribute('space', 'river-coop');
  el.setAttribute('room', room);
  el.setAttribute('name', 'Bench');
  document.body.append(el);
  await customElements.whenDefined('convene-room'); // the room's chunk loads once the page has one
  window.benchRoom = el;
  await el.updateComplete;
  // Pre-join, as a visitor meets it: the camera preview starts, the element readies the join.
  const join = await until(el.shadowRoot, () => el.shadowRoot.querySelector('form button[type="submit"]'));
  await new Promise((resolve) => setTimeout(resolve, PREJOIN_MS));
  const video = until(el.shadowRoot, () => el.shadowRoot.querySelector('[data-local="false"] video'));
  el.addEventListener('convene-joined', () => mark('connect resolved'));
  t0 = performance.now();
  join.click();
  // The LiveKit room, as soon as the session makes it (checked every task; no event says so).
  void (async () => {
    while (!el.session?.room && performance.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 0));
    if (el.session?.room) watchRoom(el.session.room);
  })();
  const remote = await video;
  mark('element attached');
  const t1 = await firstFrame(remote);
  return { ms: t1 - t0, steps: steps() };
}

async function measurePlain(room) {
  // A page with livekit-client loaded before anyone joins (as a static import would have it).
  const { Room, RoomEvent, Track } = await import('/vendor/livekit-client.mjs');
  await new Promise((resolve) => setTimeout(resolve, 100));
  t0 = performance.now();
  const response = await fetch(`/api/spaces/river-coop/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room_name: room, participant_name: 'Bench' }),
  });
  const { server_url: url, participant_token: token } = await response.json();
  mark('token ready');
  const lkRoom = new Room({ adaptiveStream: true, dynacast: true });
  window.benchRoom = lkRoom;
  watchRoom(lkRoom);
  let frame;
  lkRoom.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind !== Track.Kind.Video || frame) return;
    let remote;
    if (new URLSearchParams(location.search).has('visible')) {
      remote = document.createElement('video');
      remote.style.width = '640px';
      remote.style.height = '360px';
      document.body.append(remote);
      track.attach(remote);
    } else {
      remote = track.attach();
      remote.muted = true;
      remote.style.width = '640px';
      document.body.append(remote);
    }
    mark('element attached');
    frame = firstFrame(remote);
  });
  await lkRoom.connect(url, token);
  mark('connect resolved');
  await lkRoom.localParticipant.enableCameraAndMicrophone();
  mark('published');
  while (!frame) await new Promise((r) => setTimeout(r, 5));
  const t1 = await frame;
  return { ms: t1 - t0, steps: steps() };
}

/** Each step's milliseconds since the press. */
function steps() {
  const busy = longTasks.filter(([start]) => start < marks['first frame'] - t0);
  marks['long tasks'] = t0 + busy.reduce((sum, [, duration]) => sum + duration, 0);
  window.longTasks = busy;
  return Object.fromEntries(Object.entries(marks).map(([name, at]) => [name, at - t0]));
}

window.measure = (room) =>
  location.pathname.endsWith('join-element.html') ? measureElement(room) : measurePlain(room);
window.leave = async () => {
  const room = window.benchRoom;
  if (room && 'leave' in room) await room.leave();
  else await room?.disconnect();
};
