/* global window, document, location, requestAnimationFrame, customElements */
// bench/join.bench.ts: time from "join" to the first decoded frame of another participant's
// camera, for <convene-room> (the built embed; Join pressed after the visitor's seconds in
// pre-join, `?prejoin=<ms>`) and for a plain livekit-client script (loaded with the page) doing
// the same token fetch, connect, camera and microphone publish and subscribe when asked to.
// `window.measure(room)` resolves with milliseconds.

/** Resolves when `find()` returns a video that has decoded a frame (checked every frame). */
function firstFrame(find) {
  return new Promise((resolve) => {
    const check = () => {
      const video = find();
      if (video && video.readyState >= 2 && video.videoWidth > 0) resolve(performance.now());
      else requestAnimationFrame(check);
    };
    check();
  });
}

/** Resolves once `find()` returns something (checked every frame, for at most 20 s). */
function until(find) {
  const deadline = performance.now() + 20_000;
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = find();
      if (found) resolve(found);
      else if (performance.now() > deadline) reject(new Error('not found in 20 s'));
      else requestAnimationFrame(check);
    };
    check();
  });
}

/** How long the visitor spends in pre-join before pressing Join (`?prejoin=<ms>`, 3 s by default). */
const PREJOIN_MS = Number(new URLSearchParams(location.search).get('prejoin') ?? 3000);

async function measureElement(room) {
  await import('/convene.js'); // the page has the embed before anyone joins
  const el = document.createElement('convene-room');
  el.setAttribute('server', '/');
  el.setAttribute('space', 'river-coop');
  el.setAttribute('room', room);
  el.setAttribute('name', 'Bench');
  document.body.append(el);
  await customElements.whenDefined('convene-room'); // the room's chunk loads once the page has one
  window.benchRoom = el;
  // Pre-join, as a visitor meets it: the camera preview starts, the element readies the join.
  const join = await until(() => el.shadowRoot?.querySelector('form button[type="submit"]'));
  await new Promise((resolve) => setTimeout(resolve, PREJOIN_MS));
  const t0 = performance.now();
  el.addEventListener('convene-joined', () => (window.connectedAt = performance.now() - t0));
  join.click();
  const t1 = await firstFrame(() => el.shadowRoot?.querySelector('[data-local="false"] video'));
  return t1 - t0;
}

async function measurePlain(room) {
  // A page with livekit-client loaded before anyone joins (as a static import would have it).
  const { Room, RoomEvent, Track } = await import('/vendor/livekit-client.mjs');
  await new Promise((resolve) => setTimeout(resolve, 100));
  const t0 = performance.now();
  const response = await fetch(`/api/spaces/river-coop/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room_name: room, participant_name: 'Bench' }),
  });
  const { server_url: url, participant_token: token } = await response.json();
  const lkRoom = new Room({ adaptiveStream: true, dynacast: true });
  window.benchRoom = lkRoom;
  let remote;
  lkRoom.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind !== Track.Kind.Video) return;
    remote = track.attach();
    remote.muted = true;
    remote.style.width = '640px';
    document.body.append(remote);
  });
  const frame = firstFrame(() => remote);
  await lkRoom.connect(url, token);
  window.connectedAt = performance.now() - t0;
  await lkRoom.localParticipant.enableCameraAndMicrophone();
  const t1 = await frame;
  return t1 - t0;
}

window.measure = (room) =>
  location.pathname.endsWith('join-element.html') ? measureElement(room) : measurePlain(room);
window.leave = async () => {
  const room = window.benchRoom;
  if (room && 'leave' in room) await room.leave();
  else await room?.disconnect();
};
